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
    const value = this.body[field];
    if (value === undefined || value === null) {
      throw new ApiError("ValidationException", `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
    }
    return this.checkString(field, value, maxLength);
  }

  /** A string field that may be absent. */
  optionalString(field: string, maxLength = 2048): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    return this.checkString(field, value, maxLength);
  }

  private checkString(field: string, value: JsonValue, maxLength: number): string {
    if (typeof value !== "string") {
      throw new ApiError("SerializationException", `field '${field}' must be a string, got ${JSON.stringify(value)}`);
    }
    if (value.length > maxLength) {
      throw constraintError(field, value, `Member must have length less than or equal to ${maxLength}`);
    }
    return value;
  }

  /** A boolean field (absent: `fallback`). */
  boolean(field: string, fallback = false): boolean {
    const value = this.body[field];
    if (value === undefined || value === null) return fallback;
    if (typeof value !== "boolean") {
      throw new ApiError("SerializationException", `field '${field}' must be a boolean, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** An integer field within `[min, max]` (absent: undefined). */
  optionalInteger(field: string, min: number, max: number): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new ApiError("SerializationException", `field '${field}' must be an integer, got ${JSON.stringify(value)}`);
    }
    if (value < min) throw constraintError(field, value, `Member must have value greater than or equal to ${min}`);
    if (value > max) throw constraintError(field, value, `Member must have value less than or equal to ${max}`);
    return value;
  }

  /** A number field (integer or not) within `[min, max]` (absent: undefined). */
  optionalNumber(field: string, min: number, max: number): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new ApiError("SerializationException", `field '${field}' must be a number, got ${JSON.stringify(value)}`);
    }
    if (value < min) throw constraintError(field, value, `Member must have value greater than or equal to ${min}`);
    if (value > max) throw constraintError(field, value, `Member must have value less than or equal to ${max}`);
    return value;
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
    const value = this.body[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      throw new ApiError("SerializationException", `field '${field}' must be a list, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** An object field (absent: undefined). */
  optionalObject(field: string): JsonObject | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) {
      throw new ApiError("SerializationException", `field '${field}' must be a structure, got ${JSON.stringify(value)}`);
    }
    return value;
  }

  /** A Step Functions ARN field of the given resource kinds; a malformed one is `InvalidArn`. */
  arn(field: string, kinds: readonly string[]): string {
    const value = this.requiredString(field, 2048);
    checkStatesArn(value, kinds);
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
