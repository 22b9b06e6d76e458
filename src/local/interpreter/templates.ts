/**
 * Payload templates: JSONPath `Parameters` / `ResultSelector` / `ItemSelector` / `Assign`
 * (keys ending in `.$` take a path or an intrinsic call), and JSONata templates (any string
 * `{% ... %}` anywhere is an expression). Each template is compiled once, with its state.
 */
import { setKey } from "../../set-key.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { isJsonObject } from "../../json.js";
import { runtimeError } from "./errors.js";
import { javaHashMapOrder } from "./json-util.js";
import { compileIntrinsic, isIntrinsicCall } from "./intrinsics/index.js";
import type { IntrinsicEnvironment } from "./intrinsics/functions.js";
import { compileJsonata, jsonataExpressionOf, returnedNothing, type JsonataEnvironment } from "./jsonata.js";
import { compilePath, PathNotFound, pathNotFoundInInput, type PathRoots } from "./jsonpath.js";

/** A JSONPath payload template, compiled: evaluate it against the roots of a visit. */
export type PathTemplate = (roots: PathRoots, env: IntrinsicEnvironment, field: string) => JsonValue;

/** A `.$` value (an intrinsic call or a path), compiled. */
export function compileDynamicValue(text: string): PathTemplate {
  if (isIntrinsicCall(text)) return compileIntrinsic(text);
  const path = compilePath(text);
  return (roots, _env, field) => path.read(roots, field);
}

/** A `"key.$"` value of a template, compiled; a path that matches nothing fails with AWS's text naming the key. */
export function compileTemplatePath(text: string): PathTemplate {
  const value = compileDynamicValue(text);
  return (roots, env, field) => {
    try {
      return value(roots, env, field);
    } catch (error) {
      if (error instanceof PathNotFound && error.path === text) throw pathNotFoundInInput(error, field);
      throw error;
    }
  };
}

/** Compile a JSONPath payload template; a malformed one fails where it is evaluated. */
export function compilePayloadTemplate(template: JsonValue): PathTemplate {
  try {
    return compilePathTemplate(template);
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

function compilePathTemplate(template: JsonValue): PathTemplate {
  if (Array.isArray(template)) {
    const items = template.map((item) => compilePathTemplate(item));
    return (roots, env, f) => items.map((item) => item(roots, env, f));
  }
  if (!isJsonObject(template)) return () => template;
  const entries: { key: string; value: PathTemplate }[] = [];
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith(".$")) {
      if (typeof value !== "string") {
        throw runtimeError(
          `The value for the field '${key}' must be a STRING that contains a JSONPath or an intrinsic function but was ${JSON.stringify(value)}`,
        );
      }
      const path = compileTemplatePath(value);
      entries.push({ key: key.slice(0, -2), value: (roots, env) => path(roots, env, key) });
    } else {
      entries.push({ key, value: compilePathTemplate(value) });
    }
  }
  const ordered = awsKeyOrder(entries, template);
  return (roots, env, f) => {
    const out: JsonObject = {};
    for (const entry of ordered) setKey(out, entry.key, entry.value(roots, env, f));
    return out;
  };
}

/**
 * The key order AWS gives a template's result (recorded: an ItemSelector's constant field comes
 * first and its `.$` fields follow in Java HashMap order; `{"Iterations.$", "Values.$"}` gives
 * Values first): literal fields as written, then the `.$` fields in Java HashMap order.
 */
function awsKeyOrder<T extends { key: string }>(entries: readonly T[], template: JsonObject): T[] {
  const literal = entries.filter((entry) => Object.prototype.hasOwnProperty.call(template, entry.key));
  const dynamic = entries.filter((entry) => !literal.includes(entry));
  const byKey = new Map(dynamic.map((entry) => [entry.key, entry]));
  return [...literal, ...javaHashMapOrder([...byKey.keys()]).map((key) => byKey.get(key)!)];
}

/** A JSONata template, compiled. */
export type JsonataTemplate = (env: JsonataEnvironment, field: string) => Promise<JsonValue>;

/** A JSONata field: a template whose every expression must yield a value. */
export type JsonataField = JsonataTemplate;

/**
 * Compile a JSONata template: `{% %}` strings are expressions, everything else is literal.
 * Every expression must yield a value: one that yields nothing fails
 * `States.QueryEvaluationError` located at its place in the field (`Output/result`,
 * `Arguments/list/0`), as AWS fails it.
 */
export function compileJsonataField(template: JsonValue): JsonataField {
  return compileJsonataTemplate(template);
}

function compileJsonataTemplate(template: JsonValue): JsonataTemplate {
  const expression = jsonataExpressionOf(template);
  if (expression !== undefined) {
    const compiled = compileJsonata(expression);
    return async (env, field) => {
      const value = await compiled(env, field);
      if (value === undefined) throw returnedNothing(field, expression);
      return value;
    };
  }
  if (Array.isArray(template)) {
    if (!hasExpression(template)) return async () => template;
    const items = template.map(compileJsonataTemplate);
    return async (env, field) => {
      const out: JsonValue[] = [];
      for (let i = 0; i < items.length; i++) out.push(await items[i]!(env, `${field}/${i}`));
      return out;
    };
  }
  if (isJsonObject(template)) {
    if (!hasExpression(template)) return async () => template;
    const entries = Object.entries(template).map(([key, value]) => ({ key, value: compileJsonataTemplate(value) }));
    return async (env, field) => {
      const out: JsonObject = {};
      for (const entry of entries) setKey(out, entry.key, await entry.value(env, `${field}/${entry.key}`));
      return out;
    };
  }
  return async () => template;
}

/** True when a template holds any `{% %}` string (otherwise it is a constant). */
function hasExpression(template: JsonValue): boolean {
  if (typeof template === "string") return jsonataExpressionOf(template) !== undefined;
  if (Array.isArray(template)) return template.some(hasExpression);
  if (isJsonObject(template)) return Object.values(template).some(hasExpression);
  return false;
}
