import { describe, expect, it } from "vitest";
import { Activity } from "../../src/activities/activity.js";
import { DefinitionError, InvalidErrorNameError, InvalidNameError, InvalidOptionError } from "../../src/errors.js";
import type { JsonObject } from "../../src/json.js";
import {
  Choice,
  Condition,
  Fail,
  Lambda,
  Map,
  NumericLessThan,
  Parallel,
  Pass,
  ServiceIntegration,
  StringEquals,
  Succeed,
  Task,
  Wait,
  type State,
  type StateEdge,
} from "../../src/definitions/index.js";
import { StateMachine, constructStateMachine } from "../../src/control/state-machine.js";
import {
  validateDefinition,
} from "../../src/asl/index.js";
import { expectAslValid, session } from "./helpers.js";

/** Build a machine from `start`, check it with asl-validator, and return its definition. */
function render(start: State, options: { queryLanguage?: "JSONata" | "JSONPath" } = {}): JsonObject & { States: Record<string, JsonObject> } {
  const definition = constructStateMachine("m", start, { session, ...options }).toDefinition();
  expectAslValid(definition);
  // The library's own checks agree with asl-validator on everything the suite builds.
  expect(validateDefinition(definition)).toEqual([]);
  return definition as JsonObject & { States: Record<string, JsonObject> };
}

describe("Succeed and Fail", () => {
  it("renders Succeed with the common fields; null paths render JSON null", () => {
    const done = new Succeed("done", { comment: "all good", inputPath: "$.a", outputPath: null });
    expect(render(done)).toEqual({
      StartAt: "done",
      States: { done: { Type: "Succeed", Comment: "all good", InputPath: "$.a", OutputPath: null } },
    });
  });

  it("renders Fail with Error and Cause, or their paths", () => {
    expect(render(new Fail("fail", { error: "WorkerError", cause: "MyError was raised" }))).toEqual({
      StartAt: "fail",
      States: { fail: { Type: "Fail", Error: "WorkerError", Cause: "MyError was raised" } },
    });
    expect(render(new Fail("fail", { errorPath: "$.error", causePath: "$.cause" })).States).toEqual({
      fail: { Type: "Fail", ErrorPath: "$.error", CausePath: "$.cause" },
    });
  });

  it("renders JSONata Output and Assign on any state", () => {
    const done = new Succeed("done", { queryLanguage: "JSONata", output: "{% $states.input.x %}" });
    expect(render(done).States).toEqual({ done: { Type: "Succeed", QueryLanguage: "JSONata", Output: "{% $states.input.x %}" } });
    const pass = new Pass("p", { queryLanguage: "JSONata", output: { a: "{% 1 + 1 %}" }, assign: { y: 1 } });
    expect(render(pass).States).toEqual({ p: { Type: "Pass", QueryLanguage: "JSONata", Output: { a: "{% 1 + 1 %}" }, Assign: { y: 1 }, End: true } });
    expect(() => new Succeed("s", { assign: { y: 1 } } as never)).toThrow(/state "s": a Succeed state takes no assign/);
    expect(() => new Fail("f", { outputPath: "$" } as never)).toThrow(/state "f": a Fail state takes no outputPath/);
  });
});

describe("Pass", () => {
  it("renders Result, Parameters and ResultPath, and Next through goesTo", () => {
    const first = new Pass("initialise", { result: 0, resultPath: "$.counter" });
    const second = new Pass("reshape", { parameters: { "x.$": "$.counter", fixed: true }, resultPath: null });
    expect(first.goesTo(second)).toBe(second);
    expect(render(first).States).toEqual({
      initialise: { Type: "Pass", Result: 0, ResultPath: "$.counter", Next: "reshape" },
      reshape: { Type: "Pass", Parameters: { "x.$": "$.counter", fixed: true }, ResultPath: null, End: true },
    });
  });

  it("renders a null Result as JSON null and leaves an undefined one out", () => {
    expect(render(new Pass("p", { result: null })).States).toEqual({ p: { Type: "Pass", Result: null, End: true } });
    expect(render(new Pass("p")).States).toEqual({ p: { Type: "Pass", End: true } });
  });

  it("removeNext makes the state terminal again", () => {
    const a = new Pass("a");
    a.goesTo(new Pass("b"));
    a.removeNext();
    expect(render(a).States).toEqual({ a: { Type: "Pass", End: true } });
  });

  it("refuses a result that is not JSON, naming the state", () => {
    expect(() => new Pass("p", { result: (() => 1) as never })).toThrow(InvalidOptionError);
    expect(() => new Pass("p", { result: Number.NaN })).toThrow(/state "p": result must be a JSON value, got NaN|state "p": result/);
  });
});

