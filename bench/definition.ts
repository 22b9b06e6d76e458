/**
 * Cost of building and rendering (toDefinition) machines of 1,000, 10,000 and 100,000 states,
 * as chains of Pass states and as one wide Choice. Prints the cost per state and its ratio to
 * the 1,000-state size: a ratio near 1 means linear growth.
 *
 *   npx tsx bench/definition.ts
 */
import { Choice, NumericEquals, Pass, Succeed, constructStateMachine, type State } from "../src/definitions/index.js";
import { AWSSession } from "../src/session.js";

const session = new AWSSession({ region: "us-west-2", accountId: "123456789012" });

function chain(size: number): State {
  const first = new Pass("s0");
  let last: Pass = first;
  for (let i = 1; i < size; i++) last = last.goesTo(new Pass(`s${i}`));
  return first;
}

function wideChoice(size: number): State {
  const choice = new Choice("choose");
  for (let i = 1; i < size; i++) choice.add(new NumericEquals("$.n", i, new Succeed(`s${i}`)));
  return choice;
}

function run(build: (size: number) => State, size: number): number {
  const started = process.hrtime.bigint();
  const definition = constructStateMachine("bench", build(size), { session }).toDefinition();
  const elapsed = Number(process.hrtime.bigint() - started);
  if (Object.keys(definition["States"] as object).length !== size) throw new Error("wrong number of states rendered");
  return elapsed / size;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const sizes = [1_000, 10_000, 100_000];
for (const [label, build] of [["chain", chain], ["wide Choice", wideChoice]] as const) {
  // Warm-up, so the 1,000-state baseline does not pay for the JIT compiling the code.
  for (let i = 0; i < 5; i++) run(build, 10_000);
  let baseline = 0;
  for (const size of sizes) {
    const repeats = size === 100_000 ? 3 : 7;
    const perState = median(Array.from({ length: repeats }, () => run(build, size)));
    if (size === sizes[0]) baseline = perState;
    console.log(`${label.padEnd(12)} ${String(size).padStart(7)} states: ${(perState / 1000).toFixed(2)} µs/state, ratio to 1,000: ${(perState / baseline).toFixed(2)}`);
  }
}
