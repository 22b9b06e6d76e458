/**
 * Seeded fault injection: a fraction of calls is answered with throttling (400
 * `ThrottlingException`), a 500, a dropped connection (before the operation runs, or after it
 * ran with the answer lost), and/or added latency. The same seed and the same sequence of calls
 * give the same faults, so fault tests are deterministic.
 */
import { mulberry32 } from "../random.js";

/** Fault rates (each in [0, 1]) of one operation, or of all. */
export interface FaultRule {
  /** Fraction answered `ThrottlingException` (400), the operation not run. */
  throttleRate?: number;
  /** Fraction answered `InternalFailure` (500), the operation not run. */
  serverErrorRate?: number;
  /** Fraction whose connection is destroyed before the operation runs. */
  dropRate?: number;
  /** Fraction whose operation runs but whose connection is destroyed instead of answering. */
  dropResponseRate?: number;
  /** Fraction delayed by `latencyMs` before anything else happens. */
  latencyRate?: number;
  /** Added latency in ms (real time). Default 0. */
  latencyMs?: number;
}

/** Fault configuration of an engine. */
export interface FaultOptions {
  /** Seed of the pseudo-random sequence; default 1. */
  seed?: number;
  /** Rule for every operation without its own. */
  all?: FaultRule;
  /** Rules by operation name, e.g. `{ GetActivityTask: { throttleRate: 0.2 } }`. */
  operations?: Readonly<Record<string, FaultRule>>;
}

/** What to do to one call. */
export interface FaultDecision {
  /** The fault for the call, one per {@link FaultRule} rate; `none` runs it normally. */
  outcome: "none" | "throttle" | "serverError" | "drop" | "dropResponse";
  /** Real-time delay before the call is handled, in milliseconds; 0 for none. */
  latencyMs: number;
}

/** How many calls got each outcome, and how many were delayed. */
export type FaultCounts = Record<FaultDecision["outcome"] | "delayed", number>;

const RATE_FIELDS = ["throttleRate", "serverErrorRate", "dropRate", "dropResponseRate", "latencyRate"] as const;

function checkRule(rule: FaultRule, where: string): void {
  let sum = 0;
  for (const field of RATE_FIELDS) {
    const rate = rule[field];
    if (rate === undefined) continue;
    if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) {
      throw new RangeError(`fault ${where}.${field} must be a number in [0, 1], got ${String(rate)}`);
    }
    if (field !== "latencyRate") sum += rate;
  }
  if (sum > 1) throw new RangeError(`fault rates of ${where} add up to ${sum}, more than 1`);
  const latency = rule.latencyMs;
  if (latency !== undefined && !(typeof latency === "number" && latency >= 0 && Number.isFinite(latency))) {
    throw new RangeError(`fault ${where}.latencyMs must be a finite number >= 0, got ${String(latency)}`);
  }
}

/**
 * murmur3's 32-bit finaliser: spreads a seed over all 32 bits. mulberry32 fed small
 * consecutive seeds directly gives correlated first draws (seeds 1 to 6 all draw >= 0.5 first),
 * so a small seed could inject nothing at a rate of 0.5.
 */
function mixSeed(seed: number): number {
  let h = seed >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** mulberry32 over the mixed seed: small, fast, good enough to pick faults. */
function seededRandom(seed: number): () => number {
  return mulberry32(mixSeed(seed));
}

/** Decides the faults of each call; reconfigurable while the engine runs. */
export class FaultInjector {
  private options: FaultOptions = {};
  private random: () => number = seededRandom(1);
  /** Outcomes so far. */
  readonly counts: FaultCounts = { none: 0, throttle: 0, serverError: 0, drop: 0, dropResponse: 0, delayed: 0 };

  constructor(options: FaultOptions = {}) {
    this.configure(options);
  }

  /** Replace the configuration; a given `seed` restarts the sequence. */
  configure(options: FaultOptions): void {
    if (options.all) checkRule(options.all, "all");
    for (const [operation, rule] of Object.entries(options.operations ?? {})) checkRule(rule, `operations.${operation}`);
    if (options.seed !== undefined) {
      if (!Number.isInteger(options.seed)) throw new RangeError(`fault seed must be an integer, got ${String(options.seed)}`);
      this.random = seededRandom(options.seed);
    }
    this.options = options;
  }

  /** No faults from now on. */
  clear(): void {
    this.options = {};
  }

  /** The fault for one call of `operation`. */
  decide(operation: string): FaultDecision {
    const rule = this.options.operations?.[operation] ?? this.options.all;
    if (!rule) {
      this.counts.none++;
      return { outcome: "none", latencyMs: 0 };
    }
    // Always two draws per call, so one operation's rule does not shift another's sequence.
    const roll = this.random();
    const latencyRoll = this.random();
    const latencyMs = latencyRoll < (rule.latencyRate ?? 0) ? (rule.latencyMs ?? 0) : 0;
    if (latencyMs > 0) this.counts.delayed++;
    let edge = 0;
    const outcomes: [FaultDecision["outcome"], number | undefined][] = [
      ["throttle", rule.throttleRate],
      ["serverError", rule.serverErrorRate],
      ["drop", rule.dropRate],
      ["dropResponse", rule.dropResponseRate],
    ];
    for (const [outcome, rate] of outcomes) {
      edge += rate ?? 0;
      if (roll < edge) {
        this.counts[outcome]++;
        return { outcome, latencyMs };
      }
    }
    this.counts.none++;
    return { outcome: "none", latencyMs };
  }
}
