import { InvalidOptionError } from "../../errors.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { describeValue, isJsonObject } from "../../json.js";
import { isJsonataExpression } from "../../asl/state-types.js";

/**
 * Checks of option values shared by every state type. Each throws {@link InvalidOptionError}
 * naming the state, the option and the value, so a bad option is caught where it is given
 * rather than by AWS at registration.
 */

function fail(owner: string, option: string, value: unknown, expected: string): never {
  throw new InvalidOptionError(`${owner}: ${option} must be ${expected}, got ${describeValue(value)}`);
}

/** `undefined`, or a string. */
export function optionalString(owner: string, option: string, value: unknown): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  return fail(owner, option, value, "a string");
}

/** `undefined`, `null`, or a string (a path that may be null in ASL). */
export function optionalNullablePath(owner: string, option: string, value: unknown): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value === "string" && value.length > 0) return value;
  return fail(owner, option, value, "a non-empty path string or null");
}

/** `undefined`, or a non-empty string path. */
export function optionalPath(owner: string, option: string, value: unknown): string | undefined {
  if (value === undefined) return value;
  if (typeof value === "string" && value.length > 0) return value;
  return fail(owner, option, value, "a non-empty path string");
}

/** `undefined`, or a whole number within [min, max]. */
export function optionalInteger(owner: string, option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return value;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
  return fail(owner, option, value, `a whole number ${range}`);
}

/** `undefined`, or a finite number within [min, max]. */
export function optionalNumber(owner: string, option: string, value: unknown, min: number, max = Number.MAX_VALUE): number | undefined {
  if (value === undefined) return value;
  if (typeof value === "number" && Number.isFinite(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_VALUE ? `>= ${min}` : `in [${min}, ${max}]`;
  return fail(owner, option, value, `a number ${range}`);
}

/** `undefined`, a whole number within [min, max], or a JSONata `{% ... %}` string. */
export function optionalIntegerOrExpression(owner: string, option: string, value: unknown, min: number, max?: number): number | string | undefined {
  if (isJsonataExpression(value)) return value;
  if (typeof value === "string") return fail(owner, option, value, "a whole number or a JSONata expression \"{% ... %}\"");
  return optionalInteger(owner, option, value, min, max);
}

/** `undefined`, or one of the listed strings. */
export function optionalEnum<T extends string>(owner: string, option: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return value;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  return fail(owner, option, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
}

/** `undefined`, or any JSON value (checked deeply, so functions, `undefined` and NaN are refused). */
export function optionalJson(owner: string, option: string, value: unknown): JsonValue | undefined {
  if (value === undefined) return value;
  if (isJsonValue(value)) return value;
  return fail(owner, option, value, "a JSON value");
}

/** `undefined`, or a JSON object. */
export function optionalJsonObject(owner: string, option: string, value: unknown): JsonObject | undefined {
  if (value === undefined) return value;
  if (isJsonObject(value) && isJsonValue(value)) return value;
  return fail(owner, option, value, "a JSON object");
}

/** `undefined`, a JSON object, or a JSONata `{% ... %}` string. */
export function optionalJsonObjectOrExpression(owner: string, option: string, value: unknown): JsonObject | string | undefined {
  if (isJsonataExpression(value)) return value;
  return optionalJsonObject(owner, option, value);
}

/** Whether a value is plain JSON all the way down (no functions, undefined, NaN or class instances). */
export function isJsonValue(value: unknown): value is JsonValue {
  // An explicit stack keeps deep documents from overflowing the call stack.
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item === "string" || typeof item === "boolean") continue;
    if (typeof item === "number") {
      if (!Number.isFinite(item)) return false;
      continue;
    }
    if (typeof item !== "object") return false;
    if (seen.has(item)) return false;
    seen.add(item);
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
      continue;
    }
    const proto = Object.getPrototypeOf(item) as unknown;
    if (proto !== Object.prototype && proto !== null) return false;
    for (const element of Object.values(item)) stack.push(element);
  }
  return true;
}
