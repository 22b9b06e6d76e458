import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { GetActivityTaskCommand, SendTaskFailureCommand, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { CallableActivity } from "../../src/activities/callable-activity.js";
import { Worker } from "../../src/worker/worker.js";
import { runWorkersUntilSignal } from "../../src/worker/signals.js";
import { deferred, mockedSession, nextEvent } from "./helpers.js";

function busyWorker() {
  const { session, sfn } = mockedSession();
  const gate = deferred<string>();
  const activity = new CallableActivity("addActivity", () => gate.promise, { session });
  sfn.on(GetActivityTaskCommand).resolvesOnce({ taskToken: "busy", input: "{}" }).resolves({});
  sfn.on(SendTaskSuccessCommand).resolves({});
  sfn.on(SendTaskFailureCommand).resolves({});
  return { sfn, gate, worker: new Worker(activity) };
}

describe("runWorkersUntilSignal", () => {
  it("ends gracefully on the first signal: the running task finishes and reports, exit code 0", async () => {
    const { sfn, gate, worker } = busyWorker();
    const source = new EventEmitter();
    const started = nextEvent(worker, "taskStarted");
    const exit = runWorkersUntilSignal([worker], { source });
    await started;
    source.emit("SIGTERM", "SIGTERM");
    expect(worker.state).toBe("ending");
    gate.resolve("done");
    await expect(exit).resolves.toBe(0);
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([{ taskToken: "busy", output: '"done"' }]);
    expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(0);
  });

  it("cancels on a second signal: the running task is reported WorkerCancel, exit code 128 + signal", async () => {
    const { sfn, worker } = busyWorker();
    const source = new EventEmitter();
    const started = nextEvent(worker, "taskStarted");
    const exit = runWorkersUntilSignal([worker], { source });
    await started;
    source.emit("SIGINT", "SIGINT");
    source.emit("SIGINT", "SIGINT");
    await expect(exit).resolves.toBe(130);
    expect(sfn.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: "busy", error: "WorkerCancel", cause: "activity task cancelled: the worker was told to stop" },
    ]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
  });
});
