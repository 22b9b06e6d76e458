/**
 * JSONata as Step Functions runs it: `{% expression %}` strings, the reserved `$states`
 * variable, workflow variables as bindings, and AWS's extra functions (`$partition`, `$range`,
 * `$hash`, `$random`, `$uuid`, `$parse`). Each expression of a definition is compiled once,
 * when the definition is compiled (see `compile/`).
 */
import { setKey } from "../../set-key.js";
import { randomUUID } from "node:crypto";
import { hashHex } from "./hash.js";
import { mulberry32 } from "../../random.js";
import jsonata from "jsonata";
import type { JsonObject, JsonValue } from "../../json.js";
import { isJsonObject } from "../../json.js";
import { locatedAt, StatesError, StatesErrorName } from "./errors.js";
import { BOUNDED_JSONATA_OPTIONS, boundExpression } from "./jsonata-bounds.js";
import { jsonataExpressionOf } from "../../asl/state-types.js";
import { jsonTypeName } from "./json-util.js";

/** What a JSONata expression sees: `$states.*` and the workflow variables in scope. */
export interface JsonataEnvironment {
  states: {
    input: JsonValue;
    context: JsonValue;
    result?: JsonValue;
    errorOutput?: JsonValue;
  };
  variables: JsonObject;
  /** A number in [0, 1) for `$random()`. */
  random(): number;
}

export { jsonataExpressionOf };

/**
 * A JSONata field that failed to evaluate: `States.QueryEvaluationError` with AWS's text,
 * "The JSONata expression '<expr>' specified for the field '<field>' <why>", located at `field`
 * (`Output`, `Output/result`, `Assign/x`, `Items`...) for the EvaluationFailed event.
 */
export function queryError(field: string, expression: string, why: string): StatesError {
  return locatedAt(
    new StatesError(StatesErrorName.QueryEvaluationError, `The JSONata expression '${expression.trim()}' specified for the field '${field}' ${why}`),
    field,
  );
}

/** AWS's text for an expression that evaluated to nothing where a value is needed. */
export function returnedNothing(field: string, expression: string): StatesError {
  return queryError(field, expression, "returned nothing (undefined).");
}

/** AWS's text for a result of the wrong JSON type: "... Expected 'array', but was 'number' for value: 1". */
export function unexpectedResultType(field: string, expression: string, expected: string, value: JsonValue): StatesError {
  return queryError(
    field,
    expression,
    `returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(value)}' for value: ${JSON.stringify(value)}`,
  );
}

/** A JSONata error as AWS quotes it: `T1006: Attempted to invoke a non-function`. */
function describeJsonataError(error: unknown): string {
  if (error && typeof error === "object" && "message" in error) {
    const code = "code" in error && typeof error.code === "string" ? `${error.code}: ` : "";
    return `${code}${String(error.message)}`;
  }
  return String(error);
}

/** One JSONata expression, parsed once: evaluate it per visit. */
export type CompiledJsonata = (env: JsonataEnvironment, field: string) => Promise<JsonValue | undefined>;

/**
 * Compile `expression` (the text inside `{% %}`). A syntax error fails where the expression is
 * evaluated, naming the field it is evaluated for, as AWS reports it.
 */
export function compileJsonata(expression: string): CompiledJsonata {
  let expr: jsonata.Expression;
  try {
    expr = jsonata(expression, BOUNDED_JSONATA_OPTIONS as unknown as jsonata.JsonataOptions);
  } catch (error) {
    const why = `could not be parsed: ${(error as Error).message}`;
    return async (_env, field) => {
      throw queryError(field, expression, why);
    };
  }
  registerAwsFunctions(expr);
  boundExpression(expr);
  return (env, field) => evaluateCompiled(expr, expression, env, field);
}

