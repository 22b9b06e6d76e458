/**
 * The one table of ASL comparison operators: what value each takes and how it reads in a
 * label. Rendering, checking and describing comparisons are all driven from this table.
 */

/**
 * The kind of value a comparison operator takes:
 * - `boolean`, `number`, `string`: a literal of that JSON type;
 * - `timestamp`: a `Date` or an RFC 3339 string (rendered as a string);
 * - `path`: a JSONPath (the `...Path` operators compare against the value found there);
 * - `pattern`: a string with `*` wildcards (`\*` is a literal star, `\\` a backslash);
 * - `test`: a boolean saying whether the variable should pass the test (`IsNull: false`).
 */
export type ValueKind = "boolean" | "number" | "string" | "timestamp" | "path" | "pattern" | "test";

/** One row of the operator table. */
export interface OperatorSpec {
  /** The kind of comparison value the operator takes. */
  readonly value: ValueKind;
  /** How the operator reads between variable and value in a label, e.g. `<=` or `is null`. */
  readonly symbol: string;
  /** For `test` operators: how a `false` value reads, e.g. `is not null`. */
  readonly negated?: string;
}

// Kept with its literal type, from which the operator names and value types are derived.
const OPERATOR_TABLE = {
  BooleanEquals: { value: "boolean", symbol: "==" },
  BooleanEqualsPath: { value: "path", symbol: "==" },
  NumericEquals: { value: "number", symbol: "==" },
  NumericEqualsPath: { value: "path", symbol: "==" },
  NumericGreaterThan: { value: "number", symbol: ">" },
  NumericGreaterThanPath: { value: "path", symbol: ">" },
  NumericGreaterThanEquals: { value: "number", symbol: ">=" },
  NumericGreaterThanEqualsPath: { value: "path", symbol: ">=" },
  NumericLessThan: { value: "number", symbol: "<" },
  NumericLessThanPath: { value: "path", symbol: "<" },
  NumericLessThanEquals: { value: "number", symbol: "<=" },
  NumericLessThanEqualsPath: { value: "path", symbol: "<=" },
  StringEquals: { value: "string", symbol: "==" },
  StringEqualsPath: { value: "path", symbol: "==" },
  StringGreaterThan: { value: "string", symbol: ">" },
  StringGreaterThanPath: { value: "path", symbol: ">" },
  StringGreaterThanEquals: { value: "string", symbol: ">=" },
  StringGreaterThanEqualsPath: { value: "path", symbol: ">=" },
  StringLessThan: { value: "string", symbol: "<" },
  StringLessThanPath: { value: "path", symbol: "<" },
  StringLessThanEquals: { value: "string", symbol: "<=" },
  StringLessThanEqualsPath: { value: "path", symbol: "<=" },
  StringMatches: { value: "pattern", symbol: "matches" },
  TimestampEquals: { value: "timestamp", symbol: "==" },
  TimestampEqualsPath: { value: "path", symbol: "==" },
  TimestampGreaterThan: { value: "timestamp", symbol: ">" },
  TimestampGreaterThanPath: { value: "path", symbol: ">" },
  TimestampGreaterThanEquals: { value: "timestamp", symbol: ">=" },
  TimestampGreaterThanEqualsPath: { value: "path", symbol: ">=" },
  TimestampLessThan: { value: "timestamp", symbol: "<" },
  TimestampLessThanPath: { value: "path", symbol: "<" },
  TimestampLessThanEquals: { value: "timestamp", symbol: "<=" },
  TimestampLessThanEqualsPath: { value: "path", symbol: "<=" },
  IsNull: { value: "test", symbol: "is null", negated: "is not null" },
  IsPresent: { value: "test", symbol: "is present", negated: "is not present" },
  IsNumeric: { value: "test", symbol: "is numeric", negated: "is not numeric" },
  IsString: { value: "test", symbol: "is a string", negated: "is not a string" },
  IsBoolean: { value: "test", symbol: "is a boolean", negated: "is not a boolean" },
  IsTimestamp: { value: "test", symbol: "is a timestamp", negated: "is not a timestamp" },
} as const satisfies Record<string, OperatorSpec>;

/** The ASL name of a comparison operator, e.g. `NumericLessThan` or `StringEqualsPath`. */
export type ComparisonOperator = keyof typeof OPERATOR_TABLE;

/** Every ASL comparison operator, keyed by its ASL field name. */
export const COMPARISON_OPERATORS: Readonly<Record<ComparisonOperator, OperatorSpec>> = Object.freeze(OPERATOR_TABLE);

/** The TypeScript type each value kind is given as. */
export interface ValueKindTypes {
  /** A JSON boolean. */
  boolean: boolean;
  /** A finite JSON number. */
  number: number;
  /** A JSON string. */
  string: string;
  /** A `Date`, or an RFC 3339 string rendered as given. */
  timestamp: Date | string;
  /** A JSONPath starting with `$`. */
  path: string;
  /** A `StringMatches` wildcard pattern. */
  pattern: string;
  /** Whether the variable should pass the type test. */
  test: boolean;
}

/** The comparison value an operator takes, e.g. `number` for `NumericLessThan`. */
export type ComparisonValue<O extends ComparisonOperator> =
  ValueKindTypes[(typeof OPERATOR_TABLE)[O]["value"]];

/** True for the ASL name of a comparison operator. */
export function isComparisonOperator(name: string): name is ComparisonOperator {
  return Object.prototype.hasOwnProperty.call(OPERATOR_TABLE, name);
}
