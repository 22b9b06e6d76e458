import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/json.js";
import { intrinsicProblem, pathProblem, validateDefinition } from "../../src/definitions/index.js";

const ok = (states: JsonObject, extra: JsonObject = {}): JsonObject => ({ StartAt: Object.keys(states)[0]!, States: states, ...extra });

describe("validateDefinition", () => {
  it("finds nothing wrong in a valid definition", () => {
    expect(validateDefinition(ok({ a: { Type: "Pass", Next: "b" }, b: { Type: "Succeed" } }))).toEqual([]);
  });

  it("reports Next, Default and Catch targets that are not in the machine or its branch", () => {
    const asl = ok({
      a: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Catch: [{ ErrorEquals: ["States.ALL"], Next: "gone" }], Next: "c" },
      c: { Type: "Choice", Choices: [{ Variable: "$.x", BooleanEquals: true, Next: "nowhere" }], Default: "lost" },
      p: { Type: "Parallel", Branches: [{ StartAt: "in", States: { in: { Type: "Pass", Next: "a" } } }], End: true },
    });
    expect(validateDefinition(asl)).toEqual([
      { state: "a", message: 'goes to "gone", which is not a state of the definition' },
      { state: "c", message: 'goes to "lost", which is not a state of the definition' },
      { state: "c", message: 'goes to "nowhere", which is not a state of the definition' },
      { state: "p", message: 'no state goes to it: it is unreachable from StartAt "a"' },
      { state: "in", branch: ["p", "branch 0"], message: 'goes to "a", which is not a state of p / branch 0' },
      { branch: ["p", "branch 0"], message: "p / branch 0 has no terminal state (Succeed, Fail, or End: true)" },
    ]);
  });

  it("reports unreachable states, no terminal state, and StartAt not a state", () => {
    expect(validateDefinition(ok({ a: { Type: "Pass", Next: "a" }, b: { Type: "Succeed" } }))).toEqual([
      { state: "b", message: 'no state goes to it: it is unreachable from StartAt "a"' },
    ]);
    expect(validateDefinition(ok({ a: { Type: "Pass", Next: "a" } }))).toEqual([
      { message: "the definition has no terminal state (Succeed, Fail, or End: true)" },
    ]);
    expect(validateDefinition({ StartAt: "x", States: { a: { Type: "Succeed" } } })).toEqual([
      { message: 'StartAt "x" is not a state of the definition' },
    ]);
    expect(validateDefinition({ StartAt: "x", States: {} })).toEqual([{ message: "the definition has no States" }]);
  });

  it("reports a name used twice across branches", () => {
    const asl = ok({
      p: {
        Type: "Parallel",
        Branches: [
          { StartAt: "x", States: { x: { Type: "Succeed" } } },
          { StartAt: "x", States: { x: { Type: "Succeed" } } },
        ],
        Next: "x",
      },
      x: { Type: "Succeed" },
    });
    expect(validateDefinition(asl)).toEqual([
      { state: "x", branch: ["p", "branch 0"], message: "state name is taken twice: also in the top level" },
      { state: "x", branch: ["p", "branch 1"], message: "state name is taken twice: also in the top level" },
    ]);
  });

  it("reports unknown Type, missing required fields, and wrong Next/End", () => {
    const asl = ok({
      a: { Type: "Teleport", End: true },
      t: { Type: "Task", End: true },
      w: { Type: "Wait", Seconds: 1, SecondsPath: "$.s", End: true },
      c: { Type: "Choice", Choices: [], Next: "s" },
      p: { Type: "Parallel", Branches: [], Next: "s", End: true },
      m: { Type: "Map", End: true },
      s: { Type: "Succeed", End: true },
      f: { Type: "Fail", Assign: { x: 1 } },
      n: { Type: "Pass" },
    });
    const messages = validateDefinition(asl).filter((p) => !p.message.startsWith("no state goes to it")).map((p) => `${p.state}: ${p.message}`);
    expect(messages).toEqual([
      'a: unknown Type "Teleport"; expected one of Task, Pass, Wait, Choice, Parallel, Map, Succeed, Fail',
      "t: a Task needs a Resource (an ARN)",
      "w: a Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; has Seconds, SecondsPath",
      "c: a Choice state cannot have Next",
      "c: a Choice needs at least one rule in Choices",
      "p: has both Next and End",
      "p: a Parallel needs at least one branch in Branches",
      "m: a Map needs exactly one of ItemProcessor and Iterator",
      "s: a Succeed state cannot have End",
      "f: a Fail state cannot have Assign",
      "n: needs Next or End: true",
    ]);
  });

  it("reports HeartbeatSeconds not below TimeoutSeconds, and distributed-only Map fields in INLINE mode", () => {
    const asl = ok({
      t: { Type: "Task", Resource: "arn:aws:states:::sns:publish", TimeoutSeconds: 10, HeartbeatSeconds: 25, Next: "m" },
      m: { Type: "Map", Label: "x", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "i", States: { i: { Type: "Succeed" } } }, End: true },
    });
    expect(validateDefinition(asl)).toEqual([
      { state: "t", message: "HeartbeatSeconds (25) must be smaller than TimeoutSeconds (10)" },
      { state: "m", message: "Label needs a distributed Map (ProcessorConfig Mode DISTRIBUTED)" },
    ]);
  });

  it("reports malformed paths, reference paths, templates and intrinsic functions", () => {
    const asl = ok({
      a: {
        Type: "Pass",
        InputPath: "input",
        ResultPath: "$.items[*]",
        OutputPath: "$..x",
        Parameters: { "ok.$": "$$.Execution.Id", "bad.$": "$.a[", "fn.$": "States.Nope(1)", nested: { "deep.$": "States.Format('{}', $.x" } },
        Next: "c",
      },
      c: { Type: "Choice", Choices: [{ Not: { Variable: "$.a..b", IsPresent: true }, Next: "d" }], Default: "d" },
      d: { Type: "Wait", TimestampPath: "$.when[?(@.x)]", End: true },
    });
    expect(validateDefinition(asl).map((p) => `${p.state}: ${p.message}`)).toEqual([
      'a: InputPath "input" is not a valid path: a path must start with $',
      'a: ResultPath "$.items[*]" is not a valid reference path: a reference path allows only [\'name\'] and [n] selectors, not [*]',
      'a: Parameters.bad.$: "$.a[" is not a valid path or intrinsic function: unclosed \'[\' at "["',
      'a: Parameters.fn.$: "States.Nope(1)" is not a valid path or intrinsic function: unknown intrinsic function States.Nope',
      'a: Parameters.nested.deep.$: "States.Format(\'{}\', $.x" is not a valid path or intrinsic function: unbalanced parentheses',
      'c: Choices[0].Not.Variable "$.a..b" is not a valid reference path: a reference path cannot use \'..\'',
      'd: TimestampPath "$.when[?(@.x)]" is not a valid reference path: a reference path allows only [\'name\'] and [n] selectors, not [?(@.x)]',
    ]);
  });

  it("parses JSONata expressions and reports those that do not parse", () => {
    const asl = ok(
      {
        a: { Type: "Pass", Output: { x: "{% $states.input.a + %}", y: "{% $sum([1, 2]) %}" }, Next: "b" },
        b: { Type: "Choice", Choices: [{ Condition: "{% $states.input.ok = %}", Next: "c" }], Default: "c" },
        c: { Type: "Succeed" },
      },
      { QueryLanguage: "JSONata" },
    );
    const problems = validateDefinition(asl);
    expect(problems.map((p) => p.state)).toEqual(["a", "b"]);
    expect(problems[0]!.message).toMatch(/^Output\.x: JSONata expression "\{% \$states\.input\.a \+ %\}" does not parse: /);
    expect(problems[1]!.message).toMatch(/^Choices\[0\]\.Condition: JSONata expression .* does not parse/);
  });

  it("reports fields of the other query language", () => {
    const asl = ok({
      a: { Type: "Pass", QueryLanguage: "JSONata", InputPath: "$.x", Next: "b" },
      b: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Arguments: { x: 1 }, Catch: [{ ErrorEquals: ["States.ALL"], Next: "c", Output: {} }], Next: "c" },
      c: { Type: "Choice", Choices: [{ Condition: "{% true %}", Next: "d" }] },
      d: { Type: "Succeed" },
    });
    expect(validateDefinition(asl).map((p) => `${p.state}: ${p.message}`)).toEqual([
      "a: InputPath is a JSONPath field, but the state uses JSONata",
      "b: Arguments is a JSONata field, but the state uses JSONPath",
      "b: Catch Output is a JSONata field, but the state uses JSONPath",
      "c: Condition is a JSONata field, but the state uses JSONPath",
    ]);
    const top = ok({ a: { Type: "Pass", QueryLanguage: "JSONPath", End: true } }, { QueryLanguage: "JSONata" });
    expect(validateDefinition(top)).toEqual([{ state: "a", message: "a state cannot use JSONPath when the machine's QueryLanguage is JSONata" }]);
  });

  it("reports bad Retry and Catch error names in raw JSON", () => {
    const asl = ok({
      a: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Retry: [{ ErrorEquals: ["States.ALL"] }, { ErrorEquals: ["States.Nope"] }],
        Catch: [{ ErrorEquals: [] , Next: "b" }],
        Next: "b",
      },
      b: { Type: "Succeed" },
    });
    expect(validateDefinition(asl).map((p) => p.message)).toEqual([
      "Retry[0]: States.ALL must be alone and in the last entry",
      'Retry[1] has the unknown error name "States.Nope"',
      "Catch[0] needs a non-empty ErrorEquals",
    ]);
  });
});

