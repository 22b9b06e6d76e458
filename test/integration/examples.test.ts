/**
 * Every example of examples/ end to end: the embedded engine on a free port, the real
 * `@aws-sdk/client-sfn` over HTTP, real Workers, sfini's control calls (register, start,
 * wait, history, deregister).
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildAddExample } from "../../examples/add.js";
import { buildCliExample } from "../../examples/cli.js";
import { buildErrorHandlingExample } from "../../examples/error-handling.js";
import { buildFileProcessingExample, type ImageTools } from "../../examples/file-processing.js";
import { buildLoopingExample } from "../../examples/looping.js";
import { buildParallelExample } from "../../examples/parallel.js";
import { ExecutionFailedError } from "../../src/errors.js";
import { LocalEngine, type LocalEngineOptions } from "../../src/local/index.js";
import { runExecution } from "../../src/local/interpreter/index.js";
import type { Worker } from "../../src/worker/index.js";
import { endAndDeregister, expectWellLinked, maskHistory, README_HISTORY, startWorkers, summary, thread, WORKER_NAME, workerNames } from "./helpers.js";

const ACCOUNT = "123456789012";

let engine: LocalEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function startEngine(options: LocalEngineOptions = {}): Promise<LocalEngine> {
  engine = await LocalEngine.start({ port: 0, ...options });
  expect(engine.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  return engine;
}

/** Outcomes a worker announced, in order, as `event` or `event:detail`. */
function recordOutcomes(workers: readonly Worker[]): string[] {
  const seen: string[] = [];
  for (const worker of workers) {
    const tag = worker.activity.name;
    worker.on("taskStarted", () => seen.push(`${tag} started`));
    worker.on("taskSucceeded", ({ output }) => seen.push(`${tag} succeeded ${output}`));
    worker.on("taskFailed", ({ error }) => seen.push(`${tag} failed ${error}`));
    worker.on("taskAbandoned", ({ reason }) => seen.push(`${tag} abandoned ${reason.code}`));
    worker.on("taskCancelled", () => seen.push(`${tag} cancelled`));
  }
  return seen;
}

