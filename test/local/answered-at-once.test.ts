/**
 * An in-process Lambda handler that returns a value is answered at once (no promise). What it
 * gives must be what the waiting path gives: Lambda's JSON copy of the result, its errors, and,
 * beside other threads, the same interleaving of events. (A supervised task answered at once:
 * task-supervisor.test.ts.)
 */
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { LocalEngine } from "../../src/local/index.js";
import { ROLE } from "./helpers.js";
import { callLambda } from "../../src/local/host/integrations/lambda-function.js";
import type { LambdaContext } from "../../src/local/host/lambda-registry.js";
import { TaskFailed } from "../../src/local/interpreter/host.js";
import type { JsonValue } from "../../src/json.js";

const noSignal = { get signal(): AbortSignal { return new AbortController().signal; } };

class Point {
  constructor(readonly x: number) {}
}

/** Handler results whose JSON copy is not the value itself. */
const RESULTS: [string, () => unknown][] = [
  ["plain object", () => ({ n: 1, s: "a", b: true, z: null })],
  ["undefined, function and symbol members", () => ({ a: undefined, f: () => 1, s: Symbol("s"), k: 2 })],
  ["array items that JSON writes as null", () => [undefined, () => 1, Symbol("s"), NaN, Infinity, -0, 1]],
  ["-0 and non-finite numbers in objects", () => ({ z: -0, n: NaN, i: -Infinity })],
  ["a __proto__ key", () => JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as unknown],
  ["integer-like keys", () => ({ b: 1, 2: "two", 1: "one" })],
  ["a Date", () => ({ at: new Date(0) })],
  ["toJSON", () => ({ nested: { toJSON: () => "custom" } })],
  ["a class instance", () => [new Point(3)]],
  ["a Map and a boxed number", () => ({ m: new Map([[1, 2]]), n: new Number(4) })],
  ["an object without prototype", () => Object.assign(Object.create(null) as object, { a: [{}] })],
  ["an array with a named property", () => Object.assign([1, 2], { extra: 3 })],
];

