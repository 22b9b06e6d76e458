/**
 * Cost per state of the definition layer on machines of 1,000, 10,000 and 100,000 states, as
 * a chain of Pass states and as one wide Choice, split into the phases a user pays for:
 *
 *   build      making the State objects (and Choice rules)
 *   construct  constructStateMachine: the graph walk and the machine's checks
 *   render     toDefinition (builds the graph again, then the ASL)
 *   validate   validate(), which register() calls: render + validateDefinition + machineProblems
 *   mermaid    toMermaid
 *
 * For each phase it prints the median and the minimum over the repeats, in µs per state, the
 * part of the median spent in garbage collection (from `gc` performance entries that fall
 * inside the phase), and the ratio of the median, and of the median without GC, to the
 * 1,000-state size. A ratio near 1 means the cost per state is flat: linear growth.
 *
 *   npx tsx bench/definition.ts            # every shape and size
 *   npx tsx bench/definition.ts --quick    # fewer repeats
 *
 * Each repeat starts from a collected heap (V8's gc exposed at run time), so one repeat's
 * garbage is not collected in the next one's time. GC pauses that remain grow with the live
 * heap of the phase itself (100,000 states and their ASL), which is the runtime's cost.
 */
import { PerformanceObserver, performance, type PerformanceEntry } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Choice, NumericEquals, Pass, Succeed, constructStateMachine, type State, type StateMachine } from "../src/definitions/index.js";
import { AWSSession } from "../src/session.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const session = new AWSSession({ region: "us-west-2", accountId: "123456789012" });
const quick = process.argv.includes("--quick");

const PHASES = ["build", "construct", "render", "validate", "mermaid"] as const;
type Phase = (typeof PHASES)[number];

/** One shape of machine: how to build its states of a given size. */
interface Shape {
  readonly label: string;
  readonly build: (size: number) => State;
}

const SHAPES: readonly Shape[] = [
  {
    label: "chain",
    build(size) {
      const first = new Pass("s0");
      let last: Pass = first;
      for (let i = 1; i < size; i++) last = last.goesTo(new Pass(`s${i}`));
      return first;
    },
  },
  {
    label: "wide Choice",
    build(size) {
      const choice = new Choice("choose");
      for (let i = 1; i < size; i++) choice.add(new NumericEquals("$.n", i, new Succeed(`s${i}`)));
      return choice;
    },
  },
];

const SIZES = [1_000, 10_000, 100_000];
/** Repeats per size: more for small sizes, whose single runs are short and noisy. */
const REPEATS: Readonly<Record<number, number>> = quick ? { 1_000: 15, 10_000: 5, 100_000: 3 } : { 1_000: 41, 10_000: 15, 100_000: 7 };

const gcEntries: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => gcEntries.push(...list.getEntries()));
observer.observe({ entryTypes: ["gc"] });

