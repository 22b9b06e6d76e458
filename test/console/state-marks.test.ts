import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateActivityCommand, CreateStateMachineCommand, StartExecutionCommand, GetExecutionHistoryCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../src/local/index.js";
import { stateMarks, type MarkedEvent } from "../../src/local/console/state-marks.js";
import type { JsonObject } from "../../src/json.js";
import { ROLE, startEngine, untilEvent } from "../local/helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
beforeAll(async () => {
  ({ engine, sfn } = await startEngine({ runExecution: undefined, timeScale: 0.001 }));
  let calls = 0;
  engine.registerLambda("flaky", async () => {
    calls++;
    if (calls === 1) throw Object.assign(new Error("once"), { name: "Flaky" });
    return { ok: true };
  });
  engine.registerLambda("boom", async () => {
    throw Object.assign(new Error("always"), { name: "Boom" });
  });
});
afterAll(() => engine.close());

const lambda = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

async function run(definition: JsonObject, input: JsonObject = {}): Promise<{ events: MarkedEvent[]; running: boolean; executionArn: string }> {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: `m${Math.random().toString(36).slice(2)}`, definition: JSON.stringify(definition), roleArn: ROLE }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  await engine.whenExecutionEnds(executionArn!);
  return { events: await history(executionArn!), running: false, executionArn: executionArn! };
}

async function history(executionArn: string): Promise<MarkedEvent[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return events!.map((event) => {
    const key = Object.keys(event).find((k) => k.endsWith("EventDetails"));
    const details = key === undefined ? undefined : ((event as unknown as Record<string, unknown>)[key] as JsonObject);
    return { id: event.id!, previousEventId: event.previousEventId ?? 0, type: event.type!, ...(details ? { details } : {}) };
  });
}

describe("state marks from a history", () => {
  it("a Choice, a Parallel with a retried Task and a caught one, a not-run branch of the Choice", async () => {
    const { events } = await run(
      {
        StartAt: "Pick",
        States: {
          Pick: { Type: "Choice", Choices: [{ Variable: "$.go", BooleanEquals: true, Next: "Fan" }], Default: "Nope" },
          Nope: { Type: "Fail", Error: "X" },
          Fan: {
            Type: "Parallel",
            Branches: [
              { StartAt: "Flaky", States: { Flaky: { Type: "Task", Resource: lambda("flaky"), Retry: [{ ErrorEquals: ["Flaky"], IntervalSeconds: 1 }], End: true } } },
              { StartAt: "Boom", States: { Boom: { Type: "Task", Resource: lambda("boom"), Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }], End: true }, Handled: { Type: "Pass", End: true } } },
            ],
            Next: "Done",
          },
          Done: { Type: "Succeed" },
        },
      },
      { go: true },
    );
    expect(Object.fromEntries(stateMarks(events, false))).toEqual({
      Pick: { status: "succeeded" },
      Fan: { status: "succeeded" },
      Flaky: { status: "succeeded", retried: true },
      Boom: { status: "caught" },
      Handled: { status: "succeeded" },
      Done: { status: "succeeded" },
    });
  });

  it("a failed execution: the failing state and the Fail state are failed, a caught Parallel is caught", async () => {
    const failing = await run({
      StartAt: "Try",
      States: {
        Try: { Type: "Task", Resource: lambda("boom"), Retry: [{ ErrorEquals: ["Boom"], MaxAttempts: 1, IntervalSeconds: 1 }], End: true },
      },
    });
    expect(Object.fromEntries(stateMarks(failing.events, false))).toEqual({ Try: { status: "failed", retried: true } });
    const caught = await run({
      StartAt: "Fan",
      States: {
        Fan: { Type: "Parallel", Branches: [{ StartAt: "Stop", States: { Stop: { Type: "Fail", Error: "Inner" } } }], Catch: [{ ErrorEquals: ["Inner"], Next: "Last" }], Next: "Last" },
        Last: { Type: "Fail", Error: "Outer" },
      },
    });
    expect(Object.fromEntries(stateMarks(caught.events, false))).toEqual({ Fan: { status: "caught" }, Stop: { status: "failed" }, Last: { status: "failed" } });
  });

  it("an inline Map counts its iterations, failed ones apart, and its inner state takes the worst outcome", async () => {
    const { events } = await run(
      {
        StartAt: "Each",
        States: {
          Each: {
            Type: "Map",
            ItemsPath: "$.items",
            ItemProcessor: { StartAt: "Check", States: { Check: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: 1, Next: "Bad" }], Default: "Good" }, Good: { Type: "Pass", End: true }, Bad: { Type: "Fail", Error: "TooBig" } } },
            Catch: [{ ErrorEquals: ["TooBig"], Next: "After" }],
            Next: "After",
          },
          After: { Type: "Succeed" },
        },
      },
      { items: [0, 1, 2] },
    );
    const marks = Object.fromEntries(stateMarks(events, false));
    expect(marks["Each"]).toEqual({ status: "caught", iterations: { started: 3, failed: 1 } });
    expect(marks["Bad"]).toEqual({ status: "failed" });
    expect(marks["After"]).toEqual({ status: "succeeded" });
  });

  it("a state waiting for its activity is running while the execution runs", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "never-polled" }));
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: "waiting", definition: JSON.stringify({ StartAt: "First", States: { First: { Type: "Pass", Next: "Work" }, Work: { Type: "Task", Resource: activityArn, End: true } } }), roleArn: ROLE }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    await untilEvent(sfn, executionArn!, "ActivityScheduled");
    expect(Object.fromEntries(stateMarks(await history(executionArn!), true))).toEqual({ First: { status: "succeeded" }, Work: { status: "running" } });
  });
});
