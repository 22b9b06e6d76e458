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
 * Every sample handles 100,000 states: one machine of 100,000, ten of 10,000 or a hundred of
 * 1,000, so each size does the same work and small sizes are not lost in timer noise.
 * For each phase it prints the median and the minimum over the samples, in µs per state, the
 * part of the median spent in garbage collection (from `gc` performance entries that fall
 * inside the phase), and the ratios of the median, of the minimum and of the median without
 * GC to the 1,000-state size. A ratio near 1 means the cost per state is flat: linear growth.
 *
 *   npx tsx bench/definition.ts            # every shape and size
 *   npx tsx bench/definition.ts --quick    # fewer repeats
 *
 * Each sample starts from a collected heap (V8's gc exposed at run time), so one sample's
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
/** Samples per size (each handles 100,000 states, see {@link runSample}). */
const REPEATS = quick ? 3 : 7;

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
  /** Milliseconds per state. */
  readonly ms: number;
  /** Milliseconds of GC per state. */
  readonly gcMs: number;
}

/** Machines per sample: every sample handles 100,000 states, as one machine or as many small ones. */
const STATES_PER_SAMPLE = 100_000;

/**
 * One sample: `STATES_PER_SAMPLE / size` machines, each through every phase, with each
 * phase timed on its own. The results are checked so no phase can be optimised away.
 */
async function runSample(shape: Shape, size: number): Promise<Record<Phase, Sample>> {
  collectGarbage();
  await flushGcEntries();
  gcEntries.length = 0;
  const machines = Math.max(1, STATES_PER_SAMPLE / size);
  const spans = PHASES.map(() => [] as Array<[number, number]>);
  for (let m = 0; m < machines; m++) {
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
    for (let i = 0; i < PHASES.length; i++) spans[i]!.push([marks[i]!, marks[i + 1]!]);

    if (Object.keys(definition["States"] as object).length !== size) throw new Error("wrong number of states rendered");
    if (problems.length !== 0) throw new Error(`unexpected problems: ${JSON.stringify(problems.slice(0, 3))}`);
    if (!picture.startsWith("flowchart TD")) throw new Error("not a Mermaid picture");
  }
  await flushGcEntries();

  const states = machines * size;
  const samples = {} as Record<Phase, Sample>;
  PHASES.forEach((phase, i) => {
    let ms = 0;
    let gcMs = 0;
    for (const [from, to] of spans[i]!) {
      ms += to - from;
      gcMs += gcDuring(from, to);
    }
    samples[phase] = { ms: ms / states, gcMs: gcMs / states };
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

function figures(samples: readonly Sample[]): PhaseFigures {
  const perState = (ms: number): number => ms * 1000;
  return {
    median: perState(median(samples.map((s) => s.ms))),
    min: perState(Math.min(...samples.map((s) => s.ms))),
    gc: perState(median(samples.map((s) => s.gcMs))),
    withoutGc: perState(median(samples.map((s) => s.ms - s.gcMs))),
  };
}

const column = (text: string, width: number): string => text.padStart(width);
const micro = (value: number): string => value.toFixed(2);

console.log(`definition layer, µs per state (${REPEATS} samples of ${STATES_PER_SAMPLE} states per size; Node ${process.version})`);
console.log(
  ["shape".padEnd(12), column("states", 7), "phase".padEnd(10), column("median", 7), column("min", 7), column("gc", 7), column("no-gc", 7), column("ratio", 6), column("min ratio", 9), column("no-gc ratio", 11)].join(" "),
);
for (const shape of SHAPES) {
  // Warm-up, so the 1,000-state baseline does not pay for the JIT compiling the code.
  await runSample(shape, 10_000);
  const baseline = new globalThis.Map<Phase, PhaseFigures>();
  const totals: PhaseFigures[] = [];
  for (const size of SIZES) {
    const runs: Array<Record<Phase, Sample>> = [];
    for (let i = 0; i < REPEATS; i++) runs.push(await runSample(shape, size));
    for (const phase of PHASES) {
      const f = figures(
        runs.map((run) => run[phase]),
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
          column(`${(f.min / base.min).toFixed(2)}x`, 9),
          column(`${(f.withoutGc / base.withoutGc).toFixed(2)}x`, 11),
        ].join(" "),
      );
    }
    const whole = figures(
      runs.map((run) => ({ ms: PHASES.reduce((sum, p) => sum + run[p].ms, 0), gcMs: PHASES.reduce((sum, p) => sum + run[p].gcMs, 0) })),
    );
    totals.push(whole);
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
        column(`${(whole.min / first.min).toFixed(2)}x`, 9),
        column(`${(whole.withoutGc / first.withoutGc).toFixed(2)}x`, 11),
      ].join(" "),
    );
  }
}
observer.disconnect();
