import type { JsonObject } from "../../json.js";
import { State, assertState, type StateEdge } from "./state.js";

/**
 * A state that goes on to a next state or ends the execution: renders `Next` or `End: true`.
 * Task, Pass, Wait, Parallel and Map are chainable.
 */
export abstract class ChainableState extends State {
  /** The state run after this one; undefined makes this state terminal (`End: true`). */
  next: State | undefined;

  /**
   * Set the state to run after this one. Returns `state`, so calls chain:
   * `a.goesTo(b).goesTo(c)`.
   */
  goesTo<T extends State>(state: T): T {
    // The owner's words are made only for the error: chains of many states call this a lot.
    this.next = state instanceof State ? state : (assertState(this.describeOwner(), "goesTo", state) as T);
    return state;
  }

  /** Make this state terminal (`End: true`). */
  removeNext(): this {
    this.next = undefined;
    return this;
  }

  override get isTerminal(): boolean {
    return this.next === undefined;
  }

  override edges(): StateEdge[] {
    return this.next === undefined ? [] : [{ target: this.next, kind: "next" }];
  }

  override targets(): State[] {
    return this.next === undefined ? [] : [this.next];
  }

  protected override renderTransitions(asl: JsonObject): void {
    super.renderTransitions(asl);
    if (this.next === undefined) asl["End"] = true;
    else asl["Next"] = this.next.name;
  }
}
