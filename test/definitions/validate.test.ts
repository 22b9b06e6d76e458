import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/json.js";
import {  } from "../../src/definitions/index.js";
import { intrinsicProblem, pathProblem, validateDefinition } from "../../src/asl/index.js";

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

describe("validateDefinition: the field table", () => {
  const aslValidator = createRequire(import.meta.url)("asl-validator") as (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => { isValid: boolean; errorsText(): string };
  const messages = (asl: JsonObject): string[] => validateDefinition(asl).map((p) => `${p.state}: ${p.message}`);

  it("accepts every field a state takes, in both query languages (asl-validator agrees)", () => {
    const jsonPath = ok({
      t: {
        Type: "Task", Comment: "c", Resource: "arn:aws:states:::lambda:invoke", InputPath: "$.in", Parameters: { "a.$": "$.a" },
        ResultSelector: { "b.$": "$.b" }, ResultPath: "$.r", OutputPath: "$", TimeoutSeconds: 60, HeartbeatSeconds: 10,
        Credentials: { RoleArn: "arn:aws:iam::123456789012:role/r" }, Assign: { x: 1 },
        Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 1.5, MaxDelaySeconds: 10, JitterStrategy: "FULL" }],
        Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "f" }],
        Next: "w",
      },
      w: { Type: "Wait", Timestamp: "2024-05-01T12:30:00+00:00", Next: "c" },
      c: { Type: "Choice", Choices: [{ And: [{ Variable: "$.n", NumericGreaterThan: 1 }, { Not: { Variable: "$.t", TimestampLessThan: "2024-05-01T00:00:00Z" } }], Assign: { y: 2 }, Next: "m" }], Default: "p" },
      p: { Type: "Pass", Result: { a: 1 }, ResultPath: "$.p", Next: "m" },
      m: {
        Type: "Map", ItemsPath: "$.items", ItemSelector: { "v.$": "$$.Map.Item.Value" }, MaxConcurrency: 0, ToleratedFailurePercentage: 12, Label: "L",
        ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }, StartAt: "i", States: { i: { Type: "Succeed" } } },
        Next: "s",
      },
      s: { Type: "Succeed", OutputPath: "$.r" },
      f: { Type: "Fail", ErrorPath: "$.error.Error", CausePath: "States.Format('{}', $.error.Cause)" },
    });
    const jsonata = ok(
      {
        t: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: "{% $states.input %}", TimeoutSeconds: "{% 5 %}", HeartbeatSeconds: 2, Output: "{% $states.result %}", Next: "w" },
        w: { Type: "Wait", Seconds: "{% $states.input.wait %}", Next: "m" },
        m: { Type: "Map", Items: "{% $states.input.items %}", MaxConcurrency: "{% 2 %}", ItemProcessor: { StartAt: "i", States: { i: { Type: "Pass", End: true } } }, Next: "c" },
        c: { Type: "Choice", Choices: [{ Condition: "{% $states.input.ok %}", Output: { ok: true }, Next: "s" }], Default: "f" },
        s: { Type: "Succeed", Output: { done: true } },
        f: { Type: "Fail", Error: "{% 'E' %}", Cause: "why" },
      },
      { QueryLanguage: "JSONata" },
    );
    for (const asl of [jsonPath, jsonata]) {
      expect(messages(asl)).toEqual([]);
      const result = aslValidator(structuredClone(asl), { checkPaths: true, checkArn: true });
      expect(result.isValid, result.errorsText()).toBe(true);
    }
  });

  it("reports each field the state type does not take", () => {
    const asl = ok({
      a: { Type: "Pass", Retry: [{ ErrorEquals: ["States.ALL"] }], ResultSelector: { a: 1 }, Next: "b" },
      b: { Type: "Wait", Seconds: 1, Catch: [{ ErrorEquals: ["States.ALL"], Next: "f" }], ResultPath: "$.x", Next: "c" },
      c: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Branches: [], Timeout: 5, Next: "f" },
      f: { Type: "Fail", InputPath: "$.a", Assign: { x: 1 } },
    });
    expect(messages(asl)).toEqual([
      "a: a Pass state cannot have Retry",
      "a: a Pass state cannot have ResultSelector",
      "b: a Wait state cannot have Catch",
      "b: a Wait state cannot have ResultPath",
      "c: a Task state cannot have Branches",
      "c: a Task state cannot have Timeout",
      "f: a Fail state cannot have InputPath",
      "f: a Fail state cannot have Assign",
    ]);
  });

  it("reports values of the wrong type or range, naming the field", () => {
    const asl = ok({
      w: { Type: "Wait", Seconds: -1, Comment: 5, Next: "v" },
      v: { Type: "Wait", Timestamp: "yesterday", Next: "x" },
      x: { Type: "Wait", Seconds: 1.5, Next: "t" },
      t: {
        Type: "Task", Resource: "arn:aws:states:::sns:publish", TimeoutSeconds: 0, HeartbeatSeconds: "10", Parameters: "$.a",
        Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 0, BackoffRate: 0.5, MaxDelaySeconds: 31_622_401, JitterStrategy: "SOME", Tries: 2 }],
        Next: "m",
      },
      m: { Type: "Map", MaxConcurrency: -1, ToleratedFailurePercentage: 101, ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED" }, StartAt: "i", States: { i: { Type: "Succeed" } } }, End: true },
    });
    expect(messages(asl)).toEqual([
      "w: Seconds must be a whole number in [0, 99999999], got -1",
      "w: Comment must be a string, got 5",
      'v: Timestamp must be an RFC 3339 timestamp such as "2024-05-01T12:30:00Z", got "yesterday"',
      "x: Seconds must be a whole number in [0, 99999999], got 1.5",
      "t: TimeoutSeconds must be a whole number in [1, 99999999], got 0",
      't: HeartbeatSeconds must be a whole number in [1, 99999999], got "10"',
      't: Parameters must be an object, got "$.a"',
      "t: Retry[0].IntervalSeconds must be a whole number in [1, 99999999], got 0",
      "t: Retry[0].BackoffRate must be a number >= 1, got 0.5",
      "t: Retry[0].MaxDelaySeconds must be a whole number in [1, 31622400], got 31622401",
      't: Retry[0].JitterStrategy must be one of FULL, NONE, got "SOME"',
      "t: Retry[0] cannot have Tries: it takes ErrorEquals, Comment, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy",
      "m: MaxConcurrency must be a whole number >= 0, got -1",
      "m: ToleratedFailurePercentage must be a number in [0, 100], got 101",
    ]);
  });

  it("reports a JSONata expression where a JSONPath state needs a number; a JSONata state may give one", () => {
    const states = (): JsonObject => ({
      t: { Type: "Task", Resource: "arn:aws:states:::sns:publish", TimeoutSeconds: "{% 5 %}", HeartbeatSeconds: "{% 2 %}", Next: "w" },
      w: { Type: "Wait", Seconds: "{% 5 %}", End: true },
    });
    expect(messages(ok(states()))).toEqual([
      't: TimeoutSeconds "{% 5 %}" is a JSONata expression, but the state uses JSONPath',
      't: HeartbeatSeconds "{% 2 %}" is a JSONata expression, but the state uses JSONPath',
      'w: Seconds "{% 5 %}" is a JSONata expression, but the state uses JSONPath',
    ]);
    expect(messages(ok(states(), { QueryLanguage: "JSONata" }))).toEqual([]);
    expect(messages(ok({ w: { Type: "Wait", Seconds: "5", End: true } }, { QueryLanguage: "JSONata" }))).toEqual([
      'w: Seconds must be a whole number in [0, 99999999] or a JSONata expression "{% ... %}", got "5"',
    ]);
  });

  it("checks the shape of JSONPath Choice rules and the value each operator takes", () => {
    const rules: JsonObject[] = [
      { Variable: "$.n", Next: "s" },
      { Variable: "$.n", NumericEquals: 1, StringEquals: "a", Next: "s" },
      { Variable: "$.n", NumericEquals: "1", Next: "s" },
      { Variable: "$.t", TimestampEquals: "yesterday", Next: "s" },
      { NumericLessThan: 3, Next: "s" },
      { Variable: "$.n", NumericEqual: 1, Next: "s" },
      { And: [], Next: "s" },
      { Or: [{ Variable: "$.b", IsNull: "true" }, { Variable: "$.b", BooleanEquals: true, Next: "s" }], Next: "s" },
      { Not: "x", Next: "s" },
    ];
    const asl = ok({ c: { Type: "Choice", Choices: rules, Default: "s" }, s: { Type: "Succeed" } });
    expect(messages(asl)).toEqual([
      "c: Choices[0] has no comparison: it needs one operator (such as NumericEquals or IsPresent) on a Variable, or And, Or, Not",
      "c: Choices[1] has NumericEquals, StringEquals; a rule takes exactly one",
      'c: Choices[2].NumericEquals must be a number, got "1"',
      'c: Choices[3].TimestampEquals must be an RFC 3339 timestamp string, got "yesterday"',
      "c: Choices[4] needs a Variable (a path) for NumericLessThan",
      "c: Choices[5] cannot have NumericEqual: it is not a comparison operator",
      "c: Choices[5] has no comparison: it needs one operator (such as NumericEquals or IsPresent) on a Variable, or And, Or, Not",
      "c: Choices[6].And must be a non-empty list of rules, got []",
      'c: Choices[7].Or[0].IsNull must be a boolean, got "true"',
      "c: Choices[7].Or[1] cannot have Next: only top-level rules do",
      'c: Choices[8].Not must be a choice rule (an object), got "x"',
    ]);
  });

  it("reports a Choice with only a default (ASL needs a rule), and JSONata rules of the wrong shape", () => {
    expect(messages(ok({ c: { Type: "Choice", Choices: [], Default: "s" }, s: { Type: "Succeed" } }))).toEqual([
      "c: a Choice needs at least one rule in Choices",
    ]);
    const jsonata = ok(
      { c: { Type: "Choice", Choices: [{ Condition: "$.ok", Next: "s" }, { Condition: true, Variable: "$.x", Next: "s" }] }, s: { Type: "Succeed" } },
      { QueryLanguage: "JSONata" },
    );
    expect(messages(jsonata)).toEqual([
      'c: Choices[0].Condition must be a JSONata expression "{% ... %}" or a boolean, got "$.ok"',
      "c: Choices[1] cannot have Variable: a JSONata rule takes Condition, Next, Assign, Output, Comment",
    ]);
  });

  it("reports state names longer than 80 characters (counted as characters, not UTF-16 units)", () => {
    const long = "a".repeat(81);
    expect(validateDefinition({ StartAt: long, States: { [long]: { Type: "Succeed" } } })).toEqual([
      { state: long, message: "state name is 81 characters long, more than 80" },
    ]);
    const emoji = "🙂".repeat(80);
    expect(validateDefinition({ StartAt: emoji, States: { [emoji]: { Type: "Succeed" } } })).toEqual([]);
    expect(validateDefinition({ StartAt: "with spaces, allowed", States: { "with spaces, allowed": { Type: "Succeed" } } })).toEqual([]);
  });
});
