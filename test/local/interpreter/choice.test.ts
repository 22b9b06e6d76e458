import { describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import { execute } from "./test-host.js";

function machine(rule: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    StartAt: "C",
    States: {
      C: { Type: "Choice", Choices: [{ ...rule, Next: "Yes" }], Default: "No", ...extra },
      Yes: { Type: "Pass", Result: "yes", End: true },
      No: { Type: "Pass", Result: "no", End: true },
    },
  };
}

async function decide(rule: JsonObject, input: JsonValue): Promise<JsonValue> {
  const result = await execute(machine(rule), input);
  if (result.status !== "SUCCEEDED") throw new Error(`${result.error}: ${result.cause}`);
  return result.output!;
}

const TS = "2024-01-01T00:00:00Z";
const LATER = "2024-01-01T00:00:01.5+00:00";

describe("Choice rules (JSONPath)", () => {
  it.each<[string, JsonObject, JsonValue, string]>([
    ["StringEquals", { Variable: "$.v", StringEquals: "a" }, { v: "a" }, "yes"],
    ["StringEquals on a number", { Variable: "$.v", StringEquals: "1" }, { v: 1 }, "no"],
    ["StringLessThan", { Variable: "$.v", StringLessThan: "b" }, { v: "a" }, "yes"],
    ["StringGreaterThan", { Variable: "$.v", StringGreaterThan: "b" }, { v: "a" }, "no"],
    ["StringLessThanEquals", { Variable: "$.v", StringLessThanEquals: "a" }, { v: "a" }, "yes"],
    ["StringGreaterThanEquals", { Variable: "$.v", StringGreaterThanEquals: "b" }, { v: "c" }, "yes"],
    ["NumericEquals", { Variable: "$.v", NumericEquals: 1.5 }, { v: 1.5 }, "yes"],
    ["NumericLessThan", { Variable: "$.v", NumericLessThan: 10 }, { v: 10 }, "no"],
    ["NumericGreaterThan", { Variable: "$.v", NumericGreaterThan: 10 }, { v: 11 }, "yes"],
    ["NumericLessThanEquals", { Variable: "$.v", NumericLessThanEquals: 10 }, { v: 10 }, "yes"],
    ["NumericGreaterThanEquals", { Variable: "$.v", NumericGreaterThanEquals: 10 }, { v: 9 }, "no"],
    ["NumericEquals on a string", { Variable: "$.v", NumericEquals: 1 }, { v: "1" }, "no"],
    ["BooleanEquals", { Variable: "$.v", BooleanEquals: false }, { v: false }, "yes"],
    ["TimestampEquals", { Variable: "$.v", TimestampEquals: TS }, { v: "2024-01-01T00:00:00.000Z" }, "yes"],
    ["TimestampLessThan", { Variable: "$.v", TimestampLessThan: LATER }, { v: TS }, "yes"],
    ["TimestampGreaterThan", { Variable: "$.v", TimestampGreaterThan: LATER }, { v: TS }, "no"],
    ["TimestampLessThanEquals", { Variable: "$.v", TimestampLessThanEquals: TS }, { v: TS }, "yes"],
    ["TimestampGreaterThanEquals", { Variable: "$.v", TimestampGreaterThanEquals: TS }, { v: LATER }, "yes"],
    ["Timestamp with a non-timestamp", { Variable: "$.v", TimestampEquals: TS }, { v: "yesterday" }, "no"],
    ["StringEqualsPath", { Variable: "$.a", StringEqualsPath: "$.b" }, { a: "x", b: "x" }, "yes"],
    ["StringLessThanPath", { Variable: "$.a", StringLessThanPath: "$.b" }, { a: "x", b: "y" }, "yes"],
    ["StringGreaterThanPath", { Variable: "$.a", StringGreaterThanPath: "$.b" }, { a: "x", b: "y" }, "no"],
    ["StringLessThanEqualsPath", { Variable: "$.a", StringLessThanEqualsPath: "$.b" }, { a: "y", b: "y" }, "yes"],
    ["StringGreaterThanEqualsPath", { Variable: "$.a", StringGreaterThanEqualsPath: "$.b" }, { a: "a", b: "y" }, "no"],
    ["NumericEqualsPath", { Variable: "$.a", NumericEqualsPath: "$.b" }, { a: 2, b: 2 }, "yes"],
    ["NumericLessThanPath", { Variable: "$.a", NumericLessThanPath: "$.b" }, { a: 1, b: 2 }, "yes"],
    ["NumericGreaterThanPath", { Variable: "$.a", NumericGreaterThanPath: "$.b" }, { a: 1, b: 2 }, "no"],
    ["NumericLessThanEqualsPath", { Variable: "$.a", NumericLessThanEqualsPath: "$.b" }, { a: 3, b: 2 }, "no"],
    ["NumericGreaterThanEqualsPath", { Variable: "$.a", NumericGreaterThanEqualsPath: "$.b" }, { a: 2, b: 2 }, "yes"],
    ["BooleanEqualsPath", { Variable: "$.a", BooleanEqualsPath: "$.b" }, { a: true, b: true }, "yes"],
    ["TimestampEqualsPath", { Variable: "$.a", TimestampEqualsPath: "$.b" }, { a: TS, b: TS }, "yes"],
    ["TimestampLessThanPath", { Variable: "$.a", TimestampLessThanPath: "$.b" }, { a: TS, b: LATER }, "yes"],
    ["TimestampGreaterThanPath", { Variable: "$.a", TimestampGreaterThanPath: "$.b" }, { a: TS, b: LATER }, "no"],
    ["TimestampLessThanEqualsPath", { Variable: "$.a", TimestampLessThanEqualsPath: "$.b" }, { a: LATER, b: TS }, "no"],
    ["TimestampGreaterThanEqualsPath", { Variable: "$.a", TimestampGreaterThanEqualsPath: "$.b" }, { a: LATER, b: TS }, "yes"],
    ["StringMatches with *", { Variable: "$.v", StringMatches: "log-*.txt" }, { v: "log-2024-01.txt" }, "yes"],
    ["StringMatches escaped star", { Variable: "$.v", StringMatches: "a\\*b" }, { v: "a*b" }, "yes"],
    ["StringMatches escaped star is literal", { Variable: "$.v", StringMatches: "a\\*b" }, { v: "axxb" }, "no"],
    ["StringMatches escaped backslash", { Variable: "$.v", StringMatches: "a\\\\*" }, { v: "a\\zz" }, "yes"],
    ["StringMatches regex chars are literal", { Variable: "$.v", StringMatches: "a.c" }, { v: "abc" }, "no"],
    ["IsNull", { Variable: "$.v", IsNull: true }, { v: null }, "yes"],
    ["IsPresent true", { Variable: "$.v", IsPresent: true }, { v: 0 }, "yes"],
    ["IsPresent false", { Variable: "$.missing", IsPresent: false }, { v: 0 }, "yes"],
    ["IsNumeric", { Variable: "$.v", IsNumeric: true }, { v: "1" }, "no"],
    ["IsString", { Variable: "$.v", IsString: true }, { v: "1" }, "yes"],
    ["IsBoolean", { Variable: "$.v", IsBoolean: false }, { v: 1 }, "yes"],
    ["IsTimestamp", { Variable: "$.v", IsTimestamp: true }, { v: TS }, "yes"],
    ["IsTimestamp lower-case t", { Variable: "$.v", IsTimestamp: true }, { v: "2024-01-01t00:00:00Z" }, "no"],
    ["And", { And: [{ Variable: "$.a", NumericGreaterThan: 1 }, { Variable: "$.a", NumericLessThan: 3 }] }, { a: 2 }, "yes"],
    ["Or", { Or: [{ Variable: "$.a", NumericEquals: 1 }, { Variable: "$.a", NumericEquals: 5 }] }, { a: 2 }, "no"],
    ["Not", { Not: { Variable: "$.a", StringEquals: "x" } }, { a: "y" }, "yes"],
    ["variable reference", { Variable: "$v", NumericEquals: 1 }, {}, "no"],
  ])("%s", async (_name, rule, input, expected) => {
    if (_name === "variable reference") {
      // A variable that is not set is a runtime error, like a missing path.
      const result = await execute(machine(rule), input);
      expect(result.error).toBe("States.Runtime");
      return;
    }
    expect(await decide(rule, input)).toBe(expected);
  });

  it("a missing Variable path fails with States.Runtime", async () => {
    const result = await execute(machine({ Variable: "$.nope", StringEquals: "x" }), {});
    expect(result.error).toBe("States.Runtime");
  });

  it("no match and no Default fails with States.NoChoiceMatched", async () => {
    const definition = machine({ Variable: "$.v", StringEquals: "x" });
    delete (definition["States"] as JsonObject & { C: JsonObject })["C"]["Default"];
    const result = await execute(definition, { v: "y" });
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.NoChoiceMatched");
  });

  it("applies InputPath and OutputPath and the matched rule's Assign", async () => {
    const definition = machine(
      { Variable: "$.v", StringEquals: "a", Assign: { "picked.$": "$.v" } },
      { InputPath: "$.in", OutputPath: "$.v" },
    );
    (definition["States"] as JsonObject)["Yes"] = { Type: "Pass", Parameters: { "p.$": "$picked", "in.$": "$" }, End: true };
    const result = await execute(definition, { in: { v: "a" } });
    expect(result.output).toEqual({ p: "a", in: "a" });
    expect(result.host.types().slice(0, 2)).toEqual(["ChoiceStateEntered", "ChoiceStateExited"]);
  });
});

