import { jsonataExpressionOf } from "../../asl/state-types.js";
import { InvalidOptionError } from "../../errors.js";
import type { JsonObject } from "../../json.js";
import type { State } from "../states/state.js";
import { quote } from "./checks.js";
import { ChoiceRule, type TopLevelRuleOptions } from "./rule.js";

/**
 * A JSONata choice rule (ASL `Condition`): matches when the expression evaluates to true.
 * `new Condition("{% $states.input.x > 1 %}", next, { assign, output })`. Only for Choice
 * states in JSONata; it cannot be nested in And, Or or Not (combine inside the expression).
 */
export class Condition extends ChoiceRule {
  /** The `{% ... %}` JSONata expression string, as rendered. */
  readonly condition: string;

  constructor(condition: string, next?: State, options?: TopLevelRuleOptions) {
    super("JSONata", next, options);
    if (typeof condition !== "string") {
      throw new TypeError(`Condition must be a JSONata string "{% ... %}", got ${quote(condition)}`);
    }
    const expression = jsonataExpressionOf(condition);
    if (expression === undefined || expression.trim() === "") {
      throw new InvalidOptionError(
        `Condition must be a JSONata expression wrapped in "{% ... %}", got ${quote(condition)}`,
      );
    }
    this.condition = condition;
  }

  protected renderCondition(): JsonObject {
    return { Condition: this.condition };
  }
}