/** GC entries are delivered asynchronously; let them arrive before reading them. */
async function flushGcEntries(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Milliseconds of GC that started inside [from, to). */
function gcDuring(from: number, to: number): number {
  let total = 0;
  for (const entry of gcEntries) if (entry.startTime >= from && entry.startTime < to) total += entry.duration;
  return total;
}

interface Sample {
  readonly ms: number;
  readonly gcMs: number;
}

/** One run of every phase; the results are checked so no phase can be optimised away. */
async function runOnce(shape: Shape, size: number): Promise<Record<Phase, Sample>> {
  collectGarbage();
  await flushGcEntries();
  gcEntries.length = 0;
  const marks: number[] = [performance.now()];
  const start = shape.build(size);
  marks.push(performance.now());
  const machine: StateMachine = constructStateMachine("bench", start, { session });
  marks.push(performance.now());
  const definition = machine.toDefinition();
  marks.push(performance.now());
  const problems = machine.validate();
  marks.push(performance.now());
  const picture = machine.toMermaid();
  marks.push(performance.now());
  await flushGcEntries();

  if (Object.keys(definition["States"] as object).length !== size) throw new Error("wrong number of states rendered");
  if (problems.length !== 0) throw new Error(`unexpected problems: ${JSON.stringify(problems.slice(0, 3))}`);
  if (!picture.startsWith("flowchart TD")) throw new Error("not a Mermaid picture");

  const samples = {} as Record<Phase, Sample>;
  PHASES.forEach((phase, i) => {
    samples[phase] = { ms: marks[i + 1]! - marks[i]!, gcMs: gcDuring(marks[i]!, marks[i + 1]!) };
  });
  return samples;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Per-state figures of one phase at one size, in µs. */
interface PhaseFigures {
  readonly median: number;
  readonly min: number;
  readonly gc: number;
  readonly withoutGc: number;
}

function figures(samples: readonly Sample[], size: number): PhaseFigures {
  const perState = (ms: number): number => (ms * 1000) / size;
  return {
    median: perState(median(samples.map((s) => s.ms))),
    min: perState(Math.min(...samples.map((s) => s.ms))),
    gc: perState(median(samples.map((s) => s.gcMs))),
    withoutGc: perState(median(samples.map((s) => s.ms - s.gcMs))),
  };
}

const column = (text: string, width: number): string => text.padStart(width);
const micro = (value: number): string => value.toFixed(2);

console.log(`definition layer, µs per state (median of ${REPEATS[1_000]}/${REPEATS[10_000]}/${REPEATS[100_000]} repeats; Node ${process.version})`);
console.log(
  ["shape".padEnd(12), column("states", 7), "phase".padEnd(10), column("median", 7), column("min", 7), column("gc", 7), column("no-gc", 7), column("ratio", 6), column("no-gc ratio", 12)].join(" "),
);
for (const shape of SHAPES) {
  // Warm-up, so the 1,000-state baseline does not pay for the JIT compiling the code.
  for (let i = 0; i < (quick ? 3 : 6); i++) await runOnce(shape, 10_000);
  const baseline = new globalThis.Map<Phase, PhaseFigures>();
  const totals: Array<{ size: number; median: number; withoutGc: number }> = [];
  for (const size of SIZES) {
    const runs: Array<Record<Phase, Sample>> = [];
    for (let i = 0; i < REPEATS[size]!; i++) runs.push(await runOnce(shape, size));
    for (const phase of PHASES) {
      const f = figures(
        runs.map((run) => run[phase]),
        size,
      );
      if (size === SIZES[0]) baseline.set(phase, f);
      const base = baseline.get(phase)!;
      console.log(
        [
          shape.label.padEnd(12),
          column(String(size), 7),
          phase.padEnd(10),
          column(micro(f.median), 7),
          column(micro(f.min), 7),
          column(micro(f.gc), 7),
          column(micro(f.withoutGc), 7),
          column(`${(f.median / base.median).toFixed(2)}x`, 6),
          column(`${(f.withoutGc / base.withoutGc).toFixed(2)}x`, 12),
        ].join(" "),
      );
    }
    const whole = figures(
      runs.map((run) => ({ ms: PHASES.reduce((sum, p) => sum + run[p].ms, 0), gcMs: PHASES.reduce((sum, p) => sum + run[p].gcMs, 0) })),
      size,
    );
    totals.push({ size, median: whole.median, withoutGc: whole.withoutGc });
    const first = totals[0]!;
    console.log(
      [
        shape.label.padEnd(12),
        column(String(size), 7),
        "ALL".padEnd(10),
        column(micro(whole.median), 7),
        column(micro(whole.min), 7),
        column(micro(whole.gc), 7),
        column(micro(whole.withoutGc), 7),
        column(`${(whole.median / first.median).toFixed(2)}x`, 6),
        column(`${(whole.withoutGc / first.withoutGc).toFixed(2)}x`, 12),
      ].join(" "),
    );
  }
}
observer.disconnect();