function registerAwsFunctions(expr: jsonata.Expression): void {
  expr.registerFunction(
    "partition",
    (array: unknown[], size: number) => {
      if (!Number.isInteger(size) || size <= 0) throw new Error(`$partition: size ${size} must be a positive integer`);
      const chunks: unknown[] = [];
      for (let i = 0; i < array.length; i += size) chunks.push(array.slice(i, i + size));
      return chunks;
    },
    "<an:a>",
  );
  expr.registerFunction(
    "range",
    (start: number, end: number, step: number | undefined) => {
      const by = step ?? 1;
      if (by === 0) throw new Error("$range: step must not be 0");
      const out: number[] & { sequence?: boolean } = [];
      for (let v = start; by > 0 ? v <= end : v >= end; v += by) {
        out.push(v);
        if (out.length > 1000) throw new Error("$range: more than 1000 items");
      }
      // A JSONata sequence, as AWS's $range returns: one item is that item ($range(1, 1) is 1).
      if (out.length > 0) out.sequence = true;
      return out;
    },
    "<nnn?:a>",
  );
  expr.registerFunction(
    "hash",
    (data: unknown, algorithm: string) => {
      const digest = hashHex(algorithm, typeof data === "string" ? data : JSON.stringify(data));
      if (digest === undefined) throw new Error(`$hash: unknown algorithm ${JSON.stringify(algorithm)}`);
      return digest;
    },
    "<xs:s>",
  );
  expr.registerFunction("uuid", () => randomUUID(), "<:s>");
  expr.registerFunction(
    "parse",
    (text: string) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error(`$parse: ${JSON.stringify(text)} is not valid JSON`);
      }
    },
    "<s:j>",
  );
}

/** `$random()`, or AWS's `$random(seed)`: the same number for the same seed. */
function randomOf(env: JsonataEnvironment, seed: unknown): number {
  if (seed === undefined) return env.random();
  if (typeof seed !== "number" || !Number.isFinite(seed)) throw new Error(`$random: the seed must be a number but was ${JSON.stringify(seed)}`);
  return mulberry32(Math.round(seed))();
}

/**
 * Evaluate one compiled expression. `undefined` (JSONata's "nothing") is returned as is:
 * callers decide whether a missing value is an error (a whole field) or a left-out key
 * (inside a template).
 */
async function evaluateCompiled(
  expr: jsonata.Expression,
  expression: string,
  env: JsonataEnvironment,
  field: string,
): Promise<JsonValue | undefined> {
  // `$random` is bound per evaluation (not registered) so concurrent runs keep their own source.
  const bindings: Record<string, unknown> = { ...env.variables, states: env.states, random: (seed?: unknown) => randomOf(env, seed) };
  let raw: unknown;
  try {
    raw = await expr.evaluate(env.states.input, bindings);
  } catch (error) {
    // A bound crossed (a value too large) keeps its own error.
    if (error instanceof StatesError) throw error;
    throw queryError(field, expression, `threw an error during evaluation. ${describeJsonataError(error)}`);
  }
  return toJson(raw, field, expression);
}

/** A function value: a native function, or a JSONata lambda or function object. */
function isJsonataFunction(value: unknown): boolean {
  if (typeof value === "function") return true;
  return typeof value === "object" && value !== null && ("_jsonata_lambda" in value || "_jsonata_function" in value);
}

/** JSONata results carry sequence flags and may hold functions; keep plain JSON only. */
function toJson(value: unknown, field: string, expression: string): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw queryError(field, expression, "returned an unsupported result type.");
    return value;
  }
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const item of value) {
      if (isJsonataFunction(item)) continue;
      const converted = toJson(item, field, expression);
      if (converted !== undefined) out.push(converted);
    }
    return out;
  }
  if (isJsonataFunction(value)) throw queryError(field, expression, "returned an unsupported result type.");
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    // JSONata builds objects by assignment, so a `__proto__` key it was given became the
    // object's prototype: take it back as the data it was.
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null && isJsonObject(prototype) && Object.getPrototypeOf(prototype) === Object.prototype) {
      const converted = toJson(prototype, field, expression);
      if (converted !== undefined) setKey(out, "__proto__", converted);
    }
    for (const [key, item] of Object.entries(value)) {
      if (isJsonataFunction(item)) continue;
      const converted = toJson(item, field, expression);
      if (converted !== undefined) setKey(out, key, converted);
    }
    return out;
  }
  throw queryError(field, expression, "returned an unsupported result type.");
}
