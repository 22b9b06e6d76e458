import { afterEach, describe, expect, it, vi } from "vitest";
import {
  GetActivityTaskCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  SFNServiceException,
  type GetActivityTaskCommandOutput,
} from "@aws-sdk/client-sfn";
import { Activity } from "../../src/activities/activity.js";
import { CallableActivity } from "../../src/activities/callable-activity.js";
import type { JsonValue } from "../../src/json.js";
import { Worker, PollTimeoutError } from "../../src/worker/worker.js";
import { defaultWorkerName } from "../../src/worker/worker-name.js";
import { InvalidNameError } from "../../src/errors.js";
import {
  connectionReset,
  deferred,
  FakeActivityQueue,
  mockedSession,
  nextEvent,
  serverError,
  throttling,
  type Deferred,
} from "./helpers.js";

const ARN = "arn:aws:states:us-east-1:123456789012:activity:addActivity";
const NO_WAIT = { initialDelay: 0, maxDelay: 0 };

/** Polls answered by hand: each call gets a deferred the test resolves, and `made` announces it. */
function handPolls(sfn: ReturnType<typeof mockedSession>["sfn"]) {
  const polls: Deferred<Partial<GetActivityTaskCommandOutput>>[] = [];
  let waiting: Deferred<void> | undefined;
  sfn.on(GetActivityTaskCommand).callsFake(() => {
    const poll = deferred<Partial<GetActivityTaskCommandOutput>>();
    polls.push(poll);
    waiting?.resolve();
    return poll.promise;
  });
  return {
    polls,
    /** Resolves once `count` polls have been made. */
    async made(count: number): Promise<void> {
      while (polls.length < count) {
        waiting = deferred();
        await waiting.promise;
      }
    },
    /** The abort signal the worker gave the SDK for poll `index`. */
    signal(index: number): AbortSignal {
      // The SDK's send(command, options) gets the options the mock's typings leave out.
      const args = sfn.commandCalls(GetActivityTaskCommand)[index]!.args as unknown as [unknown, { abortSignal: AbortSignal }];
      return args[1].abortSignal;
    },
  };
}

/** Make an aborted poll fail as the SDK's HTTP handler does. */
function rejectOnAbort(signal: AbortSignal, poll: Deferred<unknown>): void {
  signal.addEventListener("abort", () => poll.reject(Object.assign(new Error("Request aborted"), { name: "AbortError" })));
}

