import { describe, expect, it } from "vitest";
import {
  And,
  Condition,
  IsNull,
  Not,
  NumericGreaterThanEquals,
  NumericLessThan,
  Or,
  StringEquals,
  StringMatches,
  TimestampLessThanPath,
} from "../../src/definitions/choice/index.js";
import type { State } from "../../src/definitions/states/state.js";

const stateNamed = (name: string): State => ({ name }) as unknown as State;

describe("And, Or, Not", () => {
  it("render nested rules without Next, and Next only on the top-level rule", () => {
    const rule = new And(
      [
        new NumericGreaterThanEquals("$.n", 0),
        new Or([new StringEquals("$.kind", "a"), new Not(new IsNull("$.kind", true))]),
      ],
      stateNamed("InRange"),
    );
    expect(rule.toAsl()).toEqual({
      And: [
        { Variable: "$.n", NumericGreaterThanEquals: 0 },
        {
          Or: [
            { Variable: "$.kind", StringEquals: "a" },
            { Not: { Variable: "$.kind", IsNull: true } },
          ],
        },
      ],
      Next: "InRange",
    });
  });

  it("render Not as an object, And/Or as a list, in the order given", () => {
    expect(new Not(new StringEquals("$.a", "x"), stateNamed("B")).toAsl()).toEqual({
      Not: { Variable: "$.a", StringEquals: "x" },
      Next: "B",
    });
    expect(new Or([new StringMatches("$.f", "*.csv"), new StringMatches("$.f", "*.tsv")]).toAsl()).toEqual({
      Or: [
        { Variable: "$.f", StringMatches: "*.csv" },
        { Variable: "$.f", StringMatches: "*.tsv" },
      ],
    });
  });

  it("accept a single operand (sfini does)", () => {
    expect(new And([new NumericLessThan("$.x", 1)]).toAsl()).toEqual({
      And: [{ Variable: "$.x", NumericLessThan: 1 }],
    });
  });

  it("render Assign on a top-level logical rule", () => {
    const rule = new Not(new IsNull("$.x", true), stateNamed("Has"), { assign: { has: true } });
    expect(rule.toAsl()).toEqual({ Not: { Variable: "$.x", IsNull: true }, Next: "Has", Assign: { has: true } });
  });

  it("describe themselves with brackets around each operand", () => {
    expect(new Not(new StringEquals("$.a", "x")).describe()).toBe('not ($.a == "x")');
    expect(
      new And([new NumericLessThan("$.counter", 10), new Or([new IsNull("$.a", false), new TimestampLessThanPath("$.t", "$.deadline")])]).describe(),
    ).toBe("($.counter < 10) and (($.a is not null) or ($.t < $.deadline))");
  });

  it("keep their own copy of the operand list", () => {
    const operands = [new NumericLessThan("$.x", 1)];
    const rule = new Or(operands);
    operands.push(new NumericLessThan("$.y", 2));
    expect(rule.rules).toHaveLength(1);
    expect(Object.isFrozen(rule.rules)).toBe(true);
  });
});

describe("Condition (JSONata)", () => {
  it("renders { Condition, Next }", () => {
    const rule = new Condition("{% $states.input.x > 1 %}", stateNamed("Big"));
    expect(rule.toAsl()).toEqual({ Condition: "{% $states.input.x > 1 %}", Next: "Big" });
    expect(rule.queryLanguage).toBe("JSONata");
  });

  it("renders Assign and Output after Next", () => {
    const rule = new Condition("{% $count < 3 %}", stateNamed("Again"), {
      assign: { count: "{% $count + 1 %}" },
      output: { tries: "{% $count %}" },
    });
    expect(JSON.stringify(rule.toAsl())).toBe(
      '{"Condition":"{% $count < 3 %}","Next":"Again","Assign":{"count":"{% $count + 1 %}"},"Output":{"tries":"{% $count %}"}}',
    );
  });

  it("renders an Output of JSON null, but leaves out an undefined one", () => {
    expect(new Condition("{% true %}", stateNamed("A"), { output: null }).toAsl()).toEqual({
      Condition: "{% true %}",
      Next: "A",
      Output: null,
    });
    expect(new Condition("{% true %}", stateNamed("A"), { output: undefined }).toAsl()).toEqual({
      Condition: "{% true %}",
      Next: "A",
    });
  });

  it("describes itself as the bare expression", () => {
    expect(new Condition("{%   $states.input.x > 1\n%}").describe()).toBe("$states.input.x > 1");
  });

  it("tells JSONPath rules from JSONata ones", () => {
    expect(new NumericLessThan("$.x", 1).queryLanguage).toBe("JSONPath");
    expect(new And([new NumericLessThan("$.x", 1)]).queryLanguage).toBe("JSONPath");
  });
});
