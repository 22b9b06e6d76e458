/**
 * Short payload texts are recorded as the values they are the JSON of and serialized when the
 * history is read (interpreter/deferred-text.ts). What a reader sees must be what eager texts
 * gave: the same strings, in every read, whatever a handler does with its event afterwards.
 */
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, DescribeExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { LocalEngine } from "../../src/local/index.js";
import { DEFERRED_TEXT_MAX_LENGTH, DeferredText, isSurelyShort } from "../../src/local/interpreter/deferred-text.js";
import { eventToWire, ExecutionHistory } from "../../src/local/store/history.js";
import type { JsonObject, JsonValue } from "../../src/json.js";
import { ROLE } from "./helpers.js";
import { runExecution, type EmitDeferredEvent } from "../../src/local/interpreter/index.js";
import { standaloneTaskHost } from "../../src/local/host/task-host.js";
import { LambdaRegistry } from "../../src/local/host/lambda-registry.js";

describe("isSurelyShort", () => {
  it("takes small plain data and leaves out what may be longer than the limit", () => {
    expect(isSurelyShort({ n: 1, s: "abc", b: true, z: null, a: [1, 2] })).toBe(true);
    expect(isSurelyShort([])).toBe(true);
    // 40 characters of a string count 6 each (each could be a \u00XX escape): over 255.
    expect(isSurelyShort({ s: "x".repeat(40) })).toBe(true);
    expect(isSurelyShort({ s: "x".repeat(42) })).toBe(false);
    expect(isSurelyShort(Array.from({ length: 20 }, () => 1))).toBe(false);
    expect(isSurelyShort({ deep: { deeper: { deepest: "x".repeat(50) } } })).toBe(false);
  });

  it("leaves to JSON.stringify what is not plain data", () => {
    expect(isSurelyShort({ at: new Date(0) } as unknown as JsonValue)).toBe(false);
    expect(isSurelyShort({ t: { toJSON: () => "x".repeat(1_000) } } as unknown as JsonValue)).toBe(false);
    expect(isSurelyShort({ u: undefined } as unknown as JsonValue)).toBe(false);
    expect(isSurelyShort(Object.assign(Object.create(null) as JsonObject, { a: 1 }))).toBe(true);
  });

  it("stops early on a large value (its bound passes the limit within the first items)", () => {
    let read = 0;
    const items = new Proxy(Array.from({ length: 100_000 }, () => 0), {
      get(target, key, receiver) {
        if (typeof key === "string" && /^\d+$/.test(key)) read++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    expect(isSurelyShort(items as JsonValue)).toBe(false);
    expect(read).toBeLessThan(20);
  });

  it("is an upper bound: every value it takes has a text of at most the limit", () => {
    const values: JsonValue[] = [
      { s: "\u0000".repeat(40) },
      { ["\u0001".repeat(10)]: "\ud800".repeat(20) },
      [-0.0000012345678901234567, -1.2345678901234567e-308, 123456789012345680000, null, false],
      { a: { b: { c: [true, false, null] } } },
    ];
    for (const value of values) {
      if (isSurelyShort(value)) expect(JSON.stringify(value).length).toBeLessThanOrEqual(DEFERRED_TEXT_MAX_LENGTH);
    }
    expect(values.filter(isSurelyShort)).toHaveLength(4);
  });
});

describe("a history with deferred texts", () => {
  it("gives each deferred text as the string JSON.stringify makes, in every read and on the wire", () => {
    const history = new ExecutionHistory();
    const value = { n: 1, s: "é\n" };
    const text = new DeferredText(value);
    history.appendWithinBound("TaskStateEntered", 1, { name: "t", input: text, inputDetails: { truncated: false } });
    history.appendWithinBound("LambdaFunctionScheduled", 1, { resource: "r", input: text });
    const expected = JSON.stringify(value);
    expect(history.events.map((event) => event.details!["input"])).toEqual([expected, expected]);
    expect(history.at(0).details).toEqual({ name: "t", input: expected, inputDetails: { truncated: false } });
    expect(JSON.stringify(eventToWire(history.at(1)))).toBe(
      JSON.stringify({ id: 2, previousEventId: 1, timestamp: 0.001, type: "LambdaFunctionScheduled", lambdaFunctionScheduledEventDetails: { resource: "r", input: expected } }),
    );
    // Deferred texts are short: not counted against the payload bound.
    expect(history.keptPayloadBytes).toBe(0);
  });
});

describe("an in-process Lambda handler's event", () => {
  it("is its own copy: what the handler changes is neither the state's input nor its history", async () => {
    const engine = await LocalEngine.start();
    try {
      engine.registerLambda("mutate", (event) => {
        const mine = event as { n: number; seen?: boolean };
        mine.seen = true;
        mine.n = 99;
        return { ok: true };
      });
      const definition = {
        StartAt: "call",
        States: { call: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:mutate", ResultPath: "$.r", End: true } },
      };
      const sfn = engine.session.sfn;
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "mutate", roleArn: ROLE, definition: JSON.stringify(definition) }));
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"n":1}' }));
      await engine.whenExecutionEnds(executionArn!);
      const { output } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      // As on AWS, where the function gets the JSON of its input.
      expect(output).toBe('{"n":1,"r":{"ok":true}}');
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      expect(events!.find((event) => event.type === "TaskStateEntered")!.stateEnteredEventDetails!.input).toBe('{"n":1}');
      expect(events!.find((event) => event.type === "LambdaFunctionScheduled")!.lambdaFunctionScheduledEventDetails!.input).toBe('{"n":1}');
      expect(events!.find((event) => event.type === "LambdaFunctionSucceeded")!.lambdaFunctionSucceededEventDetails!.output).toBe('{"ok":true}');
    } finally {
      await engine.close();
    }
  });
});

