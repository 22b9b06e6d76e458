import { describe, expect, it } from "vitest";
import { Activity } from "../../src/activities/activity.js";
import { DefinitionError, InvalidNameError, InvalidOptionError } from "../../src/errors.js";
import {
  Choice,
  DynamoPutItem,
  LambdaInvoke,
  MapState,
  NumericLessThan,
  Parallel,
  Pass,
  ServiceIntegration,
  SnsPublish,
  SqsSendMessage,
  StartExecution,
  StateGraph,
  Succeed,
  Task,
} from "../../src/definitions/index.js";
import { StateMachine, constructStateMachine } from "../../src/control/state-machine.js";
import { AWSSession, defaultSession } from "../../src/session.js";
import { expectAslValid, session } from "./helpers.js";

describe("constructStateMachine", () => {
  it("collects every state reachable through Next, Catch, Choice rules and Default", () => {
    const start = new Task("start", "arn:aws:states:::sns:publish");
    const check = new Choice("check");
    const again = new Pass("again");
    const caught = new Succeed("caught");
    const done = new Succeed("done");
    start.goesTo(check);
    start.catch(["States.ALL"], caught);
    check.add(new NumericLessThan("$.n", 3, again));
    check.setDefault(done);
    again.goesTo(start);
    const sm = constructStateMachine("loop", start, { session, comment: "a loop", timeout: 300, version: "1.0" });
    expect(Object.keys(sm.states)).toEqual(["start", "check", "again", "done", "caught"]);
    expect(sm.startState).toBe(start);
    const definition = sm.toDefinition();
    expect(definition).toEqual({
      Comment: "a loop",
      StartAt: "start",
      States: {
        start: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Catch: [{ ErrorEquals: ["States.ALL"], Next: "caught" }], Next: "check" },
        check: { Type: "Choice", Choices: [{ Variable: "$.n", NumericLessThan: 3, Next: "again" }], Default: "done" },
        again: { Type: "Pass", Next: "start" },
        done: { Type: "Succeed" },
        caught: { Type: "Succeed" },
      },
      TimeoutSeconds: 300,
      Version: "1.0",
    });
    expectAslValid(definition);
    expect(sm.toJSON()).toEqual(definition);
    expect(JSON.parse(JSON.stringify(sm))).toEqual(definition);
    expect(sm.validate()).toEqual([]);
    expect(String(sm)).toBe("'loop' (5 states)");
  });

  it("renders a chain of 100,000 states (no recursion)", () => {
    const first = new Pass("s0");
    let last = first;
    for (let i = 1; i < 100_000; i++) last = last.goesTo(new Pass(`s${i}`));
    const definition = constructStateMachine("long", first, { session }).toDefinition();
    const states = definition["States"] as Record<string, unknown>;
    expect(Object.keys(states).length).toBe(100_000);
    expect(states["s99999"]).toEqual({ Type: "Pass", End: true });
    expect(states["s41"]).toEqual({ Type: "Pass", Next: "s42" });
  });

  it("uses the default session when none is given, and takes QueryLanguage", () => {
    const sm = constructStateMachine("m", new Succeed("s"), { queryLanguage: "JSONata" });
    expect(sm.session).toBe(defaultSession());
    expect(sm.toDefinition()).toEqual({ QueryLanguage: "JSONata", StartAt: "s", States: { s: { Type: "Succeed" } } });
  });

  it("a second, different state with a taken name is a DefinitionError naming both places", () => {
    const a = new Pass("same");
    a.goesTo(new Pass("same"));
    expect(() => constructStateMachine("m", a, { session })).toThrow(DefinitionError);
    expect(() => constructStateMachine("m", a, { session })).toThrow(/"same" is taken twice: same \[Pass\] in the top level, and same \[Pass\] in the top level/);

    const top = new Parallel("p").add(new Pass("inner"));
    top.goesTo(new Succeed("inner"));
    expect(() => constructStateMachine("m", top, { session })).toThrow(/"inner" is taken twice: .* in (the top level|p \/ branch 0), and .* in (the top level|p \/ branch 0)/);
  });

  it("refuses a bad name or options", () => {
    expect(() => constructStateMachine("bad name", new Succeed("s"))).toThrow(InvalidNameError);
    expect(() => constructStateMachine("m", "s" as never)).toThrow(InvalidOptionError);
    expect(() => constructStateMachine("m", new Succeed("s"), { timeout: 0 })).toThrow(/state machine "m": timeout must be a whole number/);
    expect(() => constructStateMachine("m", new Succeed("s"), { type: "FAST" as never })).toThrow(/type must be one of/);
    expect(() => constructStateMachine("m", new Succeed("s"), { tags: { a: 1 } as never })).toThrow(/tags/);
  });
});

