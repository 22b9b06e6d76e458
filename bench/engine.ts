/**
 * The embedded engine's speed: state transitions per second of a Pass chain and of a Map, in
 * process (the interpreter's `runExecution` with a minimal host storing the history as the
 * engine does) and over HTTP (the real SDK client against `LocalEngine`), and executions per
 * second through activity workers with 1,000 executions in flight.
 *
 *   npx tsx bench/engine.ts [--quick] [--peer]
 *
 * Each figure is printed with its per-transition (or per-execution) cost as a ratio to the
 * smallest size measured in the same run, so growth is visible whatever the machine. A
 * transition is one state run: a Pass of the chain, or one item's Pass inside the Map.
 * `--quick` measures only the two smaller sizes. First of all, the same definitions run side by
 * side with `aws-local-stepfunctions` (bench/peer.ts), whose ratios are printed; `--peer`
 * stops after that section.
 */
import { CreateStateMachineCommand, StartExecutionCommand, paginateGetExecutionHistory, type SFNClient } from "@aws-sdk/client-sfn";
import type { JsonObject, JsonValue } from "../src/json.js";
import { LocalEngine } from "../src/local/index.js";
import { MAX_HISTORY_EVENTS, runExecution, type EmitDeferredEvent, type InterpreterHost } from "../src/local/interpreter/index.js";
import { ExecutionHistory } from "../src/local/store/history.js";
import { runChaos } from "../test/integration/chaos-run.js";
import { BENCH_CONTEXT, comparePeer } from "./peer.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const QUICK = process.argv.includes("--quick");
const PEER_ONLY = process.argv.includes("--peer");
const SIZES = QUICK ? [100, 1_000] : [100, 1_000, 10_000];
const ROLE = "arn:aws:iam::123456789012:role/bench";
const RAISED_LIMIT = 1_000_000;

// ---------------------------------------------------------------- definitions

/** `n` Pass states in a row; each adds nothing, so the payload stays small. */
function passChain(n: number): JsonObject {
  const states: JsonObject = {};
  for (let i = 0; i < n; i++) states[`p${i}`] = i === n - 1 ? { Type: "Pass", End: true } : { Type: "Pass", Next: `p${i + 1}` };
  return { StartAt: "p0", States: states };
}

/** A Map over `$.items`, each item through one Pass. */
function mapOver(mode: "INLINE" | "DISTRIBUTED"): JsonObject {
  return {
    StartAt: "each",
    States: {
      each: {
        Type: "Map",
        ItemsPath: "$.items",
        MaxConcurrency: 0,
        ItemProcessor: {
          ProcessorConfig: mode === "DISTRIBUTED" ? { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" } : { Mode: "INLINE" },
          StartAt: "item",
          States: { item: { Type: "Pass", End: true } },
        },
        End: true,
      },
    },
  };
}

function items(n: number): JsonObject {
  return { items: Array.from({ length: n }, (_, i) => i) };
}

// ---------------------------------------------------------------- in-process runs

/** The least an interpreter needs: real clock, history stored like the engine's. */
class BenchHost implements InterpreterHost {
  private tokens = 0;
  now(): number {
    return Date.now();
  }
  newTaskToken(): string {
    return `t${++this.tokens}`;
  }
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
    });
  }
  invokeTask(): Promise<JsonValue> {
    return Promise.reject(new Error("no tasks in this bench"));
  }
}


/** One in-process run: ms, status, history length. */
async function runInProcess(definition: JsonObject, input: JsonValue, maxHistoryEvents = MAX_HISTORY_EVENTS): Promise<{ ms: number; status: string; events: number; error?: string }> {
  const history = new ExecutionHistory();
  const host = new BenchHost();
  const t0 = performance.now();
  const startEventId = history.append("ExecutionStarted", host.now(), { input: JSON.stringify(input) });
  const emit: EmitDeferredEvent = (type, details, previous, timestamp) => history.append(type, timestamp ?? host.now(), details, previous);
  const result = await runExecution({
    definition,
    input,
    context: { ...BENCH_CONTEXT, Execution: { ...BENCH_CONTEXT.Execution, Input: input } },
    host,
    emit,
    emitDeferred: emit,
    startEventId,
    maxHistoryEvents,
  });
  history.append(`Execution${result.status === "SUCCEEDED" ? "Succeeded" : "Failed"}`, host.now(), {}, result.lastEventId);
  const ms = performance.now() - t0;
  return { ms, status: result.status, events: history.length, ...(result.error ? { error: result.error } : {}) };
}

// ---------------------------------------------------------------- HTTP runs

let machines = 0;

/** Create a machine over HTTP, then time StartExecution → end, and the paged history read. */
async function runOverHttp(
  engine: LocalEngine,
  sfn: SFNClient,
  definition: JsonObject,
  input: JsonValue,
): Promise<{ createMs: number; ms: number; historyMs: number; status: string; events: number; error?: string }> {
  const name = `bench${++machines}`;
  let t0 = performance.now();
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }));
  const createMs = performance.now() - t0;
  t0 = performance.now();
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  const end = await engine.whenExecutionEnds(executionArn!);
  const ms = performance.now() - t0;
  t0 = performance.now();
  let events = 0;
  for await (const page of paginateGetExecutionHistory({ client: sfn, pageSize: 1000 }, { executionArn: executionArn!, maxResults: 1000 })) {
    events += page.events?.length ?? 0;
  }
  const historyMs = performance.now() - t0;
  return { createMs, ms, historyMs, status: end.status, events, ...(end.error ? { error: end.error } : {}) };
}

// ---------------------------------------------------------------- measuring

