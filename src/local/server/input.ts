/**
 * Reading an operation's JSON input: each getter checks one field's type and AWS's constraint on
 * it, and answers `ValidationException` (or the code AWS uses) naming the field and the value.
 */
import { ApiError, constraintError } from "../api-error.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import { parseArn } from "../../arn.js";

/** The operation's input object, with typed getters. */
export class OperationInput {
  constructor(readonly body: JsonObject) {}

  /** A string field that must be present. */
  requiredString(field: string, maxLength = 2048): string {
    const value = this.optionalString(field, maxLength);
    if (value === undefined) {
      throw new ApiError("ValidationException", `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    }
    return value;
  }

  /** A string field that may be absent. */
  optionalString(field: string, maxLength = 2048): string | undefined {
    const value = this.typed(field, "a string", (v) => typeof v === "string");
    if (value !== undefined && value.length > maxLength) {
      throw constraintError(field, value, `Member must have length less than or equal to ${maxLength}`);
    }
    return value;
  }

  /** A boolean field (absent: `fallback`). */
  boolean(field: string, fallback = false): boolean {
    return this.typed(field, "a boolean", (v) => typeof v === "boolean") ?? fallback;
  }

  /** An integer field within `[min, max]` (absent: undefined). */
  optionalInteger(field: string, min: number, max: number): number | undefined {
    return this.within(field, this.typed(field, "an integer", (v): v is number => typeof v === "number" && Number.isInteger(v)), min, max);
  }

  /** A number field (integer or not) within `[min, max]` (absent: undefined). */
  optionalNumber(field: string, min: number, max: number): number | undefined {
    return this.within(field, this.typed(field, "a number", (v): v is number => typeof v === "number" && Number.isFinite(v)), min, max);
  }

  /** One of a fixed set of strings (absent: undefined). */
  optionalEnum<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.optionalString(field);
    if (value === undefined) return undefined;
    if (!(allowed as readonly string[]).includes(value)) {
      throw constraintError(field, value, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
    }
    return value as T;
  }

  /** An array field (absent: empty). */
  array(field: string): JsonValue[] {
    return this.typed(field, "a list", (v) => Array.isArray(v)) ?? [];
  }

  /** An object field (absent: undefined). */
  optionalObject(field: string): JsonObject | undefined {
    return this.typed(field, "a structure", isJsonObject);
  }

  /** A Step Functions ARN field of the given resource kinds; a malformed one is `InvalidArn`. */
  arn(field: string, kinds: readonly string[]): string {
    const value = this.requiredString(field, 2048);
    checkStatesArn(value, kinds);
    return value;
  }

  /** The field if it is of the type `is` accepts; absent (or null): undefined; else `SerializationException`. */
  private typed<T extends JsonValue>(field: string, what: string, is: (value: JsonValue) => value is T): T | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (!is(value)) throw new ApiError("SerializationException", `field '${field}' must be ${what}, got ${JSON.stringify(value)}`);
    return value;
  }

  /** A number given for `field` checked against `[min, max]`. */
  private within(field: string, value: number | undefined, min: number, max: number): number | undefined {
    if (value === undefined) return undefined;
    if (value < min) throw constraintError(field, value, `Member must have value greater than or equal to ${min}`);
    if (value > max) throw constraintError(field, value, `Member must have value less than or equal to ${max}`);
    return value;
  }
}

/** Throw `InvalidArn` unless `arn` is a `states` ARN of one of `kinds` (e.g. `activity`). */
export function checkStatesArn(arn: string, kinds: readonly string[]): void {
  const parsed = parseArn(arn);
  const kind = parsed?.resource.split(":")[0];
  if (!parsed || parsed.service !== "states" || kind === undefined || !kinds.includes(kind)) {
    throw new ApiError("InvalidArn", `Invalid Arn: 'Resource type not valid in this context: ${arn}'`);
  }
}