describe("the examples end to end on the local engine", () => {
  it("CLI: register, start -w with a worker running, executions, deregister, through the program's own command line", async () => {
    const { session } = await startEngine({ region: "us-west-2" });
    let out = "";
    let err = "";
    const exits: number[] = [];
    const printed: unknown[] = [];
    const stdinOf = (text: string) => (async function* () { yield text; })();
    const run = (argv: string[], stdin = "") => {
      const { cli } = buildCliExample({
        session,
        print: (data) => printed.push(data),
        io: { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) }, stdin: stdinOf(stdin), exit: (code) => exits.push(code) },
      });
      return cli.parseArgs(argv);
    };
    const { activities, stateMachine } = buildCliExample({ session });

    await expect(run(["--version"])).resolves.toBe(0);
    expect(out).toBe("1.0\n");
    out = "";
    await expect(run(["register"])).resolves.toBe(0);
    expect(await stateMachine.isRegistered()).toBe(true);
    expect(await activities.get("myPackageprintActivity")!.isRegistered()).toBe(true);

    // A worker of the example's own activity object, so `printed` sees what it is given.
    const { printActivity } = buildCliExample({ session, print: (data) => printed.push(data) });
    const { Worker } = await import("../../src/worker/index.js");
    const worker = new Worker(printActivity, { session });
    worker.start();
    try {
      await expect(run(["start", "-", "-w"], '{"hello": "world"}')).resolves.toBe(0);
      expect(out).toBe("null\n");
      expect(printed).toEqual([{ hello: "world" }]);
      out = "";
      await expect(run(["executions", "--status", "SUCCEEDED"])).resolves.toBe(0);
      expect(out).toMatch(/^\nExecution 'myStateMachine_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d_[0-9a-f]{8}':\nExecutionStarted \[1\] @ /);
      expect(out).toContain("ActivityScheduled [3]");
      expect(out).toContain("ExecutionSucceeded [7]");
    } finally {
      const ended = worker.end();
      await expect(run(["deregister"])).resolves.toBe(0);
      await ended;
    }
    expect(await stateMachine.isRegistered()).toBe(false);
    expect(await activities.get("myPackageprintActivity")!.isRegistered()).toBe(false);
    expect(exits).toEqual([0, 0, 0, 0, 0]);
  });

  it("add (README): output 45 and sfini's formatHistory lines", async () => {
    const { session } = await startEngine({ region: "us-west-2" });
    const { stateMachine, activities, addActivity } = buildAddExample({ session });
    await activities.register();
    await stateMachine.register();
    const workers = startWorkers(activities, session);
    expect(workers.map((w) => w.activity)).toEqual([addActivity]);
    const outcomes = recordOutcomes(workers);

    const execution = await stateMachine.startExecution({ a: 3, b: 42 });
    expect(execution.name).toMatch(/^testAdding_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d_[0-9a-f]{8}$/);
    await execution.wait();
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.output).toBe(45);

    const events = await execution.getHistory();
    expectWellLinked(events);
    expect(summary(events)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:add",
      "ActivityScheduled:testaddActivity",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:add",
      "ExecutionSucceeded",
    ]);
    expect(workerNames(events)).toEqual([workers[0]!.name]);
    expect(workers[0]!.name).toMatch(WORKER_NAME);

    // sfini's README, with its timestamps and worker suffix masked (and ACCID filled in).
    expect(maskHistory(await execution.formatHistory()).split("\n")).toEqual(README_HISTORY);

    expect(outcomes).toEqual(["testaddActivity started", "testaddActivity succeeded 45"]);
    const deleted = await endAndDeregister(workers, { stateMachine, activities });
    expect(deleted).toEqual([`arn:aws:states:us-west-2:${ACCOUNT}:activity:testaddActivity`]);
    expect(await stateMachine.isRegistered()).toBe(false);
  });

  it("Looping: the counter goes 0, 3, 6, 9, 12 and the machine outputs 12", async () => {
    const { session } = await startEngine();
    const { stateMachine, activities } = buildLoopingExample({ session });
    await activities.register();
    await stateMachine.register();
    const workers = startWorkers(activities, session);
    const outcomes = recordOutcomes(workers);

    const execution = await stateMachine.startExecution({ increment: 3 });
    await execution.wait();
    expect(execution.output).toBe(12);

    const events = await execution.getHistory();
    expectWellLinked(events);
    const loop = [
      "TaskStateEntered:increment",
      "ActivityScheduled:sfiniActsincrement",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:increment",
      "ChoiceStateEntered:checkCounter",
      "ChoiceStateExited:checkCounter",
    ];
    expect(summary(events)).toEqual([
      "ExecutionStarted",
      "PassStateEntered:initialise",
      "PassStateExited:initialise",
      ...loop,
      ...loop,
      ...loop,
      ...loop,
      "SucceedStateEntered:end",
      "SucceedStateExited:end",
      "ExecutionSucceeded",
    ]);
    const counters = events.flatMap((e) => (e.type === "ActivitySucceeded" && e.shape === "ObjectSucceeded" ? [e.output] : []));
    expect(counters).toEqual([3, 6, 9, 12]);
    expect(new Set(workerNames(events))).toEqual(new Set([workers[0]!.name]));
    expect(outcomes.filter((o) => o.endsWith("started"))).toHaveLength(4);

    await endAndDeregister(workers, { stateMachine, activities });
  });

  it("Looping with increment 0 never ends by itself: it fails at the history-event limit with States.Runtime, as on AWS", async () => {
    // The limit is lowered to 31 (the engine takes the interpreter's runExecution as an
    // option) so this takes milliseconds. Event 31 would be a ChoiceStateExited, as event
    // 25,000 would be (the loop has 7 events after ExecutionStarted and the Pass's 2); the
    // last id stays free for ExecutionFailed. (test/local/history-limit.test.ts covers a
    // limit crossed by a task's own event.)
    const { session } = await startEngine({ runExecution: (options) => runExecution({ ...options, maxHistoryEvents: 31 }) });
    const { stateMachine, activities } = buildLoopingExample({ session });
    await activities.register();
    await stateMachine.register();
    const workers = startWorkers(activities, session);
    const execution = await stateMachine.startExecution({ increment: 0 });
    await engine!.whenExecutionEnds(execution.arn!);
    await execution.wait({ raiseOnFailure: false });
    expect({ status: execution.status, error: execution.error }).toEqual({ status: "FAILED", error: "States.Runtime" });
    expect(execution.cause).toContain("maximum number of history events (31)");
    const events = await execution.getHistory();
    expectWellLinked(events);
    expect(events).toHaveLength(31);
    expect(summary(events).slice(-3)).toEqual(["TaskStateExited:increment", "ChoiceStateEntered:checkCounter", "ExecutionFailed:States.Runtime"]);
    await endAndDeregister(workers, { stateMachine, activities });
  });

  it("Parallel: both branches, then the Wait until the printed time", async () => {
    // timeScale 0.01: the Wait of 15 ASL seconds lasts 150 ms.
    const { session } = await startEngine({ timeScale: 0.01 });
    const logged: string[] = [];
    // The engine's clock is the real one; the print activity's `now` is pinned (to the
    // start of the test) so its answer is exact and the Wait really waits.
    const now = Date.now();
    const { stateMachine, activities } = buildParallelExample({
      session,
      now: () => new Date(now),
      output: { log: (level, message) => logged.push(`log ${level} ${message}`), print: (message) => logged.push(`print ${message}`) },
    });

    await activities.register();
    await stateMachine.register();
    const workers = startWorkers(activities, session);
    const outcomes = recordOutcomes(workers);

    const execution = await stateMachine.startExecution({ level: 20, message: "foo" });
    await execution.wait();
    const until = new Date(now + 3 * 5_000).toISOString();
    expect(execution.output).toEqual([
      { level: 20, message: "foo" },
      { level: 20, message: "foo", until },
    ]);
    expect([...logged].sort()).toEqual(["log 20 foo", "print foo"]);

    const events = await execution.getHistory();
    expectWellLinked(events);
    const types = summary(events);
    expect(types.slice(0, 3)).toEqual(["ExecutionStarted", "ParallelStateEntered:printAndLog", "ParallelStateStarted"]);
    expect(types.slice(-3)).toEqual(["ParallelStateSucceeded", "ParallelStateExited:printAndLog", "ExecutionSucceeded"]);
    // The branches interleave; each is its own thread of previousEventId links off ParallelStateStarted.
    const forks = events.filter((e) => e.previousEventId === 3).map((e) => e.id);
    expect(forks).toHaveLength(2);
    const [logThread, printThread] = forks.map((id) => thread(events, id)).sort((a, b) => (summary(a)[0]! < summary(b)[0]! ? -1 : 1));
    expect(summary(logThread!)).toEqual([
      "TaskStateEntered:log",
      "ActivityScheduled:sfiniActslogActivity",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:log",
    ]);
    expect(summary(printThread!)).toEqual([
      "TaskStateEntered:print",
      "ActivityScheduled:sfiniActsprintActivity",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:print",
      "WaitStateEntered:wait",
      "WaitStateExited:wait",
    ]);
    expect(types).toHaveLength(3 + 5 + 7 + 3);
    expect(workerNames(logThread!)).toEqual([workers[0]!.name]);
    expect(workerNames(printThread!)).toEqual([workers[1]!.name]);
    expect(new Set(workerNames(events))).toEqual(new Set(workers.map((w) => w.name)));
    expect([...outcomes].sort()).toEqual([
      "sfiniActslogActivity started",
      "sfiniActslogActivity succeeded null",
      "sfiniActsprintActivity started",
      `sfiniActsprintActivity succeeded "${until}"`,
    ]);

    await endAndDeregister(workers, { stateMachine, activities });
  });

  it("File-processing: resize every image, then read the centre pixels (in-memory ImageTools)", async () => {
    const { session } = await startEngine();
    const files = new Map<string, [number, number, number]>([
      ["/images/b.png", [9, 8, 7]],
      ["/images/a.png", [1, 2, 3]],
    ]);
    const resized: string[] = [];
    const images: ImageTools = {
      list: async (dir) => [...files.keys()].filter((path) => path.startsWith(`${dir}/`)).map((path) => path.slice(dir.length + 1)).sort(),
      resize: async (path, resizedPath, size) => {
        resized.push(`${path} -> ${resizedPath} ${size.join("x")}`);
        files.set(resizedPath, files.get(path)!);
      },
      centrePixel: async (path) => files.get(path)!,
    };
    const { stateMachine, activities } = buildFileProcessingExample({ session, images });
    await activities.register();
    await stateMachine.register();
    const workers = startWorkers(activities, session);

    const input = { image_dir: "/images", resized_image_dir: "/small" };
    const execution = await stateMachine.startExecution(input);
    await execution.wait();
    expect(execution.output).toEqual({ ...input, res: [[1, 2, 3], [9, 8, 7]] });
    expect(resized).toEqual([
      `${join("/images", "a.png")} -> ${join("/small", "a.png")} 64x64`,
      `${join("/images", "b.png")} -> ${join("/small", "b.png")} 64x64`,
    ]);

    const events = await execution.getHistory();
    expectWellLinked(events);
    expect(summary(events)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:resizeImages",
      "ActivityScheduled:sfiniActsresizeActivity",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:resizeImages",
      "TaskStateEntered:getCentre",
      "ActivityScheduled:sfiniActsgetCentresActivity",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:getCentre",
      "ExecutionSucceeded",
    ]);
    const scheduled = events.filter((e) => e.shape === "ActivityScheduled");
    expect(scheduled.map((e) => (e.shape === "ActivityScheduled" ? e.input : undefined))).toEqual([input, "/small"]);
    expect(workerNames(events)).toEqual(workers.map((w) => w.name));
    for (const name of workerNames(events)) expect(name).toMatch(WORKER_NAME);

    await endAndDeregister(workers, { stateMachine, activities });
  });

  it("Error-handling as written is refused before anything is sent: HeartbeatSeconds 25 >= TimeoutSeconds 10", async () => {
    const { session } = await startEngine();
    const { stateMachine } = buildErrorHandlingExample({ session });
    await expect(stateMachine.register()).rejects.toThrow(/HeartbeatSeconds \(25\) must be smaller than TimeoutSeconds \(10\)/);
    expect(await stateMachine.isRegistered()).toBe(false);
  });

  it("Error-handling (heartbeat 1 s): times out, is retried after 3 s, raises MyError, is caught into the Fail state", async () => {
    // The closest valid variant: the activity heartbeats every 1 s, so HeartbeatSeconds is 6
    // (< TimeoutSeconds 10). The worker heartbeats in real seconds; timeScale 0.5 keeps the
    // engine's heartbeat limit (3 s real) well above the worker's 1 s beat, even on a loaded
    // machine, while TimeoutSeconds lasts 5 s and the retry interval 1.5 s. The injected
    // sleep passes in engine time and ends early when the task's token dies (its signal aborts).
    const timeScale = 0.5;
    const { session } = await startEngine({ timeScale });
    const slept: number[] = [];
    const { stateMachine, activities } = buildErrorHandlingExample({
      session,
      heartbeat: 1,
      sleep: (seconds, signal) =>
        new Promise<void>((resolve) => {
          slept.push(seconds);
          const timer = setTimeout(resolve, seconds * 1000 * timeScale);
          signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        }),
    });
    expect(stateMachine.toDefinition()).toMatchObject({ States: { raise: { TimeoutSeconds: 10, HeartbeatSeconds: 6 } } });
    await activities.register();
    await stateMachine.register();
    const workers = startWorkers(activities, session);
    const outcomes = recordOutcomes(workers);

    const execution = await stateMachine.startExecution({});
    // Wait on the engine's own end signal: Execution.wait's polls space out to seconds here.
    await engine!.whenExecutionEnds(execution.arn!);
    const failed = await execution.wait().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failed).toBeInstanceOf(ExecutionFailedError);
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("WorkerError");
    expect(execution.cause).toBe("MyError was raised");
    expect(slept).toEqual([15, 5]);

    const events = await execution.getHistory();
    expectWellLinked(events);
    expect(summary(events)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:raise",
      "ActivityScheduled:sfiniActsraiseActivity",
      "ActivityStarted",
      "ActivityTimedOut:States.Timeout",
      "ActivityScheduled:sfiniActsraiseActivity",
      "ActivityStarted",
      "ActivityFailed:MyError",
      "TaskStateExited:raise",
      "FailStateEntered:fail",
      "ExecutionFailed:WorkerError",
    ]);
    // The Catch put the error under $.error-info of the Fail state's input.
    const failEntered = events.find((e) => e.type === "FailStateEntered");
    expect(failEntered?.shape === "StateEntered" ? failEntered.input : undefined).toMatchObject({
      "error-info": { Error: "MyError", Cause: expect.stringContaining("foobar") as unknown },
    });
    expect(outcomes).toEqual([
      "sfiniActsraiseActivity started",
      "sfiniActsraiseActivity abandoned TaskTimedOut",
      "sfiniActsraiseActivity started",
      "sfiniActsraiseActivity failed MyError",
    ]);

    await endAndDeregister(workers, { stateMachine, activities });
  });
});
