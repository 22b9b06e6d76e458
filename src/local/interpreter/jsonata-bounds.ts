/**
 * Bounds on JSONata evaluation, so no expression can hang or exhaust the engine: a time and a
 * depth budget (JSONata's own guardrails), a cap on the size of every value an expression builds
 * (checked as each step returns, and before building for the builtins that grow a value from a
 * small input), regular expressions on a linear-time engine (re2js), and a yield to the event
 * loop every so many steps, since JSONata runs on microtasks alone and would starve the server.
 */
import { RE2JS } from "re2js";
import type jsonata from "jsonata";
import { StatesError, StatesErrorName } from "./errors.js";

/** Real ms one evaluation may take before it fails `States.QueryEvaluationError`. */
export const JSONATA_TIMEOUT_MS = 5_000;

/** Deepest nesting of evaluation steps (deep or runaway recursion) before it fails. */
export const JSONATA_MAX_DEPTH = 2_000;

/**
 * Longest string and longest array an expression may build, in UTF-16 units and items: four
 * times the 256 KiB payload limit, room for intermediate values that are cut down afterwards.
 */
export const JSONATA_MAX_STRING = 4 * 262_144;
/** See {@link JSONATA_MAX_STRING}. */
export const JSONATA_MAX_ITEMS = 4 * 262_144;

/** Evaluation steps between two yields to the event loop. */
const STEPS_PER_YIELD = 20_000;

function tooLarge(what: string): StatesError {
  return new StatesError(
    StatesErrorName.DataLimitExceeded,
    `The JSONata ${what} would exceed the largest value the local engine builds (${JSONATA_MAX_STRING} characters or ${JSONATA_MAX_ITEMS} items).`,
  );
}

/** Throw `States.DataLimitExceeded` when a value an expression built is too large. */
function checkSize(value: unknown): void {
  if (typeof value === "string") {
    if (value.length > JSONATA_MAX_STRING) throw tooLarge("string");
  } else if (Array.isArray(value) && value.length > JSONATA_MAX_ITEMS) {
    throw tooLarge("array");
  }
}

/**
 * Bound an expression compiled with {@link BOUNDED_JSONATA_OPTIONS}: every step's result is
 * size-checked, every {@link STEPS_PER_YIELD} steps the evaluation yields to the event loop,
 * and `$pad` and `$join` refuse to build an oversized string.
 */
export function boundExpression(expr: jsonata.Expression): void {
  let steps = 0;
  const bind = expr.assign.bind(expr) as (name: symbol | string, value: unknown) => void;
  bind(Symbol.for("jsonata.__evaluate_entry"), () => {
    if (++steps % STEPS_PER_YIELD === 0) return new Promise<void>((resolve) => setImmediate(resolve));
    return undefined;
  });
  bind(Symbol.for("jsonata.__evaluate_exit"), (_expr: unknown, _input: unknown, _environment: unknown, result: unknown) => checkSize(result));
  expr.registerFunction("pad", boundedPad, "<s-ns?:s>");
  expr.registerFunction("join", boundedJoin, "<a<s>s?:s>");
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

/** JSONata's `$pad`, refusing a width past the cap before it builds anything. */
function boundedPad(text: string | undefined, width: number, fill?: string): string | undefined {
  if (text === undefined) return undefined;
  const char = fill === undefined || fill.length === 0 ? " " : fill;
  const target = Math.trunc(width);
  const padLength = Math.abs(target) - codePoints(text).length;
  if (!(padLength > 0)) return text;
  if (padLength * char.length + text.length > JSONATA_MAX_STRING * 2 || !Number.isFinite(padLength)) throw tooLarge("$pad result");
  let padding = char.repeat(padLength);
  if (char.length > 1) padding = codePoints(padding).slice(0, padLength).join("");
  if (padding.length + text.length > JSONATA_MAX_STRING) throw tooLarge("$pad result");
  return target > 0 ? text + padding : padding + text;
}

/** JSONata's `$join`, refusing a result past the cap before it builds it. */
function boundedJoin(strings: string[] | undefined, separator?: string): string | undefined {
  if (strings === undefined) return undefined;
  const sep = separator ?? "";
  let total = sep.length * Math.max(strings.length - 1, 0);
  for (const item of strings) total += item.length;
  if (total > JSONATA_MAX_STRING) throw tooLarge("$join result");
  return strings.join(sep);
}

/**
 * The regular-expression engine JSONata is given: the subset of `RegExp` it uses (`exec` and
 * `lastIndex`, global), run by re2js in linear time, so no pattern backtracks without bound.
 * A pattern RE2 cannot run (backreferences, lookaround) fails the expression.
 */
export class LinearRegExp {
  /** Where the next `exec` starts, as on a global `RegExp`. */
  lastIndex = 0;
  private readonly pattern: RE2JS;

  constructor(source: RegExp | string) {
    const text = typeof source === "string" ? source : source.source;
    const flags = typeof source === "string" ? "" : source.flags;
    let re2Flags = 0;
    if (flags.includes("i")) re2Flags |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes("m")) re2Flags |= RE2JS.MULTILINE;
    if (flags.includes("s")) re2Flags |= RE2JS.DOTALL;
    try {
      this.pattern = RE2JS.compile(RE2JS.translateRegExp(text), re2Flags);
    } catch (error) {
      throw new Error(`the regular expression /${text}/ cannot be run in linear time: ${(error as Error).message}`);
    }
  }

  /** The next match at or after `lastIndex`, in `RegExp.exec`'s shape; null (and `lastIndex` 0) when none. */
  exec(input: string): RegExpExecArray | null {
    const matcher = this.pattern.matcher(input);
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: string[] = [];
    for (let group = 0; group <= matcher.groupCount(); group++) groups.push(matcher.group(group) ?? (undefined as unknown as string));
    const match = Object.assign(groups, { index: matcher.start(), input }) as unknown as RegExpExecArray;
    this.lastIndex = matcher.end();
    return match;
  }

  /** Whether `input` has a match (from the start, ignoring `lastIndex`). */
  test(input: string): boolean {
    return this.pattern.matcher(input).find(0);
  }
}

/** The options a bounded expression is compiled with (JSONata 2's guardrails and regex engine). */
export const BOUNDED_JSONATA_OPTIONS = {
  timeout: JSONATA_TIMEOUT_MS,
  stack: JSONATA_MAX_DEPTH,
  RegexEngine: LinearRegExp,
} as const;
