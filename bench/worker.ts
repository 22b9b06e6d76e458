/**
 * Worker throughput: tasks per second of a no-op activity at concurrency 1, 4 and 16, beside a
 * raw SDK loop (GetActivityTask then SendTaskSuccess, no library) measured in the same run
 * against the same endpoint; and the resident memory of an idle worker.
 *
 * The endpoint is a tiny in-bench HTTP server on 127.0.0.1 speaking the two operations (SFN
 * JSON 1.0) with a fixed latency per request, so the server is not the limit and the numbers
 * compare the worker's own overhead with the raw loop's.
 *
 *   npx tsx bench/worker.ts [--seconds 5] [--latency-ms 20]
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { GetActivityTaskCommand, SendTaskSuccessCommand, SFNClient } from "@aws-sdk/client-sfn";
import { CallableActivity } from "../src/activities/callable-activity.js";
import { AWSSession } from "../src/session.js";
import { Worker } from "../src/worker/worker.js";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

const SECONDS = flag("seconds", 5);
// 20 ms is about what an SFN call takes from inside an AWS region.
const LATENCY_MS = flag("latency-ms", 20);
const REGION = "us-east-1";
const ACCOUNT = "123456789012";
const CREDENTIALS = { accessKeyId: "AKIDBENCH", secretAccessKey: "bench" };

/** true: polls get a task after the latency; false: polls are held 1 s and get none (idle). */
let tasksAvailable = true;
let issued = 0;

function reply(res: ServerResponse, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const target = String(req.headers["x-amz-target"] ?? "");
    if (target === "AWSStepFunctions.GetActivityTask") {
      if (!tasksAvailable) return void setTimeout(() => reply(res, {}), 1000);
      return void setTimeout(() => reply(res, { taskToken: `token-${issued++}`, input: "{}" }), LATENCY_MS);
    }
    if (target === "AWSStepFunctions.SendTaskSuccess" || target === "AWSStepFunctions.SendTaskHeartbeat") {
      return void setTimeout(() => reply(res, {}), LATENCY_MS);
    }
    res.writeHead(400, { "content-type": "application/x-amz-json-1.0" });
    res.end(JSON.stringify({ __type: "UnknownOperationException", message: target }));
  });
}

const server = createServer(handle);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const activityArn = `arn:aws:states:${REGION}:${ACCOUNT}:activity:bench`;

async function rawLoop(seconds: number): Promise<number> {
  const client = new SFNClient({ region: REGION, endpoint, credentials: CREDENTIALS });
  const deadline = performance.now() + seconds * 1000;
  let done = 0;
  while (performance.now() < deadline) {
    const task = await client.send(new GetActivityTaskCommand({ activityArn, workerName: "raw" }));
    if (!task.taskToken) continue;
    await client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: "null" }));
    done++;
  }
  client.destroy();
  return done / seconds;
}

function workerSession(): AWSSession {
  return new AWSSession({ region: REGION, accountId: ACCOUNT, endpoint, credentials: CREDENTIALS });
}

async function workerRate(concurrency: number, seconds: number): Promise<number> {
  const session = workerSession();
  const activity = new CallableActivity("bench", () => null, { session });
  const worker = new Worker(activity, { concurrency, name: "bench-worker" });
  let done = 0;
  worker.on("taskSucceeded", () => done++);
  const started = performance.now();
  worker.start();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const counted = done;
  const elapsed = (performance.now() - started) / 1000;
  await worker.end();
  session.sfn.destroy();
  return counted / elapsed;
}

function mib(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

// Warm up both paths (JIT, sockets) before anything counts.
await rawLoop(0.3);
await workerRate(1, 0.3);

const raw = await rawLoop(SECONDS);
const rates = new Map<number, number>();
for (const concurrency of [1, 4, 16]) rates.set(concurrency, await workerRate(concurrency, SECONDS));
const c1 = rates.get(1)!;

console.log(`endpoint: in-bench server, ${LATENCY_MS} ms per request; ${SECONDS} s per measurement`);
console.log(`raw SDK loop (poll, then report):  ${raw.toFixed(0)} tasks/s`);
for (const [concurrency, rate] of rates) {
  console.log(
    `worker, concurrency ${String(concurrency).padStart(2)}:           ${rate.toFixed(0).padStart(5)} tasks/s` +
      `  ${(rate / raw).toFixed(2)}x raw  ${(rate / c1).toFixed(2)}x concurrency 1`,
  );
}
console.log(`targets: concurrency 1 >= 0.9x raw (${(c1 / raw).toFixed(2)}x), concurrency 16 >= 8x concurrency 1 (${(rates.get(16)! / c1).toFixed(2)}x)`);

// Idle: every poll is held and answered with no task, as SFN does when the queue is empty.
tasksAvailable = false;
global.gc?.();
const before = process.memoryUsage().rss;
const idleSession = workerSession();
const idle = new Worker(new CallableActivity("bench", () => null, { session: idleSession }), { concurrency: 16, name: "bench-idle" });
idle.start();
await new Promise((resolve) => setTimeout(resolve, 2500));
global.gc?.();
const during = process.memoryUsage().rss;
console.log(`idle worker (concurrency 16, polls open): process RSS ${mib(during)} MiB, ${mib(during - before)} MiB more than before it started`);
await idle.end();
idleSession.sfn.destroy();
server.close();
