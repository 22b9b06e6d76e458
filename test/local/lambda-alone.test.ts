/**
 * A Lambda function Task that runs alone is run without a supervisor unless its handler needs
 * one (integrations/lambda-function.ts, `runAlone`): it reads `context.signal`, or its answer
 * waits. Each way must write the events and give the answers the supervised path gives: the
 * histories below are the ones the engine wrote before that path existed (commit 3f1411b),
 * timestamps included (a clock that ticks once per read).
 */
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, StopExecutionCommand } from "@aws-sdk/client-sfn";
import { afterEach, describe, expect, it } from "vitest";
import { LocalEngine } from "../../src/local/index.js";
import type { LambdaHandler } from "../../src/local/host/lambda-registry.js";
import type { JsonValue } from "../../src/json.js";
import { ROLE } from "./helpers.js";

const START = 1_700_000_000_000;
const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:f";

let engine: LocalEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

interface Ended {
  status: string;
  error?: string;
  cause?: string;
  output?: string;
  /** Each event as `id<previousEventId +ms type`, `ms` after the clock's start. */
  events: string[];
  details: Record<string, unknown>[];
}

/** Run `definition` with `handler` as function `f`, on a clock that moves 1 ms per read. */
async function run(definition: JsonValue, handler: LambdaHandler | undefined, options: { input?: string } = {}): Promise<Ended> {
  let now = START;
  engine = await LocalEngine.start({ timeScale: 0.001, now: () => ++now });
  if (handler) engine.registerLambda("f", handler);
  const sfn = engine.session.sfn;
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: JSON.stringify(definition) }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: options.input ?? "{}" }));
  const end = await engine.whenExecutionEnds(executionArn!);
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return {
    status: end.status,
    ...(end.error !== undefined ? { error: end.error } : {}),
    ...(end.cause !== undefined ? { cause: end.cause } : {}),
    ...(end.output !== undefined ? { output: end.output } : {}),
    events: events!.map((event) => `${event.id}<${event.previousEventId} +${event.timestamp!.getTime() - START} ${event.type}`),
    details: events!.map((event) => {
      const { id, previousEventId, timestamp, type, ...rest } = event;
      void id, void previousEventId, void timestamp, void type;
      return (Object.values(rest).find((value) => value !== undefined) ?? {}) as Record<string, unknown>;
    }),
  };
}

/** How each run below begins: the task entered, scheduled and started in the moment after the start. */
const STARTED = ["1<0 +2 ExecutionStarted", "2<0 +3 TaskStateEntered", "3<2 +3 LambdaFunctionScheduled", "4<3 +3 LambdaFunctionStarted"];

const task = (extra: Record<string, JsonValue> = {}): JsonValue => ({ StartAt: "t", States: { t: { Type: "Task", Resource: FUNCTION, ...extra, End: true } } });