describe("Wait", () => {
  it("renders Seconds for a number, Timestamp for a Date, TimestampPath for a string", () => {
    expect(render(new Wait("w", 10)).States).toEqual({ w: { Type: "Wait", Seconds: 10, End: true } });
    expect(render(new Wait("w", new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).States).toEqual({
      w: { Type: "Wait", Timestamp: "2024-01-02T03:04:05+00:00", End: true },
    });
    expect(render(new Wait("w", new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 250)))).States["w"]).toEqual({
      Type: "Wait",
      Timestamp: "2024-01-02T03:04:05.250+00:00",
      End: true,
    });
    expect(render(new Wait("w", "$.until")).States).toEqual({ w: { Type: "Wait", TimestampPath: "$.until", End: true } });
  });

  it("renders SecondsPath and the JSONata Seconds/Timestamp expressions from the object forms", () => {
    expect(render(new Wait("w", { secondsPath: "$.delay" })).States).toEqual({ w: { Type: "Wait", SecondsPath: "$.delay", End: true } });
    const jsonata = new Wait("w", { seconds: "{% $states.input.delay %}" }, { queryLanguage: "JSONata" });
    expect(render(jsonata).States).toEqual({ w: { Type: "Wait", QueryLanguage: "JSONata", Seconds: "{% $states.input.delay %}", End: true } });
    const at = new Wait("w", { timestamp: "{% $states.input.at %}" }, { queryLanguage: "JSONata" });
    expect(render(at).States["w"]).toEqual({ Type: "Wait", QueryLanguage: "JSONata", Timestamp: "{% $states.input.at %}", End: true });
  });

  it("refuses negative, fractional and malformed wait times, naming the state and value", () => {
    expect(() => new Wait("w", -1)).toThrow(/state "w": wait time must be a whole number of seconds .* got -1/);
    expect(() => new Wait("w", 1.5)).toThrow(InvalidOptionError);
    expect(() => new Wait("w", new Date(Number.NaN))).toThrow(/valid Date/);
    expect(() => new Wait("w", "")).toThrow(InvalidOptionError);
    expect(() => new Wait("w", { seconds: "soon" })).toThrow(InvalidOptionError);
    expect(() => new Wait("w", {} as never)).toThrow(InvalidOptionError);
  });
});

