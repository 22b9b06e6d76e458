import type { JsonObject } from "../../src/json.js";
import { generateMachine, type GeneratedMachine } from "./generator.js";

/**
 * The seeds the properties run over, and a runner that names the seed of a failure.
 * Replay one seed with `PROPERTY_SEED=123 npx vitest run test/property`; run more with
 * `PROPERTY_SEEDS=2000`.
 */

const DEFAULT_SEED_COUNT = 200;

function seedList(): number[] {
  const one = process.env["PROPERTY_SEED"];
  if (one !== undefined && one !== "") return [Number(one)];
  const count = Number(process.env["PROPERTY_SEEDS"] ?? DEFAULT_SEED_COUNT);
  return Array.from({ length: count }, (_, i) => i + 1);
}

/** The seeds of this run. */
export const SEEDS: readonly number[] = seedList();

/** A generated machine with its rendered definition, made once per seed and shared. */
export interface Sample extends GeneratedMachine {
  readonly definition: JsonObject;
}

const samples = new Map<number, Sample>();

/** The machine of `seed` (generated on first use), with its definition. */
export function sample(seed: number): Sample {
  let found = samples.get(seed);
  if (found === undefined) {
    const generated = withSeed(seed, () => generateMachine(seed));
    found = { ...generated, definition: withSeed(seed, () => generated.machine.toDefinition()) };
    samples.set(seed, found);
  }
  return found;
}

/** Run `body`; if it throws, rethrow with the seed and how to replay it in front of the message. */
export function withSeed<T>(seed: number, body: () => T): T {
  try {
    return body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const replay = new Error(`seed ${seed} (replay: PROPERTY_SEED=${seed} npx vitest run test/property): ${message}`, { cause: error });
    throw replay;
  }
}

/** Check `property` on the sample of every seed; a failure names its seed. */
export function forEverySeed(property: (sample: Sample) => void): void {
  for (const seed of SEEDS) {
    const s = sample(seed);
    withSeed(seed, () => property(s));
  }
}
