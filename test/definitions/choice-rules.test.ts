import { describe, expect, it } from "vitest";
import {
  BooleanEquals,
  BooleanEqualsPath,
  Comparison,
  IsBoolean,
  IsNull,
  IsNumeric,
  IsPresent,
  IsString,
  IsTimestamp,
  NumericEquals,
  NumericEqualsPath,
  NumericGreaterThan,
  NumericGreaterThanEquals,
  NumericGreaterThanEqualsPath,
  NumericGreaterThanPath,
  NumericLessThan,
  NumericLessThanEquals,
  NumericLessThanEqualsPath,
  NumericLessThanPath,
  StringEquals,
  StringEqualsPath,
  StringGreaterThan,
  StringGreaterThanEquals,
  StringGreaterThanEqualsPath,
  StringGreaterThanPath,
  StringLessThan,
  StringLessThanEquals,
  StringLessThanEqualsPath,
  StringLessThanPath,
  StringMatches,
  TimestampEquals,
  TimestampEqualsPath,
  TimestampGreaterThan,
  TimestampGreaterThanEquals,
  TimestampGreaterThanEqualsPath,
  TimestampGreaterThanPath,
  TimestampLessThan,
  TimestampLessThanEquals,
  TimestampLessThanEqualsPath,
  TimestampLessThanPath,
} from "../../src/definitions/choice/index.js";
import {
  COMPARISON_OPERATORS,
} from "../../src/asl/index.js";
import type { State } from "../../src/definitions/states/state.js";

// Rules only read `name` from their next state.
const stateNamed = (name: string): State => ({ name }) as unknown as State;
const when = new Date(Date.UTC(2024, 4, 1, 12, 30, 0));

// [class, operator name, value, expected rendered value, expected label]
// (`never` value: each class takes its own value type, and the rows hold all of them.)
type AnyComparisonClass = {
  new (variable: string, value: never, next?: State): Comparison;
  readonly operator: string;
};
type Row = [AnyComparisonClass, string, unknown, unknown, string];
const rows: Row[] = [
  [BooleanEquals, "BooleanEquals", true, true, "$.v == true"],
  [BooleanEqualsPath, "BooleanEqualsPath", "$.w", "$.w", "$.v == $.w"],
  [NumericEquals, "NumericEquals", 3, 3, "$.v == 3"],
  [NumericEqualsPath, "NumericEqualsPath", "$.w", "$.w", "$.v == $.w"],
  [NumericGreaterThan, "NumericGreaterThan", 2.5, 2.5, "$.v > 2.5"],
  [NumericGreaterThanPath, "NumericGreaterThanPath", "$.w", "$.w", "$.v > $.w"],
  [NumericGreaterThanEquals, "NumericGreaterThanEquals", -1, -1, "$.v >= -1"],
  [NumericGreaterThanEqualsPath, "NumericGreaterThanEqualsPath", "$.w", "$.w", "$.v >= $.w"],
  [NumericLessThan, "NumericLessThan", 10, 10, "$.v < 10"],
  [NumericLessThanPath, "NumericLessThanPath", "$$.Map.Item.Index", "$$.Map.Item.Index", "$.v < $$.Map.Item.Index"],
  [NumericLessThanEquals, "NumericLessThanEquals", 0, 0, "$.v <= 0"],
  [NumericLessThanEqualsPath, "NumericLessThanEqualsPath", "$limit", "$limit", "$.v <= $limit"],
  [StringEquals, "StringEquals", "x", "x", '$.v == "x"'],
  [StringEqualsPath, "StringEqualsPath", "$.w", "$.w", "$.v == $.w"],
  [StringGreaterThan, "StringGreaterThan", "b", "b", '$.v > "b"'],
  [StringGreaterThanPath, "StringGreaterThanPath", "$.w", "$.w", "$.v > $.w"],
  [StringGreaterThanEquals, "StringGreaterThanEquals", "b", "b", '$.v >= "b"'],
  [StringGreaterThanEqualsPath, "StringGreaterThanEqualsPath", "$.w", "$.w", "$.v >= $.w"],
  [StringLessThan, "StringLessThan", "", "", '$.v < ""'],
  [StringLessThanPath, "StringLessThanPath", "$.w", "$.w", "$.v < $.w"],
  [StringLessThanEquals, "StringLessThanEquals", "z", "z", '$.v <= "z"'],
  [StringLessThanEqualsPath, "StringLessThanEqualsPath", "$.w", "$.w", "$.v <= $.w"],
  [StringMatches, "StringMatches", "log-*.txt", "log-*.txt", '$.v matches "log-*.txt"'],
  [TimestampEquals, "TimestampEquals", when, "2024-05-01T12:30:00+00:00", '$.v == "2024-05-01T12:30:00+00:00"'],
  [TimestampEqualsPath, "TimestampEqualsPath", "$.w", "$.w", "$.v == $.w"],
  [TimestampGreaterThan, "TimestampGreaterThan", "2024-05-01T12:30:00Z", "2024-05-01T12:30:00Z", '$.v > "2024-05-01T12:30:00Z"'],
  [TimestampGreaterThanPath, "TimestampGreaterThanPath", "$.w", "$.w", "$.v > $.w"],
  [TimestampGreaterThanEquals, "TimestampGreaterThanEquals", when, "2024-05-01T12:30:00+00:00", '$.v >= "2024-05-01T12:30:00+00:00"'],
  [TimestampGreaterThanEqualsPath, "TimestampGreaterThanEqualsPath", "$.w", "$.w", "$.v >= $.w"],
  [TimestampLessThan, "TimestampLessThan", "2024-05-01T14:30:00.5+02:00", "2024-05-01T14:30:00.5+02:00", '$.v < "2024-05-01T14:30:00.5+02:00"'],
  [TimestampLessThanPath, "TimestampLessThanPath", "$.w", "$.w", "$.v < $.w"],
  [TimestampLessThanEquals, "TimestampLessThanEquals", when, "2024-05-01T12:30:00+00:00", '$.v <= "2024-05-01T12:30:00+00:00"'],
  [TimestampLessThanEqualsPath, "TimestampLessThanEqualsPath", "$.w", "$.w", "$.v <= $.w"],
  [IsNull, "IsNull", true, true, "$.v is null"],
  [IsPresent, "IsPresent", false, false, "$.v is not present"],
  [IsNumeric, "IsNumeric", true, true, "$.v is numeric"],
  [IsString, "IsString", false, false, "$.v is not a string"],
  [IsBoolean, "IsBoolean", true, true, "$.v is a boolean"],
  [IsTimestamp, "IsTimestamp", false, false, "$.v is not a timestamp"],
];

