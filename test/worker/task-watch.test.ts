/**
 * A task the engine ends (its heartbeat ran out, its execution stopped) aborts the activity's
 * signal at once, not at the worker's next heartbeat: on sfini's local engine the worker watches
 * each task it runs (`SfiniWatchTask`, held until the token can no longer be answered) and then
 * heartbeats at once, hearing `TaskTimedOut` as AWS would say it. Activities here heartbeat every
 * hour: a signal that waited for the next heartbeat would fail these tests by their timeout.
 * On any other endpoint (AWS) nothing but AWS's own operations is sent.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CreateStateMachineCommand, GetExecutionHistoryCommand, SendTaskHeartbeatCommand, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { ActivityRegistration } from "../../src/activities/registration.js";
import type { TaskContext } from "../../src/activities/callable-activity.js";
import type { JsonValue } from "../../src/json.js";
import { LocalEngine } from "../../src/local/index.js";
import { AWSSession } from "../../src/session.js";
import { TaskExecution, TaskTokenDeadError, Worker } from "../../src/worker/index.js";
import { WATCH_TASK_OPERATION } from "../../src/local-engine-protocol.js";
import { deferred, mockedSession, taskTimedOut } from "./helpers.js";

const ROLE = "arn:aws:iam::123456789012:role/watch";
const HOUR = 3600;

/** What each test leaves to close (engines, servers), newest last. */
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The reason `signal` aborted with, once it does. */
function abortReason(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) => (signal.aborted ? resolve(signal.reason) : signal.addEventListener("abort", () => resolve(signal.reason), { once: true })));
}

/** An activity heartbeating every hour whose function waits for its signal and reports why it aborted. */
async function hourlyActivity(name: string, timeScale: number) {
  const engine = await LocalEngine.start({ port: 0, timeScale });
  cleanups.push(() => engine.close());
  const session = engine.session;
  const registration = new ActivityRegistration({ prefix: "watch", session });
  const started = deferred();
  const aborted = deferred<unknown>();
  const activity = registration.activity(
    name,
    async (_input: JsonValue, context: TaskContext) => {
      started.resolve();
      aborted.resolve(await abortReason(context.signal));
      return "never sent";
    },
    { heartbeat: HOUR },
  );
  await registration.register();
  const worker = new Worker(activity, { session });
  const machine = async (task: object) =>
    (await session.sfn.send(new CreateStateMachineCommand({ name: `watch${name}`, roleArn: ROLE, definition: JSON.stringify({ StartAt: "run", States: { run: { Type: "Task", Resource: activity.arn, ...task, End: true } } }) }))).stateMachineArn!;
  return { engine, session, worker, started: started.promise, aborted: aborted.promise, machine };
}

