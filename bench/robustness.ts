/**
 * The local engine under load it must survive (issue 10's closing figures):
 *
 * 1. Memory: resident memory and heap after 20,000 executions with 10 KB inputs (a Pass and a
 *    Choice each), against the engine's own baseline measured just before; retention keeps the
 *    newest 10,000 ended executions.
 * 2. Latency: a ListActivities sent every 50 ms while a Distributed Map runs 100,000 items of
 *    `Wait 1s`, against ListActivities on the idle engine. The engine runs time-scaled
 *    (`timeScale: 0.01`: each Wait is 10 real ms), so the map takes seconds, not hours.
 *
 *   npm run bench:robustness            (node --expose-gc, so heap figures are after a GC)
 *   npx tsx bench/robustness.ts --quick (2,000 executions, 10,000 items)
 *
 * The engine runs in this process with the real SDK client over HTTP, so RSS includes the
 * client's share.
 */
import { CreateStateMachineCommand, DescribeExecutionCommand, ListActivitiesCommand, StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../src/local/index.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const QUICK = process.argv.includes("--quick");
const EXECUTIONS = QUICK ? 2_000 : process.argv.includes("--mid") ? 8_000 : 20_000;
const ITEMS = QUICK ? 10_000 : 100_000;
const ROLE = "arn:aws:iam::123456789012:role/bench";
const MiB = 1_048_576;

function memory(): { rss: number; heap: number; external: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  if (process.argv.includes("--verbose")) console.log(JSON.stringify(Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, Math.round(v / MiB)]))));
  return { rss: usage.rss / MiB, heap: usage.heapUsed / MiB, external: usage.external / MiB };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timedCall(sfn: SFNClient): Promise<number> {
  const started = performance.now();
  await sfn.send(new ListActivitiesCommand({}));
  return performance.now() - started;
}

async function idleLatencies(sfn: SFNClient, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) latencies.push(await timedCall(sfn));
  return latencies;
}

async function untilEnded(sfn: SFNClient, executionArn: string, whileRunning?: () => Promise<void>): Promise<string> {
  for (;;) {
    const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (status !== "RUNNING") return status!;
    if (whileRunning) await whileRunning();
    else await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function memoryAfterExecutions(): Promise<void> {
  const engine = await LocalEngine.start();
  const sfn = LocalEngine.client(engine.endpoint, engine.region);
  const definition = {
    StartAt: "P",
    States: { P: { Type: "Pass", Next: "C" }, C: { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "D" }], Default: "D" }, D: { Type: "Succeed" } },
  };
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "memory", roleArn: ROLE, definition: JSON.stringify(definition) }));
  const input = JSON.stringify({ blob: "x".repeat(10_240) });
  await idleLatencies(sfn, 20);
  const before = memory();
  const started = performance.now();
  let next = 0;
  let last = "";
  const worker = async (): Promise<void> => {
    while (next < EXECUTIONS) {
      next++;
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input }));
      last = executionArn!;
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  await untilEnded(sfn, last);
  const seconds = (performance.now() - started) / 1000;
  const after = memory();
  console.log(`1. ${EXECUTIONS} executions with 10 KB inputs in ${seconds.toFixed(1)} s (${Math.round(EXECUTIONS / seconds)}/s)`);
  console.log(`   RSS ${before.rss.toFixed(0)} MiB before -> ${after.rss.toFixed(0)} MiB after (x${(after.rss / before.rss).toFixed(2)}); heap ${before.heap.toFixed(0)} -> ${after.heap.toFixed(0)} MiB; external ${before.external.toFixed(0)} -> ${after.external.toFixed(0)} MiB`);
  console.log(`   ${((after.heap - before.heap) * 1024 / Math.min(EXECUTIONS, 10_000)).toFixed(1)} KiB heap per retained execution (10,000 ended executions kept)`);
  sfn.destroy();
  await engine.close();
}

async function latencyDuringMap(): Promise<void> {
  const engine = await LocalEngine.start({ timeScale: 0.01 });
  const sfn = LocalEngine.client(engine.endpoint, engine.region);
  const idle = await idleLatencies(sfn, 50);
  const definition = {
    StartAt: "Fan",
    States: {
      Fan: {
        Type: "Map",
        ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, End: true } } },
        ResultSelector: { "n.$": "States.ArrayLength($)" },
        End: true,
      },
    },
  };
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "fan", roleArn: ROLE, definition: JSON.stringify(definition) }));
  const started = performance.now();
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(new Array<number>(ITEMS).fill(0)) }));
  const during: number[] = [];
  const status = await untilEnded(sfn, executionArn!, async () => {
    during.push(await timedCall(sfn));
    await new Promise((resolve) => setTimeout(resolve, 50));
  });
  const seconds = (performance.now() - started) / 1000;
  const p = (values: number[], q: number) => percentile(values, q).toFixed(1);
  console.log(`2. Distributed Map over ${ITEMS} items of Wait 1s (timeScale 0.01): ${status} in ${seconds.toFixed(1)} s`);
  console.log(`   ListActivities idle: median ${p(idle, 50)} ms, max ${p(idle, 100)} ms`);
  console.log(
    `   ListActivities during (${during.length} calls): median ${p(during, 50)} ms, p95 ${p(during, 95)} ms, max ${p(during, 100)} ms (max x${(percentile(during, 100) / percentile(idle, 50)).toFixed(1)} the idle median)`,
  );
  sfn.destroy();
  await engine.close();
}

await memoryAfterExecutions();
await latencyDuringMap();