describe("Task", () => {
  it("renders an activity's ARN and HeartbeatSeconds = heartbeat + 5, as sfini", () => {
    const activity = new Activity("testaddActivity", { session });
    const task = new Task("add", activity, { timeout: 60 });
    expect(render(task).States).toEqual({
      add: {
        Type: "Task",
        Resource: "arn:aws:states:us-west-2:123456789012:activity:testaddActivity",
        TimeoutSeconds: 60,
        HeartbeatSeconds: 25,
        End: true,
      },
    });
    const slow = new Task("slow", new Activity("slow", { session, heartbeat: 3 }));
    expect(slow.toAsl()["HeartbeatSeconds"]).toBe(8);
  });

  it("an explicit heartbeat or heartbeatPath wins over the activity's", () => {
    const activity = new Activity("act", { session });
    expect(new Task("t", activity, { heartbeat: 7, timeout: 30 }).toAsl()["HeartbeatSeconds"]).toBe(7);
    const byPath = new Task("t", activity, { heartbeatPath: "$.hb" }).toAsl();
    expect(byPath["HeartbeatSecondsPath"]).toBe("$.hb");
    expect(byPath["HeartbeatSeconds"]).toBeUndefined();
  });

  it("renders a Lambda, a raw ARN, and I/O fields", () => {
    const task = new Task("call", new Lambda("myFunction", { session }), {
      inputPath: "$.in",
      parameters: { "payload.$": "$" },
      resultSelector: { "value.$": "$.Payload" },
      resultPath: "$.out",
      outputPath: "$.out",
      timeoutPath: "$.timeout",
      credentials: { roleArn: "arn:aws:iam::123456789012:role/other" },
    });
    expect(render(task).States).toEqual({
      call: {
        Type: "Task",
        Resource: "arn:aws:lambda:us-west-2:123456789012:function:myFunction",
        InputPath: "$.in",
        Parameters: { "payload.$": "$" },
        ResultSelector: { "value.$": "$.Payload" },
        ResultPath: "$.out",
        OutputPath: "$.out",
        TimeoutSecondsPath: "$.timeout",
        Credentials: { RoleArn: "arn:aws:iam::123456789012:role/other" },
        End: true,
      },
    });
    const raw = new Task("raw", "arn:aws:states:::sqs:sendMessage", { parameters: { QueueUrl: "q", "MessageBody.$": "$" } });
    expect(render(raw).States["raw"]).toEqual({
      Type: "Task",
      Resource: "arn:aws:states:::sqs:sendMessage",
      Parameters: { QueueUrl: "q", "MessageBody.$": "$" },
      End: true,
    });
  });

  it("renders JSONata Arguments, Output and expression timeouts", () => {
    const task = new Task("call", new ServiceIntegration("lambda", "invoke", { session }), {
      queryLanguage: "JSONata",
      arguments: { FunctionName: "f", Payload: "{% $states.input %}" },
      output: "{% $states.result.Payload %}",
      timeout: "{% $states.input.timeout %}",
      credentials: { roleArnPath: "$.role" },
    });
    expect(task.toAsl()).toEqual({
      Type: "Task",
      QueryLanguage: "JSONata",
      Resource: "arn:aws:states:::lambda:invoke",
      Arguments: { FunctionName: "f", Payload: "{% $states.input %}" },
      Credentials: { "RoleArn.$": "$.role" },
      TimeoutSeconds: "{% $states.input.timeout %}",
      Output: "{% $states.result.Payload %}",
      End: true,
    });
  });

  it("refuses a bad resource, timeout, or both a value and its path", () => {
    expect(() => new Task("t", "not-an-arn")).toThrow(/state "t": resource must be .* got "not-an-arn"/);
    expect(() => new Task("t", {} as never)).toThrow(InvalidOptionError);
    expect(() => new Task("t", "arn:aws:states:::sns:publish", { timeout: 0 })).toThrow(/state "t": timeout must be a whole number/);
    expect(() => new Task("t", "arn:aws:states:::sns:publish", { timeout: 5, timeoutPath: "$.t" })).toThrow(/not both/);
    expect(() => new Task("t", "arn:aws:states:::sns:publish", { heartbeat: 5, heartbeatPath: "$.t" })).toThrow(/not both/);
    expect(() => new Task("t", "arn:aws:states:::sns:publish", { credentials: { roleArn: 3 } as never })).toThrow(/credentials/);
    expect(() => new Task("t", "arn:aws:states:::sns:publish", { resultPath: 5 as never })).toThrow(/resultPath/);
  });
});

