/**
 * The Worker end to end against the local engine over HTTP: failures, stops, cancel, graceful
 * end and concurrency, each checked in the engine's history as well as in the worker's events.
 */
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { ActivityRegistration } from "../../src/activities/registration.js";
import type { TaskContext } from "../../src/activities/callable-activity.js";
import { Task } from "../../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../../src/control/state-machine.js";
import type { JsonValue } from "../../src/json.js";
import { LocalEngine } from "../../src/local/index.js";
import { PollTimeoutError, Worker } from "../../src/worker/index.js";
import type { Execution } from "../../src/control/execution.js";
import { summary } from "./helpers.js";

let engine: LocalEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

/** A one-Task machine on activity `e2e<name>` running `fn`, registered on a fresh engine. */
async function setUp<I extends JsonValue, O>(
  name: string,
  fn: (input: I, context: TaskContext) => O | Promise<O>,
  options: { heartbeat?: number; timeScale?: number; pollTimeout?: number } = {},
): Promise<{ engine: LocalEngine; stateMachine: StateMachine; activities: ActivityRegistration; worker: (concurrency?: number) => Worker }> {
  engine = await LocalEngine.start({ port: 0, ...(options.timeScale ? { timeScale: options.timeScale } : {}) });
  const session = engine.session;
  const activities = new ActivityRegistration({ prefix: "e2e", session });
  const activity = activities.activity(name, fn, options.heartbeat ? { heartbeat: options.heartbeat } : {});
  const stateMachine = constructStateMachine(`e2e${name}`, new Task("run", activity), { session });
  await activities.register();
  await stateMachine.register();
  return { engine, stateMachine, activities, worker: (concurrency = 1) => new Worker(activity, { session, concurrency, ...(options.pollTimeout ? { pollTimeout: options.pollTimeout } : {}) }) };
}

async function ended(running: LocalEngine, execution: Execution): Promise<Execution> {
  await running.whenExecutionEnds(execution.arn!);
  return execution.wait({ raiseOnFailure: false });
}

