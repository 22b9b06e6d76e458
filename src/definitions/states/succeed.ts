import { InvalidOptionError } from "../../errors.js";
import { State, type StateOptions } from "./state.js";

/** Options of a {@link Succeed} state: ASL gives Succeed no `Assign`. */
export type SucceedOptions = Omit<StateOptions, "assign">;

/** Ends the execution successfully (`Type: Succeed`). */
export class Succeed extends State {
  readonly type = "Succeed";

  constructor(name: string, options: SucceedOptions = {}) {
    super(name, options);
    if ((options as StateOptions).assign !== undefined) {
      throw new InvalidOptionError(`${this.describeOwner()}: a Succeed state takes no assign`);
    }
  }

  override get isTerminal(): boolean {
    return true;
  }
}
