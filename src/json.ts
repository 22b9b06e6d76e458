/** A JSON value, as Step Functions passes between states. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short, safe rendering of a bad value for an error message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value instanceof Date) return `Date(${String(value)})`;
  if (typeof value === "function") return `function ${value.name || "(anonymous)"}`;
  try {
    const text = JSON.stringify(value);
    if (text === undefined) return String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/** The keys of `S` whose values are JSON (or undefined), as {@link definedFields} copies them. */
export type JsonKeys<S> = { [K in keyof S]-?: S[K] extends JsonValue | undefined ? K : never }[keyof S] & string;

/**
 * The fields of `source` that are defined, in the order `fields` lists them: an array keeps
 * each field's name, an object maps the name to give to the field of `source` it copies.
 * Undefined fields are left out, as ASL definitions and the API's answers leave out what is
 * not set.
 */
export function definedFields<S extends object>(source: S, fields: readonly JsonKeys<S>[] | Readonly<Record<string, JsonKeys<S>>>): JsonObject {
  const copied: JsonObject = {};
  const entries: [string, JsonKeys<S>][] = isNameList(fields) ? fields.map((key) => [key, key]) : Object.entries(fields);
  for (const [name, key] of entries) {
    const value = source[key] as JsonValue | undefined;
    if (value !== undefined) copied[name] = value;
  }
  return copied;
}

/** The fields given, in order, without those left undefined (ASL leaves out what is not set). */
export function definedValues(fields: Readonly<Record<string, JsonValue | undefined>>): JsonObject {
  return definedFields(fields, Object.keys(fields) as JsonKeys<typeof fields>[]);
}

// Array.isArray does not narrow a readonly array.
function isNameList<K>(fields: readonly K[] | Readonly<Record<string, K>>): fields is readonly K[] {
  return Array.isArray(fields);
}