describe("Choice rules (JSONata)", () => {
  it("picks the first true Condition and applies the rule's Output and Assign", async () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "C",
      States: {
        C: {
          Type: "Choice",
          Choices: [
            { Condition: "{% $states.input.n > 5 %}", Next: "Big", Output: { size: "big" }, Assign: { seen: "{% $states.input.n %}" } },
            { Condition: "{% $states.input.n > 1 %}", Next: "Mid" },
          ],
          Default: "Small",
        },
        Big: { Type: "Pass", Output: "{% $states.input.size & ':' & $string($seen) %}", End: true },
        Mid: { Type: "Pass", Output: "mid", End: true },
        Small: { Type: "Pass", Output: "small", End: true },
      },
    };
    expect((await execute(definition, { n: 7 })).output).toBe("big:7");
    expect((await execute(definition, { n: 3 })).output).toBe("mid");
    expect((await execute(definition, { n: 0 })).output).toBe("small");
  });

  it("a Condition that is not boolean is States.QueryEvaluationError", async () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "C",
      States: { C: { Type: "Choice", Choices: [{ Condition: "{% $states.input.n %}", Next: "E" }], Default: "E" }, E: { Type: "Succeed" } },
    };
    const result = await execute(definition, { n: 3 });
    expect(result.error).toBe("States.QueryEvaluationError");
  });
});