describe("the path checker", () => {
  it.each([
    ["$", {}],
    ["$.a.b[0]['c d'][\"e\"]", {}],
    ["$..a[*].b[1:3][0,1][?(@.x > 1)]", {}],
    ["$$.Execution.Input", { contextAndVariables: true }],
    ["$myVar.field", { contextAndVariables: true }],
    ["$.error-info", { reference: true }],
  ])("accepts %s", (path, rules) => {
    expect(pathProblem(path, rules)).toBeUndefined();
  });

  it.each([
    ["", {}, "a path must start with $"],
    ["$.", {}, "expected a name after '.'"],
    ["$a", {}, "a variable is not allowed here"],
    ["$$.x", { reference: true }, "the context object ($$) is not allowed here"],
    ["$.a[-1]", { reference: true }, "negative indexes"],
    ["$.a b", {}, "unexpected \" \""],
    ["$.a[x]", {}, "invalid selector [x]"],
  ])("refuses %j", (path, rules, reason) => {
    expect(pathProblem(path, rules)).toContain(reason);
  });

  it("checks intrinsic functions", () => {
    expect(intrinsicProblem("States.Format('a{}b', $.x)")).toBeUndefined();
    expect(intrinsicProblem("States.Array(States.UUID(), 'x)')")).toBeUndefined();
    expect(intrinsicProblem("States.Format('a'") ).toBe("unbalanced parentheses");
    expect(intrinsicProblem("States.Format('a') x")).toBe("text after the closing parenthesis");
    expect(intrinsicProblem("Format('a')")).toMatch(/looks like/);
  });
});