describe("comparison rules", () => {
  it("cover every operator of the table, each once", () => {
    expect(rows.map((row) => row[1]).sort()).toEqual(Object.keys(COMPARISON_OPERATORS).sort());
  });

  const cases = rows.map(([Rule, operator, value, rendered, label]) => ({ Rule, operator, value, rendered, label }));
  describe.each(cases)("$operator", ({ Rule, operator, value, rendered, label }) => {
    it(`renders { Variable, ${operator} } without Next when nested`, () => {
      const rule = new Rule("$.v", value as never);
      expect(rule.toAsl()).toEqual({ Variable: "$.v", [operator]: rendered });
      expect(rule.next).toBeUndefined();
    });

    it("adds Next (the state's name) on a top-level rule", () => {
      const rule = new Rule("$.v", value as never, stateNamed("Done"));
      expect(rule.toAsl()).toEqual({ Variable: "$.v", [operator]: rendered, Next: "Done" });
      expect(rule.next?.name).toBe("Done");
    });

    it("is an instance of its class and of Comparison, with its operator", () => {
      const rule = new Rule("$.v", value as never);
      expect(rule).toBeInstanceOf(Rule);
      expect(rule).toBeInstanceOf(Comparison);
      expect(rule.operator).toBe(operator);
      expect(Rule.name).toBe(operator);
      expect(Rule.operator).toBe(operator);
    });

    it(`describes itself as ${label}`, () => {
      expect(new Rule("$.v", value as never).describe()).toBe(label);
    });
  });

  it("renders as sfini's example: NumericLessThan on $.counter", () => {
    const rule = new NumericLessThan("$.counter", 10, stateNamed("Loop"));
    expect(JSON.stringify(rule.toAsl())).toBe('{"Variable":"$.counter","NumericLessThan":10,"Next":"Loop"}');
    expect(rule.describe()).toBe("$.counter < 10");
  });

  it("can be made from an operator name", () => {
    const rule = new Comparison("StringEqualsPath", "$.a", "$.b");
    expect(rule.toAsl()).toEqual({ Variable: "$.a", StringEqualsPath: "$.b" });
  });

  it("renders a Date with milliseconds, in UTC with a +00:00 offset", () => {
    const rule = new TimestampEquals("$.t", new Date("2024-02-29T23:59:58.007-05:00"));
    expect(rule.toAsl()).toEqual({ Variable: "$.t", TimestampEquals: "2024-03-01T04:59:58.007+00:00" });
  });

  it("accepts variables, context paths and array roots as Variable", () => {
    for (const variable of ["$", "$[0]", "$$.Execution.Input.x", "$myVar.count"]) {
      expect(new IsPresent(variable, true).toAsl()).toEqual({ Variable: variable, IsPresent: true });
    }
  });

  it("renders Assign on a top-level rule, after Next", () => {
    const rule = new BooleanEquals("$.ok", true, stateNamed("Yes"), { assign: { seen: "{% true %}", n: 1 } });
    expect(JSON.stringify(rule.toAsl())).toBe(
      '{"Variable":"$.ok","BooleanEquals":true,"Next":"Yes","Assign":{"seen":"{% true %}","n":1}}',
    );
  });

  it("keeps the value as given and renders a copy each time", () => {
    const rule = new TimestampLessThan("$.t", when);
    expect(rule.value).toBe(when);
    const first = rule.toAsl();
    first.Variable = "$.changed";
    expect(rule.toAsl()).toEqual({ Variable: "$.t", TimestampLessThan: "2024-05-01T12:30:00+00:00" });
  });
});
