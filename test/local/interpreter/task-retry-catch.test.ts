import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/json.js";
import { errorMatches, retryDelayMs, TaskFailed } from "../../../src/local/interpreter/index.js";
import { execute, TestHost } from "./test-host.js";

function failing(times: number, error = "Boom", result: JsonValue = "ok") {
  let calls = 0;
  return () => {
    calls++;
    if (calls <= times) throw new TaskFailed(error, `failure ${calls}`);
    return result;
  };
}

describe("Task", () => {
  it("sends the effective input, timeouts and token to the host and processes the result", async () => {
    const host = new TestHost({ "arn:fn.waitForTaskToken": (input) => ({ got: input, extra: 1 }) });
    const definition = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "arn:fn.waitForTaskToken",
          InputPath: "$.in",
          Parameters: { "x.$": "$.x", "token.$": "$$.Task.Token" },
          TimeoutSecondsPath: "$.t",
          HeartbeatSeconds: 5,
          ResultSelector: { "value.$": "$.got.x" },
          ResultPath: "$.in.result",
          OutputPath: "$.in",
          End: true,
        },
      },
    };
    const result = await execute(definition, { in: { x: 7, t: 30 } }, host);
    expect(result.output).toEqual({ x: 7, t: 30, result: { value: 7 } });
    const request = host.requests[0]!;
    expect(request).toMatchObject({
      stateName: "T",
      resource: "arn:fn.waitForTaskToken",
      input: { x: 7, token: "token-1" },
      timeoutSeconds: 30,
      heartbeatSeconds: 5,
      taskToken: "token-1",
      executionArn: "arn:aws:states:us-east-1:123456789012:execution:machine:run1",
    });
    expect(host.types()).toEqual(["TaskStateEntered", "TaskScheduled", "TaskSucceeded", "TaskStateExited"]);
    expect(host.events.map((e) => e.previousEventId)).toEqual([0, 0, 2, 3, 4]);
  });

  it("a bad TimeoutSecondsPath value is States.Runtime", async () => {
    const host = new TestHost({ r: () => 1 });
    const result = await execute({ StartAt: "T", States: { T: { Type: "Task", Resource: "r", TimeoutSecondsPath: "$.t", End: true } } }, { t: "x" }, host);
    expect(result.error).toBe("States.Runtime");
    expect(host.requests).toHaveLength(0);
  });
});

describe("Retry", () => {
  it("computes IntervalSeconds × BackoffRate^n capped at MaxDelaySeconds, with FULL jitter", () => {
    const retrier = { ErrorEquals: ["States.ALL"], IntervalSeconds: 2, BackoffRate: 3, MaxDelaySeconds: 10 };
    expect([0, 1, 2, 3].map((n) => retryDelayMs(retrier, n, () => 0))).toEqual([2000, 6000, 10000, 10000]);
    expect(retryDelayMs({ ErrorEquals: ["X"] }, 2, () => 0)).toBe(4000); // defaults: 1 s, rate 2
    expect(retryDelayMs({ ...retrier, JitterStrategy: "FULL" }, 1, () => 0.25)).toBe(1500);
    expect(retryDelayMs({ ...retrier, JitterStrategy: "NONE" }, 1, () => 0.25)).toBe(6000);
  });

  it("retries with the computed delays on the host clock, then succeeds", async () => {
    const host = new TestHost({ r: failing(2) });
    const definition = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "r",
          Parameters: { "attempt.$": "$$.State.RetryCount" },
          Retry: [{ ErrorEquals: ["Boom"], IntervalSeconds: 3, BackoffRate: 1.5, MaxAttempts: 5 }],
          End: true,
        },
      },
    };
    const result = await execute(definition, {}, host);
    expect(result.status).toBe("SUCCEEDED");
    expect(host.sleeps).toEqual([3000, 4500]);
    expect(host.requests.map((r) => r.input)).toEqual([{ attempt: 0 }, { attempt: 1 }, { attempt: 2 }]);
    expect(host.clock - Date.parse("2024-01-01T00:00:00.000Z")).toBe(7500);
  });

  it("MaxAttempts 0 never retries; an exhausted retrier does not fall through to later ones", async () => {
    const host = new TestHost({ r: failing(10) });
    const result = await execute(
      {
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "r",
            Retry: [{ ErrorEquals: ["Boom"], MaxAttempts: 0 }, { ErrorEquals: ["States.ALL"], MaxAttempts: 5 }],
            End: true,
          },
        },
      },
      {},
      host,
    );
    expect(result).toMatchObject({ status: "FAILED", error: "Boom", cause: "failure 1" });
    expect(host.requests).toHaveLength(1);
  });

  it("gives up after MaxAttempts retries", async () => {
    const host = new TestHost({ r: failing(10) });
    const result = await execute(
      { StartAt: "T", States: { T: { Type: "Task", Resource: "r", Retry: [{ ErrorEquals: ["States.TaskFailed"], MaxAttempts: 2 }], End: true } } },
      {},
      host,
    );
    expect(result.cause).toBe("failure 3");
    expect(host.sleeps).toEqual([1000, 2000]);
  });
});

