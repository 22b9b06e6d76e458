import { DefinitionError } from "../../errors.js";
import type { JsonObject } from "../../json.js";
import type { State } from "../states/state.js";
import { quote } from "./checks.js";
import { ChoiceRule, type JsonPathRuleOptions } from "./rule.js";

/**
 * Check one operand of And, Or or Not: a JSONPath rule with no next state, Assign or Output,
 * since only top-level rules say where to go.
 */
function checkOperand(rule: unknown, owner: string, index?: number): ChoiceRule {
  const where = index === undefined ? `operand of ${owner}` : `operand ${index} of ${owner}`;
  if (!(rule instanceof ChoiceRule)) {
    throw new TypeError(`${where} must be a ChoiceRule, got ${quote(rule)}`);
  }
  if (rule.queryLanguage !== "JSONPath") {
    throw new DefinitionError(
      `${where} (${rule.describe()}) is a JSONata rule; And, Or and Not combine JSONPath rules ` +
        "(in JSONata, combine inside the Condition expression)",
    );
  }
  if (rule.next !== undefined) {
    throw new DefinitionError(
      `${where} (${rule.describe()}) has next state ${quote(rule.next.name)}; ` +
        "only top-level choice rules can have a next state",
    );
  }
  if (rule.isTopLevelOnly) {
    throw new DefinitionError(
      `${where} (${rule.describe()}) has Assign or Output; only top-level choice rules can`,
    );
  }
  return rule;
}

/** And and Or: a rule over a non-empty list of rules. */
export abstract class CombinedRule extends ChoiceRule {
  /** The combined rules, in order. */
  readonly rules: readonly ChoiceRule[];
  /** The ASL field the rules are listed under. */
  protected abstract readonly aslName: "And" | "Or";
  /** The word joining the operands in a label. */
  protected abstract readonly word: "and" | "or";

  constructor(rules: readonly ChoiceRule[], next?: State, options?: JsonPathRuleOptions) {
    super("JSONPath", next, options);
    const owner = new.target.name;
    if (!Array.isArray(rules)) {
      throw new TypeError(`${owner} takes a list of choice rules, got ${quote(rules)}`);
    }
    if (rules.length === 0) {
      throw new DefinitionError(`${owner} must have at least one choice rule to combine`);
    }
    // A copy, so later changes to the caller's array cannot slip past these checks.
    this.rules = Object.freeze(rules.map((rule, index) => checkOperand(rule, owner, index)));
  }

  protected renderCondition(): JsonObject {
    return { [this.aslName]: this.rules.map((rule) => rule.toAsl()) };
  }
}

/** Matches when every one of its rules matches (ASL `And`). */
export class And extends CombinedRule {
  /** Renders as ASL `And`. */
  protected readonly aslName = "And";
  /** Reads as `and` in labels. */
  protected readonly word = "and";
}

/** Matches when any one of its rules matches (ASL `Or`). */
export class Or extends CombinedRule {
  /** Renders as ASL `Or`. */
  protected readonly aslName = "Or";
  /** Reads as `or` in labels. */
  protected readonly word = "or";
}

/** Matches when its rule does not (ASL `Not`). */
export class Not extends ChoiceRule {
  /** The negated rule. */
  readonly rule: ChoiceRule;

  constructor(rule: ChoiceRule, next?: State, options?: JsonPathRuleOptions) {
    super("JSONPath", next, options);
    this.rule = checkOperand(rule, "Not");
  }

  protected renderCondition(): JsonObject {
    return { Not: this.rule.toAsl() };
  }
}
