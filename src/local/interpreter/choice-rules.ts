/**
 * Choice rules: one table of comparison operators (each with its `...Path` form), the type
 * tests, `And` / `Or` / `Not`, and JSONata `Condition`.
 */
import { COMPARISON_OPERATORS } from "../../asl/choice-operators.js";
import { compareTimestamps, isTimestampString, parseTimestamp } from "../../asl/timestamp.js";
import { parseWildcard, matchesWildcard } from "../../asl/wildcard.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { runtimeError, StatesError, StatesErrorName } from "./errors.js";
import { compileJsonata, jsonataExpressionOf, returnedNothing, unexpectedResultType, type JsonataEnvironment } from "./jsonata.js";
import { compilePath, PathNotFound, type CompiledPath, type PathRoots } from "./jsonpath.js";

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

/** A JSONPath-language rule (without its `Next`), compiled: does it match the Choice's effective input. */
export type JsonPathRule = (roots: PathRoots) => boolean;

/** Compile a JSONPath-language rule; a malformed one fails where it is evaluated. */
export function compileJsonPathRule(rule: JsonObject): JsonPathRule {
  if (Array.isArray(rule["And"])) {
    const all = rule["And"].map((r) => compileJsonPathRule(r as JsonObject));
    return (roots) => all.every((r) => r(roots));
  }
  if (Array.isArray(rule["Or"])) {
    const any = rule["Or"].map((r) => compileJsonPathRule(r as JsonObject));
    return (roots) => any.some((r) => r(roots));
  }
  if (rule["Not"] !== undefined) {
    const not = compileJsonPathRule(rule["Not"] as JsonObject);
    return (roots) => !not(roots);
  }
  const variable = rule["Variable"];
  if (typeof variable !== "string") {
    return () => {
      throw runtimeError(`A Choice rule has no Variable: ${JSON.stringify(rule)}`);
    };
  }
  const path = compilePath(variable);
  if (rule["IsPresent"] !== undefined) {
    const wanted = rule["IsPresent"];
    // A non-definite path that matches nothing is not present either.
    const nonDefinite = /[*?]|\.\./.test(variable);
    return (roots) => {
      let present = true;
      try {
        const found = path.read(roots, "Variable");
        if (Array.isArray(found) && found.length === 0 && nonDefinite) present = false;
      } catch (error) {
        if (!(error instanceof StatesError)) throw error;
        present = false;
      }
      return present === wanted;
    };
  }
  for (const [operator, test] of Object.entries(TYPE_TESTS)) {
    const wanted = rule[operator];
    if (wanted !== undefined) return (roots) => test(readVariable(path, roots)) === wanted;
  }
  if (typeof rule["StringMatches"] === "string") {
    const pattern = parseWildcard(rule["StringMatches"]);
    return (roots) => {
      const value = readVariable(path, roots);
      return typeof value === "string" && matchesWildcard(pattern, value);
    };
  }
  for (const [operator, operand] of Object.entries(rule)) {
    const comparison = COMPARISONS.get(operator);
    if (!comparison) continue;
    const order = ORDERS[comparison.kind];
    const { relation } = comparison;
    if (comparison.byPath) {
      const other = compilePath(operand as string);
      return (roots) => {
        const value = readVariable(path, roots);
        const o = order(value, other.read(roots, operator));
        return o !== undefined && relation(o);
      };
    }
    return (roots) => {
      const o = order(readVariable(path, roots), operand!);
      return o !== undefined && relation(o);
    };
  }
  return (roots) => {
    readVariable(path, roots);
    throw runtimeError(`A Choice rule has no comparison operator: ${JSON.stringify(rule)}`);
  };
}

/** A rule's `Variable`; one that matches nothing fails with AWS's text for Choice. */
function readVariable(path: CompiledPath, roots: PathRoots): JsonValue {
  try {
    return path.read(roots, "Variable");
  } catch (error) {
    if (!(error instanceof PathNotFound)) throw error;
    throw runtimeError(`Invalid path '${path.text}': The choice state's condition path references an invalid value.`);
  }
}

/** A JSONata rule's `Condition`, compiled; it must yield a boolean. */
export type JsonataCondition = (env: JsonataEnvironment) => Promise<boolean>;

/** Compile a JSONata rule's `Condition`. */
export function compileJsonataCondition(rule: JsonObject): JsonataCondition {
  const condition = rule["Condition"];
  if (typeof condition === "boolean") return async () => condition;
  const expression = jsonataExpressionOf(condition);
  if (expression === undefined) {
    return async () => {
      throw new StatesError(StatesErrorName.QueryEvaluationError, `The field 'Condition' must be a JSONata expression or a boolean: ${JSON.stringify(condition)}`);
    };
  }
  const evaluate = compileJsonata(expression);
  return async (env) => {
    const result = await evaluate(env, "Condition");
    if (result === undefined) throw returnedNothing("Condition", expression);
    if (typeof result !== "boolean") throw unexpectedResultType("Condition", expression, "boolean", result);
    return result;
  };
}