describe("Retry and Catch", () => {
  it("renders every retry option and catch option", () => {
    const recover = new Pass("recover");
    const task = new Task("t", "arn:aws:states:::sns:publish")
      .retryFor(["States.Timeout"], { interval: 3, maxAttempts: 5, backoffRate: 1.5, maxDelay: 60, jitter: "FULL" })
      .retryFor(["States.ALL"])
      .catch(["MyError"], recover, { resultPath: "$.error-info" })
      .catch(["States.ALL"], recover, { resultPath: null });
    expect(render(task).States).toEqual({
      t: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish",
        Retry: [
          { ErrorEquals: ["States.Timeout"], IntervalSeconds: 3, MaxAttempts: 5, BackoffRate: 1.5, MaxDelaySeconds: 60, JitterStrategy: "FULL" },
          { ErrorEquals: ["States.ALL"] },
        ],
        Catch: [
          { ErrorEquals: ["MyError"], Next: "recover", ResultPath: "$.error-info" },
          { ErrorEquals: ["States.ALL"], Next: "recover", ResultPath: null },
        ],
        End: true,
      },
      recover: { Type: "Pass", End: true },
    });
  });

  it("renders JSONata catch Output and Assign", () => {
    const recover = new Pass("recover", { queryLanguage: "JSONata" });
    const task = new Task("t", "arn:aws:states:::sns:publish", { queryLanguage: "JSONata" }).catch(["States.ALL"], recover, {
      output: "{% $states.errorOutput %}",
      assign: { failed: true },
    });
    expect(task.toAsl()["Catch"]).toEqual([{ ErrorEquals: ["States.ALL"], Next: "recover", Output: "{% $states.errorOutput %}", Assign: { failed: true } }]);
  });

  it("refuses sfini's bad error lists with InvalidErrorNameError", () => {
    const task = () => new Task("t", "arn:aws:states:::sns:publish");
    expect(() => task().retryFor([])).toThrow(InvalidErrorNameError);
    expect(() => task().catch([], new Pass("p"))).toThrow(/at least one error name/);
    expect(() => task().retryFor(["States.ALL", "MyError"])).toThrow(/cannot be combined/);
    expect(() => task().retryFor(["States.Bogus"])).toThrow(/"States.Bogus" is not a States error/);
    expect(() => task().catch(["States.ALL"], new Pass("p")).catch(["MyError"], new Pass("q"))).toThrow(/must be the last one/);
    expect(() => task().retryFor([""])).toThrow(InvalidErrorNameError);
  });

  it("refuses bad retry values, naming the state and value", () => {
    const task = new Task("t", "arn:aws:states:::sns:publish");
    expect(() => task.retryFor(["E"], { interval: 0 })).toThrow(/state "t": retry interval must be a whole number .* got 0/);
    expect(() => task.retryFor(["E"], { backoffRate: 0.5 })).toThrow(/backoffRate/);
    expect(() => task.retryFor(["E"], { maxAttempts: -1 })).toThrow(/maxAttempts/);
    expect(() => task.retryFor(["E"], { jitter: "SOME" as never })).toThrow(/jitter must be one of "FULL", "NONE"/);
    expect(() => task.catch(["E"], "next" as never)).toThrow(/catch nextState must be a State/);
  });
});

describe("Choice", () => {
  it("renders Choices and Default, with the rules' own ASL", () => {
    const loop = new Pass("loop");
    const done = new Succeed("done");
    const check = new Choice("check");
    loop.goesTo(check);
    check.add(new NumericLessThan("$.counter", 10, loop));
    expect(check.setDefault(done)).toBe(done);
    expect(render(loop).States).toEqual({
      loop: { Type: "Pass", Next: "check" },
      check: { Type: "Choice", Choices: [{ Variable: "$.counter", NumericLessThan: 10, Next: "loop" }], Default: "done" },
      done: { Type: "Succeed" },
    });
  });

  it("remove takes a rule out, and refuses one it does not have", () => {
    const a = new Succeed("a");
    const rule = new StringEquals("$.x", "a", a);
    const other = new StringEquals("$.x", "b", a);
    const check = new Choice("check").add(rule).add(other);
    check.remove(rule);
    expect(check.toAsl()).toEqual({ Type: "Choice", Choices: [{ Variable: "$.x", StringEquals: "b", Next: "a" }] });
    expect(() => check.remove(rule)).toThrow(/not one of its rules/);
  });

  it("a Choice with no rule and no default is a DefinitionError at render time", () => {
    const check = new Choice("check");
    expect(() => check.toAsl()).toThrow(DefinitionError);
    expect(() => constructStateMachine("m", check, { session }).toDefinition()).toThrow(/no rule and no default/);
    // ASL needs at least one rule: a default alone is refused too, naming the state.
    check.setDefault(new Succeed("s"));
    expect(() => check.toAsl()).toThrow(/choice state "check" has a default but no rule: ASL needs at least one rule in Choices/);
  });

  it("refuses a top-level rule without a next state", () => {
    expect(() => new Choice("c").add(new NumericLessThan("$.x", 1))).toThrow(/must have a next state/);
    expect(() => new Choice("c").add({} as never)).toThrow(InvalidOptionError);
    const s = new Succeed("s");
    const mixed = new Choice("c").add(new NumericLessThan("$.x", 1, s));
    expect(() => mixed.add(new Condition("{% true %}", s))).toThrow(/state "c": rule .* is JSONata but rule \$\.x < 1 is JSONPath/);
  });

  it("renders a JSONata Condition", () => {
    const yes = new Succeed("yes");
    const check = new Choice("check", { queryLanguage: "JSONata" }).add(new Condition("{% $states.input.ok %}", yes));
    check.setDefault(new Fail("no"));
    expect(render(check).States).toEqual({
      check: { Type: "Choice", QueryLanguage: "JSONata", Choices: [{ Condition: "{% $states.input.ok %}", Next: "yes" }], Default: "no" },
      yes: { Type: "Succeed" },
      no: { Type: "Fail" },
    });
  });
});

