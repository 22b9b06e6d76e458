export { ChoiceRule, type JsonPathRuleOptions, type TopLevelRuleOptions } from "./rule.js";
export {
  COMPARISON_OPERATORS,
  isComparisonOperator,
  type ComparisonOperator,
  type ComparisonValue,
  type OperatorSpec,
  type ValueKind,
  type ValueKindTypes,
} from "./operators.js";
export { Comparison, comparisonClass, type ComparisonClass } from "./comparison.js";
export * from "./comparisons.js";
export { And, CombinedRule, Not, Or } from "./logical.js";
export { Condition } from "./condition.js";
export { formatTimestamp, isTimestampString } from "./timestamp.js";
export { checkWildcardPattern, wildcardPatternToRegExp } from "./pattern.js";
export { describeAslRule } from "./describe.js";
