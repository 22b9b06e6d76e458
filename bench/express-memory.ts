/**
 * Memory of a long Express run (issue 9 class 11, issue 10 item 3): Express executions keep no
 * history, as on AWS, so an engine running one through millions of events stays flat. One
 * StartSyncExecution counts a loop (Pass + Choice, 4 events an iteration) to N; the engine's
 * resident memory is sampled every 20 ms while it runs, and heap is read after a GC at the end,
 * each against the engine's own baseline just before.
 *
 *   npm run bench:express-memory               (1,000,000 iterations: 4,000,000 events)
 *   npx tsx bench/express-memory.ts --quick    (100,000 iterations)
 *
 * The engine runs in this process with the real SDK client over HTTP, so RSS includes the
 * client's share.
 */
import { CreateStateMachineCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../src/local/index.js";
import { countingLoop } from "../test/local/counting-loop.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const ITERATIONS = process.argv.includes("--quick") ? 100_000 : 1_000_000;
const MiB = 1_048_576;

function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { rss: usage.rss / MiB, heap: usage.heapUsed / MiB };
}

const engine = await LocalEngine.start({ port: 0 });
try {
  const definition = countingLoop(ITERATIONS);
  const { stateMachineArn } = await engine.session.sfn.send(
    new CreateStateMachineCommand({ name: "long-express", roleArn: "arn:aws:iam::123456789012:role/bench", definition: JSON.stringify(definition), type: "EXPRESS" }),
  );
  const before = memory();
  let peakRss = before.rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss / MiB)), 20);
  const started = performance.now();
  const answer = await engine.session.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"n":0}' }));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const after = memory();
  console.log(`Express run of ${ITERATIONS.toLocaleString("en")} iterations (${(4 * ITERATIONS + 4).toLocaleString("en")} events): ${answer.status}, output ${answer.output}, ${seconds.toFixed(1)} s`);
  console.log(`RSS: baseline ${before.rss.toFixed(0)} MiB, peak +${(peakRss - before.rss).toFixed(0)} MiB; heap after GC: +${(after.heap - before.heap).toFixed(1)} MiB`);
} finally {
  await engine.close();
}
