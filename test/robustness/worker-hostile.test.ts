/**
 * Whatever an activity throws or returns, the worker answers the task exactly once: one
 * SendTaskSuccess or one SendTaskFailure. Logs never carry a whole task token.
 */
import { describe, expect, it } from "vitest";
import { GetActivityTaskCommand, SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { CallableActivity, type ActivityFunction } from "../../src/activities/callable-activity.js";
import type { JsonValue } from "../../src/json.js";
import { describeFailure, TaskExecution, UNDESCRIBED_FAILURE } from "../../src/worker/task-execution.js";
import { Worker } from "../../src/worker/worker.js";
import { deferred, mockedSession, taskTimedOut } from "../worker/helpers.js";

const TOKEN = "AAAAAAAAAAtoken-middle-part-that-must-not-be-loggedZZZZ";

function nullPrototypeCircular(): object {
  const value = Object.create(null) as Record<string, unknown>;
  value["self"] = value;
  return value;
}

function throwing(method: "toString" | "toJSON"): object {
  return {
    [method]() {
      throw new Error(`${method} refuses`);
    },
    ...(method === "toJSON" ? { toString: () => { throw new Error("toString refuses too"); } } : {}),
  };
}

function errorWithThrowingGetters(): Error {
  const error = new Error("x");
  Object.defineProperty(error, "message", { get: () => { throw new Error("no message"); } });
  Object.defineProperty(error, "stack", { get: () => { throw new Error("no stack"); } });
  return error;
}

function revokedProxy(): object {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

async function answers(fn: ActivityFunction<JsonValue, unknown>): Promise<{ calls: { command: string; input: Record<string, unknown> }[]; logs: string[] }> {
  const { session, sfn } = mockedSession();
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
  const logs: string[] = [];
  const log = (message: string, ...details: unknown[]) => void logs.push([message, ...details.map(String)].join(" "));
  const activity = new CallableActivity("hostile", fn, { heartbeat: 20, session });
  await new TaskExecution(activity, TOKEN, {}, { logger: { error: log, warn: log, info: log, debug: log } }).run();
  const calls = sfn.calls().map((call) => ({ command: call.args[0].constructor.name, input: call.args[0].input as Record<string, unknown> }));
  return { calls, logs };
}

const thrown: [string, () => unknown][] = [
  ["a null-prototype circular object", nullPrototypeCircular],
  ["an object whose toString throws", () => throwing("toString")],
  ["an object whose toJSON and toString throw", () => throwing("toJSON")],
  ["an Error whose message and stack getters throw", errorWithThrowingGetters],
  ["a revoked proxy", revokedProxy],
  ["a Symbol", () => Symbol("s")],
  ["undefined", () => undefined],
  ["a BigInt", () => 10n],
];

describe("the worker answers every task exactly once", () => {
  it.each(thrown)("when the activity throws %s: one SendTaskFailure", async (_name, value) => {
    const { calls } = await answers(() => {
      throw value();
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.command).toBe("SendTaskFailureCommand");
    expect(calls[0]!.input["taskToken"]).toBe(TOKEN);
    expect(typeof calls[0]!.input["error"]).toBe("string");
    expect(typeof calls[0]!.input["cause"]).toBe("string");
  });

  it("a describer that throws falls back to the fixed description", async () => {
    const { calls } = await answers(() => {
      throw nullPrototypeCircular();
    });
    expect(calls[0]!.input).toEqual({ taskToken: TOKEN, ...UNDESCRIBED_FAILURE });
    expect(describeFailure(revokedProxy())).toEqual(UNDESCRIBED_FAILURE);
  });

  const returned: [string, () => unknown, string][] = [
    ["a BigInt", () => 10n, "SendTaskFailureCommand"],
    ["a null-prototype circular object", nullPrototypeCircular, "SendTaskFailureCommand"],
    ["an object whose toJSON throws", () => throwing("toJSON"), "SendTaskFailureCommand"],
    ["a Symbol", () => Symbol("s"), "SendTaskFailureCommand"],
    ["a function", () => () => 1, "SendTaskFailureCommand"],
    ["a revoked proxy", revokedProxy, "SendTaskFailureCommand"],
    ["undefined", () => undefined, "SendTaskSuccessCommand"],
    ["a thenable whose then throws", () => ({ get then() { throw new Error("no then"); } }), "SendTaskFailureCommand"],
  ];
  it.each(returned)("when the activity returns %s: exactly one answer", async (_name, value, command) => {
    const { calls } = await answers(() => value() as JsonValue);
    expect(calls.map((call) => call.command)).toEqual([command]);
  });

  it("a logger that throws does not stop the answer", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(SendTaskFailureCommand).resolves({});
    const boom = () => {
      throw new Error("logger down");
    };
    const activity = new CallableActivity("hostile", () => { throw new Error("x"); }, { heartbeat: 20, session });
    const outcome = await new TaskExecution(activity, TOKEN, {}, { logger: { error: boom, warn: boom, info: boom, debug: boom } }).run();
    expect(outcome.kind).toBe("failed");
    expect(sfn.commandCalls(SendTaskFailureCommand)).toHaveLength(1);
  });

  it("a taskStarted listener that throws does not stop the answer", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(GetActivityTaskCommand).resolvesOnce({ taskToken: TOKEN, input: "{}" }).resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});
    const activity = new CallableActivity("hostile", () => ({ ok: true }), { heartbeat: 20, session });
    const worker = new Worker(activity, { concurrency: 1 });
    const answered = deferred();
    worker.on("taskStarted", () => {
      throw new Error("listener down");
    });
    worker.on("taskSucceeded", () => answered.resolve());
    worker.start();
    await answered.promise;
    await worker.cancel();
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((call) => call.args[0].input)).toEqual([{ taskToken: TOKEN, output: '{"ok":true}' }]);
  });

  it("logs show the token shortened, never whole", async () => {
    const { logs } = await answers(() => {
      throw new Error("x");
    });
    expect(logs.join("\n")).toContain("hostile - AAAAAA…ZZZZ");
    expect(logs.join("\n")).not.toContain(TOKEN);
    expect(logs.join("\n")).not.toContain("middle-part");
  });

  it("a heartbeat answered TaskTimedOut aborts the signal at once, without waiting for the activity", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(SendTaskHeartbeatCommand).rejects(taskTimedOut());
    let seen: AbortSignal | undefined;
    const activity = new CallableActivity(
      "hostile",
      async (_input, context) => {
        seen = context.signal;
        await context.heartbeat().catch(() => undefined);
        // The signal is aborted by the time the heartbeat's answer is known.
        return { abortedAtOnce: context.signal.aborted };
      },
      { heartbeat: 20, session },
    );
    const outcome = await new TaskExecution(activity, TOKEN, {}).run();
    expect(outcome.kind).toBe("abandoned");
    expect(seen?.aborted).toBe(true);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });
});
