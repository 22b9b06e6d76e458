/** The state types, query languages and edge kinds of the Amazon States Language. */

/** The two query languages a state can use. */
export type QueryLanguage = "JSONPath" | "JSONata";

/** Every query language, in the order ASL lists them. */
export const QUERY_LANGUAGES: readonly QueryLanguage[] = ["JSONPath", "JSONata"];

/** The ASL `Type` of a state. */
export type StateType = "Task" | "Pass" | "Wait" | "Choice" | "Parallel" | "Map" | "Succeed" | "Fail";

/** Every state type. */
export const STATE_TYPES: readonly StateType[] = ["Task", "Pass", "Wait", "Choice", "Parallel", "Map", "Succeed", "Fail"];

/** The state types that take `Next` or `End`. */
export const CHAINABLE_STATE_TYPES: readonly StateType[] = ["Task", "Pass", "Wait", "Parallel", "Map"];

/** How one state leads to another: `Next`, a catcher, a Choice rule, or a Choice's `Default`. */
export type EdgeKind = "next" | "catch" | "choice" | "default";

/** The expression inside a JSONata field value `{% ... %}`, or undefined when `value` is not one. */
export function jsonataExpressionOf(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length < 4 || !value.startsWith("{%") || !value.endsWith("%}")) return undefined;
  return value.slice(2, -2);
}

/** True for a JSONata expression field value: a string of the form `{% ... %}`. */
export function isJsonataExpression(value: unknown): value is string {
  return jsonataExpressionOf(value) !== undefined;
}
