/**
 * Payload templates: JSONPath `Parameters` / `ResultSelector` / `ItemSelector` / `Assign`
 * (keys ending in `.$` take a path or an intrinsic call), and JSONata templates (any string
 * `{% ... %}` anywhere is an expression). Each template object is compiled once and cached.
 */
import { setKey } from "../../set-key.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { isJsonObject } from "../../json.js";
import { runtimeError, StatesError, StatesErrorName } from "./errors.js";
import { evaluateIntrinsic, isIntrinsicCall } from "./intrinsics/index.js";
import type { IntrinsicEnvironment } from "./intrinsics/functions.js";
import { evaluateJsonata, jsonataExpressionOf, type JsonataEnvironment } from "./jsonata.js";
import { PathNotFound, pathNotFoundInInput, readPath, type PathRoots } from "./jsonpath.js";

type PathTemplate = (roots: PathRoots, env: IntrinsicEnvironment, field: string) => JsonValue;

const pathTemplates = new WeakMap<object, PathTemplate>();

/** Evaluate a JSONPath payload template against `roots`. */
export function evaluatePayloadTemplate(
  template: JsonValue,
  roots: PathRoots,
  env: IntrinsicEnvironment,
  field: string,
): JsonValue {
  if (typeof template !== "object" || template === null) return template;
  let compiled = pathTemplates.get(template);
  if (!compiled) {
    compiled = compilePathTemplate(template, field);
    pathTemplates.set(template, compiled);
  }
  return compiled(roots, env, field);
}

/** Evaluate one `.$` value: an intrinsic call or a path. */
export function evaluateDynamicValue(
  text: string,
  roots: PathRoots,
  env: IntrinsicEnvironment,
  field: string,
): JsonValue {
  return isIntrinsicCall(text) ? evaluateIntrinsic(text, roots, env, field) : readPath(text, roots, field);
}

/** A `"key.$"` value of a template; a path that matches nothing fails with AWS's text naming the key. */
export function evaluateTemplatePath(text: string, roots: PathRoots, env: IntrinsicEnvironment, field: string): JsonValue {
  try {
    return evaluateDynamicValue(text, roots, env, field);
  } catch (error) {
    if (error instanceof PathNotFound && error.path === text) throw pathNotFoundInInput(error, field);
    throw error;
  }
}

function compilePathTemplate(template: JsonValue, field: string): PathTemplate {
  if (Array.isArray(template)) {
    const items = template.map((item) => compilePathTemplate(item, field));
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
      entries.push({ key: key.slice(0, -2), value: (roots, env) => evaluateTemplatePath(value, roots, env, key) });
    } else {
      entries.push({ key, value: compilePathTemplate(value, field) });
    }
  }
  return (roots, env, f) => {
    const out: JsonObject = {};
    for (const entry of entries) setKey(out, entry.key, entry.value(roots, env, f));
    return out;
  };
}

type JsonataTemplate = (env: JsonataEnvironment, field: string) => Promise<JsonValue | undefined>;

const jsonataTemplates = new WeakMap<object, JsonataTemplate>();

/**
 * Evaluate a JSONata template: `{% %}` strings are expressions, everything else is literal.
 * A key whose expression yields nothing is left out; a whole field that yields nothing is
 * `States.QueryEvaluationError`.
 */
export async function evaluateJsonataTemplate(
  template: JsonValue,
  env: JsonataEnvironment,
  field: string,
): Promise<JsonValue> {
  const value = await compileCachedJsonata(template)(env, field);
  if (value === undefined) {
    throw new StatesError(
      StatesErrorName.QueryEvaluationError,
      `The JSONata expression specified for the field '${field}' returned nothing (undefined).`,
    );
  }
  return value;
}

function compileCachedJsonata(template: JsonValue): JsonataTemplate {
  if (typeof template !== "object" || template === null) return compileJsonataTemplate(template);
  let compiled = jsonataTemplates.get(template);
  if (!compiled) {
    compiled = compileJsonataTemplate(template);
    jsonataTemplates.set(template, compiled);
  }
  return compiled;
}

function compileJsonataTemplate(template: JsonValue): JsonataTemplate {
  const expression = jsonataExpressionOf(template);
  if (expression !== undefined) return (env, field) => evaluateJsonata(expression, env, field);
  if (Array.isArray(template)) {
    if (!hasExpression(template)) return async () => template;
    const items = template.map(compileJsonataTemplate);
    return async (env, field) => {
      const out: JsonValue[] = [];
      for (const item of items) {
        const value = await item(env, field);
        if (value !== undefined) out.push(value);
      }
      return out;
    };
  }
  if (isJsonObject(template)) {
    if (!hasExpression(template)) return async () => template;
    const entries = Object.entries(template).map(([key, value]) => ({ key, value: compileJsonataTemplate(value) }));
    return async (env, field) => {
      const out: JsonObject = {};
      for (const entry of entries) {
        const value = await entry.value(env, field);
        if (value !== undefined) setKey(out, entry.key, value);
      }
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
