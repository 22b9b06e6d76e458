/**
 * Workflow variables with AWS's scoping: a Parallel branch or Map iteration reads the
 * variables of the scopes around it, and its own `Assign`s stay inside it.
 */
import { setKey } from "../../set-key.js";
import type { JsonObject, JsonValue } from "../../json.js";

/** One scope of variables, chained to the scope it is nested in. */
export class VariableScope {
  private readonly own = new Map<string, JsonValue>();

  constructor(private readonly outer?: VariableScope, initial?: JsonObject) {
    if (initial) for (const [name, value] of Object.entries(initial)) this.own.set(name, value);
  }

  /** The value of `$name` as seen from this scope, or undefined when it is not set. */
  get(name: string): JsonValue | undefined {
    const value = this.own.get(name);
    if (value !== undefined || this.own.has(name)) return value;
    return this.outer?.get(name);
  }

  /** Set variables in this scope (all at once: values were evaluated against the old ones). */
  assign(values: JsonObject): void {
    for (const [name, value] of Object.entries(values)) this.own.set(name, value);
  }

  /** Every visible variable as one object, inner scopes shadowing outer ones. */
  visible(): JsonObject {
    const out: JsonObject = this.outer ? this.outer.visible() : {};
    for (const [name, value] of this.own) setKey(out, name, value);
    return out;
  }

  /** True when no variable is visible (lets hot paths skip building binding objects). */
  isEmpty(): boolean {
    return this.own.size === 0 && (this.outer?.isEmpty() ?? true);
  }

  /** A new scope nested in this one (for a branch or an iteration). */
  child(): VariableScope {
    return new VariableScope(this);
  }
}
