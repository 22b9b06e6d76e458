import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TestStateCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import { LocalEngine, UNSUPPORTED_INTEGRATION_ERROR } from "../../src/local/index.js";
import { ROLE, rejectionOf } from "./helpers.js";
import type { JsonObject } from "../../src/json.js";

const ACCOUNT = "123456789012";
const arnOf = (kind: string, name: string): string => `arn:aws:states:us-east-1:${ACCOUNT}:${kind}:${name}`;

let engine: LocalEngine;
let sfn: SFNClient;
beforeEach(async () => {
  // The real interpreter; 1 s of ASL time lasts 10 ms.
  engine = await LocalEngine.start({ timeScale: 0.01 });
  sfn = engine.session.sfn;
});
afterEach(async () => {
  await engine.close();
});

async function run(name: string, definition: JsonObject, input: JsonObject = {}): Promise<{ executionArn: string; outcome: Awaited<ReturnType<LocalEngine["whenExecutionEnds"]>> }> {
  await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf("stateMachine", name), input: JSON.stringify(input) }));
  return { executionArn: executionArn!, outcome: await engine.whenExecutionEnds(executionArn!) };
}

async function typesOf(executionArn: string): Promise<string[]> {
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  return events!.map((event) => event.type!);
}

describe("the engine with the real interpreter", () => {
  it("runs an activity task through a worker and on through Pass and Choice", async () => {
    await sfn.send(new CreateActivityCommand({ name: "add" }));
    const definition = {
      StartAt: "add",
      States: {
        add: { Type: "Task", Resource: arnOf("activity", "add"), ResultPath: "$.sum", HeartbeatSeconds: 30, Next: "big?" },
        "big?": { Type: "Choice", Choices: [{ Variable: "$.sum", NumericGreaterThan: 40, Next: "big" }], Default: "small" },
        big: { Type: "Pass", Result: "big", End: true },
        small: { Type: "Pass", Result: "small", End: true },
      },
    };
    await sfn.send(new CreateStateMachineCommand({ name: "adder", roleArn: ROLE, definition: JSON.stringify(definition) }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf("stateMachine", "adder"), input: '{"a":3,"b":42}' }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: arnOf("activity", "add"), workerName: "w-1" }));
    const { a, b } = JSON.parse(task.input!) as { a: number; b: number };
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify(a + b) }));
    expect(await engine.whenExecutionEnds(executionArn!)).toEqual({ status: "SUCCEEDED", output: '"big"' });
    expect(await typesOf(executionArn!)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "ActivityScheduled",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited",
      "ChoiceStateEntered",
      "ChoiceStateExited",
      "PassStateEntered",
      "PassStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("calls registered Lambda functions by ARN (LambdaFunction* events) and by lambda:invoke (Task* events)", async () => {
    engine.registerLambda("double", (event) => ((event as { n: number }).n * 2));
    const byArn = await run("byArn", {
      StartAt: "d",
      States: { d: { Type: "Task", Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:double`, End: true } },
    }, { n: 21 });
    expect(byArn.outcome).toEqual({ status: "SUCCEEDED", output: "42" });
    expect(await typesOf(byArn.executionArn)).toEqual([
      "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded",
    ]);

    const invoked = await run("invoked", {
      StartAt: "d",
      States: { d: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "double", "Payload.$": "$" }, End: true } },
    }, { n: 5 });
    expect(invoked.outcome.status).toBe("SUCCEEDED");
    expect(JSON.parse(invoked.outcome.output!)).toMatchObject({ Payload: 10, StatusCode: 200, ExecutedVersion: "$LATEST" });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: invoked.executionArn }));
    expect(events![2]).toMatchObject({
      type: "TaskScheduled",
      taskScheduledEventDetails: { resourceType: "lambda", resource: "invoke", region: "us-east-1", parameters: '{"FunctionName":"double","Payload":{"n":5}}' },
    });
    expect(events!.map((event) => event.type)).toContain("TaskSucceeded");
  });

  it("fails an unknown function with Lambda.ResourceNotFoundException, which Catch can handle", async () => {
    const { outcome } = await run("missing", {
      StartAt: "d",
      States: {
        d: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Parameters: { FunctionName: "nope" },
          Catch: [{ ErrorEquals: ["Lambda.ResourceNotFoundException"], Next: "caught", ResultPath: "$.error" }],
          End: true,
        },
        caught: { Type: "Pass", OutputPath: "$.error.Error", End: true },
      },
    });
    expect(outcome).toEqual({ status: "SUCCEEDED", output: '"Lambda.ResourceNotFoundException"' });
  });

  it("fails a handler's error with its name as the error", async () => {
    engine.registerLambda("boom", () => {
      throw new RangeError("too big");
    });
    const { outcome } = await run("boom", { StartAt: "b", States: { b: { Type: "Task", Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:boom`, End: true } } });
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("RangeError");
    expect(JSON.parse(outcome.cause!)).toMatchObject({ errorMessage: "too big", errorType: "RangeError" });
  });

  it("hands out a token with .waitForTaskToken and resumes on SendTaskSuccess", async () => {
    const tokens: string[] = [];
    engine.registerLambda("notify", (event) => {
      tokens.push((event as { token: string }).token);
      return null;
    });
    await sfn.send(new CreateStateMachineCommand({
      name: "callback",
      roleArn: ROLE,
      definition: JSON.stringify({
        StartAt: "wait",
        States: {
          wait: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", Parameters: { FunctionName: "notify", Payload: { "token.$": "$$.Task.Token" } }, End: true },
        },
      }),
    }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf("stateMachine", "callback") }));
    const submitted = await waitForType(executionArn!, "TaskSubmitted");
    expect(submitted).toBe(true);
    expect(tokens).toHaveLength(1);
    await sfn.send(new SendTaskSuccessCommand({ taskToken: tokens[0], output: '{"approved":true}' }));
    expect(await engine.whenExecutionEnds(executionArn!)).toEqual({ status: "SUCCEEDED", output: '{"approved":true}' });
  });

  it("starts nested executions with states:startExecution.sync:2", async () => {
    await sfn.send(new CreateStateMachineCommand({
      name: "child",
      roleArn: ROLE,
      definition: JSON.stringify({ StartAt: "p", States: { p: { Type: "Pass", Parameters: { "got.$": "$.x" }, End: true } } }),
    }));
    const { outcome } = await run("parent", {
      StartAt: "call",
      States: {
        call: {
          Type: "Task",
          Resource: "arn:aws:states:::states:startExecution.sync:2",
          Parameters: { StateMachineArn: arnOf("stateMachine", "child"), Input: { x: 7 } },
          OutputPath: "$.Output",
          End: true,
        },
      },
    });
    expect(outcome).toEqual({ status: "SUCCEEDED", output: '{"got":7}' });
  });

  it("answers mocked service integrations and fails unmocked ones clearly", async () => {
    engine.mockServiceResponse("arn:aws:states:::sqs:sendMessage", (input) => ({ MessageId: "m-1", Echo: input }));
    const mocked = await run("mocked", {
      StartAt: "send",
      States: { send: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage", Parameters: { QueueUrl: "q", MessageBody: "hi" }, End: true } },
    });
    expect(JSON.parse(mocked.outcome.output!)).toEqual({ MessageId: "m-1", Echo: { QueueUrl: "q", MessageBody: "hi" } });
    const unmocked = await run("unmocked", {
      StartAt: "put",
      States: { put: { Type: "Task", Resource: "arn:aws:states:::dynamodb:putItem", Parameters: { TableName: "t" }, End: true } },
    });
    expect(unmocked.outcome.status).toBe("FAILED");
    expect(unmocked.outcome.error).toBe(UNSUPPORTED_INTEGRATION_ERROR);
    expect(unmocked.outcome.cause).toContain("arn:aws:states:::dynamodb:putItem");
  });

  it("runs Wait states on the engine's scaled clock", async () => {
    const { outcome, executionArn } = await run("waiter", { StartAt: "w", States: { w: { Type: "Wait", Seconds: 5, End: true } } }, { k: 1 });
    expect(outcome).toEqual({ status: "SUCCEEDED", output: '{"k":1}' });
    expect(await typesOf(executionArn)).toEqual(["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "ExecutionSucceeded"]);
  });

  it("answers TestState", async () => {
    const result = await sfn.send(new TestStateCommand({ definition: JSON.stringify({ Type: "Pass", Parameters: { "v.$": "$.a" }, Next: "after" }), input: '{"a":1}' }));
    expect(result).toMatchObject({ status: "SUCCEEDED", output: '{"v":1}', nextState: "after" });
    const bad = await rejectionOf(sfn.send(new TestStateCommand({ definition: "{" })));
    expect(bad.name).toBe("InvalidDefinition");
  });
});

async function waitForType(executionArn: string, type: string): Promise<boolean> {
  for (;;) {
    if ((await typesOf(executionArn)).includes(type)) return true;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