describe("a mocked service response", () => {
  it("is copied: changing the mock's object after the run changes neither its output nor its history", async () => {
    const engine = await LocalEngine.start();
    try {
      const response = { Item: { id: "1" } };
      engine.mockServiceResponse("arn:aws:states:::dynamodb:getItem", response);
      const definition = { StartAt: "get", States: { get: { Type: "Task", Resource: "arn:aws:states:::dynamodb:getItem", Parameters: { TableName: "t" }, End: true } } };
      const sfn = engine.session.sfn;
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "mocked", roleArn: ROLE, definition: JSON.stringify(definition) }));
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
      await engine.whenExecutionEnds(executionArn!);
      response.Item.id = "changed";
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      expect(events!.find((event) => event.type === "TaskSucceeded")!.taskSucceededEventDetails!.output).toBe('{"Item":{"id":"1"}}');
      expect(events!.find((event) => event.type === "TaskStateExited")!.stateExitedEventDetails!.output).toBe('{"Item":{"id":"1"}}');
    } finally {
      await engine.close();
    }
  });
});

describe("the hint that an event's texts are short", () => {
  const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";
  const context = {
    Execution: { Id: "arn:aws:states:us-east-1:123456789012:execution:m:e", Name: "e", Input: {}, StartTime: new Date(0).toISOString(), RoleArn: ROLE, RedriveCount: 0 },
    StateMachine: { Id: "arn:aws:states:us-east-1:123456789012:stateMachine:m", Name: "m" },
  };

  /** Two Lambda Tasks in a row, `f` answering `result`, on a history bounded at `bound` payload bytes; every hint given. */
  async function chain(result: (call: number) => JsonValue, bound: number): Promise<{ status: string; error?: string; hints: string[] }> {
    const lambdas = new LambdaRegistry();
    let calls = 0;
    lambdas.register("f", () => result(++calls));
    const host = standaloneTaskHost(lambdas);
    const history = new ExecutionHistory(bound);
    const hints: string[] = [];
    const startEventId = history.append("ExecutionStarted", 0, { input: "{}" });
    const emit: EmitDeferredEvent = (type, details, previous, timestamp, textsShort) => {
      hints.push(`${type}${textsShort === true ? " short" : ""}`);
      return history.appendWithinBound(type, timestamp ?? 0, details, previous, textsShort);
    };
    const definition = { StartAt: "a", States: { a: { Type: "Task", Resource: FUNCTION, Next: "b" }, b: { Type: "Task", Resource: FUNCTION, End: true } } };
    const outcome = await runExecution({ definition, input: {}, context, host, emit, emitDeferred: emit, startEventId });
    return { status: outcome.status, ...(outcome.error !== undefined ? { error: outcome.error } : {}), hints };
  }

  it("is given with every deferred text, and the events without texts need none", async () => {
    const { status, hints } = await chain((call) => ({ n: call }), 1_000);
    expect(status).toBe("SUCCEEDED");
    expect(hints).toEqual([
      "TaskStateEntered short",
      "LambdaFunctionScheduled short",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded short",
      "TaskStateExited short",
      "TaskStateEntered short",
      "LambdaFunctionScheduled short",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded short",
      "TaskStateExited short",
    ]);
  });

  it("is not given with a long text, which the history still counts against its bound", async () => {
    // Each 600-character result is one text (shared by its events); the second passes 1,000.
    const { status, error, hints } = await chain((call) => ({ s: String(call).repeat(600) }), 1_000);
    expect(status).toBe("FAILED");
    expect(error).toBe("States.Runtime");
    expect(hints.slice(0, 5)).toEqual(["TaskStateEntered short", "LambdaFunctionScheduled short", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited"]);
    expect(hints.slice(5, 7)).toEqual(["TaskStateEntered", "LambdaFunctionScheduled"]);
  });
});
