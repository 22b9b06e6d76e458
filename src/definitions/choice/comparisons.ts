import { comparisonClass } from "./comparison.js";

// One named class per ASL operator, so rules read as in sfini (`new NumericLessThan(...)`)
// and `instanceof` works; each adds nothing to its operator's row in the operator table.

// sfini's comparisons: a literal value.
/** Matches when the variable equals a boolean. */
export class BooleanEquals extends comparisonClass("BooleanEquals") {}
/** Matches when the variable equals a number. */
export class NumericEquals extends comparisonClass("NumericEquals") {}
/** Matches when the variable is a number greater than the value. */
export class NumericGreaterThan extends comparisonClass("NumericGreaterThan") {}
/** Matches when the variable is a number greater than or equal to the value. */
export class NumericGreaterThanEquals extends comparisonClass("NumericGreaterThanEquals") {}
/** Matches when the variable is a number less than the value. */
export class NumericLessThan extends comparisonClass("NumericLessThan") {}
/** Matches when the variable is a number less than or equal to the value. */
export class NumericLessThanEquals extends comparisonClass("NumericLessThanEquals") {}
/** Matches when the variable equals a string. */
export class StringEquals extends comparisonClass("StringEquals") {}
/** Matches when the variable is a string sorting after the value. */
export class StringGreaterThan extends comparisonClass("StringGreaterThan") {}
/** Matches when the variable is a string sorting after or equal to the value. */
export class StringGreaterThanEquals extends comparisonClass("StringGreaterThanEquals") {}
/** Matches when the variable is a string sorting before the value. */
export class StringLessThan extends comparisonClass("StringLessThan") {}
/** Matches when the variable is a string sorting before or equal to the value. */
export class StringLessThanEquals extends comparisonClass("StringLessThanEquals") {}
/** Matches when the variable is the same instant as the value (a `Date` or an RFC 3339 string). */
export class TimestampEquals extends comparisonClass("TimestampEquals") {}
/** Matches when the variable is a timestamp after the value (a `Date` or an RFC 3339 string). */
export class TimestampGreaterThan extends comparisonClass("TimestampGreaterThan") {}
/** Matches when the variable is a timestamp at or after the value (a `Date` or an RFC 3339 string). */
export class TimestampGreaterThanEquals extends comparisonClass("TimestampGreaterThanEquals") {}
/** Matches when the variable is a timestamp before the value (a `Date` or an RFC 3339 string). */
export class TimestampLessThan extends comparisonClass("TimestampLessThan") {}
/** Matches when the variable is a timestamp at or before the value (a `Date` or an RFC 3339 string). */
export class TimestampLessThanEquals extends comparisonClass("TimestampLessThanEquals") {}

// The `...Path` forms: the value is a JSONPath to the value to compare with.
/** Matches when the variable equals the boolean at the path. */
export class BooleanEqualsPath extends comparisonClass("BooleanEqualsPath") {}
/** Matches when the variable equals the number at the path. */
export class NumericEqualsPath extends comparisonClass("NumericEqualsPath") {}
/** Matches when the variable is a number greater than the value at the path. */
export class NumericGreaterThanPath extends comparisonClass("NumericGreaterThanPath") {}
/** Matches when the variable is a number greater than or equal to the value at the path. */
export class NumericGreaterThanEqualsPath extends comparisonClass("NumericGreaterThanEqualsPath") {}
/** Matches when the variable is a number less than the value at the path. */
export class NumericLessThanPath extends comparisonClass("NumericLessThanPath") {}
/** Matches when the variable is a number less than or equal to the value at the path. */
export class NumericLessThanEqualsPath extends comparisonClass("NumericLessThanEqualsPath") {}
/** Matches when the variable equals the string at the path. */
export class StringEqualsPath extends comparisonClass("StringEqualsPath") {}
/** Matches when the variable is a string sorting after the value at the path. */
export class StringGreaterThanPath extends comparisonClass("StringGreaterThanPath") {}
/** Matches when the variable is a string sorting after or equal to the value at the path. */
export class StringGreaterThanEqualsPath extends comparisonClass("StringGreaterThanEqualsPath") {}
/** Matches when the variable is a string sorting before the value at the path. */
export class StringLessThanPath extends comparisonClass("StringLessThanPath") {}
/** Matches when the variable is a string sorting before or equal to the value at the path. */
export class StringLessThanEqualsPath extends comparisonClass("StringLessThanEqualsPath") {}
/** Matches when the variable is the same instant as the value at the path. */
export class TimestampEqualsPath extends comparisonClass("TimestampEqualsPath") {}
/** Matches when the variable is a timestamp after the value at the path. */
export class TimestampGreaterThanPath extends comparisonClass("TimestampGreaterThanPath") {}
/** Matches when the variable is a timestamp at or after the value at the path. */
export class TimestampGreaterThanEqualsPath extends comparisonClass("TimestampGreaterThanEqualsPath") {}
/** Matches when the variable is a timestamp before the value at the path. */
export class TimestampLessThanPath extends comparisonClass("TimestampLessThanPath") {}
/** Matches when the variable is a timestamp at or before the value at the path. */
export class TimestampLessThanEqualsPath extends comparisonClass("TimestampLessThanEqualsPath") {}

// Beyond sfini.
/** Matches when the variable is a string matching a pattern: `*` is any run of characters, a backslash before `*` makes it a literal star. */
export class StringMatches extends comparisonClass("StringMatches") {}
/** Matches when the variable is (value `true`) or is not (value `false`) null. */
export class IsNull extends comparisonClass("IsNull") {}
/** Matches when the variable's path exists (value `true`) or does not (value `false`) in the input. */
export class IsPresent extends comparisonClass("IsPresent") {}
/** Matches when the variable is (value `true`) or is not (value `false`) a number. */
export class IsNumeric extends comparisonClass("IsNumeric") {}
/** Matches when the variable is (value `true`) or is not (value `false`) a string. */
export class IsString extends comparisonClass("IsString") {}
/** Matches when the variable is (value `true`) or is not (value `false`) a boolean. */
export class IsBoolean extends comparisonClass("IsBoolean") {}
/** Matches when the variable is (value `true`) or is not (value `false`) a timestamp string. */
export class IsTimestamp extends comparisonClass("IsTimestamp") {}