describe("error name matching", () => {
  it("follows the States Language wildcard rules", () => {
    expect(errorMatches(["States.ALL"], "Custom")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "Custom")).toBe(true);
    expect(errorMatches(["States.TaskFailed"], "States.Timeout")).toBe(false);
    expect(errorMatches(["States.ALL"], "States.Timeout")).toBe(true);
    expect(errorMatches(["States.ALL"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.Runtime"], "States.Runtime")).toBe(false);
    expect(errorMatches(["States.ALL"], "States.DataLimitExceeded")).toBe(false);
    expect(errorMatches(["States.DataLimitExceeded"], "States.DataLimitExceeded")).toBe(true);
    expect(errorMatches(["A", "B"], "B")).toBe(true);
  });
});

describe("Catch", () => {
  const definition = (catcher: object) => ({
    StartAt: "T",
    States: {
      T: { Type: "Task", Resource: "r", Catch: [{ ErrorEquals: ["Other"], Next: "Never" }, { ErrorEquals: ["States.ALL"], Next: "H", ...catcher }], End: true },
      H: { Type: "Pass", End: true },
      Never: { Type: "Fail" },
    },
  });

  it("replaces the input with {Error, Cause} by default and goes to Next", async () => {
    const host = new TestHost({ r: failing(1, "Boom") });
    const result = await execute(definition({}), { a: 1 }, host);
    expect(result.output).toEqual({ Error: "Boom", Cause: "failure 1" });
    expect(host.types()).toEqual(["TaskStateEntered", "TaskScheduled", "TaskStateExited", "PassStateEntered", "PassStateExited"]);
  });

  it("places the error at ResultPath and assigns variables from it", async () => {
    const host = new TestHost({ r: failing(1, "Boom") });
    const def = definition({ ResultPath: "$.error", Assign: { "lastError.$": "$.Error" } });
    (def.States as Record<string, object>)["H"] = { Type: "Pass", Parameters: { "e.$": "$lastError", "in.$": "$" }, End: true };
    const result = await execute(def, { a: 1 }, host);
    expect(result.output).toEqual({ e: "Boom", in: { a: 1, error: { Error: "Boom", Cause: "failure 1" } } });
  });

  it("ResultPath null keeps the original input", async () => {
    const host = new TestHost({ r: failing(1) });
    expect((await execute(definition({ ResultPath: null }), { a: 1 }, host)).output).toEqual({ a: 1 });
  });

  it("retries first, then catches", async () => {
    const host = new TestHost({ r: failing(5) });
    const def = definition({});
    (def.States.T as Record<string, unknown>)["Retry"] = [{ ErrorEquals: ["Boom"], MaxAttempts: 1, IntervalSeconds: 1 }];
    const result = await execute(def, {}, host);
    expect(result.output).toEqual({ Error: "Boom", Cause: "failure 2" });
    expect(host.requests).toHaveLength(2);
  });

  it("does not catch States.Runtime", async () => {
    const host = new TestHost({ r: () => "x" });
    const def = definition({});
    (def.States.T as Record<string, unknown>)["OutputPath"] = "$.missing";
    expect((await execute(def, {}, host)).error).toBe("States.Runtime");
  });
});

describe("Fail", () => {
  it("fails with Error and Cause, literal or by path or intrinsic", async () => {
    expect(await execute({ StartAt: "F", States: { F: { Type: "Fail", Error: "E", Cause: "C" } } })).toMatchObject({ status: "FAILED", error: "E", cause: "C" });
    const byPath = await execute(
      { StartAt: "F", States: { F: { Type: "Fail", ErrorPath: "$.e", CausePath: "States.Format('bad {}', $.n)" } } },
      { e: "Err", n: 3 },
    );
    expect(byPath).toMatchObject({ error: "Err", cause: "bad 3" });
    const plain = await execute({ StartAt: "F", States: { F: { Type: "Fail" } } });
    expect(plain.error).toBeUndefined();
    expect(plain.host.types()).toEqual(["FailStateEntered"]);
  });
});
