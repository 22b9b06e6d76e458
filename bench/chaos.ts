/**
 * The chaos run at scale: 10,000 executions through a pool of Workers while the engine faults
 * 10 % of the workers' calls (seeded throttling, 500s, dropped connections, lost answers),
 * beside the same run without faults as the baseline measured in the same process, and the
 * same faults with the SDK's adaptive retries (client-side rate limiting) instead of standard.
 *
 *   npx tsx bench/chaos.ts [executions=10000] [workers=16] [concurrency=4]
 *
 * Prints executions/s of both runs and their ratio, the faults injected per operation and
 * kind, the retries they caused (SDK attempts beyond the first, and the workers' own), and the
 * answered-exactly-once check from the engine's histories and the workers' events.
 */
import { runChaos, WORKER_OPERATIONS, type ChaosReport } from "../test/integration/chaos-run.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const executions = Number(process.argv[2] ?? 10_000);
const workers = Number(process.argv[3] ?? 16);
const concurrency = Number(process.argv[4] ?? 4);
const seed = 20_260_101;

function rate(report: ChaosReport): number {
  return report.executions / (report.elapsedMs / 1000);
}

/** The failures of the exactly-once check; empty when it holds. */
function exactlyOnceProblems(report: ChaosReport): string[] {
  const n = report.executions;
  const e = report.engineSide;
  const w = report.workerSide;
  const problems: string[] = [];
  if (report.statuses["SUCCEEDED"] !== n) problems.push(`statuses ${JSON.stringify(report.statuses)}`);
  if (report.wrongOutputs) problems.push(`${report.wrongOutputs} wrong outputs`);
  if (e.badHistories.length) problems.push(`${e.badHistories.length} histories unlike the expected one, e.g. ${e.badHistories[0]}`);
  if (e.activityScheduled !== n || e.activityStarted !== n || e.activitySucceeded !== n) {
    problems.push(`engine: scheduled ${e.activityScheduled}, started ${e.activityStarted}, succeeded ${e.activitySucceeded}`);
  }
  if (e.activityFailedOrTimedOut || e.foreignWorkers) problems.push(`engine: ${e.activityFailedOrTimedOut} failed/timed out, ${e.foreignWorkers} foreign workers`);
  if (w.tasksStarted !== n || w.tokensStartedTwice || w.tokensAnsweredTwice) {
    problems.push(`workers: started ${w.tasksStarted}, ${w.tokensStartedTwice} started twice, ${w.tokensAnsweredTwice} answered twice`);
  }
  if (w.succeeded + w.abandonedAfterLostAnswer !== n || w.failed || w.cancelled || w.abandonedOther) {
    problems.push(`workers: ${w.succeeded} succeeded + ${w.abandonedAfterLostAnswer} lost answers, ${w.failed} failed, ${w.cancelled} cancelled, ${w.abandonedOther} abandoned`);
  }
  return problems;
}

console.log(`chaos: ${executions} executions, ${workers} workers x ${concurrency} slots, seed ${seed}`);
// Warm up (JIT, sockets) so the baseline is not the cold run.
await runChaos({ executions: Math.min(1_000, executions), workers, concurrency, faultRate: 0.1, seed: seed + 1 });
const baseline = await runChaos({ executions, workers, concurrency, faultRate: 0, seed });
const chaos = await runChaos({ executions, workers, concurrency, faultRate: 0.1, seed });
// The same faults with the SDK's adaptive retries: what its client-side rate limiting costs
// a worker fleet next to the default standard mode.
const adaptive = await runChaos({ executions, workers, concurrency, faultRate: 0.1, seed, retryMode: "adaptive" });
// The baseline again, last: the spread between the two shows how much order and machine load move the figures.
const baselineAgain = await runChaos({ executions, workers, concurrency, faultRate: 0, seed });

console.log("");
console.log(`baseline (no faults): ${(baseline.elapsedMs / 1000).toFixed(1)} s, ${rate(baseline).toFixed(0)} executions/s`);
console.log(`baseline, run again last: ${rate(baselineAgain).toFixed(0)} executions/s (${(rate(baselineAgain) / rate(baseline)).toFixed(2)}x the first)`);
console.log(`chaos (10% faulted):  ${(chaos.elapsedMs / 1000).toFixed(1)} s, ${rate(chaos).toFixed(0)} executions/s`);
console.log(`ratio chaos/baseline: ${(rate(chaos) / rate(baseline)).toFixed(2)}x the executions/s`);
console.log(`chaos, adaptive SDK retries: ${rate(adaptive).toFixed(0)} executions/s, ${(rate(adaptive) / rate(baseline)).toFixed(2)}x the baseline`);

console.log("");
console.log("faults injected (engine side), per worker operation:");
console.log(`  ${"operation".padEnd(18)} ${"calls".padStart(7)} ${"throttle".padStart(9)} ${"500".padStart(6)} ${"drop".padStart(6)} ${"lostAns".padStart(8)} ${"share".padStart(7)}`);
for (const operation of WORKER_OPERATIONS) {
  const t = chaos.faults[operation] ?? { none: 0, throttle: 0, serverError: 0, drop: 0, dropResponse: 0 };
  const calls = t.none + t.throttle + t.serverError + t.drop + t.dropResponse;
  const share = calls ? ((calls - t.none) / calls) * 100 : 0;
  console.log(
    `  ${operation.padEnd(18)} ${String(calls).padStart(7)} ${String(t.throttle).padStart(9)} ${String(t.serverError).padStart(6)} ${String(t.drop).padStart(6)} ${String(t.dropResponse).padStart(8)} ${share.toFixed(1).padStart(6)}%`,
  );
}

console.log("");
console.log("retries (worker side):");
for (const operation of WORKER_OPERATIONS) {
  const base = baseline.workerSide.sdk[operation];
  const sdk = chaos.workerSide.sdk[operation];
  if (!sdk) continue;
  console.log(
    `  ${operation.padEnd(18)} ${sdk.calls} calls, ${sdk.attempts - sdk.calls} SDK retries` +
      (base ? ` (baseline: ${base.calls} calls, ${base.attempts - base.calls} retries)` : ""),
  );
}
const w = chaos.workerSide;
console.log(`  worker loops: ${w.pollErrors} poll errors, ${w.reportRetries} report retries, ${w.heartbeatErrors} heartbeat errors`);
console.log(`  tasks per worker: min ${Math.min(...w.perWorker)}, max ${Math.max(...w.perWorker)}`);

console.log("");
for (const [name, report] of [["baseline", baseline], ["chaos", chaos], ["chaos, adaptive retries", adaptive]] as const) {
  const problems = exactlyOnceProblems(report);
  console.log(
    `answered exactly once (${name}): ${problems.length === 0 ? "yes" : "NO"}; engine: ${report.engineSide.activitySucceeded} ActivitySucceeded for ${report.executions} executions; ` +
      `workers: ${report.workerSide.succeeded} succeeded + ${report.workerSide.abandonedAfterLostAnswer} whose success reply was lost`,
  );
  for (const problem of problems) console.log(`  ${problem}`);
}
if ([baseline, chaos, adaptive].some((report) => exactlyOnceProblems(report).length > 0)) process.exitCode = 1;
