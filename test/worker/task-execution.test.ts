import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNServiceException,
} from "@aws-sdk/client-sfn";
import { CallableActivity, type ActivityFunction } from "../../src/activities/callable-activity.js";
import { SmartCallableActivity } from "../../src/activities/smart-callable-activity.js";
import type { JsonValue } from "../../src/json.js";
import { TaskExecution, describeFailure, serializeOutput } from "../../src/worker/task-execution.js";
import { TaskOutputNotJsonError, TaskOutputTooLargeError, TaskTokenDeadError } from "../../src/worker/errors.js";
import { WorkerCancel } from "../../src/errors.js";
import { connectionReset, deferred, invalidToken, mockedSession, serverError, taskDoesNotExist, taskTimedOut, throttling } from "./helpers.js";

const NO_WAIT = { initialDelay: 0, maxDelay: 0 };

function setup<O>(fn: ActivityFunction<JsonValue, O>, heartbeat = 20) {
  const { session, sfn } = mockedSession();
  const activity = new CallableActivity("addActivity", fn, { heartbeat, session });
  return { session, sfn, activity };
}

describe("TaskExecution", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs the function on the input and reports the JSON output", async () => {
    const { sfn, activity } = setup((input) => ({ sum: (input as { a: number; b: number }).a + (input as { a: number; b: number }).b }));
    sfn.on(SendTaskSuccessCommand).resolves({});
    const outcome = await new TaskExecution(activity, "tok-1", { a: 1, b: 2 }).run();
    expect(outcome).toEqual({ kind: "succeeded", output: '{"sum":3}' });
    expect(sfn.calls().map((c) => c.args[0].input)).toEqual([{ taskToken: "tok-1", output: '{"sum":3}' }]);
  });

  it("reports undefined as null and runs async functions", async () => {
    const { sfn, activity } = setup(async () => undefined);
    sfn.on(SendTaskSuccessCommand).resolves({});
    await new TaskExecution(activity, "tok", null).run();
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: "tok", output: "null" });
  });

  it("gives the function the token, a signal and heartbeat()", async () => {
    const { sfn, activity } = setup(async (_input, context) => {
      await context.heartbeat();
      return { token: context.taskToken, aborted: context.signal.aborted };
    });
    sfn.on(SendTaskHeartbeatCommand).resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});
    await new TaskExecution(activity, "tok-ctx", {}).run();
    expect(sfn.commandCalls(SendTaskHeartbeatCommand).map((c) => c.args[0].input)).toEqual([{ taskToken: "tok-ctx" }]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input.output).toBe('{"token":"tok-ctx","aborted":false}');
  });

  it("reports a thrown error with its name, and message and stack as cause", async () => {
    class AdditionError extends Error {
      override name = "AdditionError";
    }
    const { sfn, activity } = setup(() => {
      throw new AdditionError("cannot add a and b", { cause: new RangeError("b is negative") });
    });
    sfn.on(SendTaskFailureCommand).resolves({});
    const outcome = await new TaskExecution(activity, "tok-f", {}).run();
    const sent = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
    expect(sent.taskToken).toBe("tok-f");
    expect(sent.error).toBe("AdditionError");
    expect(sent.cause).toMatch(/^AdditionError: cannot add a and b\n\s+at /);
    expect(sent.cause).toContain("Caused by: RangeError: b is negative");
    expect(outcome).toEqual({ kind: "failed", error: "AdditionError", cause: sent.cause });
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });

  it("cuts error to 256 and cause to 32,768 characters", async () => {
    const error = new Error("x".repeat(40_000));
    error.name = "N".repeat(300);
    const { sfn, activity } = setup(() => {
      throw error;
    });
    sfn.on(SendTaskFailureCommand).resolves({});
    await new TaskExecution(activity, "tok", {}).run();
    const sent = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
    expect(sent.error).toBe("N".repeat(256));
    expect(sent.cause).toHaveLength(32_768);
  });

  it("describes thrown non-errors", () => {
    expect(describeFailure("boom")).toEqual({ error: "Error", cause: "non-Error value thrown: boom" });
    expect(describeFailure({ code: 7 })).toEqual({ error: "Error", cause: 'non-Error value thrown: {"code":7}' });
  });

  it("turns output that is not JSON into a task failure", async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    for (const bad of [10n, cyclic, () => 1]) {
      const { sfn, activity } = setup(() => bad);
      sfn.on(SendTaskFailureCommand).resolves({});
      const outcome = await new TaskExecution(activity, "tok", {}).run();
      expect(outcome.kind).toBe("failed");
      const sent = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
      expect(sent.error).toBe("TaskOutputNotJsonError");
      expect(sent.cause).toContain("cannot be serialised as JSON");
      expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    }
  });

  it("turns output over 256 KiB into a task failure, and allows exactly 256 KiB", async () => {
    expect(serializeOutput("a".repeat(262_144 - 2))).toHaveLength(262_144);
    expect(() => serializeOutput("a".repeat(262_144 - 1))).toThrow(TaskOutputTooLargeError);
    // Multi-byte characters count in UTF-8 bytes.
    expect(() => serializeOutput("é".repeat(131_072))).toThrow(/262146 bytes/);
    const { sfn, activity } = setup(() => ({ blob: "z".repeat(300_000) }));
    sfn.on(SendTaskFailureCommand).resolves({});
    await new TaskExecution(activity, "tok", {}).run();
    const sent = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
    expect(sent.error).toBe("TaskOutputTooLargeError");
    expect(sent.cause).toContain("task output is 300011 bytes of JSON, more than the 262144 bytes");
    expect(() => serializeOutput(10n)).toThrow(TaskOutputNotJsonError);
  });

  it("reports a failure when SFN refuses the output (InvalidOutput)", async () => {
    const { sfn, activity } = setup(() => 1);
    sfn.on(SendTaskSuccessCommand).rejects(new SFNServiceException({ name: "InvalidOutput", $fault: "client", message: "bad output", $metadata: {} }));
    sfn.on(SendTaskFailureCommand).resolves({});
    const outcome = await new TaskExecution(activity, "tok", {}).run();
    expect(outcome.kind).toBe("failed");
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(1);
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input.error).toBe("TaskOutputRefusedError");
  });

  it("fails the task when a smart activity's input lacks a required key", async () => {
    const { session, sfn } = mockedSession();
    const activity = new SmartCallableActivity("smart", ({ a }: { a: number }) => a, { fields: ["a"], session });
    sfn.on(SendTaskFailureCommand).resolves({});
    await new TaskExecution(activity, "tok", { b: 1 }).run();
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input.error).toBe("MissingInputError");
  });

  describe("heartbeats", () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });

    it("sends a heartbeat every `heartbeat` seconds while the function runs, and none after", async () => {
      const gate = deferred<string>();
      const { sfn, activity } = setup(() => gate.promise, 5);
      sfn.on(SendTaskHeartbeatCommand).resolves({});
      sfn.on(SendTaskSuccessCommand).resolves({});
      const running = new TaskExecution(activity, "tok-hb", {}).run();
      await vi.advanceTimersByTimeAsync(4_999);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(3);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand)[2]!.args[0].input).toEqual({ taskToken: "tok-hb" });
      gate.resolve("done");
      await expect(running).resolves.toEqual({ kind: "succeeded", output: '"done"' });
      await vi.advanceTimersByTimeAsync(60_000);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(3);
      expect(vi.getTimerCount()).toBe(0);
    });

    it.each([
      ["TaskTimedOut", taskTimedOut],
      ["TaskDoesNotExist", taskDoesNotExist],
      ["InvalidToken", invalidToken],
    ])("a heartbeat answered %s aborts the signal and stops every call for the task", async (code, makeError) => {
      const gate = deferred<number>();
      let signal: AbortSignal | undefined;
      const { sfn, activity } = setup((_input, context) => {
        signal = context.signal;
        return gate.promise;
      }, 2);
      sfn.on(SendTaskHeartbeatCommand).rejects(makeError());
      const running = new TaskExecution(activity, "tok-dead", {}).run();
      await vi.advanceTimersByTimeAsync(2_000);
      const outcome = await running;
      expect(outcome.kind).toBe("abandoned");
      expect(outcome.kind === "abandoned" && outcome.reason.code).toBe(code);
      expect(signal!.aborted).toBe(true);
      expect(signal!.reason).toBeInstanceOf(TaskTokenDeadError);
      gate.resolve(42); // the function finishing late sends nothing
      await vi.advanceTimersByTimeAsync(30_000);
      expect(sfn.calls()).toHaveLength(1);
    });

    it("context.heartbeat() rejects once the token is dead", async () => {
      const seen = deferred<unknown>();
      const { sfn, activity } = setup(async (_input, context) => {
        try {
          await context.heartbeat();
        } catch (error) {
          seen.resolve(error);
        }
        return 1;
      });
      sfn.on(SendTaskHeartbeatCommand).rejects(taskTimedOut());
      const outcome = await new TaskExecution(activity, "tok", {}).run();
      expect(outcome.kind).toBe("abandoned");
      await expect(seen.promise).resolves.toBeInstanceOf(TaskTokenDeadError);
      expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    });

    it("other heartbeat errors are reported and heartbeats go on", async () => {
      const gate = deferred<number>();
      const { sfn, activity } = setup(() => gate.promise, 1);
      sfn.on(SendTaskHeartbeatCommand).rejectsOnce(throttling()).resolves({});
      sfn.on(SendTaskSuccessCommand).resolves({});
      const errors: unknown[] = [];
      const running = new TaskExecution(activity, "tok", {}, { hooks: { heartbeatError: (e) => errors.push(e) } }).run();
      await vi.advanceTimersByTimeAsync(3_000);
      expect(errors).toHaveLength(1);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand)).toHaveLength(3);
      gate.resolve(1);
      await expect(running).resolves.toMatchObject({ kind: "succeeded" });
    });

    it("keeps heartbeating while a report is being retried", async () => {
      const { sfn, activity } = setup(() => 7, 1);
      sfn.on(SendTaskHeartbeatCommand).resolves({});
      sfn.on(SendTaskSuccessCommand).rejectsOnce(serverError()).rejectsOnce(serverError()).resolves({});
      const running = new TaskExecution(activity, "tok", {}, { retry: { initialDelay: 2, maxDelay: 2 }, random: () => 1 }).run();
      await vi.advanceTimersByTimeAsync(4_000);
      await expect(running).resolves.toEqual({ kind: "succeeded", output: "7" });
      expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(3);
      expect(sfn.commandCalls(SendTaskHeartbeatCommand).length).toBeGreaterThanOrEqual(3);
    });
  });

  it("retries a report through throttling, 5xx and dropped connections until accepted", async () => {
    const { sfn, activity } = setup(() => ({ ok: true }));
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    sfn
      .on(SendTaskSuccessCommand)
      .rejectsOnce(throttling())
      .rejectsOnce(serverError())
      .callsFakeOnce(() => Promise.reject(reset))
      .resolves({});
    const attempts: number[] = [];
    const outcome = await new TaskExecution(activity, "tok", {}, { retry: NO_WAIT, hooks: { reportError: (_e, _t, attempt) => attempts.push(attempt) } }).run();
    expect(outcome).toEqual({ kind: "succeeded", output: '{"ok":true}' });
    expect(attempts).toEqual([1, 2, 3]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(4);
  });

  it("stops retrying a report when the token is known dead", async () => {
    const { sfn, activity } = setup(() => {
      throw new Error("nope");
    });
    sfn.on(SendTaskFailureCommand).rejectsOnce(serverError()).rejects(taskTimedOut());
    const outcome = await new TaskExecution(activity, "tok", {}, { retry: NO_WAIT }).run();
    expect(outcome.kind).toBe("abandoned");
    expect(sfn.commandCalls(SendTaskFailureCommand)).toHaveLength(2);
  });

  it("a dead token after a report attempt that may have landed is flagged: most likely answered after all", async () => {
    const { sfn, activity } = setup(() => 45);
    sfn.on(SendTaskSuccessCommand).callsFakeOnce(() => Promise.reject(connectionReset())).rejects(taskTimedOut());
    const outcome = await new TaskExecution(activity, "tok", {}, { retry: NO_WAIT }).run();
    expect(outcome).toMatchObject({ kind: "abandoned", reportMayHaveLanded: true });
    expect(outcome.kind === "abandoned" && outcome.reason.code).toBe("TaskTimedOut");
  });

  it("a dead token after attempts that cannot have landed (throttled, or no report yet) is not flagged", async () => {
    const { sfn, activity } = setup(() => 45);
    sfn.on(SendTaskSuccessCommand).rejectsOnce(throttling()).rejects(taskTimedOut());
    await expect(new TaskExecution(activity, "tok", {}, { retry: NO_WAIT }).run()).resolves.toMatchObject({ kind: "abandoned", reportMayHaveLanded: false });

    const late = setup(async (_input, context) => {
      await context.heartbeat().catch(() => undefined);
      return 1;
    });
    late.sfn.on(SendTaskHeartbeatCommand).rejects(taskTimedOut());
    await expect(new TaskExecution(late.activity, "tok", {}).run()).resolves.toMatchObject({ kind: "abandoned", reportMayHaveLanded: false });
  });

  describe("reportCancelled", () => {
    it("reports WorkerCancel, aborts the signal and drops the late result", async () => {
      const gate = deferred<number>();
      let signal: AbortSignal | undefined;
      const { sfn, activity } = setup((_input, context) => {
        signal = context.signal;
        return gate.promise;
      });
      sfn.on(SendTaskFailureCommand).resolves({});
      sfn.on(SendTaskSuccessCommand).resolves({});
      const task = new TaskExecution(activity, "tok-c", {});
      const running = task.run();
      await Promise.resolve();
      const cancelled = await task.reportCancelled();
      expect(cancelled).toEqual({ kind: "cancelled", reported: true });
      await expect(running).resolves.toEqual(cancelled);
      expect(signal!.aborted).toBe(true);
      expect(signal!.reason).toBeInstanceOf(WorkerCancel);
      const sent = sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input;
      expect(sent).toEqual({ taskToken: "tok-c", error: "WorkerCancel", cause: "activity task cancelled: the worker was told to stop" });
      gate.resolve(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
      expect(task.finished).toBe(true);
    });

    it("works on a task never run, and does nothing on an answered one", async () => {
      const { sfn, activity } = setup(() => 1);
      sfn.on(SendTaskFailureCommand).resolves({});
      sfn.on(SendTaskSuccessCommand).resolves({});
      await expect(new TaskExecution(activity, "never-run", {}).reportCancelled()).resolves.toEqual({ kind: "cancelled", reported: true });
      const done = new TaskExecution(activity, "done", {});
      await done.run();
      await expect(done.reportCancelled()).resolves.toMatchObject({ kind: "succeeded" });
      expect(sfn.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input.taskToken)).toEqual(["never-run"]);
    });
  });
});
