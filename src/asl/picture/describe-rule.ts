import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import { COMPARISON_OPERATORS, isComparisonOperator } from "../choice-operators.js";

/**
 * A short human label for a Choice rule in its ASL form, e.g. `$.counter < 10`,
 * `($.a == "x") and ($.b is null)`, `not ($.n > 3)`, or a JSONata condition's expression.
 * Rule objects and pictures of raw definition files both label rules through this, so a rule
 * reads the same wherever it is drawn.
 */
export function describeAslRule(rule: JsonValue): string {
  if (!isJsonObject(rule)) return JSON.stringify(rule);
  const condition = rule["Condition"];
  if (typeof condition === "string") return condition.replace(/^\{%/, "").replace(/%\}$/, "").trim();
  for (const [field, word] of [["And", "and"], ["Or", "or"]] as const) {
    const rules = rule[field];
    if (Array.isArray(rules)) return rules.map((inner) => `(${describeAslRule(inner)})`).join(` ${word} `);
  }
  if (rule["Not"] !== undefined) return `not (${describeAslRule(rule["Not"])})`;
  return describeComparison(rule);
}

function describeComparison(rule: JsonObject): string {
  const variable = String(rule["Variable"] ?? "?");
  const operator = Object.keys(rule).find(isComparisonOperator);
  if (operator === undefined) return `${variable} ?`;
  const spec = COMPARISON_OPERATORS[operator];
  const value = rule[operator];
  switch (spec.value) {
    case "test":
      return `${variable} ${value === false ? spec.negated : spec.symbol}`;
    case "path":
      return `${variable} ${spec.symbol} ${String(value)}`;
    default:
      return `${variable} ${spec.symbol} ${JSON.stringify(value)}`;
  }
}
