import type { StateType } from "./state-types.js";
import { MAX_RETRY_DELAY_SECONDS, MAX_STATE_SECONDS } from "./limits.js";

/**
 * The one table of the fields each ASL state type takes, in which query language, and what
 * value each must hold. {@link validateDefinition} reads it to report stray fields, fields of
 * the other query language and values of the wrong type or range; nothing else lists them.
 */

/** Which query language a field belongs to. */
export type FieldLanguage = "both" | "JSONPath" | "JSONata";

/**
 * What a field's value must be:
 * - `checked`: a dedicated check reads it (paths, transitions, Choices, Branches, Retry, ...);
 * - `any`, `string`, `object`, `array`: a JSON value of that kind;
 * - `integer`, `number`: within [min, max];
 * - `timestamp`: an RFC 3339 string as ASL restricts it.
 */
export type FieldValue =
  | { readonly kind: "checked" | "any" | "string" | "object" | "array" | "timestamp" }
  | { readonly kind: "integer" | "number"; readonly min: number; readonly max: number }
  | { readonly kind: "enum"; readonly allowed: readonly string[] };

/** What a field holds and in which query language. */
export interface FieldSpec {
  /** The query language the field belongs to. */
  readonly language: FieldLanguage;
  /** What its value must be. */
  readonly value: FieldValue;
  /** Whether a JSONata state may give a `{% ... %}` expression instead. */
  readonly expression?: boolean;
}

/** One row of the state field table: a {@link FieldSpec} and the state types that take it. */
export interface StateFieldSpec extends FieldSpec {
  /** The state types that take the field. */
  readonly states: readonly StateType[];
}

const ALL: readonly StateType[] = ["Task", "Pass", "Wait", "Choice", "Parallel", "Map", "Succeed", "Fail"];
const CHAINABLE: readonly StateType[] = ["Task", "Pass", "Wait", "Parallel", "Map"];
const NOT_FAIL: readonly StateType[] = ["Task", "Pass", "Wait", "Choice", "Parallel", "Map", "Succeed"];
const ASSIGNING: readonly StateType[] = ["Task", "Pass", "Wait", "Choice", "Parallel", "Map"];
const ERROR_HANDLING: readonly StateType[] = ["Task", "Parallel", "Map"];
const RESULT: readonly StateType[] = ["Task", "Pass", "Parallel", "Map"];

const checked: FieldValue = { kind: "checked" };
const string: FieldValue = { kind: "string" };
const object: FieldValue = { kind: "object" };
const any: FieldValue = { kind: "any" };
const seconds = (min: number): FieldValue => ({ kind: "integer", min, max: MAX_STATE_SECONDS });
const count: FieldValue = { kind: "integer", min: 0, max: Number.MAX_SAFE_INTEGER };

/**
 * A field and its `…Path` twin: in JSONPath a state may take the value from a reference path
 * instead (`TimeoutSecondsPath` for `TimeoutSeconds`), in the same states.
 */
function withPath(name: string, spec: StateFieldSpec): Record<string, StateFieldSpec> {
  return { [name]: spec, [`${name}Path`]: { states: spec.states, language: "JSONPath", value: checked } };
}

// A Map, so a field named like an Object.prototype member ("constructor") is not found.
function table<T>(rows: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(rows));
}