describe("an in-process Lambda handler that answers at once", () => {
  it.each(RESULTS)("gives the JSON copy of its result (%s), at once", (_, make) => {
    const result = callLambda(() => make() as JsonValue, "f", null, noSignal);
    expect(result).not.toBeInstanceOf(Promise);
    const expected = JSON.parse(JSON.stringify(make())) as JsonValue;
    expect(result).toStrictEqual(expected);
    expect(JSON.stringify(result)).toBe(JSON.stringify(expected));
  });

  it("gives the same copy when the handler returns a promise", async () => {
    for (const [, make] of RESULTS) {
      const result = callLambda(async () => make() as JsonValue, "f", null, noSignal);
      expect(result).toBeInstanceOf(Promise);
      expect(await result).toStrictEqual(JSON.parse(JSON.stringify(make())));
    }
  });

  it("fails at once with Lambda's error document when the handler throws", () => {
    const thrown = (() => {
      try {
        callLambda(() => {
          throw new RangeError("too far");
        }, "f", null, noSignal);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(TaskFailed);
    const failure = thrown as TaskFailed;
    expect(failure.error).toBe("RangeError");
    expect(JSON.parse(failure.errorCause)).toMatchObject({ errorType: "RangeError", errorMessage: "too far" });
  });

  it("gives each invocation its own awsRequestId, the same on every read", () => {
    const seen: string[] = [];
    const handler = (_: JsonValue, context: LambdaContext): JsonValue => {
      seen.push(context.awsRequestId, context.awsRequestId);
      return context.functionName;
    };
    expect(callLambda(handler, "f", null, noSignal)).toBe("f");
    callLambda(handler, "f", null, noSignal);
    expect(seen[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen[1]).toBe(seen[0]);
    expect(seen[2]).toBe(seen[3]);
    expect(seen[2]).not.toBe(seen[0]);
  });
});

describe("Lambda Tasks answered at once beside other threads", () => {
  const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:echo";
  const branch = (task: string): JsonValue => ({
    StartAt: task,
    States: { [task]: { Type: "Task", Resource: FUNCTION, Next: `${task}-pass` }, [`${task}-pass`]: { Type: "Pass", End: true } },
  });

  /** Each event as `id:type<previousEventId`. */
  async function historyOf(definition: JsonValue, input: string): Promise<string[]> {
    const engine = await LocalEngine.start();
    try {
      engine.registerLambda("echo", (event) => event);
      const sfn = engine.session.sfn;
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: JSON.stringify(definition) }));
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input }));
      await engine.whenExecutionEnds(executionArn!);
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      return events!.map((event) => `${event.id}:${event.type}<${event.previousEventId}`);
    } finally {
      await engine.close();
    }
  }

  // Each thread's Entered and Scheduled together, then the Started events, as AWS records
  // concurrent iterations (test_service_lambda_map_timeout; conformance/map-events.test.ts).
  it("in Parallel branches are all scheduled and started before any succeeds", async () => {
    const history = await historyOf({ StartAt: "both", States: { both: { Type: "Parallel", Branches: [branch("a"), branch("b")], End: true } } }, "{}");
    expect(history).toEqual([
      "1:ExecutionStarted<0",
      "2:ParallelStateEntered<0",
      "3:ParallelStateStarted<2",
      "4:TaskStateEntered<3",
      "5:LambdaFunctionScheduled<4",
      "6:TaskStateEntered<3",
      "7:LambdaFunctionScheduled<6",
      "8:LambdaFunctionStarted<5",
      "9:LambdaFunctionStarted<7",
      "10:LambdaFunctionSucceeded<8",
      "11:LambdaFunctionSucceeded<9",
      "12:TaskStateExited<10",
      "13:TaskStateExited<11",
      "14:PassStateEntered<12",
      "15:PassStateEntered<13",
      "16:PassStateExited<14",
      "17:PassStateExited<15",
      "18:ParallelStateSucceeded<17",
      "19:ParallelStateExited<18",
      "20:ExecutionSucceeded<19",
    ]);
  });

  it("in Map iterations are all started, then scheduled and started, before any succeeds", async () => {
    const history = await historyOf({ StartAt: "each", States: { each: { Type: "Map", ItemProcessor: branch("t"), End: true } } }, "[1, 2]");
    expect(history.slice(3, 15)).toEqual([
      "4:MapIterationStarted<3",
      "5:MapIterationStarted<3",
      "6:TaskStateEntered<4",
      "7:LambdaFunctionScheduled<6",
      "8:TaskStateEntered<5",
      "9:LambdaFunctionScheduled<8",
      "10:LambdaFunctionStarted<7",
      "11:LambdaFunctionStarted<9",
      "12:LambdaFunctionSucceeded<10",
      "13:LambdaFunctionSucceeded<11",
      "14:TaskStateExited<12",
      "15:TaskStateExited<13",
    ]);
  });

  it("a run stopped while its handler waits enters no later state", async () => {
    // The stop ends the task while its handler still waits: the state fails with the stop, and
    // the walk, which reads its signal after each wait, enters nothing after it.
    const engine = await LocalEngine.start();
    try {
      const sfn = engine.session.sfn;
      engine.registerLambda("stopper", async (event) => {
        await sfn.send(new StopExecutionCommand({ executionArn: (event as { arn: string }).arn }));
        return event;
      });
      const definition = {
        StartAt: "stop",
        States: {
          stop: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:stopper", Parameters: { "arn.$": "$$.Execution.Id" }, Next: "after" },
          after: { Type: "Pass", End: true },
        },
      };
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: JSON.stringify(definition) }));
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn }));
      expect((await engine.whenExecutionEnds(executionArn!)).status).toBe("ABORTED");
      // The handler's promise has settled by the time its StopExecution was answered and the run went on.
      await new Promise((resolve) => setImmediate(resolve));
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      expect(events!.map((event) => event.type)).toEqual(["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "ExecutionAborted"]);
    } finally {
      await engine.close();
    }
  });
});