/** Median of `repeats` runs after one warm-up. */
async function median<T extends { ms: number }>(repeats: number, run: () => Promise<T>): Promise<T> {
  await run();
  const results: T[] = [];
  for (let i = 0; i < repeats; i++) results.push(await run());
  results.sort((a, b) => a.ms - b.ms);
  return results[Math.floor(results.length / 2)]!;
}

function repeatsFor(size: number): number {
  return size <= 100 ? 15 : size <= 1_000 ? 7 : 3;
}

interface Row {
  label: string;
  size: number;
  transitions: number;
  ms: number;
  events: number;
  status: string;
  extra?: string;
}

function printTable(title: string, rows: Row[]): void {
  console.log(`\n${title}`);
  console.log(`  ${"case".padEnd(34)} ${"size".padStart(6)} ${"status".padEnd(9)} ${"events".padStart(7)} ${"ms".padStart(9)} ${"transitions/s".padStart(14)} ${"µs/transition".padStart(14)} ${"cost vs smallest".padStart(17)}`);
  const base = new Map<string, number>();
  for (const row of rows) {
    const perTransition = (row.ms * 1000) / row.transitions;
    if (!base.has(row.label)) base.set(row.label, perTransition);
    const ratio = perTransition / base.get(row.label)!;
    console.log(
      `  ${row.label.padEnd(34)} ${String(row.size).padStart(6)} ${row.status.padEnd(9)} ${String(row.events).padStart(7)} ${row.ms.toFixed(1).padStart(9)} ` +
        `${Math.round(row.transitions / (row.ms / 1000)).toLocaleString("en-US").padStart(14)} ${perTransition.toFixed(2).padStart(14)} ${`${ratio.toFixed(2)}x`.padStart(17)}` +
        (row.extra ? `  ${row.extra}` : ""),
    );
  }
}

// ---------------------------------------------------------------- main

console.log(`engine bench (${QUICK ? "quick: " : ""}sizes ${SIZES.join(" / ")}); node ${process.version}`);

// Against the peer first, while the process is fresh for both.
await comparePeer(QUICK ? 5 : 11);
if (PEER_ONLY) process.exit(0);

// In process.
const inProcess: Row[] = [];
for (const size of SIZES) {
  const r = await median(repeatsFor(size), () => runInProcess(passChain(size), {}));
  inProcess.push({ label: "Pass chain", size, transitions: size, ...r });
}
for (const size of SIZES) {
  const r = await median(repeatsFor(size), () => runInProcess(mapOver("DISTRIBUTED"), items(size)));
  inProcess.push({ label: "Map, distributed", size, transitions: size, ...r });
}
for (const size of SIZES) {
  const r = await median(repeatsFor(size), () => runInProcess(mapOver("INLINE"), items(size)));
  inProcess.push({ label: "Map, inline (limit 25,000)", size, transitions: size, ...r, ...(r.error ? { extra: r.error } : {}) });
}
for (const size of SIZES) {
  const r = await median(repeatsFor(size), () => runInProcess(mapOver("INLINE"), items(size), RAISED_LIMIT));
  inProcess.push({ label: `Map, inline (limit ${RAISED_LIMIT.toLocaleString("en-US")})`, size, transitions: size, ...r });
}
printTable("in process (interpreter runExecution, history stored as the engine stores it)", inProcess);

// Over HTTP: the engine with the default limit, and one whose interpreter has a raised limit.
const engine = await LocalEngine.start({ port: 0 });
const raised = await LocalEngine.start({ port: 0, runExecution: (options) => runExecution({ ...options, maxHistoryEvents: RAISED_LIMIT }) });
try {
  const overHttp: Row[] = [];
  const cases: [string, (size: number) => [JsonObject, JsonValue], LocalEngine][] = [
    ["Pass chain", (size) => [passChain(size), {}], engine],
    ["Map, distributed", (size) => [mapOver("DISTRIBUTED"), items(size)], engine],
    ["Map, inline (limit 25,000)", (size) => [mapOver("INLINE"), items(size)], engine],
    [`Map, inline (limit ${RAISED_LIMIT.toLocaleString("en-US")})`, (size) => [mapOver("INLINE"), items(size)], raised],
  ];
  for (const [label, build, target] of cases) {
    for (const size of SIZES) {
      const [definition, input] = build(size);
      const r = await median(repeatsFor(size), () => runOverHttp(target, target.session.sfn, definition, input));
      overHttp.push({
        label,
        size,
        transitions: size,
        ...r,
        extra: `create ${r.createMs.toFixed(1)} ms, history read ${r.historyMs.toFixed(1)} ms${r.error ? `, ${r.error}` : ""}`,
      });
    }
  }
  printTable("over HTTP (SDK client: CreateStateMachine, then StartExecution until the end; the history read after)", overHttp);
} finally {
  await engine.close();
  await raised.close();
}

// Executions through activity workers: all started at once, 16 workers x 4 slots.
console.log("\nexecutions through activity workers (one Task each; all started at once; 16 workers x 4 slots, no faults)");
let baseCost: number | undefined;
for (const executions of [100, 1_000]) {
  const report = await runChaos({ executions, workers: 16, concurrency: 4, faultRate: 0, seed: 1, startBatch: executions });
  const perExecutionMs = report.elapsedMs / executions;
  baseCost ??= perExecutionMs;
  const ok = report.statuses["SUCCEEDED"] === executions && report.engineSide.badHistories.length === 0;
  console.log(
    `  ${String(executions).padStart(6)} executions in flight: ${(report.elapsedMs / 1000).toFixed(2)} s, ${Math.round(executions / (report.elapsedMs / 1000))} executions/s, ` +
      `${perExecutionMs.toFixed(2)} ms/execution (${(perExecutionMs / baseCost).toFixed(2)}x the smallest), all succeeded once: ${ok ? "yes" : "NO"}`,
  );
}
