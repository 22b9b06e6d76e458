/**
 * `__proto__` is data: every JSON path of the engine and the library keeps it as an ordinary
 * key, and nothing it carries reaches Object.prototype.
 */
import { afterEach, describe, expect, it } from "vitest";
import { outputOf, single, TestHost } from "../local/interpreter/test-host.js";
import { Pass, StateMachine, validateDefinition } from "../../src/index.js";
import type { JsonValue } from "../../src/json.js";

const json = (text: string): JsonValue => JSON.parse(text) as JsonValue;
const own = (key: string, value: unknown): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
};

afterEach(() => {
  // No test may leave anything on Object.prototype.
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
});

const cases: [string, object, JsonValue, string][] = [
  ["Pass Result", { Type: "Pass", Result: json('{"__proto__": {"polluted": 1}, "x": 2}') }, {}, '{"__proto__":{"polluted":1},"x":2}'],
  ["Parameters", { Type: "Pass", Parameters: json('{"__proto__": {"polluted": 1}, "x": 2}') }, {}, '{"__proto__":{"polluted":1},"x":2}'],
  ["Parameters path field", { Type: "Pass", Parameters: json('{"__proto__.$": "$.v"}') }, { v: 5 }, '{"__proto__":5}'],
  ["ResultSelector", { Type: "Task", Resource: "arn:aws:states:::mock", Parameters: { a: 1 }, ResultSelector: json('{"__proto__.$": "$.a"}'), End: true }, {}, '{"__proto__":1}'],
  ["ResultPath", { Type: "Pass", Result: 7, ResultPath: "$.__proto__" }, {}, '{"__proto__":7}'],
  ["ResultPath through __proto__", { Type: "Pass", Result: 7, ResultPath: "$.__proto__.polluted" }, {}, '{"__proto__":{"polluted":7}}'],
  ["input passed through", { Type: "Pass" }, json('{"__proto__": {"polluted": 1}}'), '{"__proto__":{"polluted":1}}'],
  ["States.StringToJson", { Type: "Pass", Parameters: { "v.$": "States.StringToJson($.s)" } }, { s: '{"__proto__": {"polluted": 1}}' }, '{"v":{"__proto__":{"polluted":1}}}'],
  ["States.JsonMerge", { Type: "Pass", Parameters: { "v.$": "States.JsonMerge($.a, $.b, false)" } }, json('{"a": {"__proto__": {"q": 1}}, "b": {"__proto__": {"polluted": 1}}}'), '{"v":{"__proto__":{"polluted":1}}}'],
  ["JSONata Output template", { Type: "Pass", QueryLanguage: "JSONata", Output: json('{"__proto__": {"polluted": 1}, "y": "{% 1 %}"}') }, {}, '{"__proto__":{"polluted":1},"y":1}'],
  ["JSONata object constructor", { Type: "Pass", QueryLanguage: "JSONata", Output: "{% {'__proto__': {'polluted': 1}} %}" }, {}, '{"__proto__":{"polluted":1}}'],
  ["JSONata reading the input", { Type: "Pass", QueryLanguage: "JSONata", Output: "{% $states.input %}" }, json('{"__proto__": {"a": 1}}'), '{"__proto__":{"a":1}}'],
  ["Assign, then read back", { Type: "Pass", QueryLanguage: "JSONata", Assign: json('{"__proto__": {"polluted": 1}}'), Next: "read" }, {}, '{"__proto__":{"polluted":1}}'],
];

describe("__proto__ is data in the engine", () => {
  it.each(cases)("%s keeps __proto__ as a key", async (_name, state, input, expected) => {
    const definition =
      _name === "Assign, then read back"
        ? { QueryLanguage: "JSONata", StartAt: "s", States: { s: state, read: { Type: "Pass", Output: "{% {'__proto__': $__proto__} %}", End: true } } }
        : single({ ...state, ...("Next" in state ? {} : { End: true }) } as never);
    const host = new TestHost({ "arn:aws:states:::mock": (input) => input });
    const output = await outputOf(definition, input, host);
    expect(JSON.stringify(output)).toBe(expected);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
  });
});

describe("__proto__ is data in the library", () => {
  it("a state named __proto__ renders, and a parameter key __proto__ is kept", () => {
    const proto = new Pass("__proto__", { parameters: own("__proto__", { polluted: 1 }) as never });
    const first = new Pass("first");
    first.goesTo(proto);
    const asl = JSON.stringify(new StateMachine("m", [first, proto], first).toDefinition());
    expect(JSON.parse(asl)).toEqual(json('{"StartAt":"first","States":{"first":{"Type":"Pass","Next":"__proto__"},"__proto__":{"Type":"Pass","Parameters":{"__proto__":{"polluted":1}},"End":true}}}'));
  });

  it("validation does not take Object.prototype for a state named __proto__", () => {
    const problems = validateDefinition(json('{"StartAt":"a","States":{"a":{"Type":"Pass","Next":"__proto__"}}}') as never);
    expect(problems.map((problem) => problem.message).join("\n")).toContain("__proto__");
  });
});