describe("Parallel", () => {
  it("renders Branches from start states and from state machines, in order", () => {
    const log = new Task("log", "arn:aws:states:us-west-2:123456789012:activity:log", { resultPath: null });
    const print = new Task("print", "arn:aws:states:us-west-2:123456789012:activity:print", { resultPath: "$.until" });
    print.goesTo(new Wait("wait", "$.until"));
    const printMachine = constructStateMachine("printSM", print, { session });
    const parallel = new Parallel("both", { resultPath: "$.parallel", outputPath: "$.parallel", resultSelector: { "r.$": "$" } });
    parallel.add(log).add(printMachine);
    expect(render(parallel)).toEqual({
      StartAt: "both",
      States: {
        both: {
          Type: "Parallel",
          Branches: [
            { StartAt: "log", States: { log: { Type: "Task", Resource: "arn:aws:states:us-west-2:123456789012:activity:log", ResultPath: null, End: true } } },
            {
              StartAt: "print",
              States: {
                print: { Type: "Task", Resource: "arn:aws:states:us-west-2:123456789012:activity:print", ResultPath: "$.until", Next: "wait" },
                wait: { Type: "Wait", TimestampPath: "$.until", End: true },
              },
            },
          ],
          ResultSelector: { "r.$": "$" },
          ResultPath: "$.parallel",
          OutputPath: "$.parallel",
          End: true,
        },
      },
    });
  });

  it("exposes branches as sub-graphs, and refuses what is not a branch", () => {
    const parallel = new Parallel("p").add(new Succeed("a"));
    expect(parallel.subGraphs().map((g) => [g.label, g.startState.name])).toEqual([["branch 0", "a"]]);
    expect(() => parallel.add("a" as never)).toThrow(/state "p": a branch 1 must be a State or a StateMachine/);
  });

  it("renders JSONata Arguments", () => {
    const parallel = new Parallel("p", { queryLanguage: "JSONata", arguments: "{% $states.input.items %}" }).add(new Succeed("a"));
    expect(parallel.toAsl()).toEqual({
      Type: "Parallel",
      QueryLanguage: "JSONata",
      Arguments: "{% $states.input.items %}",
      Branches: [{ StartAt: "a", States: { a: { Type: "Succeed" } } }],
      End: true,
    });
  });
});

describe("Map", () => {
  it("renders an inline ItemProcessor with its ProcessorConfig and the Map fields", () => {
    const map = new Map("each", { itemsPath: "$.items", itemSelector: { "item.$": "$$.Map.Item.Value" }, maxConcurrency: 2, resultPath: "$.results" });
    map.itemProcessor(new Pass("double"));
    expect(render(map)).toEqual({
      StartAt: "each",
      States: {
        each: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemSelector: { "item.$": "$$.Map.Item.Value" },
          MaxConcurrency: 2,
          ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "double", States: { double: { Type: "Pass", End: true } } },
          ResultPath: "$.results",
          End: true,
        },
      },
    });
  });

  it("renders distributed mode: reader, batcher, writer, tolerated failures, label", () => {
    const map = new Map("each", {
      itemReader: { resource: "arn:aws:states:::s3:getObject", readerConfig: { InputType: "JSON", MaxItems: 10 }, parameters: { Bucket: "b", Key: "k" } },
      itemBatcher: { maxItemsPerBatch: 5, batchInput: { run: 1 } },
      resultWriter: { resource: "arn:aws:states:::s3:putObject", parameters: { Bucket: "out", Prefix: "p" } },
      toleratedFailurePercentage: 10,
      toleratedFailureCount: 3,
      label: "each",
      maxConcurrencyPath: "$.concurrency",
    });
    map.itemProcessor(new Pass("work"), { mode: "DISTRIBUTED", executionType: "EXPRESS" });
    expect(render(map).States["each"]).toEqual({
      Type: "Map",
      MaxConcurrencyPath: "$.concurrency",
      ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "JSON", MaxItems: 10 }, Parameters: { Bucket: "b", Key: "k" } },
      ItemBatcher: { MaxItemsPerBatch: 5, BatchInput: { run: 1 } },
      ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "out", Prefix: "p" } },
      ToleratedFailureCount: 3,
      ToleratedFailurePercentage: 10,
      Label: "each",
      ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }, StartAt: "work", States: { work: { Type: "Pass", End: true } } },
      End: true,
    });
  });

  it("renders JSONata Items and refuses bad Map options", () => {
    const map = new Map("each", { queryLanguage: "JSONata", items: "{% $states.input.list %}" }).itemProcessor(new Succeed("ok"));
    expect(map.toAsl()).toEqual({
      Type: "Map",
      QueryLanguage: "JSONata",
      Items: "{% $states.input.list %}",
      ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "ok", States: { ok: { Type: "Succeed" } } },
      End: true,
    });
    expect(() => new Map("m", { items: "$.list" })).toThrow(/items must be an array or a JSONata expression/);
    expect(() => new Map("m", { maxConcurrency: -1 })).toThrow(/state "m": maxConcurrency/);
    expect(() => new Map("m", { toleratedFailurePercentage: 101 })).toThrow(/toleratedFailurePercentage/);
    expect(() => new Map("m", { itemReader: { resource: 5 as never } })).toThrow(/itemReader.resource/);
    expect(() => new Map("m").itemProcessor(new Pass("p"), { mode: "FAST" as never })).toThrow(/mode/);
  });
});

