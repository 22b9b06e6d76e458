import type { JsonObject } from "../../json.js";
import { optionalJsonObject, optionalJsonObjectOrExpression, optionalNullablePath } from "./options-check.js";

/** Options of states that produce a result (Pass, Task, Parallel, Map). */
export interface ResultOptions {
  /** Where the result goes in the input (`ResultPath`); `null` discards the result. */
  resultPath?: string | null;
}

/** Options of states whose result can be reshaped (Task, Parallel, Map). */
export interface ResultSelectorOptions extends ResultOptions {
  /** Reshapes the raw result (`ResultSelector`), with `"key.$": "$.path"` entries. */
  resultSelector?: JsonObject;
}

/** Options of states that take parameters (Pass, Task, Parallel). */
export interface ParametersOptions {
  /** JSONPath: the effective input (`Parameters`), with `"key.$": "$.path"` entries. */
  parameters?: JsonObject;
}

/** Options of states that take JSONata arguments (Task, Parallel). */
export interface ArgumentsOptions {
  /** JSONata: the effective input (`Arguments`): an object or a `{% ... %}` expression. */
  arguments?: JsonObject | string;
}

/** Options of states that take every input and result field (Task, Parallel). */
export interface ResultFieldsOptions extends ResultSelectorOptions, ParametersOptions, ArgumentsOptions {}

/** The checked result fields of a state. */
export interface ResultFields {
  /** `ResultPath` of the state; `null` discards the result, undefined leaves the field out. */
  resultPath: string | null | undefined;
  /** `ResultSelector` of the state; undefined leaves the field out. */
  resultSelector: JsonObject | undefined;
  /** JSONPath `Parameters` of the state; undefined leaves the field out. */
  parameters: JsonObject | undefined;
  /** JSONata `Arguments` of the state (object or `{% ... %}` expression); undefined leaves it out. */
  arguments: JsonObject | string | undefined;
}

/** Check the result options given to a state (throws naming the state and value). */
export function checkResultFields(owner: string, options: ResultFieldsOptions): ResultFields {
  return {
    resultPath: optionalNullablePath(owner, "resultPath", options.resultPath),
    resultSelector: optionalJsonObject(owner, "resultSelector", options.resultSelector),
    parameters: optionalJsonObject(owner, "parameters", options.parameters),
    arguments: optionalJsonObjectOrExpression(owner, "arguments", options.arguments),
  };
}

/** Render the input-side fields: `Parameters`, `Arguments`. */
export function renderInputFields(asl: JsonObject, fields: ResultFields): void {
  if (fields.parameters !== undefined) asl["Parameters"] = fields.parameters;
  if (fields.arguments !== undefined) asl["Arguments"] = fields.arguments;
}

/** Render the result-side fields: `ResultSelector`, `ResultPath`. */
export function renderResultFields(asl: JsonObject, fields: ResultFields): void {
  if (fields.resultSelector !== undefined) asl["ResultSelector"] = fields.resultSelector;
  if (fields.resultPath !== undefined) asl["ResultPath"] = fields.resultPath;
}
