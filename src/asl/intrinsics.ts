/**
 * The intrinsic functions of ASL (`States.Format(...)` and friends): each one's name and the
 * argument types it takes. The definition checks read the names; the local engine checks a
 * call's arguments against these signatures before running it.
 */

/** A type an intrinsic argument must have. */
export type IntrinsicArgType = "any" | "string" | "number" | "integer" | "boolean" | "array" | "object";

/** The arguments an intrinsic takes. */
export interface IntrinsicSignature {
  /** Types of the fixed arguments, in order; those after `required` are optional. */
  readonly args: readonly IntrinsicArgType[];
  /** How many of `args` must be given (all when unset). */
  readonly required?: number;
  /** Type of any further arguments; when unset, extra arguments are an error. */
  readonly rest?: IntrinsicArgType;
}

/** Every intrinsic function, by its full name. */
export const INTRINSIC_SIGNATURES: Readonly<Record<string, IntrinsicSignature>> = {
  "States.Format": { args: ["string"], rest: "any" },
  "States.StringToJson": { args: ["string"] },
  "States.JsonToString": { args: ["any"] },
  "States.Array": { args: [], rest: "any" },
  "States.ArrayPartition": { args: ["array", "integer"] },
  "States.ArrayContains": { args: ["array", "any"] },
  "States.ArrayRange": { args: ["integer", "integer", "integer"] },
  "States.ArrayGetItem": { args: ["array", "integer"] },
  "States.ArrayLength": { args: ["array"] },
  "States.ArrayUnique": { args: ["array"] },
  "States.Base64Encode": { args: ["string"] },
  "States.Base64Decode": { args: ["string"] },
  "States.Hash": { args: ["any", "string"] },
  "States.JsonMerge": { args: ["object", "object", "boolean"] },
  "States.MathRandom": { args: ["number", "number", "number"], required: 2 },
  "States.MathAdd": { args: ["number", "number"] },
  "States.StringSplit": { args: ["string", "string"] },
  "States.UUID": { args: [] },
};

/** The full names of every intrinsic function, e.g. `States.Format`. */
export const INTRINSIC_NAMES: readonly string[] = Object.keys(INTRINSIC_SIGNATURES);

/** True for the full name of an intrinsic function. */
export function isIntrinsicName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(INTRINSIC_SIGNATURES, name);
}
