import { describe, expect, it } from "vitest";
import { DefinitionError, InvalidOptionError } from "../../src/errors.js";
import {
  And,
  BooleanEquals,
  Comparison,
  Condition,
  IsNull,
  Not,
  NumericEquals,
  NumericLessThan,
  NumericLessThanEqualsPath,
  Or,
  StringEquals,
  StringMatches,
  TimestampEquals,
  type ChoiceRule,
} from "../../src/definitions/choice/index.js";
import {
  checkWildcardPattern,
  formatTimestamp,
  isTimestampString,
  wildcardMatches,
} from "../../src/asl/index.js";
import type { State } from "../../src/definitions/states/state.js";

const stateNamed = (name: string): State => ({ name }) as unknown as State;
// Checks must hold for callers without types (JavaScript, parsed JSON), so pass wrong types on purpose.
const untyped = <T>(value: unknown): T => value as T;

describe("comparison value type (TypeError, as sfini)", () => {
  it.each([
    ["BooleanEquals", () => new BooleanEquals("$.a", untyped("true")), 'comparison value of BooleanEquals must be a boolean, got "true"'],
    ["NumericEquals", () => new NumericEquals("$.a", untyped("1")), 'comparison value of NumericEquals must be a number, got "1"'],
    ["StringEquals", () => new StringEquals("$.a", untyped(1)), "comparison value of StringEquals must be a string, got 1"],
    ["StringMatches", () => new StringMatches("$.a", untyped(null)), "comparison value of StringMatches must be a string, got null"],
    ["IsNull", () => new IsNull("$.a", untyped("yes")), 'comparison value of IsNull must be a boolean, got "yes"'],
    ["TimestampEquals", () => new TimestampEquals("$.a", untyped(1714566600000)), "comparison value of TimestampEquals must be a Date or an ISO-8601 string, got 1714566600000"],
    ["...Path", () => new NumericLessThanEqualsPath("$.a", untyped(3)), "comparison value of NumericLessThanEqualsPath must be a JSONPath string, got 3"],
  ])("%s", (_name, make, message) => {
    expect(make).toThrow(TypeError);
    expect(make).toThrow(message);
  });

  it("refuses a Variable that is not a string", () => {
    expect(() => new NumericLessThan(untyped(5), 1)).toThrow(new TypeError("Variable of NumericLessThan must be a JSONPath string, got 5"));
  });

  it("refuses an unknown operator name", () => {
    expect(() => new Comparison(untyped<"NumericEquals">("NumericAbout"), "$.a", 1)).toThrow(TypeError);
    expect(() => new Comparison(untyped<"NumericEquals">("toString"), "$.a", 1)).toThrow('unknown choice comparison operator "toString"');
  });
});

describe("comparison values ASL cannot hold (InvalidOptionError)", () => {
  it("refuses a Variable not starting with $", () => {
    const make = () => new StringEquals("input.name", "x");
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow('Variable of StringEquals must be a JSONPath starting with "$", got "input.name"');
  });

  it("refuses a ...Path value that is not a path", () => {
    const make = () => new NumericLessThanEqualsPath("$.a", "limit");
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow('comparison value of NumericLessThanEqualsPath must be a JSONPath starting with "$", got "limit"');
  });

  it.each([NaN, Infinity, -Infinity])("refuses the number %s", (value) => {
    expect(() => new NumericEquals("$.a", value)).toThrow(InvalidOptionError);
    expect(() => new NumericEquals("$.a", value)).toThrow(String(value));
  });

  it("refuses an invalid Date", () => {
    expect(() => new TimestampEquals("$.t", new Date("not a date"))).toThrow(
      new InvalidOptionError("comparison value of TimestampEquals is an invalid Date"),
    );
  });

  it.each([
    "2024-05-01",
    "2024-05-01 12:30:00Z",
    "2024-05-01t12:30:00Z",
    "2024-05-01T12:30:00",
    "2024-05-01T12:30:00z",
    "2024-13-01T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-05-01T24:00:00Z",
    "2024-05-01T12:30:00+0200",
  ])("refuses the timestamp string %s", (text) => {
    const make = () => new TimestampEquals("$.t", text);
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow(JSON.stringify(text));
  });

  it.each([
    ["log-\\", "escapes nothing"],
    ["a\\b*", 'escapes "b"'],
  ])("refuses the pattern %s", (pattern, reason) => {
    const make = () => new StringMatches("$.f", pattern);
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow(reason);
    expect(make).toThrow(JSON.stringify(pattern));
  });

  it("refuses Output on a JSONPath rule", () => {
    const make = () => new NumericLessThan("$.a", 1, stateNamed("B"), untyped({ output: { x: 1 } }));
    expect(make).toThrow(InvalidOptionError);
    expect(make).toThrow("output is only for JSONata choice rules (Condition), not for NumericLessThan");
  });

  it("refuses an Assign that is not an object, and a next that is not a state", () => {
    expect(() => new NumericLessThan("$.a", 1, stateNamed("B"), untyped({ assign: [1] }))).toThrow(TypeError);
    expect(() => new NumericLessThan("$.a", 1, untyped("B"))).toThrow("next state of a choice rule must be a State, got B");
  });
});

