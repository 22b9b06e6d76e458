/**
 * Issue 9, class 3: intrinsic functions compute what AWS computes. Cases from the AWS
 * documentation ("Intrinsic functions for JSONPath states") and from executions recorded on AWS
 * (MathAdd's rounding, MathRandom's non-integer bounds, Format's rendering of objects).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
});
afterAll(() => c.close());

/** One Pass state putting the intrinsic's value at `FunctionResult`. */
function machine(expression: string): object {
  return { StartAt: "State_0", States: { State_0: { Type: "Pass", Parameters: { "FunctionResult.$": expression }, End: true } } };
}

async function value(expression: string, input: JsonValue = {}): Promise<JsonValue> {
  const outcome = await c.run(machine(expression), input);
  expect(outcome.events).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  expect(outcome.status).toBe("SUCCEEDED");
  return (outcome.output as { FunctionResult: JsonValue }).FunctionResult;
}

describe("States.MathAdd rounds each argument half up (Java's Math.round) before adding", () => {
  it.each<[number, number, number]>([
    [-9, 3, -6],
    [1.49, 1.5, 3],
    [1.5, 1.51, 4],
    [-1.49, -1.5, -2],
    [-1.5, -1.51, -3],
    [1.49, 0, 1],
    [1.49, -1.49, 0],
    [1.5, 0, 2],
    [-1.5, 0, -1],
    [0.5, 0, 1],
    [2.5, 0, 3],
    [-0.5, 0.5, 1],
    [-0.5, 0, 0],
    [-2.5, 0, -2],
  ])("%d + %d = %d", async (fst, snd, sum) => {
    expect(await value("States.MathAdd($.fst, $.snd)", { fst, snd })).toBe(sum);
  });

  it("the documented example: States.MathAdd($.value1, $.step) with 111 and -1 is 110", async () => {
    expect(await value("States.MathAdd($.value1, $.step)", { value1: 111, step: -1 })).toBe(110);
  });
});

describe("States.MathRandom", () => {
  it.each<[number, number]>([
    [12.5, 44.51],
    [9999, 99999],
    [-99999, -9999],
  ])("takes bounds %d and %d as AWS does, giving an integer in [start, end)", async (fst, snd) => {
    const random = (await value("States.MathRandom($.fst, $.snd)", { fst, snd })) as number;
    expect(Number.isInteger(random)).toBe(true);
    expect(random).toBeGreaterThanOrEqual(Math.floor(fst));
    expect(random).toBeLessThan(Math.ceil(snd));
  });

  it("with a seed, the same number every time", async () => {
    const first = await value("States.MathRandom($.fst, $.snd, $.trd)", { fst: 0, snd: 999, trd: 3 });
    expect(await value("States.MathRandom($.fst, $.snd, $.trd)", { fst: 0, snd: 999, trd: 3 })).toBe(first);
  });
});

describe("States.StringToJson", () => {
  it.each<[string, JsonValue]>([
    ["", null],
    [" ", null],
    ["\n\t ", null],
    ['{"foo": "bar"}', { foo: "bar" }],
    ["1", 1],
    ['"x"', "x"],
  ])("parses %j", async (text, parsed) => {
    expect(await value("States.StringToJson($.escapedJsonString)", { escapedJsonString: text })).toEqual(parsed);
  });
});

describe("States.Format renders its arguments as AWS does", () => {
  it("the documented example", async () => {
    expect(await value("States.Format('Hello, my name is {}.', $.name)", { name: "Arnav" })).toBe("Hello, my name is Arnav.");
    expect(await value("States.Format($.template, $.name)", { name: "Arnav", template: "Hello, my name is {}." })).toBe("Hello, my name is Arnav.");
  });

  it.each<[JsonValue, string]>([
    ["", "A"],
    [" ", "A "],
    ["HelloWorld", "AHelloWorld"],
    [null, "Anull"],
    [1, "A1"],
    [1.1, "A1.1"],
    ['{"Arg1": 1, "Arg2": []}', 'A{"Arg1": 1, "Arg2": []}'],
    [{ Arg1: 1, Arg2: [] }, "A{Arg1=1, Arg2=[]}"],
    [[1, "two", { k: [true, null] }], "A[1, two, {k=[true, null]}]"],
  ])("%j", async (argument, text) => {
    expect(await value("States.Format('A{}', $.fst)", { fst: argument })).toBe(text);
  });
});

describe("States.JsonMerge", () => {
  it("merges shallowly, the second object winning, keys in AWS's (Java HashMap) order", async () => {
    const merged = await value("States.JsonMerge($.FunctionInput.fst, $.FunctionInput.snd, false)", {
      FunctionInput: { fst: { a: { a1: 1, a2: 2 }, b: 2, d: 3 }, snd: { a: { a3: 1, a4: 2 }, c: 3, d: 4 } },
    });
    expect(JSON.stringify(merged)).toBe('{"a":{"a3":1,"a4":2},"b":2,"c":3,"d":4}');
  });

  it("an escaped literal argument (recorded on AWS) keeps AWS's key order", async () => {
    const merged = await value("States.JsonMerge(States.StringToJson('{\"constant_in_literal\": \"false\"}'), $$.Execution.Input.input_field, false)", {
      input_field: { constant_input_field: "constant_value" },
    });
    expect(JSON.stringify(merged)).toBe('{"constant_input_field":"constant_value","constant_in_literal":"false"}');
  });
});