/** A promise and its resolver. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("Worker end to end on the local engine", () => {
  it("a thrown error fails the task with the error's name and message: ActivityFailed, ExecutionFailed", async () => {
    const setup = await setUp("boom", (input: { limit: number }) => {
      throw new RangeError(`limit ${input.limit} is too big`);
    });
    const worker = setup.worker();
    const failed = once(worker, "taskFailed");
    worker.start();
    const execution = await ended(setup.engine, await setup.stateMachine.startExecution({ limit: 7 }));
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("RangeError");
    expect(execution.cause).toContain("limit 7 is too big");
    const [event] = (await failed) as [{ error: string; cause: string }];
    expect(event.error).toBe("RangeError");
    expect(summary(await execution.getHistory())).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:run",
      "ActivityScheduled:e2eboom",
      "ActivityStarted",
      "ActivityFailed:RangeError",
      "ExecutionFailed:RangeError",
    ]);
    const ending = worker.end();
    await setup.activities.deregister();
    await ending;
  });

  it("StopExecution during a task: the next heartbeat finds the token dead, the function's signal aborts, nothing more is sent", async () => {
    const running = gate();
    const setup = await setUp(
      "stopped",
      async (_input: JsonValue, context) => {
        running.open();
        await new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve(), { once: true }));
        return "never sent";
      },
      { heartbeat: 1 },
    );
    const worker = setup.worker();
    const abandoned = once(worker, "taskAbandoned");
    const succeeded: unknown[] = [];
    worker.on("taskSucceeded", (task) => succeeded.push(task));
    worker.start();
    const execution = await setup.stateMachine.startExecution({});
    await running.opened;
    await execution.stop({ error: "Enough", cause: "stopped by the test" });
    const [event] = (await abandoned) as [{ reason: { code: string } }];
    expect(event.reason.code).toBe("TaskTimedOut");
    expect(succeeded).toEqual([]);
    await ended(setup.engine, execution);
    expect(execution.status).toBe("ABORTED");
    expect(summary(await execution.getHistory())).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:run",
      "ActivityScheduled:e2estopped",
      "ActivityStarted",
      "ExecutionAborted:Enough",
    ]);
    const ending = worker.end();
    await setup.activities.deregister();
    await ending;
  });

  it("cancel() during a task reports it failed with WorkerCancel", async () => {
    const running = gate();
    const setup = await setUp("cancelled", async (_input: JsonValue, context) => {
      running.open();
      await new Promise<void>((resolve) => context.signal.addEventListener("abort", () => resolve(), { once: true }));
      return "dropped";
    });
    const worker = setup.worker();
    const cancelled = once(worker, "taskCancelled");
    worker.start();
    const execution = await setup.stateMachine.startExecution({});
    await running.opened;
    await worker.cancel();
    expect(worker.state).toBe("stopped");
    const [event] = (await cancelled) as [{ reported: boolean }];
    expect(event.reported).toBe(true);
    await ended(setup.engine, execution);
    expect(execution.status).toBe("FAILED");
    expect(execution.error).toBe("WorkerCancel");
    expect(summary(await execution.getHistory())).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:run",
      "ActivityScheduled:e2ecancelled",
      "ActivityStarted",
      "ActivityFailed:WorkerCancel",
      "ExecutionFailed:WorkerCancel",
    ]);
  });

  it("end() during a task lets it finish and be answered, then stops without polling again", async () => {
    const running = gate();
    const release = gate();
    const setup = await setUp("graceful", async (input: { n: number }) => {
      running.open();
      await release.opened;
      return input.n + 1;
    });
    const worker = setup.worker();
    worker.start();
    const execution = await setup.stateMachine.startExecution({ n: 41 });
    await running.opened;
    const ending = worker.end();
    expect(worker.state).toBe("ending");
    release.open();
    await ending; // no open poll was left: the only slot was running the task
    expect(worker.state).toBe("stopped");
    await ended(setup.engine, execution);
    expect(execution.output).toBe(42);
  });

  it("concurrency 3 runs three tasks at once on one worker", async () => {
    const inFlight = { now: 0, most: 0 };
    const allThree = gate();
    const setup = await setUp("concurrent", async (input: { n: number }) => {
      inFlight.now++;
      inFlight.most = Math.max(inFlight.most, inFlight.now);
      if (inFlight.now === 3) allThree.open();
      await allThree.opened; // would never open if the worker ran fewer than three at once
      inFlight.now--;
      return input.n * 10;
    });
    const worker = setup.worker(3);
    worker.start();
    const executions = await Promise.all([1, 2, 3].map((n) => setup.stateMachine.startExecution({ n })));
    for (const execution of executions) await ended(setup.engine, execution);
    expect(executions.map((execution) => execution.output)).toEqual([10, 20, 30]);
    expect(inFlight.most).toBe(3);
    const names = new Set<string | undefined>();
    for (const execution of executions) {
      for (const event of await execution.getHistory()) if (event.shape === "ActivityStarted") names.add(event.workerName);
    }
    expect(names).toEqual(new Set([worker.name]));
    const ending = worker.end();
    await setup.activities.deregister();
    await ending;
  });

  it("the worker's own heartbeats keep a task alive past HeartbeatSeconds", async () => {
    // HeartbeatSeconds 6 (heartbeat 1 + 5) at timeScale 0.3 is 1.8 s of real time; the task
    // takes 4 s, so only the worker's heartbeats (every 1 s) keep it from timing out.
    const setup = await setUp("longTask", (input: { n: number }) => new Promise<number>((resolve) => setTimeout(() => resolve(input.n), 4_000)), {
      heartbeat: 1,
      timeScale: 0.3,
    });
    expect(setup.stateMachine.toDefinition()).toMatchObject({ States: { run: { HeartbeatSeconds: 6 } } });
    const worker = setup.worker();
    const heartbeatErrors: unknown[] = [];
    worker.on("heartbeatError", (error) => heartbeatErrors.push(error));
    worker.start();
    const execution = await ended(setup.engine, await setup.stateMachine.startExecution({ n: 5 }));
    expect(execution.status).toBe("SUCCEEDED");
    expect(execution.output).toBe(5);
    expect(heartbeatErrors).toEqual([]);
    const ending = worker.end();
    await setup.activities.deregister();
    await ending;
  });

  it("polls the worker gives up on (client-side pollTimeout) are not handed a task: the task goes to a live poll", async () => {
    // One slot, so the only live poll when the task comes is the one made after the last time-out:
    // young, far from its own time-out. A task handed over just as its client gives up is lost
    // in flight (on AWS too: hence a pollTimeout longer than the 60-s hold); with two slots the
    // older poll could be that one whenever the machine was slow enough.
    const setup = await setUp("shortPolls", (input: { n: number }) => input.n * 3, { pollTimeout: 0.5 });
    const worker = setup.worker(1);
    let timedOut = 0;
    const threeTimeouts = gate();
    worker.on("pollError", (error) => {
      if (error instanceof PollTimeoutError && ++timedOut === 3) threeTimeouts.open();
    });
    worker.start();
    await threeTimeouts.opened; // the engine has seen polls whose clients went away
    const execution = await ended(setup.engine, await setup.stateMachine.startExecution({ n: 7 }));
    expect(execution.output).toBe(21);
    expect(summary(await execution.getHistory())).toEqual([
      "ExecutionStarted",
      "TaskStateEntered:run",
      "ActivityScheduled:e2eshortPolls",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited:run",
      "ExecutionSucceeded",
    ]);
    const ending = worker.end();
    await setup.activities.deregister();
    await ending;
  });
});
