import { describe, expect, it } from "vitest";
import { TaskFailed, testState } from "../../../src/local/interpreter/index.js";
import { TestHost } from "./test-host.js";

describe("testState", () => {
  it("reports output, next state and the inspection data of every JSONPath step", async () => {
    const host = new TestHost({ r: (input) => ({ echo: input }) });
    const result = await testState({
      state: {
        Type: "Task",
        Resource: "r",
        InputPath: "$.in",
        Parameters: { "x.$": "$.x" },
        ResultSelector: { "e.$": "$.echo" },
        ResultPath: "$.res",
        Next: "After",
      },
      input: { in: { x: 1 } },
      host,
      inspectionLevel: "DEBUG",
    });
    expect(result).toEqual({
      status: "SUCCEEDED",
      // ResultPath writes into the raw input, not the InputPath-filtered one.
      output: '{"in":{"x":1},"res":{"e":{"x":1}}}',
      nextState: "After",
      inspectionData: {
        input: '{"in":{"x":1}}',
        afterInputPath: '{"x":1}',
        afterParameters: '{"x":1}',
        result: '{"echo":{"x":1}}',
        afterResultSelector: '{"e":{"x":1}}',
        afterResultPath: '{"in":{"x":1},"res":{"e":{"x":1}}}',
      },
    });
  });

  it("INFO level has no inspection data; a failure is FAILED", async () => {
    const host = new TestHost({
      r: () => {
        throw new TaskFailed("Oops", "bad");
      },
    });
    expect(await testState({ state: { Type: "Task", Resource: "r", End: true }, input: {}, host })).toEqual({
      status: "FAILED",
      error: "Oops",
      cause: "bad",
    });
  });

  it("RETRIABLE when a retrier would retry, CAUGHT_ERROR when a catcher handles it", async () => {
    const host = new TestHost({
      r: () => {
        throw new TaskFailed("Oops", "bad");
      },
    });
    const retriable = await testState({
      state: { Type: "Task", Resource: "r", Retry: [{ ErrorEquals: ["Oops"], IntervalSeconds: 2 }], End: true },
      input: {},
      host,
      inspectionLevel: "DEBUG",
    });
    expect(retriable).toMatchObject({ status: "RETRIABLE", error: "Oops", inspectionData: { errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 2 } } });
    const caught = await testState({
      state: { Type: "Task", Resource: "r", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handler" }], End: true },
      input: {},
      host,
    });
    expect(caught).toEqual({
      status: "CAUGHT_ERROR",
      error: "Oops",
      cause: "bad",
      nextState: "Handler",
      output: '{"Error":"Oops","Cause":"bad"}',
    });
  });

  it("runs Choice and Wait (without waiting) with variables", async () => {
    const host = new TestHost();
    const choice = await testState({
      state: { Type: "Choice", Choices: [{ Variable: "$limit", NumericLessThan: 5, Next: "Low" }], Default: "High" },
      input: {},
      variables: { limit: 3 },
      host,
    });
    expect(choice).toMatchObject({ status: "SUCCEEDED", nextState: "Low" });
    const wait = await testState({ state: { Type: "Wait", Seconds: 1000, Next: "N" }, input: { a: 1 }, host });
    expect(wait).toEqual({ status: "SUCCEEDED", output: '{"a":1}', nextState: "N" });
    expect(host.sleeps).toEqual([]);
  });

  it("JSONata states report afterArguments and variables", async () => {
    const host = new TestHost({ r: () => 5 });
    const result = await testState({
      state: { Type: "Task", QueryLanguage: "JSONata", Resource: "r", Arguments: { n: "{% $x %}" }, Assign: { y: "{% $states.result %}" }, End: true },
      input: {},
      variables: { x: 1 },
      host,
      inspectionLevel: "TRACE",
    });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.inspectionData).toMatchObject({ afterArguments: '{"n":1}', result: "5", variables: '{"x":1,"y":5}' });
  });
});
