/**
 * Where the time of one in-process Lambda Task goes: the 300-Task chain of the peer bench
 * (bench/peer.ts, case d) run four ways in one process, samples alternating, each figure the
 * median cost per Task and its share of the first:
 *
 *   engine           as the engine runs it: its task host, its history, the real clock
 *   no history       the same, events numbered but not stored (what the history store costs)
 *   no history/clock the same, the clock fixed (what reading the clock costs besides)
 *   store only       the five events of a Task appended to a history, nothing run (their short
 *                    texts said to be short, as the engine says of its deferred ones)
 *   floor            the least any engine does for such a Task, written out by hand: one clock
 *                    read (after the handler: the next Task is entered at that moment), a copy
 *                    of the event, the handler's call, a copy of its result, and the five
 *                    events appended with its text deferred, as the engine records a short
 *                    one (no interpreter at all)
 *   peer             aws-local-stepfunctions running the same chain (bench/peer.ts)
 *
 * The floor says how far the engine could go: #8's target, three times the peer's speed,
 * needs the engine within (peer / floor) / 3 of it.
 *
 *   npx tsx bench/task-cost.ts [--quick]
 *
 * Made to say which part a change should aim at; the ratios are what to compare between runs
 * and machines, not the microseconds.
 */
import type { JsonObject } from "../src/json.js";
import { compileMachine, DeferredText, runExecution, type EmitDeferredEvent } from "../src/local/interpreter/index.js";
import { ExecutionHistory } from "../src/local/store/history.js";
import type { LocalTaskHost } from "../src/local/host/task-host.js";
import { EngineClock } from "../src/local/clock.js";
import type { JsonValue } from "../src/json.js";
import { alternatingMedians } from "./alternating.js";
import { addOne, BENCH_CONTEXT, engineHost, lambdaChain, peerRunner } from "./peer.js";

const QUICK = process.argv.includes("--quick");
const TASKS = 300;
const WARM_UP_RUNS = QUICK ? 500 : 3_000;
const SAMPLES = QUICK ? 300 : 2_000;
const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bench-add";

const states: JsonObject = {};
for (let i = 0; i < TASKS; i++) states[`t${i}`] = { Type: "Task", Resource: FUNCTION_ARN, ...(i === TASKS - 1 ? { End: true } : { Next: `t${i + 1}` }) };
const definition: JsonObject = { StartAt: "t0", States: states };
const machine = compileMachine(definition);

/** One run of the chain; `store` says whether its events are kept. */
async function chainRun(taskHost: LocalTaskHost, store: boolean): Promise<void> {
  const history = new ExecutionHistory();
  let counted = 1;
  const startEventId = history.append("ExecutionStarted", taskHost.now(), { input: "{}" });
  const emit: EmitDeferredEvent = store ? (type, details, previous, timestamp, textsShort) => history.appendWithinBound(type, timestamp ?? taskHost.now(), details, previous, textsShort) : () => ++counted;
  const input = { n: 0 };
  const result = await runExecution({ definition, machine, input, context: { ...BENCH_CONTEXT, Execution: { ...BENCH_CONTEXT.Execution, Input: input } }, host: taskHost, emit, emitDeferred: emit, startEventId });
  if ((result.output as { n?: number } | undefined)?.n !== TASKS) throw new Error(`the chain ended ${result.status} with ${JSON.stringify(result.output)}`);
}

const NOT_TRUNCATED: JsonObject = Object.freeze({ truncated: false });
const TEXTS = Array.from({ length: TASKS + 1 }, (_, i) => JSON.stringify({ n: i }));

