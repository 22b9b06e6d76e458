import { InvalidOptionError } from "../../errors.js";
import type { JsonValue } from "../../json.js";
import type { ValueKind } from "../../asl/choice-operators.js";
import { formatTimestamp, isTimestampString } from "../../asl/timestamp.js";
import { checkWildcardPattern } from "../../asl/wildcard.js";

/** Show a value in an error message the way a user would have typed it. */
export function quote(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? "Invalid" : value.toISOString()})`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint" || typeof value === "symbol" || typeof value === "function") {
    return String(value);
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Check a JSONPath reference (a `Variable`, or the value of a `...Path` operator): a string
 * starting with `$` (`$.x`, `$[0]`, `$$.Execution.Id`, or a variable such as `$count`).
 */
export function checkPath(path: unknown, what: string): string {
  if (typeof path !== "string") {
    throw new TypeError(`${what} must be a JSONPath string, got ${quote(path)}`);
  }
  if (!path.startsWith("$")) {
    throw new InvalidOptionError(`${what} must be a JSONPath starting with "$", got ${quote(path)}`);
  }
  return path;
}

// The JavaScript type each literal kind must have, as `typeof` names it.
const LITERAL_TYPES = {
  boolean: "boolean",
  number: "number",
  string: "string",
  pattern: "string",
  test: "boolean",
} as const;

/**
 * Check a comparison value against the kind its operator takes and return it as ASL renders
 * it. A value of the wrong type is a `TypeError` (as in sfini); a value of the right type that
 * ASL cannot hold (NaN, a malformed timestamp or pattern, a path without `$`) is an
 * {@link InvalidOptionError}.
 */
export function renderComparisonValue(kind: ValueKind, value: unknown, operator: string): JsonValue {
  const what = `comparison value of ${operator}`;
  switch (kind) {
    case "path":
      return checkPath(value, what);
    case "timestamp":
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new InvalidOptionError(`${what} is an invalid Date`);
        return formatTimestamp(value);
      }
      if (typeof value !== "string") {
        throw new TypeError(`${what} must be a Date or an ISO-8601 string, got ${quote(value)}`);
      }
      if (!isTimestampString(value)) {
        throw new InvalidOptionError(
          `${what} must be an RFC 3339 timestamp like "2024-05-01T12:30:00Z", got ${quote(value)}`,
        );
      }
      return value;
    default: {
      const expected = LITERAL_TYPES[kind];
      if (typeof value !== expected) {
        throw new TypeError(`${what} must be a ${expected}, got ${quote(value)}`);
      }
      if (kind === "number" && !Number.isFinite(value)) {
        throw new InvalidOptionError(`${what} must be a finite number, got ${String(value)}`);
      }
      if (kind === "pattern") checkWildcardPattern(value as string);
      return value as boolean | number | string;
    }
  }
}