describe("a Lambda function Task that runs alone", () => {
  it("lends a handler that reads its signal a live one, and lets go of it when the task ends", async () => {
    let signal: AbortSignal | undefined;
    const ended = await run(task(), (event, context) => {
      signal = context.signal;
      return { event, aborted: context.signal.aborted };
    });
    expect(ended.status).toBe("SUCCEEDED");
    expect(ended.output).toBe('{"event":{},"aborted":false}');
    expect(ended.events).toEqual([
      ...STARTED,
      "5<4 +4 LambdaFunctionSucceeded",
      "6<5 +4 TaskStateExited",
      "7<6 +5 ExecutionSucceeded",
    ]);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(signal!.aborted).toBe(false);
  });

  it("fails with Lambda's error document when a handler that read its signal throws", async () => {
    const ended = await run(task(), (_event, context) => {
      void context.signal;
      throw new TypeError("bad input");
    });
    expect(ended.status).toBe("FAILED");
    expect(ended.error).toBe("TypeError");
    expect(JSON.parse(ended.cause!)).toMatchObject({ errorType: "TypeError", errorMessage: "bad input" });
    expect(ended.events).toEqual([
      ...STARTED,
      "5<4 +4 LambdaFunctionFailed",
      "6<5 +5 ExecutionFailed",
    ]);
    expect(ended.details[4]).toMatchObject({ error: "TypeError" });
  });

  it("times a handler that waits out with TimeoutSeconds, counted from its call", async () => {
    const ended = await run(task({ TimeoutSeconds: 1 }), () => new Promise<JsonValue>(() => undefined));
    expect(ended.status).toBe("FAILED");
    expect(ended.error).toBe("States.Timeout");
    expect(ended.events).toEqual([
      ...STARTED,
      "5<4 +4 LambdaFunctionTimedOut",
      "6<5 +5 ExecutionFailed",
    ]);
    expect(ended.details[2]).toEqual({ resource: FUNCTION, input: "{}", inputDetails: { truncated: false }, timeoutInSeconds: 1 });
    expect(ended.details[4]).toEqual({ error: "States.Timeout" });
  });

  it("aborts the signal a waiting handler took when its execution is stopped", async () => {
    let signal: AbortSignal | undefined;
    const definition = { StartAt: "t", States: { t: { Type: "Task", Resource: FUNCTION, Parameters: { "arn.$": "$$.Execution.Id" }, End: true } } };
    const ended = await run(definition, (event, context) => {
      signal = context.signal;
      const stopped = new Promise<JsonValue>((_, reject) => context.signal.addEventListener("abort", () => reject(new Error("stopped"))));
      void engine!.session.sfn.send(new StopExecutionCommand({ executionArn: (event as { arn: string }).arn }));
      return stopped;
    });
    expect(ended.status).toBe("ABORTED");
    expect(ended.events.map((event) => event.replace(/^\S+ \S+ /, ""))).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "ExecutionAborted",
    ]);
    expect(signal!.aborted).toBe(true);
  });

  it("fails States.DataLimitExceeded, with AWS's text, on a result past the payload limit", async () => {
    const ended = await run(task(), () => ({ big: "x".repeat(300_000) }));
    const cause = `The state/task '${FUNCTION}' returned a result with a size exceeding the maximum number of bytes service limit.`;
    expect(ended).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded", cause });
    expect(ended.events.slice(3)).toEqual(["4<3 +3 LambdaFunctionStarted", "5<4 +4 LambdaFunctionFailed", "6<5 +5 ExecutionFailed"]);
    expect(ended.details[4]).toEqual({ error: "States.DataLimitExceeded", cause });
  });

  it("fails a function nobody registered after its scheduled event, with no started event", async () => {
    const ended = await run(task(), undefined);
    expect(ended.status).toBe("FAILED");
    expect(ended.error).toBe("Lambda.ResourceNotFoundException");
    expect(ended.cause).toMatch(/^Function not found: arn:aws:lambda:us-east-1:123456789012:function:f:\$LATEST \(Service: Lambda, Status Code: 404, Request ID: [0-9a-f-]{36}\)$/);
    expect(ended.events).toEqual([
      "1<0 +2 ExecutionStarted",
      "2<0 +3 TaskStateEntered",
      "3<2 +3 LambdaFunctionScheduled",
      "4<3 +4 LambdaFunctionFailed",
      "5<4 +5 ExecutionFailed",
    ]);
  });

  it("records the JSON text of a result that is not plain data", async () => {
    const ended = await run(task(), () => ({ at: new Date(0) }) as unknown as JsonValue);
    expect(ended.output).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(ended.details[4]).toEqual({ output: '{"at":"1970-01-01T00:00:00.000Z"}', outputDetails: { truncated: false } });
  });

  it("retries and catches as any Task does", async () => {
    let calls = 0;
    const retried = await run(task({ Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 2 }] }), () => {
      if (calls++ === 0) throw new RangeError("first");
      return { calls };
    });
    expect(retried.output).toBe('{"calls":2}');
    expect(retried.events.map((event) => event.replace(/^\S+ \S+ /, ""))).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionFailed",
      "LambdaFunctionScheduled",
      "LambdaFunctionStarted",
      "LambdaFunctionSucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    await engine!.close();
    engine = undefined;
    const caught = await run(
      { StartAt: "t", States: { t: { Type: "Task", Resource: FUNCTION, Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: "after" }], End: true }, after: { Type: "Pass", End: true } } },
      () => {
        throw new Error("boom");
      },
      { input: '{"keep":1}' },
    );
    expect(caught.status).toBe("SUCCEEDED");
    const output = JSON.parse(caught.output!) as { keep: number; error: { Error: string; Cause: string } };
    expect(output.keep).toBe(1);
    expect(output.error.Error).toBe("Error");
    expect(JSON.parse(output.error.Cause)).toMatchObject({ errorType: "Error", errorMessage: "boom" });
  });
});