/** The five events a chain's Task writes, appended with the details it gives them. */
async function storeRun(): Promise<void> {
  const history = new ExecutionHistory();
  const at = Date.now();
  for (let i = 0; i < TASKS; i++) {
    const input = TEXTS[i]!;
    const output = TEXTS[i + 1]!;
    history.appendWithinBound("TaskStateEntered", at, { name: "t", input, inputDetails: NOT_TRUNCATED }, undefined, true);
    history.appendWithinBound("LambdaFunctionScheduled", at, { resource: FUNCTION_ARN, input, inputDetails: NOT_TRUNCATED }, undefined, true);
    history.appendWithinBound("LambdaFunctionStarted", at);
    history.appendWithinBound("LambdaFunctionSucceeded", at, { output, outputDetails: NOT_TRUNCATED }, undefined, true);
    history.appendWithinBound("TaskStateExited", at, { name: "t", output, outputDetails: NOT_TRUNCATED }, undefined, true);
  }
}

/** The floor: the chain's irreducible work, by hand (see the file's comment). */
async function floorRun(): Promise<void> {
  const history = new ExecutionHistory();
  let at = Date.now();
  let previous = history.append("ExecutionStarted", at, { input: "{}" });
  let data: JsonValue = { n: 0 };
  let text = new DeferredText(data);
  for (let i = 0; i < TASKS; i++) {
    previous = history.appendWithinBound("TaskStateEntered", at, { name: "t", input: text, inputDetails: NOT_TRUNCATED }, previous, true);
    previous = history.appendWithinBound("LambdaFunctionScheduled", at, { resource: FUNCTION_ARN, input: text, inputDetails: NOT_TRUNCATED }, previous, true);
    previous = history.appendWithinBound("LambdaFunctionStarted", at, undefined, previous);
    const result = addOne({ n: (data as { n: number }).n }) as { n: number };
    data = { n: result.n };
    text = new DeferredText(data);
    at = Date.now();
    previous = history.appendWithinBound("LambdaFunctionSucceeded", at, { output: text, outputDetails: NOT_TRUNCATED }, previous, true);
    previous = history.appendWithinBound("TaskStateExited", at, { name: "t", output: text, outputDetails: NOT_TRUNCATED }, previous, true);
  }
  if ((data as { n: number }).n !== TASKS) throw new Error("the floor's chain went wrong");
}

const peer = await peerRunner();
const peerCase = lambdaChain(TASKS);
const realClockHost = engineHost();
const fixedClockHost = engineHost(new EngineClock(1, () => 1_700_000_000_000));
const variants: { label: string; run: () => Promise<void> }[] = [
  { label: "engine", run: () => chainRun(realClockHost, true) },
  { label: "no history", run: () => chainRun(realClockHost, false) },
  { label: "no history, fixed clock", run: () => chainRun(fixedClockHost, false) },
  { label: "store only (5 events)", run: storeRun },
  { label: "floor (no engine)", run: floorRun },
  {
    label: "aws-local-stepfunctions",
    run: async () => {
      if ((await peer(peerCase)) === null) throw new Error("the peer gave no output");
    },
  },
];

const perTask = (await alternatingMedians(variants.map((variant) => variant.run), WARM_UP_RUNS, SAMPLES)).map((ms) => (ms * 1000) / TASKS);
console.log(`cost of one in-process Lambda Task (chain of ${TASKS}, ${SAMPLES} alternating samples, medians); node ${process.version}`);
for (const [i, variant] of variants.entries()) {
  console.log(`  ${variant.label.padEnd(26)} ${perTask[i]!.toFixed(3).padStart(7)} µs/Task ${`${((perTask[i]! / perTask[0]!) * 100).toFixed(0)}%`.padStart(6)} of the engine's`);
}
const peerCost = perTask[variants.length - 1]!;
const floorCost = perTask[variants.length - 2]!;
console.log(
  `  speed against the peer: engine ${(peerCost / perTask[0]!).toFixed(2)}x, floor ${(peerCost / floorCost).toFixed(2)}x ` +
    `(3x needs the engine at ${(peerCost / 3).toFixed(3)} µs/Task, ${((peerCost / 3 / floorCost) * 100).toFixed(0)}% of the floor)`,
);
