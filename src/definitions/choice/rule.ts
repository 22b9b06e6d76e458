import { InvalidOptionError } from "../../errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import type { QueryLanguage } from "../../asl/state-types.js";
import type { State } from "../states/state.js";
import { describeAslRule } from "../../asl/picture/describe-rule.js";

/**
 * Fields only a top-level rule (one listed directly in a Choice state's `Choices`) may carry
 * besides its next state, for rules written in JSONPath (comparisons, And, Or, Not).
 */
export interface JsonPathRuleOptions {
  /** Workflow variables to set when this rule matches (ASL `Assign`). */
  assign?: JsonObject;
}

/** Fields a top-level JSONata rule ({@link Condition}) may carry besides its next state. */
export interface TopLevelRuleOptions extends JsonPathRuleOptions {
  /** The Choice state's output when this rule matches (ASL `Output`, JSONata only). */
  output?: JsonValue;
}

/**
 * A rule of a Choice state: a comparison, a logical combination of rules, or a JSONata
 * `Condition`. Only top-level rules have a next state (and `Assign`/`Output`); rules nested in
 * {@link And}, {@link Or} or {@link Not} have none.
 */
export abstract class ChoiceRule {
  /** The state to go to when this rule matches; undefined for nested rules. */
  readonly next: State | undefined;
  /** Variables to assign when this rule matches (ASL `Assign`); undefined leaves it out. */
  readonly assign: JsonObject | undefined;
  /** The output when this rule matches (ASL `Output`, JSONata); undefined leaves it out. */
  readonly output: JsonValue | undefined;
  /** The query language the rule is written in; a Choice state must not mix the two. */
  readonly queryLanguage: QueryLanguage;

  protected constructor(
    queryLanguage: QueryLanguage,
    next: State | undefined,
    options: TopLevelRuleOptions | undefined,
  ) {
    // Positional arguments are easy to get wrong from JavaScript, so check the shape here
    // rather than render `"Next": undefined` later.
    if (next !== undefined && (typeof next !== "object" || next === null || typeof next.name !== "string")) {
      throw new TypeError(`next state of a choice rule must be a State, got ${String(next)}`);
    }
    if (options !== undefined && (typeof options !== "object" || options === null)) {
      throw new TypeError(`options of a choice rule must be an object, got ${String(options)}`);
    }
    if (options?.assign !== undefined && !isJsonObject(options.assign)) {
      throw new TypeError(`assign of a choice rule must be an object, got ${String(options.assign)}`);
    }
    if (options?.output !== undefined && queryLanguage !== "JSONata") {
      throw new InvalidOptionError(
        `output is only for JSONata choice rules (Condition), not for ${new.target.name}`,
      );
    }
    this.queryLanguage = queryLanguage;
    this.next = next;
    this.assign = options?.assign;
    this.output = options?.output;
  }

  /** True when the rule carries something only a top-level rule may have (Next, Assign, Output). */
  get isTopLevelOnly(): boolean {
    return this.next !== undefined || this.assign !== undefined || this.output !== undefined;
  }

  /** The rule as an ASL choice rule: its condition, then `Next`, `Assign` and `Output` when set. */
  toAsl(): JsonObject {
    const asl = this.renderCondition();
    if (this.next !== undefined) asl.Next = this.next.name;
    if (this.assign !== undefined) asl.Assign = this.assign;
    if (this.output !== undefined) asl.Output = this.output;
    return asl;
  }

  /** A short human label of the condition, e.g. `$.counter < 10` or `not ($.a == "x")`. */
  describe(): string {
    return describeAslRule(this.renderCondition());
  }

  /** The rule's condition fields alone, as a fresh object (without Next, Assign, Output). */
  protected abstract renderCondition(): JsonObject;
}