describe("new StateMachine", () => {
  it("takes a record or a list of states and a start state or its name", () => {
    const a = new Pass("a");
    const b = new Succeed("b");
    a.goesTo(b);
    const byRecord = new StateMachine("m", { a, b }, "a", { session, type: "EXPRESS", tags: { team: "x" } });
    const byList = new StateMachine("m", [a, b], a, { session });
    expect(byRecord.toDefinition()).toEqual(byList.toDefinition());
    expect(byRecord.toDefinition()).toEqual({ StartAt: "a", States: { a: { Type: "Pass", Next: "b" }, b: { Type: "Succeed" } } });
    expect(byRecord.type).toBe("EXPRESS");
    expect(byRecord.tags).toEqual({ team: "x" });
  });

  it("refuses a start state that is not one of its states, and keys that are not the names", () => {
    const a = new Succeed("a");
    expect(() => new StateMachine("m", { a }, "b", { session })).toThrow(/start state "b" is not one of its states/);
    expect(() => new StateMachine("m", { a }, new Succeed("a"), { session })).toThrow(DefinitionError);
    expect(() => new StateMachine("m", { x: a }, "x", { session })).toThrow(/states\["x"\] is the state named "a"/);
    expect(() => new StateMachine("m", [a, new Succeed("a")], "a", { session })).toThrow(/two different states are named "a"/);
  });

  it("validate() reports states the record lacks, and edges to a different object of a taken name", () => {
    const a = new Pass("a");
    const b = new Succeed("b");
    a.goesTo(b);
    expect(new StateMachine("m", { a }, a, { session }).validate()).toEqual([
      { state: "a", message: 'goes to "b", which is not a state of the definition' },
      { message: "the definition has no terminal state (Succeed, Fail, or End: true)" },
    ]);
    const impostor = new Succeed("b");
    expect(new StateMachine("m", { a, b: impostor }, a, { session }).validate()).toEqual([
      { state: "a", message: "its next edge goes to b [Succeed], a different state than b [Succeed] of that name in the top level" },
    ]);
    const choice = new Choice("ch").add(new NumericLessThan("$.n", 1, b)).add(new NumericLessThan("$.n", 2, a));
    choice.setDefault(b);
    expect(new StateMachine("m", { ch: choice, a, b: impostor }, choice, { session }).validate()).toEqual([
      { state: "ch", message: "its choice edge goes to b [Succeed], a different state than b [Succeed] of that name in the top level" },
      { state: "ch", message: "its default edge goes to b [Succeed], a different state than b [Succeed] of that name in the top level" },
      { state: "a", message: "its next edge goes to b [Succeed], a different state than b [Succeed] of that name in the top level" },
    ]);
  });

  it("validate() turns render errors into problems, and assertValid throws them all", () => {
    const check = new Choice("check");
    const sm = new StateMachine("m", [check], check, { session });
    expect(sm.validate()).toEqual([{ state: "check", message: "Choice has no rule and no default" }]);
    expect(() => sm.assertValid()).toThrow(/state machine "m" is not valid:\n {2}- "check": Choice has no rule and no default/);
    try {
      sm.assertValid();
    } catch (error) {
      expect((error as DefinitionError).problems).toEqual([{ state: "check", message: "Choice has no rule and no default" }]);
    }
    expect(() => constructStateMachine("ok", new Succeed("s"), { session }).assertValid()).not.toThrow();
  });

  it("validate() reports what an EXPRESS machine cannot run", () => {
    const act = new Task("act", new Activity("work", { session }));
    const sync = new Task("sync", new StartExecution({ session, pattern: "sync" }));
    act.goesTo(sync);
    const sm = constructStateMachine("m", act, { session, type: "EXPRESS" });
    expect(sm.validate()).toEqual([
      { state: "act", message: "EXPRESS state machines cannot run activities" },
      { state: "sync", message: "EXPRESS state machines do not support the sync integration pattern" },
    ]);
  });

  it("lists its states in the order given, and renders and draws them start first", () => {
    const a = new Pass("a");
    const b = new Pass("b");
    const c = new Succeed("c");
    a.goesTo(b).goesTo(c);
    const sm = new StateMachine("m", [c, b, a], a, { session });
    expect(Object.keys(sm.states)).toEqual(["c", "b", "a"]);
    expect(sm.states).toBe(sm.states);
    expect(Object.keys(sm.toDefinition()["States"] as object)).toEqual(["a", "c", "b"]);
    expect([...sm.graph().states.keys()]).toEqual(["a", "c", "b"]);
    expect(String(sm)).toBe("'m' (3 states)");
  });

  it("a name of the top level taken again in a branch is a DefinitionError, also for new StateMachine", () => {
    const p = new Parallel("p").add(new Pass("twin"));
    const twin = new Succeed("twin");
    p.goesTo(twin);
    const sm = new StateMachine("m", [p, twin], p, { session });
    expect(() => sm.toDefinition()).toThrow(/"twin" is taken twice: twin \[Succeed\] in the top level, and twin \[Pass\] in p \/ branch 0/);
    expect(sm.validate()).toEqual([{ state: "twin", branch: [], message: "name also used in p / branch 0" }]);
  });

  it("a Parallel of 130,000 branches renders, validates and draws (no argument-list spreads)", () => {
    const p = new Parallel("p");
    for (let i = 0; i < 130_000; i++) p.add(new Succeed(`b${i}`));
    const sm = constructStateMachine("wide", p, { session });
    expect(sm.graph().allGraphs()).toHaveLength(130_001);
    const branches = sm.toDefinition()["States"] as Record<string, { Branches: unknown[] }>;
    expect(branches["p"]!.Branches[129_999]).toEqual({ StartAt: "b129999", States: { b129999: { Type: "Succeed" } } });
    expect(sm.validate()).toEqual([]);
    expect(sm.toMermaid()).toContain("subgraph cluster129999");
  }, 120_000);

  it("renders branches from the graph of the same call, so a change between calls shows", () => {
    const inner = new Pass("inner");
    const p = new Parallel("p").add(inner).add(new MapState("m").itemProcessor(new Succeed("item")));
    const sm = constructStateMachine("m2", p, { session });
    const branches = (): unknown => (sm.toDefinition()["States"] as Record<string, { Branches: unknown }>)["p"]!.Branches;
    expect(branches()).toEqual([
      { StartAt: "inner", States: { inner: { Type: "Pass", End: true } } },
      { StartAt: "m", States: { m: { Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "item", States: { item: { Type: "Succeed" } } }, End: true } } },
    ]);
    inner.goesTo(new Succeed("after"));
    expect((branches() as unknown[])[0]).toEqual({ StartAt: "inner", States: { inner: { Type: "Pass", Next: "after" }, after: { Type: "Succeed" } } });
    expect(p.toAsl()["Branches"]).toEqual(branches());
  });

  it("exposes its graph with nested branches", () => {
    const p = new Parallel("p").add(new Succeed("x")).add(new Succeed("y"));
    const graph: StateGraph = constructStateMachine("m", p, { session }).graph();
    expect(graph.allGraphs().map((g) => [g.path, [...g.states.keys()]])).toEqual([
      [[], ["p"]],
      [["p", "branch 0"], ["x"]],
      [["p", "branch 1"], ["y"]],
    ]);
  });
});

