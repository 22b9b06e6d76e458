/**
 * Copies of values that cross between the engine and code of the user's (a handler's event,
 * its result, a mocked response): as JSON would carry them, so neither side sees what the
 * other changes later. The engine records values by reference and serializes short ones when
 * its history is read (interpreter/deferred-text.ts), so what it keeps must be its own.
 */
import type { JsonObject, JsonValue } from "../../../json.js";
import { setKey } from "../../../set-key.js";

/** `JSON.parse(JSON.stringify(value))` (undefined as null), without the text for plain data. */
export function jsonCopy(value: unknown): JsonValue {
  if (value === undefined) return null;
  return plainCopy(value) ?? (JSON.parse(JSON.stringify(value) ?? "null") as JsonValue);
}

/** Raised by {@link copyOf} for a value that is not plain data. */
const NOT_PLAIN = Symbol("not plain data");

/**
 * What `JSON.parse(JSON.stringify(value))` gives, for plain data (objects of Object's or no
 * prototype without `toJSON`, arrays, strings, numbers, booleans, null), made without parsing
 * (a Lambda chain copies a result per Task); undefined for anything else (and for a cycle,
 * whose depth ends the recursion), which takes the round trip.
 */
export function plainCopy(value: unknown): JsonValue | undefined {
  try {
    return copyOf(value);
  } catch (error) {
    if (error === NOT_PLAIN || error instanceof RangeError) return undefined;
    throw error;
  }
}

function copyOf(value: unknown): JsonValue {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return Number.isFinite(value) ? value + 0 : null;
  if (typeof value !== "object") throw NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || typeof (value as { toJSON?: unknown }).toJSON === "function") throw NOT_PLAIN;
    const out: JsonValue[] = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === undefined || typeof item === "function" || typeof item === "symbol" ? null : copyOf(item);
    }
    return out;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") throw NOT_PLAIN;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    // setKey's rule written out: its one store serves every caller's objects, this one copies only.
    if (key === "__proto__") setKey(out, key, copyOf(item));
    else out[key] = copyOf(item);
  }
  return out;
}
