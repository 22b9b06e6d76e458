import { State, type StateOptions } from "./state.js";

/** Ends the execution successfully (`Type: Succeed`). */
export class Succeed extends State {
  readonly type = "Succeed";

  constructor(name: string, options: StateOptions = {}) {
    super(name, options);
  }

  override get isTerminal(): boolean {
    return true;
  }
}