async function eventTypes(session: AWSSession, executionArn: string): Promise<string[]> {
  return ((await session.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events ?? []).map((event) => event.type!);
}

describe("on the local engine, a task the engine ends aborts the signal at once", () => {
  it("a heartbeat the engine times out (HeartbeatSeconds 10, time scale 0: at once)", async () => {
    const setup = await hourlyActivity("Heartbeat", 0);
    const abandoned = new Promise<unknown[]>((resolve) => setup.worker.once("taskAbandoned", (...args) => resolve(args)));
    setup.worker.start();
    const { executionArn } = await setup.session.sfn.send(new StartExecutionCommand({ stateMachineArn: await setup.machine({ HeartbeatSeconds: 10 }) }));
    const reason = await setup.aborted;
    expect(reason).toBeInstanceOf(TaskTokenDeadError);
    expect((reason as TaskTokenDeadError).code).toBe("TaskTimedOut");
    const [event] = (await abandoned) as [{ reason: TaskTokenDeadError }];
    expect(event.reason).toBe(reason);
    expect(await setup.engine.whenExecutionEnds(executionArn!)).toMatchObject({ status: "FAILED", error: "States.HeartbeatTimeout" });
    expect(await eventTypes(setup.session, executionArn!)).toEqual(["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ActivityTimedOut", "ExecutionFailed"]);
    await setup.worker.end();
  });

  it("StopExecution of the task's execution", async () => {
    const setup = await hourlyActivity("Stop", 1);
    setup.worker.start();
    const { executionArn } = await setup.session.sfn.send(new StartExecutionCommand({ stateMachineArn: await setup.machine({}) }));
    await setup.started;
    await setup.session.sfn.send(new StopExecutionCommand({ executionArn, error: "Enough" }));
    expect(await setup.aborted).toMatchObject({ code: "TaskTimedOut" });
    expect(await eventTypes(setup.session, executionArn!)).toEqual(["ExecutionStarted", "TaskStateEntered", "ActivityScheduled", "ActivityStarted", "ExecutionAborted"]);
    await setup.worker.end();
  });
});

/**
 * An activity heartbeating every hour whose function sends one heartbeat itself: `seen` is
 * whether its signal was aborted before and after; `returned` resolves once it returned.
 */
function heartbeatingOnce(session: AWSSession, name: string) {
  const seen: boolean[] = [];
  const returned = deferred();
  const activity = new ActivityRegistration({ session }).activity(
    name,
    async (_input: JsonValue, context: TaskContext) => {
      seen.push(context.signal.aborted);
      await context.heartbeat().catch(() => undefined);
      seen.push(context.signal.aborted);
      returned.resolve();
      return null;
    },
    { heartbeat: HOUR },
  );
  return { activity, seen, returned: returned.promise };
}

describe("on AWS, nothing but AWS's operations is sent", () => {
  it("over HTTP (no x-sfini-local header): the worker polls and heartbeats only; the signal aborts when a heartbeat hears TaskTimedOut", async () => {
    const calls: string[] = [];
    let handedOut = false;
    const server: Server = createServer((req, res) => {
      const target = String(req.headers["x-amz-target"]).replace("AWSStepFunctions.", "");
      calls.push(target);
      req.resume();
      if (target === "GetActivityTask" && handedOut) return; // a long poll that never answers
      const answer = (status: number, body: object) => {
        res.writeHead(status, { "Content-Type": "application/x-amz-json-1.0" });
        res.end(JSON.stringify(body));
      };
      if (target === "GetActivityTask") {
        handedOut = true;
        return answer(200, { taskToken: "aws-token-0123456789abcdef", input: "{}" });
      }
      if (target === "SendTaskHeartbeat") return answer(400, { __type: "TaskTimedOut", message: "Task Timed Out: 'Provided task does not exist anymore'" });
      answer(400, { __type: "UnknownOperationException", message: target });
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", () => listening()));
    cleanups.push(async () => {
      server.closeAllConnections();
      await new Promise<void>((closed) => server.close(() => closed()));
    });
    const { port } = server.address() as AddressInfo;
    const session = new AWSSession({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", accountId: "123456789012", credentials: { accessKeyId: "k", secretAccessKey: "s" } });
    const { activity, seen } = heartbeatingOnce(session, "aws");
    const worker = new Worker(activity, { session });
    const abandoned = new Promise<void>((resolve) => worker.once("taskAbandoned", () => resolve()));
    worker.start();
    await abandoned;
    await worker.cancel();
    expect(seen).toEqual([false, true]);
    expect(calls.filter((call) => call !== "GetActivityTask")).toEqual(["SendTaskHeartbeat"]);
    expect(calls.some((call) => call.startsWith("Sfini") || call === WATCH_TASK_OPERATION)).toBe(false);
  });

  it("aws-sdk-client-mock: a TaskExecution told of no engine sends SendTaskHeartbeat only, and its signal aborts on its TaskTimedOut", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(SendTaskHeartbeatCommand).rejects(taskTimedOut());
    const { activity, seen, returned } = heartbeatingOnce(session, "mocked");
    const outcome = await new TaskExecution(activity, "mocked-token-0123456789", {}, { session }).run();
    expect(outcome).toMatchObject({ kind: "abandoned", reason: { code: "TaskTimedOut" } });
    await returned;
    expect(seen).toEqual([false, true]);
    expect(sfn.calls().map((call) => call.args[0].constructor.name)).toEqual(["SendTaskHeartbeatCommand"]);
    expect(sfn.commandCalls(SendTaskHeartbeatCommand).map((call) => call.args[0].input)).toEqual([{ taskToken: "mocked-token-0123456789" }]);
  });
});
