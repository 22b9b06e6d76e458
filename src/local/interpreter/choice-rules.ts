/**
 * Choice rules: one table of comparison operators (each with its `...Path` form), the type
 * tests, `And` / `Or` / `Not`, and JSONata `Condition`.
 */
import type { JsonObject, JsonValue } from "../../json.js";
import { runtimeError, StatesError, StatesErrorName } from "./errors.js";
import { evaluateJsonata, jsonataExpressionOf, type JsonataEnvironment } from "./jsonata.js";
import { readPath, type PathRoots } from "./jsonpath.js";

type Kind = "String" | "Numeric" | "Boolean" | "Timestamp";
type Relation = (order: number) => boolean;

const RELATIONS: Readonly<Record<string, Relation>> = {
  Equals: (o) => o === 0,
  LessThan: (o) => o < 0,
  GreaterThan: (o) => o > 0,
  LessThanEquals: (o) => o <= 0,
  GreaterThanEquals: (o) => o >= 0,
};

/** RFC 3339 as Step Functions accepts it (uppercase `T`, `Z` or a numeric offset). */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ASL timestamp, or undefined when `value` is not one. */
export function parseTimestamp(value: JsonValue): number | undefined {
  if (typeof value !== "string" || !TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Order of two values of one kind, or undefined when either is not of that kind. */
const ORDERS: Readonly<Record<Kind, (a: JsonValue, b: JsonValue) => number | undefined>> = {
  String: (a, b) => (typeof a === "string" && typeof b === "string" ? (a < b ? -1 : a > b ? 1 : 0) : undefined),
  Numeric: (a, b) => (typeof a === "number" && typeof b === "number" ? Math.sign(a - b) : undefined),
  Boolean: (a, b) => (typeof a === "boolean" && typeof b === "boolean" ? (a === b ? 0 : 1) : undefined),
  Timestamp: (a, b) => {
    const [x, y] = [parseTimestamp(a), parseTimestamp(b)];
    return x === undefined || y === undefined ? undefined : Math.sign(x - y);
  },
};

/** The type tests: value present at `Variable` → does it pass. */
const TYPE_TESTS: Readonly<Record<string, (value: JsonValue) => boolean>> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === "number",
  IsString: (v) => typeof v === "string",
  IsBoolean: (v) => typeof v === "boolean",
  IsTimestamp: (v) => parseTimestamp(v) !== undefined,
};

interface Comparison {
  kind: Kind;
  relation: Relation;
  /** The operand is a path to read, not a literal. */
  byPath: boolean;
}

/** Every comparison operator name (`StringEquals`, `NumericLessThanPath`, ...) → how it compares. */
const COMPARISONS: ReadonlyMap<string, Comparison> = (() => {
  const table = new Map<string, Comparison>();
  for (const kind of ["String", "Numeric", "Boolean", "Timestamp"] as const) {
    for (const [name, relation] of Object.entries(RELATIONS)) {
      if (kind === "Boolean" && name !== "Equals") continue;
      table.set(kind + name, { kind, relation, byPath: false });
      table.set(kind + name + "Path", { kind, relation, byPath: true });
    }
  }
  return table;
})();

const matchers = new Map<string, RegExp>();

/** StringMatches: `*` is any run of characters; `\*` and `\\` are a literal star and backslash. */
export function stringMatches(value: string, pattern: string): boolean {
  let regex = matchers.get(pattern);
  if (!regex) {
    let source = "";
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern[i]!;
      if (c === "\\" && i + 1 < pattern.length) source += escapeRegex(pattern[++i]!);
      else if (c === "*") source += "[\\s\\S]*";
      else source += escapeRegex(c);
    }
    regex = new RegExp(`^${source}$`);
    matchers.set(pattern, regex);
  }
  return regex.test(value);
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? "\\" + c : c;
}

/** Evaluate a JSONPath-language rule (without its `Next`) against the Choice's effective input. */
export function evaluateJsonPathRule(rule: JsonObject, roots: PathRoots): boolean {
  if (Array.isArray(rule["And"])) return (rule["And"] as JsonObject[]).every((r) => evaluateJsonPathRule(r, roots));
  if (Array.isArray(rule["Or"])) return (rule["Or"] as JsonObject[]).some((r) => evaluateJsonPathRule(r, roots));
  if (rule["Not"] !== undefined) return !evaluateJsonPathRule(rule["Not"] as JsonObject, roots);
  const variable = rule["Variable"];
  if (typeof variable !== "string") throw runtimeError(`A Choice rule has no Variable: ${JSON.stringify(rule)}`);
  if (rule["IsPresent"] !== undefined) {
    let present = true;
    try {
      const found = readPath(variable, roots, "Variable");
      // A non-definite path that matches nothing is not present either.
      if (Array.isArray(found) && found.length === 0 && /[*?]|\.\./.test(variable)) present = false;
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      present = false;
    }
    return present === rule["IsPresent"];
  }
  const value = readPath(variable, roots, "Variable");
  for (const [operator, test] of Object.entries(TYPE_TESTS)) {
    if (rule[operator] !== undefined) return test(value) === rule[operator];
  }
  if (typeof rule["StringMatches"] === "string") {
    return typeof value === "string" && stringMatches(value, rule["StringMatches"]);
  }
  for (const [operator, operand] of Object.entries(rule)) {
    const comparison = COMPARISONS.get(operator);
    if (!comparison) continue;
    const other = comparison.byPath ? readPath(operand as string, roots, operator) : operand;
    const order = ORDERS[comparison.kind](value, other!);
    return order !== undefined && comparison.relation(order);
  }
  throw runtimeError(`A Choice rule has no comparison operator: ${JSON.stringify(rule)}`);
}

/** Evaluate a JSONata rule's `Condition`; it must yield a boolean. */
export async function evaluateJsonataCondition(rule: JsonObject, env: JsonataEnvironment): Promise<boolean> {
  const condition = rule["Condition"];
  if (typeof condition === "boolean") return condition;
  const expression = jsonataExpressionOf(condition);
  if (expression === undefined) {
    throw new StatesError(StatesErrorName.QueryEvaluationError, `The field 'Condition' must be a JSONata expression or a boolean: ${JSON.stringify(condition)}`);
  }
  const result = await evaluateJsonata(expression, env, "Condition");
  if (typeof result !== "boolean") {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The JSONata expression '${expression.trim()}' specified for the field 'Condition' must return a boolean but returned ${JSON.stringify(result)}`,
    );
  }
  return result;
}
