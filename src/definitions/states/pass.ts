import type { JsonObject, JsonValue } from "../../json.js";
import { ChainableState } from "./chainable-state.js";
import { optionalJson } from "./options-check.js";
import { checkResultFields, renderInputFields, renderResultFields, type ParametersOptions, type ResultFields, type ResultOptions } from "./result-fields.js";
import type { StateOptions } from "./state.js";

/** Options of a {@link Pass} state. */
export interface PassOptions extends StateOptions, ResultOptions, ParametersOptions {
  /** Fixed output of the state (`Result`); `null` renders `"Result": null`. */
  result?: JsonValue;
}

/** Passes its input on, optionally adding a fixed result (`Type: Pass`). */
export class Pass extends ChainableState {
  readonly type = "Pass";
  /** `Result`. */
  result: JsonValue | undefined;
  /** `Parameters` and `ResultPath`. */
  readonly io: ResultFields;

  constructor(name: string, options: PassOptions = {}) {
    super(name, options);
    const owner = this.describeOwner();
    this.result = optionalJson(owner, "result", options.result);
    this.io = checkResultFields(owner, { resultPath: options.resultPath, parameters: options.parameters });
  }

  protected override renderFields(asl: JsonObject): void {
    renderInputFields(asl, this.io);
    if (this.result !== undefined) asl["Result"] = this.result;
    renderResultFields(asl, this.io);
  }
}
