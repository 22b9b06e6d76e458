export { ChoiceRule, type JsonPathRuleOptions, type TopLevelRuleOptions } from "./rule.js";
export { Comparison, comparisonClass, type ComparisonClass } from "./comparison.js";
export * from "./comparisons.js";
export { And, CombinedRule, Not, Or } from "./logical.js";
export { Condition } from "./condition.js";
