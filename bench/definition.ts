/**
 * Cost per state of the definition layer on machines of 1,000, 10,000 and 100,000 states, as
 * a chain of Pass states, as one wide Choice and as a Parallel of one-state branches, split
 * into the phases a user pays for:
 *
 *   build      making the State objects (and Choice rules, Parallel branches)
 *   construct  constructStateMachine: the graph walk and the machine's checks
 *   render     toDefinition
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
 * The `runtime floor` rows measure, in the same run and the same way, what any
 * implementation pays at these sizes before doing anything of its own: allocating N small
 * objects that stay alive, filling a Map of N names, and filling one object with N keys (the
 * `States` of the definition). Their ratios are the runtime's growth (cache misses, GC of a
 * larger live heap, dictionary-mode objects), not the library's.
 *
 *   npx tsx bench/definition.ts                    # every shape and size, 7 samples each
 *   npx tsx bench/definition.ts --quick            # 3 samples each
 *   npx tsx bench/definition.ts chain Parallel     # only the workloads named
 *
 * Each sample starts from a collected heap (V8's gc exposed at run time), so one sample's
 * garbage is not collected in the next one's time, and samples are taken in rounds over the
 * sizes. On a machine shared with other work, trust the min column and its ratio most.
 */
import { PerformanceObserver, performance, type PerformanceEntry } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { Choice, NumericEquals, Parallel, Pass, Succeed, type State } from "../src/definitions/index.js";
import { constructStateMachine } from "../src/control/state-machine.js";
import { AWSSession } from "../src/session.js";

setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const session = new AWSSession({ region: "us-west-2", accountId: "123456789012" });
const quick = process.argv.includes("--quick");
const only = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));

const SIZES = [1_000, 10_000, 100_000];
/** States each sample handles, in `STATES_PER_SAMPLE / size` runs of one size. */
const STATES_PER_SAMPLE = 100_000;
const SAMPLES = quick ? 3 : 7;

/**
 * Something measured in phases: `run` does one unit of `size` states and returns the
 * `performance.now()` marks around its phases (phases.length + 1 of them), after checking
 * its results so no phase can be optimised away.
 */
interface Workload {
  readonly label: string;
  readonly phases: readonly string[];
  readonly run: (size: number) => number[];
}

const MACHINE_PHASES = ["build", "construct", "render", "validate", "mermaid"];

/** A workload of the definition layer: every phase of a machine built by `build`. */
function machineWorkload(label: string, build: (size: number) => State): Workload {
  return {
    label,
    phases: MACHINE_PHASES,
    run(size) {
      const marks = [performance.now()];
      const start = build(size);
      marks.push(performance.now());
      const machine = constructStateMachine("bench", start, { session });
      marks.push(performance.now());
      const definition = machine.toDefinition();
      marks.push(performance.now());
      const problems = machine.validate();
      marks.push(performance.now());
      const picture = machine.toMermaid();
      marks.push(performance.now());
      const rendered = definition["States"] as Record<string, { Branches?: unknown[] }>;
      // The states of the top level and those of Parallel branches (one state each).
      const count = Object.keys(rendered).length + (rendered["p"]?.Branches?.length ?? 0);
      if (count !== size) throw new Error(`${label}: ${count} states rendered, not ${size}`);
      if (problems.length !== 0) throw new Error(`${label}: unexpected problems: ${JSON.stringify(problems.slice(0, 3))}`);
      if (!picture.startsWith("flowchart TD")) throw new Error(`${label}: not a Mermaid picture`);
      return marks;
    },
  };
}

const WORKLOADS: readonly Workload[] = [
  machineWorkload("chain", (size) => {
    const first = new Pass("s0");
    let last: Pass = first;
    for (let i = 1; i < size; i++) last = last.goesTo(new Pass(`s${i}`));
    return first;
  }),
  machineWorkload("wide Choice", (size) => {
    const choice = new Choice("choose");
    for (let i = 1; i < size; i++) choice.add(new NumericEquals("$.n", i, new Succeed(`s${i}`)));
    return choice;
  }),
  machineWorkload("Parallel", (size) => {
    const parallel = new Parallel("p");
    for (let i = 1; i < size; i++) parallel.add(new Succeed(`s${i}`));
    return parallel;
  }),
  {
    label: "runtime floor",
    phases: ["allocate", "Map", "object"],
    run(size) {
      const marks = [performance.now()];
      const names: string[] = [];
      const values: Array<{ Type: string; Next: string }> = [];
      for (let i = 0; i < size; i++) {
        names.push(`s${i}`);
        values.push({ Type: "Pass", Next: `s${i + 1}` });
      }
      marks.push(performance.now());
      const byName = new globalThis.Map<string, object>();
      for (let i = 0; i < size; i++) byName.set(names[i]!, values[i]!);
      marks.push(performance.now());
      const object: Record<string, object> = {};
      for (let i = 0; i < size; i++) object[names[i]!] = values[i]!;
      marks.push(performance.now());
      if (byName.size !== size || object[names[size - 1]!] !== values[size - 1]) throw new Error("runtime floor: wrong result");
      return marks;
    },
  },
];

