import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/json.js";
import {
  And,
  BooleanEquals,
  Comparison,
  Condition,
  Not,
  NumericLessThan,
  Or,
  StringMatches,
  type ChoiceRule,
} from "../../src/definitions/choice/index.js";
import {
  COMPARISON_OPERATORS,
  type ComparisonOperator,
} from "../../src/asl/index.js";
import type { State } from "../../src/definitions/states/state.js";

// asl-validator ships no types; this is the part of its API the tests use.
type Validate = (definition: unknown) => { isValid: boolean; errorsText(separator?: string): string };
const validate = createRequire(import.meta.url)("asl-validator") as Validate;

const done = { name: "Done" } as unknown as State;
const sampleValues: Record<string, unknown> = {
  boolean: true,
  number: 1.5,
  string: "a",
  timestamp: new Date(Date.UTC(2024, 0, 1)),
  path: "$.other",
  pattern: "a*\\*",
  test: false,
};

/** A machine whose only Choice state has these rules, each going to a Succeed state. */
function machineWith(rules: ChoiceRule[], queryLanguage?: "JSONata"): JsonObject {
  return {
    ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}),
    StartAt: "Pick",
    States: {
      Pick: { Type: "Choice", Choices: rules.map((rule) => rule.toAsl()), Default: "Done" },
      Done: { Type: "Succeed" },
    },
  };
}

function expectValid(definition: JsonObject): void {
  const result = validate(definition);
  expect(result.errorsText("\n")).toBe("");
  expect(result.isValid).toBe(true);
}

describe("rendered rules against the ASL schema (asl-validator)", () => {
  it("accepts every comparison operator as a top-level rule", () => {
    const operators = Object.keys(COMPARISON_OPERATORS) as ComparisonOperator[];
    const rules = operators.map(
      (operator) => new Comparison(operator, "$.v", sampleValues[COMPARISON_OPERATORS[operator].value] as never, done),
    );
    expectValid(machineWith(rules));
  });

  it("accepts nested logical rules, with Assign on the top-level one", () => {
    const rule = new And(
      [new Or([new NumericLessThan("$.n", 0), new Not(new StringMatches("$.s", "x*"))]), new BooleanEquals("$.b", true)],
      done,
      { assign: { picked: "$.n" } },
    );
    expectValid(machineWith([rule]));
  });

  it("accepts JSONata Conditions with Assign and Output", () => {
    const rule = new Condition("{% $states.input.n > 1 %}", done, { assign: { n: "{% $states.input.n %}" }, output: { ok: true } });
    expectValid(machineWith([rule], "JSONata"));
  });

  it("refuses a rule without Next at the top level (so the checks above can fail)", () => {
    expect(validate(machineWith([new NumericLessThan("$.n", 0)])).isValid).toBe(false);
  });
});
