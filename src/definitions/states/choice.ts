import { DefinitionError, InvalidOptionError } from "../../errors.js";
import type { JsonObject } from "../../json.js";
import { describeValue } from "../../json.js";
import type { QueryLanguage } from "../../asl/state-types.js";
import { State, assertState, type StateEdge, type StateOptions } from "./state.js";

/**
 * What the Choice state needs of a rule; `ChoiceRule` of `src/definitions/choice/rule.ts`
 * has this shape. Only top-level rules have a `next` state.
 */
export interface ChoiceRuleLike {
  /** The state to go to when the rule matches (top-level rules only). */
  readonly next: State | undefined;
  /** The rule's ASL, with `Next` when it has a next state. */
  toAsl(): JsonObject;
  /** Short label for pictures, e.g. `$.counter < 10`. */
  describe(): string;
  /** The query language the rule is written in, when the rule knows it. */
  readonly queryLanguage?: QueryLanguage;
}

/** Options of a {@link Choice} state. */
export interface ChoiceOptions extends StateOptions {}

function isRule(value: unknown): value is ChoiceRuleLike {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ChoiceRuleLike).toAsl === "function" &&
    typeof (value as ChoiceRuleLike).describe === "function"
  );
}

/**
 * Branches on its input (`Type: Choice`): the first rule that matches picks the next state,
 * else the default; with neither, the execution fails with `States.NoChoiceMatched`.
 */
export class Choice extends State {
  readonly type = "Choice";
  /** Top-level rules, in the order they are tried. */
  readonly choices: ChoiceRuleLike[] = [];
  /** State to go to when no rule matches (`Default`). */
  default: State | undefined;
  // The first rule that knows its query language; later rules must match it.
  private languageRule: ChoiceRuleLike | undefined;

  constructor(name: string, options: ChoiceOptions = {}) {
    super(name, options);
  }

  /** Add a rule; it must have a next state. */
  add(rule: ChoiceRuleLike): this {
    if (!isRule(rule)) {
      throw new InvalidOptionError(`${this.describeOwner()}: a choice rule must be a ChoiceRule, got ${describeValue(rule)}`);
    }
    if (!(rule.next instanceof State)) {
      throw new InvalidOptionError(`${this.describeOwner()}: top-level choice rule ${rule.describe()} must have a next state`);
    }
    // The first rule that knows its language sets it; checking against it keeps add O(1),
    // so wide Choices build in linear time.
    this.languageRule ??= rule.queryLanguage !== undefined ? rule : undefined;
    const first = this.languageRule;
    if (first !== undefined && rule.queryLanguage !== undefined && first.queryLanguage !== rule.queryLanguage) {
      throw new InvalidOptionError(`${this.describeOwner()}: rule ${rule.describe()} is ${rule.queryLanguage} but rule ${first.describe()} is ${first.queryLanguage}; a Choice uses one query language`);
    }
    this.choices.push(rule);
    return this;
  }

  /** Remove a rule added before; throws if it is not one of this state's rules. */
  remove(rule: ChoiceRuleLike): this {
    const index = this.choices.indexOf(rule);
    if (index < 0) {
      throw new InvalidOptionError(`${this.describeOwner()}: rule ${isRule(rule) ? rule.describe() : describeValue(rule)} is not one of its rules`);
    }
    this.choices.splice(index, 1);
    if (rule === this.languageRule) this.languageRule = this.choices.find((other) => other.queryLanguage !== undefined);
    return this;
  }

  /** Set the state run when no rule matches (`Default`); returns `state` so calls chain. */
  setDefault<T extends State>(state: T): T {
    this.default = state instanceof State ? state : (assertState(this.describeOwner(), "default", state) as T);
    return state;
  }

  override edges(): StateEdge[] {
    const edges: StateEdge[] = [];
    for (const rule of this.choices) {
      if (rule.next !== undefined) edges.push({ target: rule.next, kind: "choice", label: rule.describe() });
    }
    if (this.default !== undefined) edges.push({ target: this.default, kind: "default" });
    return edges;
  }

  override targets(): State[] {
    const targets: State[] = [];
    for (const rule of this.choices) {
      if (rule.next !== undefined) targets.push(rule.next);
    }
    if (this.default !== undefined) targets.push(this.default);
    return targets;
  }

  protected override renderFields(asl: JsonObject): void {
    if (this.choices.length === 0) {
      // ASL requires at least one rule in Choices, so a default alone is refused too.
      if (this.default === undefined) {
        throw new DefinitionError(`choice state ${JSON.stringify(this.name)} has no rule and no default: it has no next state`, [
          { state: this.name, message: "Choice has no rule and no default" },
        ]);
      }
      throw new DefinitionError(
        `choice state ${JSON.stringify(this.name)} has a default but no rule: ASL needs at least one rule in Choices (go to ${this.default.toString()} directly instead)`,
        [{ state: this.name, message: "Choice has no rule: ASL needs at least one in Choices" }],
      );
    }
    asl["Choices"] = this.choices.map((rule) => rule.toAsl());
    if (this.default !== undefined) asl["Default"] = this.default.name;
  }
}