/** Every field a state may have, keyed by its ASL name. */
export const STATE_FIELDS: ReadonlyMap<string, StateFieldSpec> = table<StateFieldSpec>({
  Type: { states: ALL, language: "both", value: checked },
  Comment: { states: ALL, language: "both", value: string },
  QueryLanguage: { states: ALL, language: "both", value: checked },
  Next: { states: CHAINABLE, language: "both", value: checked },
  End: { states: CHAINABLE, language: "both", value: checked },
  InputPath: { states: NOT_FAIL, language: "JSONPath", value: checked },
  OutputPath: { states: NOT_FAIL, language: "JSONPath", value: checked },
  Output: { states: NOT_FAIL, language: "JSONata", value: any },
  Assign: { states: ASSIGNING, language: "both", value: object },
  Parameters: { states: RESULT, language: "JSONPath", value: object },
  Arguments: { states: ["Task", "Parallel"], language: "JSONata", value: object, expression: true },
  Result: { states: ["Pass"], language: "both", value: any },
  ResultSelector: { states: ERROR_HANDLING, language: "JSONPath", value: object },
  ResultPath: { states: RESULT, language: "JSONPath", value: checked },
  Retry: { states: ERROR_HANDLING, language: "both", value: checked },
  Catch: { states: ERROR_HANDLING, language: "both", value: checked },
  Resource: { states: ["Task"], language: "both", value: checked },
  ...withPath("TimeoutSeconds", { states: ["Task"], language: "both", value: seconds(1), expression: true }),
  ...withPath("HeartbeatSeconds", { states: ["Task"], language: "both", value: seconds(1), expression: true }),
  Credentials: { states: ["Task"], language: "both", value: object, expression: true },
  ...withPath("Seconds", { states: ["Wait"], language: "both", value: seconds(0), expression: true }),
  ...withPath("Timestamp", { states: ["Wait"], language: "both", value: { kind: "timestamp" }, expression: true }),
  Choices: { states: ["Choice"], language: "both", value: checked },
  Default: { states: ["Choice"], language: "both", value: string },
  Branches: { states: ["Parallel"], language: "both", value: checked },
  ItemProcessor: { states: ["Map"], language: "both", value: checked },
  Iterator: { states: ["Map"], language: "both", value: checked },
  ItemsPath: { states: ["Map"], language: "JSONPath", value: checked },
  Items: { states: ["Map"], language: "JSONata", value: { kind: "array" }, expression: true },
  ItemSelector: { states: ["Map"], language: "both", value: object, expression: true },
  ItemReader: { states: ["Map"], language: "both", value: object },
  ItemBatcher: { states: ["Map"], language: "both", value: object },
  ResultWriter: { states: ["Map"], language: "both", value: object },
  ...withPath("MaxConcurrency", { states: ["Map"], language: "both", value: count, expression: true }),
  ...withPath("ToleratedFailureCount", { states: ["Map"], language: "both", value: count, expression: true }),
  // A number, not a whole one: the SFN API models it as a float.
  ...withPath("ToleratedFailurePercentage", { states: ["Map"], language: "both", value: { kind: "number", min: 0, max: 100 }, expression: true }),
  Label: { states: ["Map"], language: "both", value: string },
  ...withPath("Error", { states: ["Fail"], language: "both", value: string }),
  ...withPath("Cause", { states: ["Fail"], language: "both", value: string }),
});

/** The fields of a Retry entry (a retrier). */
export const RETRIER_FIELDS: ReadonlyMap<string, FieldSpec> = table<FieldSpec>({
  ErrorEquals: { language: "both", value: checked },
  Comment: { language: "both", value: string },
  IntervalSeconds: { language: "both", value: seconds(1) },
  MaxAttempts: { language: "both", value: { kind: "integer", min: 0, max: MAX_STATE_SECONDS } },
  BackoffRate: { language: "both", value: { kind: "number", min: 1, max: Number.MAX_VALUE } },
  MaxDelaySeconds: { language: "both", value: { kind: "integer", min: 1, max: MAX_RETRY_DELAY_SECONDS } },
  JitterStrategy: { language: "both", value: { kind: "enum", allowed: ["FULL", "NONE"] } },
});

/** The fields of a Catch entry (a catcher). */
export const CATCHER_FIELDS: ReadonlyMap<string, FieldSpec> = table<FieldSpec>({
  ErrorEquals: { language: "both", value: checked },
  Next: { language: "both", value: checked },
  Comment: { language: "both", value: string },
  ResultPath: { language: "JSONPath", value: checked },
  Output: { language: "JSONata", value: any },
  Assign: { language: "both", value: object },
});

/** The fields of a JSONata Choice rule (besides them a rule holds nothing). */
export const JSONATA_RULE_FIELDS: readonly string[] = ["Condition", "Next", "Assign", "Output", "Comment"];