describe("service integrations", () => {
  it("renders arn:<partition>:states:::<service>:<action> with the pattern suffix", () => {
    expect(new ServiceIntegration("lambda", "invoke", { session }).arn).toBe("arn:aws:states:::lambda:invoke");
    expect(new ServiceIntegration("ecs", "runTask", { session, pattern: "sync" }).arn).toBe("arn:aws:states:::ecs:runTask.sync");
    expect(new StartExecution({ session, pattern: "sync:2" }).arn).toBe("arn:aws:states:::states:startExecution.sync:2");
    expect(new LambdaInvoke({ session, pattern: "waitForTaskToken" }).arn).toBe("arn:aws:states:::lambda:invoke.waitForTaskToken");
    expect(new SnsPublish({ session }).arn).toBe("arn:aws:states:::sns:publish");
    expect(new SqsSendMessage({ session }).arn).toBe("arn:aws:states:::sqs:sendMessage");
    expect(new DynamoPutItem({ session }).arn).toBe("arn:aws:states:::dynamodb:putItem");
    expect(new ServiceIntegration("aws-sdk:s3", "listBuckets", { session }).arn).toBe("arn:aws:states:::aws-sdk:s3:listBuckets");
    const china = new AWSSession({ region: "cn-north-1", accountId: "1" });
    expect(new ServiceIntegration("sns", "publish", { session: china }).arn).toBe("arn:aws-cn:states:::sns:publish");
  });

  it("refuses bad services, actions and patterns", () => {
    expect(() => new ServiceIntegration("Lambda Fn", "invoke", { session })).toThrow(/service must be like/);
    expect(() => new ServiceIntegration("lambda", "in:voke", { session })).toThrow(/action must be an API action name/);
    expect(() => new ServiceIntegration("lambda", "invoke", { session, pattern: "async" as never })).toThrow(/pattern must be one of/);
    expect(() => new DynamoPutItem({ session, pattern: "sync" })).toThrow(/DynamoPutItem supports the patterns requestResponse, not "sync"/);
  });
});