describe("Worker", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("polls the activity with its name, runs each task and reports it", async () => {
    const { session, sfn } = mockedSession();
    const activity = new CallableActivity("addActivity", (input: { a: number; b: number }) => input.a + input.b, { session });
    const queue = new FakeActivityQueue(sfn);
    const worker = new Worker(activity, { name: "host-0badcafe" });
    const started: unknown[] = [];
    const succeeded: unknown[] = [];
    worker.on("taskStarted", (task) => started.push(task));
    worker.on("taskSucceeded", (task) => succeeded.push(task));
    queue.queue.push({ token: "t1", input: '{"a":1,"b":2}' }, { token: "t2", input: '{"a":3,"b":4}' });
    worker.start();
    expect(worker.state).toBe("running");
    while (succeeded.length < 2) await nextEvent(worker, "taskSucceeded");
    await worker.end();
    expect(worker.state).toBe("stopped");
    expect(sfn.commandCalls(GetActivityTaskCommand)[0]!.args[0].input).toEqual({ activityArn: ARN, workerName: "host-0badcafe" });
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([
      { taskToken: "t1", output: "3" },
      { taskToken: "t2", output: "7" },
    ]);
    expect(started).toEqual([
      { taskToken: "t1", input: { a: 1, b: 2 } },
      { taskToken: "t2", input: { a: 3, b: 4 } },
    ]);
    expect(succeeded).toEqual([
      { taskToken: "t1", input: { a: 1, b: 2 }, output: "3" },
      { taskToken: "t2", input: { a: 3, b: 4 }, output: "7" },
    ]);
  });

  it("names itself <hostname>-<8 hex> by default, and checks names", () => {
    const { session } = mockedSession();
    const activity = new CallableActivity("addActivity", () => 1, { session });
    expect(new Worker(activity).name).toMatch(/^.+-[0-9a-f]{8}$/);
    expect(defaultWorkerName("build box.local", () => Buffer.from([0xde, 0xad, 0xbe, 0xef]))).toBe("build_box.local-deadbeef");
    expect(defaultWorkerName("h".repeat(200)).length).toBe(80);
    expect(() => new Worker(activity, { name: "bad name" })).toThrow(InvalidNameError);
  });

  it("refuses an activity without a function, and bad options", () => {
    const { session } = mockedSession();
    expect(() => new Worker(new Activity("plain", { session }))).toThrow(TypeError);
    const activity = new CallableActivity("addActivity", () => 1, { session });
    expect(() => new Worker(activity, { concurrency: 0 })).toThrow(RangeError);
    expect(() => new Worker(activity, { concurrency: 1.5 })).toThrow(/concurrency must be a whole number >= 1, got 1.5/);
    expect(() => new Worker(activity, { pollTimeout: 0 })).toThrow(RangeError);
    const worker = new Worker(activity);
    worker.start();
    expect(() => worker.start()).toThrow(/already started/);
    void worker.cancel();
  });

  it("treats an empty token as no task and polls again", async () => {
    const { session, sfn } = mockedSession();
    const fn = vi.fn(() => 1);
    const activity = new CallableActivity("addActivity", fn, { session });
    const hand = handPolls(sfn);
    const worker = new Worker(activity);
    worker.start();
    await hand.made(1);
    hand.polls[0]!.resolve({ taskToken: "", $metadata: {} });
    await hand.made(2);
    hand.polls[1]!.resolve({ $metadata: {} });
    await hand.made(3);
    const ended = worker.end();
    hand.polls[2]!.resolve({ $metadata: {} });
    await ended;
    expect(fn).not.toHaveBeenCalled();
    expect(sfn.commandCalls(GetActivityTaskCommand)).toHaveLength(3);
  });

  it("end() does not cut an open poll, and runs and reports the task it returns", async () => {
    const { session, sfn } = mockedSession();
    const activity = new CallableActivity("addActivity", (input: { n: number }) => input.n * 2, { session });
    const hand = handPolls(sfn);
    sfn.on(SendTaskSuccessCommand).resolves({});
    const worker = new Worker(activity);
    worker.start();
    await hand.made(1);
    const ended = worker.end();
    expect(worker.state).toBe("ending");
    expect(hand.signal(0).aborted).toBe(false);
    hand.polls[0]!.resolve({ taskToken: "late", input: '{"n":21}', $metadata: {} });
    await ended;
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([{ taskToken: "late", output: "42" }]);
    expect(sfn.commandCalls(GetActivityTaskCommand)).toHaveLength(1);
    expect(worker.state).toBe("stopped");
  });

  it("end() lets running tasks finish and report before join() resolves", async () => {
    const { session, sfn } = mockedSession();
    const gate = deferred<string>();
    const activity = new CallableActivity("addActivity", () => gate.promise, { session });
    const hand = handPolls(sfn);
    sfn.on(SendTaskSuccessCommand).resolves({});
    const worker = new Worker(activity);
    const started = nextEvent(worker, "taskStarted");
    worker.start();
    await hand.made(1);
    hand.polls[0]!.resolve({ taskToken: "busy", input: "{}", $metadata: {} });
    await started;
    let joined = false;
    const ended = worker.end().then(() => (joined = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(joined).toBe(false);
    expect(worker.runningTasks).toBe(1);
    gate.resolve("finished");
    await ended;
    expect(sfn.commandCalls(SendTaskSuccessCommand).map((c) => c.args[0].input)).toEqual([{ taskToken: "busy", output: '"finished"' }]);
    expect(sfn.commandCalls(GetActivityTaskCommand)).toHaveLength(1);
  });

  it("cancel() aborts open polls and reports running tasks, and a task a poll still returns, as WorkerCancel", async () => {
    const { session, sfn } = mockedSession();
    const gate = deferred<number>();
    const activity = new CallableActivity("addActivity", () => gate.promise, { session });
    const hand = handPolls(sfn);
    sfn.on(SendTaskFailureCommand).resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});
    const worker = new Worker(activity, { concurrency: 3 });
    const cancelled: unknown[] = [];
    worker.on("taskCancelled", (task) => cancelled.push(task.taskToken));
    const started = nextEvent(worker, "taskStarted");
    worker.start();
    await hand.made(3);
    hand.polls[0]!.resolve({ taskToken: "running", input: "{}", $metadata: {} });
    await started;
    rejectOnAbort(hand.signal(2), hand.polls[2]!);
    const stopped = worker.cancel();
    expect([hand.signal(1).aborted, hand.signal(2).aborted]).toEqual([true, true]);
    // Poll 1's answer had already left SFN when the abort came: its task is reported, not lost.
    hand.polls[1]!.resolve({ taskToken: "in-transit", input: "{}", $metadata: {} });
    await stopped;
    gate.resolve(5);
    expect(sfn.commandCalls(SendTaskFailureCommand).map((c) => c.args[0].input.taskToken).sort()).toEqual(["in-transit", "running"]);
    expect(sfn.commandCalls(SendTaskFailureCommand).every((c) => c.args[0].input.error === "WorkerCancel")).toBe(true);
    expect(sfn.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    expect(cancelled.sort()).toEqual(["in-transit", "running"]);
    expect(sfn.commandCalls(GetActivityTaskCommand)).toHaveLength(3);
  });

  it("a poll error never stops the worker: it backs off and polls again", async () => {
    const { session, sfn } = mockedSession();
    const activity = new CallableActivity("addActivity", () => "ok", { session });
    const missing = new SFNServiceException({ name: "ActivityDoesNotExist", $fault: "client", message: "no such activity", $metadata: {} });
    sfn
      .on(GetActivityTaskCommand)
      .rejectsOnce(missing)
      .rejectsOnce(throttling())
      .callsFakeOnce(() => Promise.reject(connectionReset()))
      .resolvesOnce({ taskToken: "after-errors", input: "{}" })
      .resolves({});
    sfn.on(SendTaskSuccessCommand).resolves({});
    const worker = new Worker(activity, { retry: NO_WAIT });
    const errors: [unknown, number][] = [];
    worker.on("pollError", (error, attempt) => errors.push([error, attempt]));
    const done = nextEvent(worker, "taskSucceeded");
    worker.start();
    await done;
    await worker.end();
    expect(errors.map(([e, attempt]) => [(e as Error).name, attempt])).toEqual([
      ["ActivityDoesNotExist", 1],
      ["ThrottlingException", 2],
      ["Error", 3],
    ]);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: "after-errors", output: '"ok"' });
  });

  it("backs off exponentially between failed polls, capped", async () => {
    vi.useFakeTimers();
    const { session, sfn } = mockedSession();
    const activity = new CallableActivity("addActivity", () => 1, { session });
    sfn.on(GetActivityTaskCommand).rejects(serverError());
    const worker = new Worker(activity, { retry: { initialDelay: 1, maxDelay: 4 }, random: () => 1 });
    const delays: number[] = [];
    worker.on("pollError", (_e, _attempt, delayMs) => delays.push(delayMs));
    worker.start();
    await vi.advanceTimersByTimeAsync(1 + 2 + 4 + 4 + 4 - 1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(delays.slice(0, 5)).toEqual([1000, 2000, 4000, 4000, 4000]);
    const ended = worker.end();
    await vi.advanceTimersByTimeAsync(0);
    await ended;
  });

  it("gives up a poll after pollTimeout seconds and polls again", async () => {
    vi.useFakeTimers();
    const { session, sfn } = mockedSession();
    const activity = new CallableActivity("addActivity", () => 1, { session });
    const hand = handPolls(sfn);
    const worker = new Worker(activity, { pollTimeout: 70, retry: NO_WAIT });
    const errors: unknown[] = [];
    worker.on("pollError", (error) => errors.push(error));
    worker.start();
    await hand.made(1);
    rejectOnAbort(hand.signal(0), hand.polls[0]!);
    await vi.advanceTimersByTimeAsync(69_999);
    expect(hand.signal(0).aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(hand.signal(0).aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(PollTimeoutError);
    expect(hand.polls).toHaveLength(2);
    const ended = worker.end();
    hand.polls[1]!.resolve({ $metadata: {} });
    await vi.advanceTimersByTimeAsync(1);
    await ended;
  });

  it("runs at most `concurrency` tasks at once, and that many", async () => {
    const { session, sfn } = mockedSession();
    let running = 0;
    let most = 0;
    const gates: Deferred<void>[] = [];
    const allBusy = deferred();
    const activity = new CallableActivity(
      "addActivity",
      async (input: { n: number }) => {
        running++;
        most = Math.max(most, running);
        const gate = deferred();
        gates.push(gate);
        if (gates.length === 4) allBusy.resolve();
        await gate.promise;
        running--;
        return input.n;
      },
      { session },
    );
    const queue = new FakeActivityQueue(sfn);
    const answered = queue.enqueue(10);
    const worker = new Worker(activity, { concurrency: 4 });
    worker.start();
    await allBusy.promise;
    expect(running).toBe(4);
    expect(queue.handedOut).toHaveLength(4);
    // Release tasks one at a time; each frees one slot for one more.
    while (queue.answers.size < 10) {
      gates.shift()?.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await answered;
    await worker.end();
    expect(most).toBe(4);
    expect([...queue.answers.keys()].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `token-${i}`).sort());
  });

  it.each([1, 4])("answers every task exactly once with faults injected on every kind of call (concurrency %i)", async (concurrency) => {
    const { session, sfn } = mockedSession();
    const runs = new Map<number, number>();
    const activity = new CallableActivity(
      "addActivity",
      async (input: { n: number }) => {
        runs.set(input.n, (runs.get(input.n) ?? 0) + 1);
        if (input.n % 5 === 0) throw new Error(`task ${input.n} fails on purpose`);
        return { doubled: input.n * 2 };
      },
      { session, heartbeat: 1 },
    );
    const faults = [throttling, serverError, connectionReset];
    // Two calls in three fail, cycling through throttling, 5xx and a dropped connection.
    const queue = new FakeActivityQueue(sfn, (call) => (call % 3 === 0 ? undefined : faults[call % faults.length]!()));
    const answered = queue.enqueue(40);
    const worker = new Worker(activity, { concurrency, retry: NO_WAIT });
    let pollErrors = 0;
    let reportErrors = 0;
    worker.on("pollError", () => pollErrors++);
    worker.on("reportError", () => reportErrors++);
    worker.start();
    await answered;
    await worker.end();
    expect(queue.answers.size).toBe(40);
    expect(queue.duplicates).toBe(0);
    expect(queue.handedOut).toHaveLength(40);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    expect(runs.size).toBe(40);
    for (const [token, [answer]] of queue.answers) {
      const n = Number(token.slice("token-".length));
      if (n % 5 === 0) expect(answer).toMatchObject({ kind: "failure", error: "Error" });
      else expect(answer).toEqual({ kind: "success", output: JSON.stringify({ doubled: n * 2 }) });
    }
    expect(pollErrors).toBeGreaterThan(0);
    expect(reportErrors).toBeGreaterThan(0);
  });

  it("fails a task whose input is not JSON without running the function", async () => {
    const { session, sfn } = mockedSession();
    const fn = vi.fn((input: JsonValue) => input);
    const activity = new CallableActivity("addActivity", fn, { session });
    sfn.on(GetActivityTaskCommand).resolvesOnce({ taskToken: "bad-input", input: "{not json" }).resolves({});
    sfn.on(SendTaskFailureCommand).resolves({});
    const worker = new Worker(activity);
    const failed = nextEvent(worker, "taskFailed");
    worker.start();
    await failed;
    await worker.end();
    expect(fn).not.toHaveBeenCalled();
    expect(sfn.commandCalls(SendTaskFailureCommand)[0]!.args[0].input).toMatchObject({ taskToken: "bad-input", error: "TaskInputNotJsonError" });
  });
});
