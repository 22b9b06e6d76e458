import type { JsonObject, JsonValue } from "../../json.js";
import type { State } from "../states/state.js";
import { checkPath, quote, renderComparisonValue } from "./checks.js";
import {
  COMPARISON_OPERATORS,
  isComparisonOperator,
  type ComparisonOperator,
  type ComparisonValue,
  type OperatorSpec,
} from "../../asl/choice-operators.js";
import { ChoiceRule, type JsonPathRuleOptions } from "./rule.js";

/**
 * A comparison of the value at `variable` with `value`, by one ASL operator; everything it
 * does comes from that operator's row in {@link COMPARISON_OPERATORS}. Usually made through
 * the named classes (`new NumericLessThan("$.counter", 10, next)`), or directly as
 * `new Comparison("NumericLessThan", "$.counter", 10, next)`.
 *
 * The value is checked here, when the rule is made: a wrong type is a `TypeError`, a value
 * ASL cannot hold an `InvalidOptionError`.
 */
export class Comparison<O extends ComparisonOperator = ComparisonOperator> extends ChoiceRule {
  /** The ASL operator, e.g. `NumericLessThan`. */
  readonly operator: O;
  /** JSONPath of the value compared, e.g. `$.counter`. */
  readonly variable: string;
  /** The comparison value as given. */
  readonly value: ComparisonValue<O>;
  // Rendered once: the value is checked and formatted (dates) when the rule is made.
  readonly #rendered: JsonValue;

  constructor(
    operator: O,
    variable: string,
    value: ComparisonValue<O>,
    next?: State,
    options?: JsonPathRuleOptions,
  ) {
    super("JSONPath", next, options);
    if (typeof operator !== "string" || !isComparisonOperator(operator)) {
      throw new TypeError(`unknown choice comparison operator ${quote(operator)}`);
    }
    this.operator = operator;
    this.variable = checkPath(variable, `Variable of ${operator}`);
    this.#rendered = renderComparisonValue(this.spec.value, value, operator);
    this.value = value;
  }

  /** The operator's row in the operator table. */
  get spec(): OperatorSpec {
    return COMPARISON_OPERATORS[this.operator];
  }

  protected renderCondition(): JsonObject {
    return { Variable: this.variable, [this.operator]: this.#rendered };
  }
}

/** The constructor of the named class of one operator: variable, value, next, options. */
export interface ComparisonClass<O extends ComparisonOperator> {
  new (
    variable: string,
    value: ComparisonValue<O>,
    next?: State,
    options?: JsonPathRuleOptions,
  ): Comparison<O>;
  /** The ASL operator every instance uses. */
  readonly operator: O;
}

/**
 * The base class of a named comparison class, with the operator fixed:
 * `class NumericLessThan extends comparisonClass("NumericLessThan") {}`.
 */
export function comparisonClass<O extends ComparisonOperator>(operator: O): ComparisonClass<O> {
  return class extends Comparison<O> {
    static readonly operator = operator;

    constructor(variable: string, value: ComparisonValue<O>, next?: State, options?: JsonPathRuleOptions) {
      super(operator, variable, value, next, options);
    }
  };
}
