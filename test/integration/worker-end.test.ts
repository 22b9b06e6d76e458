/**
 * Worker.end() ends fast on sfini's local engine and safely everywhere: the engine marks its
 * answers (`x-sfini-local`), the worker then asks it to end its open polls empty (no task can be
 * lost that way); on any other endpoint polls are waited out unless `pollGraceSeconds` says.
 * The engine holds polls 60 s and the tests time out at 30 s: an end() that waited a poll out
 * fails its test.
 */
import { EventEmitter } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ActivityRegistration } from "../../src/activities/registration.js";
import { Task } from "../../src/definitions/index.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { LocalEngine } from "../../src/local/index.js";
import { AWSSession } from "../../src/session.js";
import { runWorkersUntilSignal, Worker } from "../../src/worker/index.js";
import type { SignalSource } from "../../src/worker/signals.js";

let engine: LocalEngine | undefined;
let server: Server | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
  server?.closeAllConnections();
  server = undefined;
});

async function setUp(name: string) {
  engine = await LocalEngine.start({ port: 0 });
  const session = engine.session;
  const activities = new ActivityRegistration({ prefix: "end", session });
  const activity = activities.activity(name, (input: { a: number; b: number }) => input.a + input.b);
  const stateMachine = constructStateMachine(`end${name}`, new Task("add", activity), { session });
  await activities.register();
  await stateMachine.register();
  const polls = () => engine!.waitingPolls(activity.arn);
  return { engine, session, activity, stateMachine, polls };
}

/** Resolves once `condition` holds, checking after each turn of the event loop (bounded). */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100_000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}

describe("Worker.end() on the local engine", () => {
  it("returns once the last task is answered: its open polls end empty at once", async () => {
    const { session, activity, stateMachine, polls } = await setUp("AfterTask");
    const worker = new Worker(activity, { session, concurrency: 3 });
    worker.start();
    const execution = await stateMachine.startExecution({ a: 3, b: 42 });
    await execution.wait();
    expect(execution.output).toBe(45);
    await until(() => polls() === 3);
    await worker.end();
    expect(worker.state).toBe("stopped");
    expect(polls()).toBe(0);
  });

  it("returns at once when no task ever came (one DescribeActivity tells the engine apart)", async () => {
    const { session, activity, polls } = await setUp("NoTask");
    const worker = new Worker(activity, { session, concurrency: 2 });
    worker.start();
    await until(() => polls() === 2);
    await worker.end();
    expect(worker.state).toBe("stopped");
  });

  it("loses no task: a task scheduled after the end goes to the next worker", async () => {
    const { session, activity, stateMachine, polls } = await setUp("NoLoss");
    const first = new Worker(activity, { session, name: "first" });
    first.start();
    await until(() => polls() === 1);
    await first.end();
    const execution = await stateMachine.startExecution({ a: 1, b: 2 });
    const second = new Worker(activity, { session, name: "second" });
    second.start();
    await execution.wait();
    expect(execution.output).toBe(3);
    const history = await execution.getHistory();
    expect(history.find((event) => event.type === "ActivityStarted")?.details).toMatchObject({ workerName: "second" });
    await second.end();
  });

  it("the CLI's way (runWorkersUntilSignal): SIGINT ends the worker at once", async () => {
    const { session, activity, polls } = await setUp("Signal");
    const signals = new EventEmitter();
    const worker = new Worker(activity, { session });
    const exit = runWorkersUntilSignal([worker], { source: signals as SignalSource });
    await until(() => polls() === 1);
    signals.emit("SIGINT", "SIGINT");
    await expect(exit).resolves.toBe(0);
  });
});

describe("Worker.end() on an endpoint that is not the local engine", () => {
  /** Answers DescribeActivity, holds every GetActivityTask open; counts the calls. */
  async function holdingEndpoint(): Promise<{ session: AWSSession; calls: string[] }> {
    const calls: string[] = [];
    server = createServer((req, res) => {
      const target = String(req.headers["x-amz-target"]).replace("AWSStepFunctions.", "");
      calls.push(target);
      req.resume();
      if (target === "GetActivityTask") return; // a long poll that never answers
      res.writeHead(200, { "Content-Type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ activityArn: "arn:aws:states:us-east-1:123456789012:activity:held", name: "held", creationDate: 0 }));
    });
    await new Promise<void>((listening) => server!.listen(0, "127.0.0.1", () => listening()));
    const { port } = server!.address() as AddressInfo;
    const session = new AWSSession({ endpoint: `http://127.0.0.1:${port}`, region: "us-east-1", accountId: "123456789012", credentials: { accessKeyId: "k", secretAccessKey: "s" } });
    return { session, calls };
  }

  it("keeps its polls open (the safe wait), and pollGraceSeconds bounds it by aborting them", async () => {
    const { session, calls } = await holdingEndpoint();
    const registration = new ActivityRegistration({ session });
    const activity = registration.activity("held", () => null);
    const worker = new Worker(activity, { session, concurrency: 2 });
    worker.start();
    await until(() => calls.filter((call) => call === "GetActivityTask").length === 2);
    let ended = false;
    const end = worker.end({ pollGraceSeconds: 0.2 }).then(() => (ended = true));
    await until(() => calls.includes("DescribeActivity"));
    // Told apart (no x-sfini-local header), nothing is sent to end the polls: they stay open.
    expect(ended).toBe(false);
    expect(worker.state).toBe("ending");
    await end;
    expect(worker.state).toBe("stopped");
    expect(calls.filter((call) => call !== "GetActivityTask")).toEqual(["DescribeActivity"]);
  });

  it("refuses a pollGraceSeconds that is not a number of seconds >= 0", async () => {
    const { session } = await holdingEndpoint();
    const activity = new ActivityRegistration({ session }).activity("held", () => null);
    const worker = new Worker(activity, { session });
    expect(() => worker.end({ pollGraceSeconds: -1 })).toThrow("pollGraceSeconds must be a number of seconds >= 0, got -1");
  });
});
