import type { JsonObject } from "../../json.js";
import { InvalidOptionError } from "../../errors.js";
import { optionalPath, optionalString } from "./options-check.js";
import { State, type StateOptions } from "./state.js";

/** Options of a {@link Fail} state. */
export interface FailOptions extends Omit<StateOptions, "outputPath" | "inputPath" | "output" | "assign"> {
  /** Error name (`Error`); in JSONata, may be a `{% ... %}` expression. */
  error?: string;
  /** Failure description (`Cause`); in JSONata, may be a `{% ... %}` expression. */
  cause?: string;
  /** JSONPath: reference path or intrinsic giving the error name (`ErrorPath`). */
  errorPath?: string;
  /** JSONPath: reference path or intrinsic giving the cause (`CausePath`). */
  causePath?: string;
}

/** Ends the execution as failed (`Type: Fail`), with an error name and cause. */
export class Fail extends State {
  readonly type = "Fail";
  /** `Error`. */
  error: string | undefined;
  /** `Cause`. */
  cause: string | undefined;
  /** `ErrorPath`. */
  errorPath: string | undefined;
  /** `CausePath`. */
  causePath: string | undefined;

  constructor(name: string, options: FailOptions = {}) {
    super(name, options);
    const owner = this.describeOwner();
    for (const option of ["inputPath", "outputPath", "output", "assign"] as const) {
      if ((options as StateOptions)[option] !== undefined) throw new InvalidOptionError(`${owner}: a Fail state takes no ${option}`);
    }
    this.error = optionalString(owner, "error", options.error);
    this.cause = optionalString(owner, "cause", options.cause);
    this.errorPath = optionalPath(owner, "errorPath", options.errorPath);
    this.causePath = optionalPath(owner, "causePath", options.causePath);
  }

  protected override renderFields(asl: JsonObject): void {
    if (this.error !== undefined) asl["Error"] = this.error;
    if (this.errorPath !== undefined) asl["ErrorPath"] = this.errorPath;
    if (this.cause !== undefined) asl["Cause"] = this.cause;
    if (this.causePath !== undefined) asl["CausePath"] = this.causePath;
  }

  override get isTerminal(): boolean {
    return true;
  }
}