const gcEntries: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcEntries.push(entry);
});
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

/** One phase of one sample, per state. */
interface Sample {
  readonly ms: number;
  readonly gcMs: number;
}

/** One sample: `STATES_PER_SAMPLE / size` runs, each phase timed on its own; per phase, then the whole. */
async function runSample(workload: Workload, size: number): Promise<Sample[]> {
  collectGarbage();
  await flushGcEntries();
  gcEntries.length = 0;
  const runs = Math.max(1, STATES_PER_SAMPLE / size);
  const allMarks: number[][] = [];
  for (let r = 0; r < runs; r++) allMarks.push(workload.run(size));
  await flushGcEntries();

  const states = runs * size;
  const samples = workload.phases.map((_, i) => {
    let ms = 0;
    let gcMs = 0;
    for (const marks of allMarks) {
      ms += marks[i + 1]! - marks[i]!;
      gcMs += gcDuring(marks[i]!, marks[i + 1]!);
    }
    return { ms: ms / states, gcMs: gcMs / states };
  });
  samples.push({ ms: samples.reduce((sum, s) => sum + s.ms, 0), gcMs: samples.reduce((sum, s) => sum + s.gcMs, 0) });
  return samples;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Figures of one phase at one size, in µs per state. */
interface Figures {
  readonly median: number;
  readonly min: number;
  readonly gc: number;
  readonly withoutGc: number;
}

function figures(samples: readonly Sample[]): Figures {
  return {
    median: median(samples.map((s) => s.ms)) * 1000,
    min: Math.min(...samples.map((s) => s.ms)) * 1000,
    gc: median(samples.map((s) => s.gcMs)) * 1000,
    withoutGc: median(samples.map((s) => s.ms - s.gcMs)) * 1000,
  };
}

const ratio = (value: number, base: number): string => `${(value / base).toFixed(2)}x`;
const row = (cells: ReadonlyArray<readonly [string, number]>): string => cells.map(([text, width]) => (width < 0 ? text.padEnd(-width) : text.padStart(width))).join(" ");

console.log(`definition layer, µs per state: median and min of ${SAMPLES} samples of ${STATES_PER_SAMPLE.toLocaleString("en")} states per size (Node ${process.version})`);
console.log(row([["shape", -13], ["states", 7], ["phase", -9], ["median", 7], ["min", 7], ["gc", 6], ["no-gc", 6], ["ratio", 6], ["min ratio", 9], ["no-gc ratio", 11]]));
for (const workload of WORKLOADS.filter((w) => only.length === 0 || only.includes(w.label))) {
  // Warm-up, so the 1,000-state baseline does not pay for the JIT compiling the code.
  await runSample(workload, 10_000);
  const phases = [...workload.phases, "ALL"];
  let baseline: Figures[] = [];
  // Samples are taken in rounds of every size, so a burst of load from other processes
  // slows all sizes alike instead of skewing one size's figures.
  const samplesBySize = new globalThis.Map<number, Sample[][]>(SIZES.map((size) => [size, []]));
  for (let i = 0; i < SAMPLES; i++) {
    for (const size of SIZES) samplesBySize.get(size)!.push(await runSample(workload, size));
  }
  for (const size of SIZES) {
    const samples = samplesBySize.get(size)!;
    const perPhase = phases.map((_, p) => figures(samples.map((sample) => sample[p]!)));
    if (size === SIZES[0]) baseline = perPhase;
    perPhase.forEach((f, p) => {
      const base = baseline[p]!;
      console.log(
        row([
          [workload.label, -13],
          [size.toLocaleString("en"), 7],
          [phases[p]!, -9],
          [f.median.toFixed(2), 7],
          [f.min.toFixed(2), 7],
          [f.gc.toFixed(2), 6],
          [f.withoutGc.toFixed(2), 6],
          [ratio(f.median, base.median), 6],
          [ratio(f.min, base.min), 9],
          [ratio(f.withoutGc, base.withoutGc), 11],
        ]),
      );
    });
  }
}
observer.disconnect();
