/**
 * How late `Execution.wait` notices an execution's end, and how many DescribeExecution calls it
 * makes, beside sfini's fixed 3-second poll on the same timeline.
 *
 *   npx tsx bench/wait.ts
 *
 * The timeline is simulated (a clock whose sleep advances virtual time), so the figures are
 * exact and the run takes a second; a short real-time run on the same mocked client checks
 * that the SDK's own overhead does not change the picture.
 */
import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { Execution } from "../src/control/execution.js";
import { systemClock, type WaitClock } from "../src/control/wait-schedule.js";
import { AWSSession } from "../src/session.js";

const SFINI_POLL_MS = 3_000;
const machineArn = "arn:aws:states:us-west-2:123456789012:stateMachine:bench";
const arn = `${machineArn.replace("stateMachine", "execution")}:run`;

/** A session whose DescribeExecution says RUNNING until `endsAt()` of `clock`, counting calls. */
function mockedExecution(clock: WaitClock, endsAt: number) {
  const sfn = new SFNClient({ region: "us-west-2", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" } });
  const calls = { count: 0 };
  mockClient(sfn)
    .on(DescribeExecutionCommand)
    .callsFake(() => {
      calls.count++;
      const done = clock.now() >= endsAt;
      return { executionArn: arn, stateMachineArn: machineArn, name: "run", startDate: new Date(0), status: done ? "SUCCEEDED" : "RUNNING", ...(done ? { output: "1" } : {}) };
    });
  const session = new AWSSession({ region: "us-west-2", accountId: "123456789012", sfn });
  return { execution: new Execution("run", machineArn, { arn, session }), calls };
}

/** Virtual time: sleeping only moves the clock. */
function simulatedClock(): WaitClock {
  let now = 0;
  return { now: () => now, sleep: async (ms) => void (now += ms) };
}

/** sfini: describe, then sleep 3 s, until done. Returns [lateness ms, calls]. */
function sfini(endsAtMs: number): [number, number] {
  const calls = Math.ceil(endsAtMs / SFINI_POLL_MS) + 1;
  return [(calls - 1) * SFINI_POLL_MS - endsAtMs, calls];
}

async function ours(endsAtMs: number): Promise<[number, number]> {
  const clock = simulatedClock();
  const { execution, calls } = mockedExecution(clock, endsAtMs);
  await execution.wait({ clock });
  return [clock.now() - endsAtMs, calls.count];
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

// A small seeded generator, so every run measures the same end times.
function seeded(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;

async function lateness(label: string, ends: number[]) {
  const mine = await Promise.all(ends.map(ours));
  const theirs = ends.map(sfini);
  const row = (name: string, rs: [number, number][]) =>
    `  ${name.padEnd(7)} median ${fmt(quantile(rs.map((r) => r[0]), 0.5))}   p95 ${fmt(quantile(rs.map((r) => r[0]), 0.95))}   calls (median) ${quantile(rs.map((r) => r[1]), 0.5)}`;
  console.log(`${label} (${ends.length} executions)`);
  console.log(row("sfini", theirs));
  console.log(row("sfini-ts", mine));
  const ratio = quantile(theirs.map((r) => r[0]), 0.5) / Math.max(1, quantile(mine.map((r) => r[0]), 0.5));
  console.log(`  median lateness: sfini / ours = ${ratio.toFixed(1)}x`);
}

const random = seeded(42);
await lateness("Sub-second executions, end uniform in (0, 1 s), simulated time", Array.from({ length: 1_000 }, () => 1 + random() * 999));
await lateness("Executions of 1-10 s, simulated time", Array.from({ length: 1_000 }, () => 1_000 + random() * 9_000));

for (const minutes of [1, 10]) {
  const end = minutes * 60_000;
  const [, mineCalls] = await ours(end);
  const [, theirCalls] = sfini(end);
  console.log(
    `A ${minutes}-minute wait: DescribeExecution calls sfini ${theirCalls} (${(theirCalls / minutes).toFixed(1)}/min), ` +
      `ours ${mineCalls} (${(mineCalls / minutes).toFixed(1)}/min); ratio ours/sfini ${(mineCalls / theirCalls).toFixed(2)}`,
  );
}

// Real time, real SDK middleware (mocked transport): 50 executions ending in (0, 1 s), in parallel.
{
  const started = Date.now();
  const ends = Array.from({ length: 50 }, () => started + 1 + random() * 999);
  const late = await Promise.all(
    ends.map(async (endsAt) => {
      const { execution } = mockedExecution(systemClock, endsAt);
      await execution.wait();
      return Date.now() - endsAt;
    }),
  );
  console.log(`Real time, 50 sub-second executions: median ${fmt(quantile(late, 0.5))}   p95 ${fmt(quantile(late, 0.95))} late`);
}
