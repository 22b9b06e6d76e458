/** Small JSON helpers the interpreter needs on every transition. */
import type { JsonObject, JsonValue } from "../../json.js";
import { isJsonObject } from "../../json.js";
import { MAX_PAYLOAD_BYTES } from "../../asl/limits.js";
import { StatesError, StatesErrorName } from "./errors.js";


/** Whether `text` takes more than {@link MAX_PAYLOAD_BYTES} bytes of UTF-8. */
export function exceedsPayloadLimit(text: string): boolean {
  // Cheap bound first: UTF-8 takes at most 3 bytes per UTF-16 unit.
  return text.length * 3 > MAX_PAYLOAD_BYTES && Buffer.byteLength(text, "utf8") > MAX_PAYLOAD_BYTES;
}

/** `text`, unless it is over {@link MAX_PAYLOAD_BYTES}: then `States.DataLimitExceeded`. */
export function checkWithinLimit(text: string, tooLarge: (subject: string) => string, subject: string): string {
  if (exceedsPayloadLimit(text)) {
    throw new StatesError(StatesErrorName.DataLimitExceeded, tooLarge(subject));
  }
  return text;
}

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEquals(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEquals(a[i]!, b[i]!)) return false;
    return true;
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(b, key) || !jsonEquals(a[key]!, b[key]!)) return false;
    }
    return true;
  }
  return false;
}

/** JSON type name as AWS error messages use it. */
export function jsonTypeName(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** A shallow copy of an object or array (used for copy-on-write path updates). */
export function shallowCopy(value: JsonObject | JsonValue[]): JsonObject | JsonValue[] {
  return Array.isArray(value) ? value.slice() : { ...value };
}

/** Java's String.hashCode. */
function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/**
 * `keys` in the order a Java HashMap holding them iterates (bucket by the spread hash in a table
 * of the size the map grows to, insertion order within a bucket): the order AWS gives the keys
 * of objects it builds itself (e.g. States.JsonMerge's result).
 */
export function javaHashMapOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const buckets = new Map<number, string[]>();
  for (const key of keys) {
    const hash = javaStringHash(key);
    const index = (hash ^ (hash >>> 16)) & (capacity - 1);
    const bucket = buckets.get(index);
    if (bucket) bucket.push(key);
    else buckets.set(index, [key]);
  }
  return [...buckets.keys()].sort((a, b) => a - b).flatMap((index) => buckets.get(index)!);
}
