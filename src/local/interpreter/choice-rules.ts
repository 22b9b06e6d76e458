/**
 * Choice rules: one table of comparison operators (each with its `...Path` form), the type
 * tests, `And` / `Or` / `Not`, and JSONata `Condition`.
 */
import { COMPARISON_OPERATORS } from "../../asl/choice-operators.js";
import { compareTimestamps, isTimestampString, parseTimestamp } from "../../asl/timestamp.js";
import { parseWildcard, matchesWildcard } from "../../asl/wildcard.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { runtimeError, StatesError, StatesErrorName } from "./errors.js";
import { evaluateJsonata, jsonataExpressionOf, type JsonataEnvironment } from "./jsonata.js";
import { PathNotFound, readPath, type PathRoots } from "./jsonpath.js";

type Kind = "String" | "Numeric" | "Boolean" | "Timestamp";
type Relation = (order: number) => boolean;

const RELATIONS: Readonly<Record<string, Relation>> = {
  Equals: (o) => o === 0,
  LessThan: (o) => o < 0,
  GreaterThan: (o) => o > 0,
  LessThanEquals: (o) => o <= 0,
  GreaterThanEquals: (o) => o >= 0,
};

/** Order of two values of one kind, or undefined when either is not of that kind. */
const ORDERS: Readonly<Record<Kind, (a: JsonValue, b: JsonValue) => number | undefined>> = {
  String: (a, b) => (typeof a === "string" && typeof b === "string" ? (a < b ? -1 : a > b ? 1 : 0) : undefined),
  Numeric: (a, b) => (typeof a === "number" && typeof b === "number" ? Math.sign(a - b) : undefined),
  Boolean: (a, b) => (typeof a === "boolean" && typeof b === "boolean" ? (a === b ? 0 : 1) : undefined),
  Timestamp: (a, b) => {
    const [x, y] = [parseTimestamp(a), parseTimestamp(b)];
    return x === undefined || y === undefined ? undefined : compareTimestamps(x, y);
  },
};

/** The type tests: value present at `Variable` → does it pass. */
const TYPE_TESTS: Readonly<Record<string, (value: JsonValue) => boolean>> = {
  IsNull: (v) => v === null,
  IsNumeric: (v) => typeof v === "number",
  IsString: (v) => typeof v === "string",
  IsBoolean: (v) => typeof v === "boolean",
  IsTimestamp: (v) => isTimestampString(v),
};

interface Comparison {
  kind: Kind;
  relation: Relation;
  /** The operand is a path to read, not a literal. */
  byPath: boolean;
}

// The comparison operators of ASL's table (`StringEquals`, `NumericLessThanPath`, ...) → how each compares.
const COMPARISONS: ReadonlyMap<string, Comparison> = (() => {
  const table = new Map<string, Comparison>();
  for (const operator of Object.keys(COMPARISON_OPERATORS)) {
    const parts = /^(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)(Path)?$/.exec(operator);
    if (parts === null) continue;
    table.set(operator, { kind: parts[1] as Kind, relation: RELATIONS[parts[2]!]!, byPath: parts[3] !== undefined });
  }
  return table;
})();

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
  const value = readVariable(variable, roots);
  for (const [operator, test] of Object.entries(TYPE_TESTS)) {
    if (rule[operator] !== undefined) return test(value) === rule[operator];
  }
  if (typeof rule["StringMatches"] === "string") {
    return typeof value === "string" && matchesWildcard(parseWildcard(rule["StringMatches"]), value);
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

/** A rule's `Variable`; one that matches nothing fails with AWS's text for Choice. */
function readVariable(variable: string, roots: PathRoots): JsonValue {
  try {
    return readPath(variable, roots, "Variable");
  } catch (error) {
    if (!(error instanceof PathNotFound)) throw error;
    throw runtimeError(`Invalid path '${variable}': The choice state's condition path references an invalid value.`);
  }
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