describe("every state", () => {
  it("validates its name with validateName", () => {
    expect(() => new Pass("bad name")).toThrow(InvalidNameError);
    expect(() => new Succeed("x".repeat(81))).toThrow(InvalidNameError);
  });

  it("refuses common options of the wrong type, naming the state and the value", () => {
    expect(() => new Pass("p", { comment: 5 as never })).toThrow(/state "p": comment must be a string, got 5/);
    expect(() => new Pass("p", { inputPath: "" })).toThrow(/inputPath/);
    expect(() => new Pass("p", { queryLanguage: "XPath" as never })).toThrow(/queryLanguage must be one of "JSONPath", "JSONata", got "XPath"/);
    expect(() => new Pass("p", { assign: [] as never })).toThrow(/assign must be a JSON object/);
    expect(() => new Pass("p").goesTo("next" as never)).toThrow(/goesTo must be a State/);
  });

  it("exposes its edges for the graph walk", () => {
    const a = new Task("a", "arn:aws:states:::sns:publish");
    const b = new Pass("b");
    const c = new Fail("c");
    a.goesTo(b);
    a.catch(["E1", "E2"], c);
    expect(a.edges()).toEqual([
      { target: b, kind: "next" },
      { target: c, kind: "catch", label: "E1, E2" },
    ]);
    const choice = new Choice("ch").add(new NumericLessThan("$.n", 3, b));
    choice.setDefault(c);
    expect(choice.edges()).toEqual([
      { target: b, kind: "choice", label: "$.n < 3" },
      { target: c, kind: "default" },
    ]);
    expect(String(a)).toBe("a [Task]");
  });

  it("targets() lists the edges' states in the same order, for every kind of state", () => {
    const b = new Pass("b");
    const c = new Fail("c");
    const d = new Succeed("d");
    const task = new Task("a", "arn:aws:states:::sns:publish");
    task.goesTo(b);
    task.catch(["E1"], c).catch(["States.ALL"], d);
    const choice = new Choice("ch").add(new NumericLessThan("$.n", 3, b)).add(new NumericLessThan("$.n", 9, d));
    choice.setDefault(c);
    const states = [task, choice, b, c, d, new Wait("w", { seconds: 1 }).removeNext(), new Parallel("p").add(d)];
    for (const state of states) expect(state.targets()).toEqual(state.edges().map((edge) => edge.target));
    expect(task.targets()).toEqual([b, c, d]);
    expect(choice.targets()).toEqual([b, d, c]);
    expect(d.targets()).toEqual([]);
  });

  it("targets() of a state type that only overrides edges() comes from its edges", () => {
    const b = new Pass("b");
    class Custom extends Succeed {
      override edges(): StateEdge[] {
        return [{ target: b, kind: "next" }];
      }
    }
    expect(new Custom("x").targets()).toEqual([b]);
  });

  it("StateMachine branches need not be registered and keep their explicit states", () => {
    const a = new Pass("a");
    const machine = new StateMachine("branch", { a }, a, { session });
    const parallel = new Parallel("p").add(machine);
    expect(parallel.subGraphs()[0]!.states).toEqual([a]);
  });
});