describe("logical rules", () => {
  it.each([
    ["And", () => new And([])],
    ["Or", () => new Or([])],
  ])("%s with no operands is a DefinitionError", (name, make) => {
    expect(make).toThrow(DefinitionError);
    expect(make).toThrow(`${name} must have at least one choice rule to combine`);
  });

  it("refuses a nested rule that has a next state, naming the rule and the state", () => {
    const nested = new NumericLessThan("$.x", 1, stateNamed("Low"));
    const expected = 'operand 1 of And ($.x < 1) has next state "Low"; only top-level choice rules can have a next state';
    expect(() => new And([new IsNull("$.y", false), nested])).toThrow(new DefinitionError(expected));
    expect(() => new Not(nested)).toThrow(DefinitionError);
    expect(() => new Not(nested)).toThrow('operand of Not ($.x < 1) has next state "Low"');
    expect(() => new Or([new Not(new IsNull("$.y", true)), nested])).toThrow("operand 1 of Or");
  });

  it("refuses a nested rule that has Assign", () => {
    const nested = new NumericLessThan("$.x", 1, undefined, { assign: { a: 1 } });
    expect(() => new Or([nested])).toThrow(DefinitionError);
    expect(() => new Or([nested])).toThrow("operand 0 of Or ($.x < 1) has Assign or Output");
  });

  it("refuses a JSONata Condition inside And, Or or Not", () => {
    const make = () => new Not(new Condition("{% $x %}"));
    expect(make).toThrow(DefinitionError);
    expect(make).toThrow("operand of Not ($x) is a JSONata rule");
  });

  it("refuses operands that are not rules, and a list that is not a list", () => {
    expect(() => new And(untyped([{ Variable: "$.x", IsNull: true }]))).toThrow(
      new TypeError('operand 0 of And must be a ChoiceRule, got {"Variable":"$.x","IsNull":true}'),
    );
    expect(() => new Or(untyped(new IsNull("$.x", true)))).toThrow(TypeError);
    expect(() => new Not(untyped(undefined))).toThrow(TypeError);
  });
});

describe("Condition checks", () => {
  it.each(["$states.input.x > 1", "{% %}", "{% $x", "$x %}", " {% $x %}"])("refuses %j", (text) => {
    expect(() => new Condition(text)).toThrow(InvalidOptionError);
    expect(() => new Condition(text)).toThrow(JSON.stringify(text));
  });

  it("refuses a non-string condition", () => {
    expect(() => new Condition(untyped(true))).toThrow(TypeError);
  });
});

describe("timestamp and pattern helpers", () => {
  it("format a Date at whole seconds without a fraction", () => {
    expect(formatTimestamp(new Date(Date.UTC(1999, 11, 31, 23, 59, 59)))).toBe("1999-12-31T23:59:59+00:00");
  });

  it("accept RFC 3339 with Z, offsets, fractions and a leap day", () => {
    for (const text of ["2024-02-29T00:00:00Z", "2024-05-01T12:30:00.123456-07:30", "2016-03-14T01:59:00Z"]) {
      expect(isTimestampString(text)).toBe(true);
    }
  });

  it("match a pattern against the whole string", () => {
    const pattern = "log-*.t\\*t\\\\";
    expect(wildcardMatches(pattern, "log-2024.t*t\\")).toBe(true);
    expect(wildcardMatches(pattern, "log-.t*t\\")).toBe(true);
    expect(wildcardMatches(pattern, "log-2024.txt\\")).toBe(false);
    expect(wildcardMatches(pattern, "xlog-1.t*t\\")).toBe(false);
    expect(wildcardMatches("a*b", "a\nb")).toBe(true);
    expect(wildcardMatches("(x)+", "(x)+")).toBe(true);
    expect(checkWildcardPattern("plain")).toBe("plain");
  });
});

describe("rules as the Choice state sees them", () => {
  it("say whether they carry top-level-only fields", () => {
    const rules: [ChoiceRule, boolean][] = [
      [new IsNull("$.a", true), false],
      [new IsNull("$.a", true, stateNamed("N")), true],
      [new IsNull("$.a", true, undefined, { assign: {} }), true],
      [new Condition("{% true %}", undefined, { output: 1 }), true],
    ];
    for (const [rule, expected] of rules) expect(rule.isTopLevelOnly).toBe(expected);
  });
});

describe("types (checked by tsc over the tests)", () => {
  it("refuse at compile time what the checks refuse at run time", () => {
    // @ts-expect-error a NumericLessThan value is a number
    expect(() => new NumericLessThan("$.a", "1")).toThrow(TypeError);
    // @ts-expect-error a TimestampEquals value is a Date or a string
    expect(() => new TimestampEquals("$.a", 5)).toThrow(TypeError);
    // @ts-expect-error Output is for JSONata Conditions only
    expect(() => new StringEquals("$.a", "x", stateNamed("B"), { output: 1 })).toThrow(InvalidOptionError);
    // @ts-expect-error a rule operand, not a list
    expect(() => new And(new IsNull("$.a", true))).toThrow(TypeError);
  });
});
