/**
 * Issue 9, class 5: the Wait state as AWS runs it. Texts and outcomes from executions recorded
 * on AWS (SecondsPath -1 / -1.5 / 0 / 1 / 1.5, TimestampPath formats, a timestamp 24,856 days
 * ahead failing "Wait state delay is too long." while 24,855 days is accepted, the JSONata
 * Timestamp texts); long waits run on vitest's fake clock, not in real time.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import type { JsonValue } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";
import { untilEvent } from "../helpers.js";

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
  vi.useRealTimers();
});

const DAY_MS = 24 * 3600 * 1000;

function waitMachine(wait: object, language: "JSONPath" | "JSONata" = "JSONPath"): object {
  return {
    QueryLanguage: language,
    StartAt: "WaitState",
    States: { WaitState: { Type: "Wait", ...wait, End: true } },
  };
}

const PREFIX = "An error occurred while executing the state 'WaitState' (entered at the event id #2). ";
const FAILED_AT_ONCE = ["ExecutionStarted", "WaitStateEntered", "ExecutionFailed"];
const WAITED = ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"];

async function engine(): Promise<Conformance> {
  c = await conformance();
  return c;
}

describe("SecondsPath", () => {
  it.each<[JsonValue, string]>([
    [-1, "The SecondsPath parameter references a negative value: $.input.waitSeconds == -1"],
    [-1.5, "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == -1.5"],
    [1.5, "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 1.5"],
    ["5", "The SecondsPath parameter cannot be parsed as a long value: $.input.waitSeconds == 5"],
    [2 ** 31, "Wait state delay is too long."],
  ])("%j fails with States.Runtime: %s", async (seconds, cause) => {
    const outcome = await (await engine()).run(waitMachine({ SecondsPath: "$.input.waitSeconds" }), { input: { waitSeconds: seconds } });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: PREFIX + cause });
    expect(outcome.events).toEqual(FAILED_AT_ONCE);
  });

  it("a path that matches nothing fails with AWS's text", async () => {
    const outcome = await (await engine()).run(waitMachine({ SecondsPath: "$.input.waitSeconds" }), { input: {} });
    expect(outcome).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: PREFIX + "The SecondsPath parameter does not reference an input value: $.input.waitSeconds",
    });
    expect(outcome.events).toEqual(FAILED_AT_ONCE);
  });

  it.each([0, 1])("%d waits and succeeds", async (seconds) => {
    c = await conformance({ timeScale: 0.001 });
    const outcome = await c.run(waitMachine({ SecondsPath: "$.input.waitSeconds" }), { input: { waitSeconds: seconds } });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { input: { waitSeconds: seconds } } });
    expect(outcome.events).toEqual(WAITED);
  });
});

describe("TimestampPath", () => {
  it.each(["2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252Z", "2016-03-14T01:59:00.00Z", "2016-03-14T02:59:00+01:00"])(
    "%s (in the past) succeeds at once",
    async (timestamp) => {
      const outcome = await (await engine()).run(waitMachine({ TimestampPath: "$.TimestampValue" }), { TimestampValue: timestamp });
      expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { TimestampValue: timestamp } });
      expect(outcome.events).toEqual(WAITED);
    },
  );

  it.each(["2016-12-05 21:29:29Z", "2016-12-05T21:29:29", "2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "05-12-2016T21:29:29Z", "2016-12-05T21:29:29.000000"])(
    "%s fails with States.Runtime",
    async (timestamp) => {
      const outcome = await (await engine()).run(waitMachine({ TimestampPath: "$.TimestampValue" }), { TimestampValue: timestamp });
      expect(outcome).toMatchObject({
        status: "FAILED",
        error: "States.Runtime",
        cause: PREFIX + `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == ${timestamp}`,
      });
      expect(outcome.events).toEqual(FAILED_AT_ONCE);
    },
  );

  it("a timestamp 24,856 days ahead fails: Wait state delay is too long.", async () => {
    const at = new Date(Date.now() + 24_856 * DAY_MS).toISOString();
    const outcome = await (await engine()).run(waitMachine({ TimestampPath: "$.start_at" }), { start_at: at });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: PREFIX + "Wait state delay is too long." });
    expect(outcome.events).toEqual(FAILED_AT_ONCE);
  });
});

describe("JSONata Seconds and Timestamp", () => {
  it.each(["2016-12-05 21:29:29Z", "2016-12-05T21:29:29", "2016-13-05T21:29:29Z", "2016-12-05T25:29:29Z", "05-12-2016T21:29:29Z"])(
    "Timestamp %s fails with States.QueryEvaluationError",
    async (timestamp) => {
      const outcome = await (await engine()).run(waitMachine({ Timestamp: "{% $states.input.TimestampValue %}" }, "JSONata"), { TimestampValue: timestamp });
      expect(outcome).toMatchObject({
        status: "FAILED",
        error: "States.QueryEvaluationError",
        cause: PREFIX + `The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${timestamp}`,
      });
      // AWS writes an EvaluationFailed event before ExecutionFailed here (issue 9, class 2).
      expect(outcome.events.filter((type) => type !== "EvaluationFailed")).toEqual(FAILED_AT_ONCE);
    },
  );

  it.each(["2016-03-14T01:59:00Z", "2016-03-05T21:29:29.243167252Z"])("Timestamp %s (in the past) succeeds", async (timestamp) => {
    const outcome = await (await engine()).run(waitMachine({ Timestamp: "{% $states.input.TimestampValue %}" }, "JSONata"), { TimestampValue: timestamp });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { TimestampValue: timestamp } });
    expect(outcome.events).toEqual(WAITED);
  });

  it("Seconds of 0 succeeds", async () => {
    const outcome = await (await engine()).run(waitMachine({ Seconds: "{% $states.input.waitSeconds %}" }, "JSONata"), { waitSeconds: 0 });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { waitSeconds: 0 } });
    expect(outcome.events).toEqual(WAITED);
  });

  it.each<[JsonValue, string]>([
    [-1, "The Seconds field references a negative value: -1"],
    [1.5, "The JSONata expression '$states.input.waitSeconds' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5"],
    ["1", "The JSONata expression '$states.input.waitSeconds' specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"1\""],
    [2 ** 31, "Wait state delay is too long."],
  ])("Seconds of %j fails with States.QueryEvaluationError", async (seconds, cause) => {
    const outcome = await (await engine()).run(waitMachine({ Seconds: "{% $states.input.waitSeconds %}" }, "JSONata"), { waitSeconds: seconds });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError", cause: PREFIX + cause });
    expect(outcome.events.filter((type) => type !== "EvaluationFailed")).toEqual(FAILED_AT_ONCE);
  });
});

describe("waits longer than Node's timer limit (about 24.8 days), on the fake clock", () => {
  async function status(executionArn: string): Promise<string> {
    return (await c!.sfn.send(new DescribeExecutionCommand({ executionArn }))).status!;
  }

  it.each<[string, object, JsonValue]>([
    ["Seconds", { Seconds: 30 * 24 * 3600 }, {}],
    ["SecondsPath", { SecondsPath: "$.s" }, { s: 30 * 24 * 3600 }],
  ])("a Wait of 30 days (%s) ends after 30 days, not at once", async (_, wait, input) => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    c = await conformance();
    const executionArn = await c.start(waitMachine(wait), input);
    await untilEvent(c.sfn, executionArn, "WaitStateEntered");

    await vi.advanceTimersByTimeAsync(30 * DAY_MS - 1000);
    expect(await status(executionArn)).toBe("RUNNING");

    await vi.advanceTimersByTimeAsync(1000);
    await c.engine.whenExecutionEnds(executionArn);
    const outcome = await c.outcome(executionArn);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: input });
    expect(outcome.events).toEqual(WAITED);
    const [entered, exited] = [outcome.history[1]!.timestamp!, outcome.history[2]!.timestamp!];
    expect(exited.getTime() - entered.getTime()).toBe(30 * DAY_MS);
  });

  it("a Timestamp 24,855 days ahead (AWS's longest) is waited for", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"], now: Date.parse("2026-01-01T00:00:00Z") });
    c = await conformance();
    const at = new Date(Date.now() + 24_855 * DAY_MS).toISOString();
    const executionArn = await c.start(waitMachine({ TimestampPath: "$.at" }), { at });
    await untilEvent(c.sfn, executionArn, "WaitStateEntered");

    await vi.advanceTimersByTimeAsync(24_855 * DAY_MS - 1000);
    expect(await status(executionArn)).toBe("RUNNING");
    await vi.advanceTimersByTimeAsync(1000);
    await c.engine.whenExecutionEnds(executionArn);
    expect((await c.outcome(executionArn)).status).toBe("SUCCEEDED");
  });
});
