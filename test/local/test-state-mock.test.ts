/**
 * TestState as the API reference has it now: `mock` (result, errorOutput, fieldValidationMode),
 * `context`, `stateConfiguration`, Map and Parallel states (mocked), activity Tasks with a mock,
 * and the status / nextState / inspectionData.errorDetails it answers, through the SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestStateCommand, type SFNClient, type TestStateCommandInput } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../src/local/index.js";
import { rejectionOf } from "./helpers.js";
import type { JsonObject } from "../../src/json.js";

let engine: LocalEngine;
let sfn: SFNClient;
let lambdaCalls = 0;
beforeAll(async () => {
  engine = await LocalEngine.start({ timeScale: 0 });
  sfn = engine.session.sfn;
  engine.registerLambda("HelloWorldFunction", () => {
    lambdaCalls++;
    return { real: true };
  });
});
afterAll(async () => {
  await engine.close();
});

const ROLE_ARN = "arn:aws:iam::123456789012:role/test-state";

const lambdaTask = (extra: JsonObject = {}): JsonObject => ({
  Type: "Task",
  Resource: "arn:aws:states:::lambda:invoke",
  Parameters: { FunctionName: "HelloWorldFunction", "Payload.$": "$" },
  Next: "after",
  ...extra,
});

const retry = { Retry: [{ ErrorEquals: ["Lambda.TooManyRequestsException"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }] };
const catcher = { Catch: [{ ErrorEquals: ["States.ALL"], Next: "handle", ResultPath: "$.error" }] };

function testState(definition: JsonObject, rest: Omit<TestStateCommandInput, "definition">) {
  return sfn.send(new TestStateCommand({ definition: JSON.stringify(definition), ...rest }));
}

async function validationMessage(definition: JsonObject, rest: Omit<TestStateCommandInput, "definition">): Promise<{ name: string; message: string }> {
  const error = await rejectionOf(testState(definition, rest));
  return { name: error.name, message: error.message };
}

describe("TestState mock.result", () => {
  it("answers with the mocked result after result processing, without calling the function", async () => {
    const before = lambdaCalls;
    const result = await testState(lambdaTask({ ResultSelector: { "body.$": "$.Payload.body" }, ResultPath: "$.lambda" }), {
      input: '{"a":1}',
      mock: { result: JSON.stringify({ StatusCode: 200, Payload: { body: "mocked" } }) },
      inspectionLevel: "DEBUG",
    });
    expect(lambdaCalls).toBe(before);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.nextState).toBe("after");
    expect(JSON.parse(result.output!)).toEqual({ a: 1, lambda: { body: "mocked" } });
    expect(result.inspectionData).toMatchObject({
      input: '{"a":1}',
      afterInputPath: '{"a":1}',
      afterParameters: '{"FunctionName":"HelloWorldFunction","Payload":{"a":1}}',
      result: '{"StatusCode":200,"Payload":{"body":"mocked"}}',
      afterResultSelector: '{"body":"mocked"}',
      afterResultPath: '{"a":1,"lambda":{"body":"mocked"}}',
    });
  });

  it("returns inspectionData at DEBUG and TRACE only", async () => {
    const mock = { result: '{"StatusCode":200}' };
    expect((await testState(lambdaTask(), { mock, inspectionLevel: "INFO" })).inspectionData).toBeUndefined();
    expect((await testState(lambdaTask(), { mock })).inspectionData).toBeUndefined();
    const trace = await testState(lambdaTask(), { mock, inspectionLevel: "TRACE" });
    expect(trace.inspectionData).toEqual((await testState(lambdaTask(), { mock, inspectionLevel: "DEBUG" })).inspectionData);
    expect(trace.inspectionData?.result).toBe('{"StatusCode":200}');
  });

  it("checks the result against the integration's response shape: STRICT (default), PRESENT, NONE", async () => {
    const wrongType = JSON.stringify({ StatusCode: "200" });
    expect(await validationMessage(lambdaTask(), { mock: { result: wrongType } })).toEqual({
      name: "ValidationException",
      message: "Mock result schema validation error: Field 'StatusCode' must be a number",
    });
    expect((await testState(lambdaTask(), { mock: { result: wrongType, fieldValidationMode: "NONE" } })).status).toBe("SUCCEEDED");
    const startExecution: JsonObject = { Type: "Task", Resource: "arn:aws:states:::states:startExecution", Parameters: { StateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:x" }, End: true };
    expect(await validationMessage(startExecution, { mock: { result: "{}" } })).toEqual({
      name: "ValidationException",
      message: "Mock result schema validation error: Required field 'ExecutionArn' is missing",
    });
    expect((await testState(startExecution, { mock: { result: "{}", fieldValidationMode: "PRESENT" } })).status).toBe("SUCCEEDED");
    // A field outside the API's shape passes, as on AWS.
    expect((await testState(lambdaTask(), { mock: { result: '{"random":"json"}' } })).output).toBe('{"random":"json"}');
  });

  it("answers an activity Task with the mock: no worker", async () => {
    const result = await testState(
      { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:nobody-polls", End: true },
      { mock: { result: '{"done":true}' } },
    );
    expect(result).toMatchObject({ status: "SUCCEEDED", output: '{"done":true}' });
    expect(result.nextState).toBeUndefined();
  });

  it("gives the state the Context object it is given", async () => {
    const result = await testState(lambdaTask({ ResultSelector: { "name.$": "$$.Execution.Name", "machine.$": "$$.StateMachine.Name" } }), {
      mock: { result: "{}" },
      context: JSON.stringify({ Execution: { Name: "exec-7" }, StateMachine: { Name: "orders" } }),
    });
    expect(JSON.parse(result.output!)).toEqual({ name: "exec-7", machine: "orders" });
  });
});

describe("TestState mock.errorOutput and stateConfiguration.retrierRetryCount", () => {
  const error = { error: "Lambda.TooManyRequestsException", cause: "slow down" };

  it("is RETRIABLE while the retrier has attempts left, with the backoff of the next retry", async () => {
    const first = await testState(lambdaTask(retry), { mock: { errorOutput: error }, inspectionLevel: "DEBUG" });
    expect(first).toMatchObject({ status: "RETRIABLE", error: error.error, cause: error.cause });
    expect(first.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 2 });
    const third = await testState(lambdaTask(retry), { mock: { errorOutput: error }, stateConfiguration: { retrierRetryCount: 2 }, inspectionLevel: "DEBUG" });
    expect(third.status).toBe("RETRIABLE");
    expect(third.inspectionData?.errorDetails).toEqual({ retryIndex: 0, retryBackoffIntervalSeconds: 8 });
  });

  it("goes to the Catch (CAUGHT_ERROR, nextState) or FAILED once the retries are used up", async () => {
    const caught = await testState(lambdaTask({ ...retry, ...catcher }), {
      input: '{"a":1}',
      mock: { errorOutput: error },
      stateConfiguration: { retrierRetryCount: 3 },
      inspectionLevel: "DEBUG",
    });
    expect(caught).toMatchObject({ status: "CAUGHT_ERROR", nextState: "handle", error: error.error, cause: error.cause });
    expect(JSON.parse(caught.output!)).toEqual({ a: 1, error: { Error: error.error, Cause: error.cause } });
    expect(caught.inspectionData?.errorDetails).toEqual({ catchIndex: 0 });
    const failed = await testState(lambdaTask(retry), { mock: { errorOutput: error }, stateConfiguration: { retrierRetryCount: 3 } });
    expect(failed).toMatchObject({ status: "FAILED", error: error.error, cause: error.cause });
    expect(failed.nextState).toBeUndefined();
    expect(failed.output).toBeUndefined();
  });
});

describe("TestState Map and Parallel states", () => {
  const map: JsonObject = {
    Type: "Map",
    ItemsPath: "$.Values",
    ToleratedFailureCount: 1,
    ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "Square", States: { Square: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } },
    Next: "after",
  };
  const input = JSON.stringify({ Values: [1, 2, 3] });

  it("answers a Map with the mocked result (no iteration runs)", async () => {
    const result = await testState(map, { input, mock: { result: "[1, 4, 9]" }, inspectionLevel: "DEBUG" });
    expect(result).toMatchObject({ status: "SUCCEEDED", output: "[1,4,9]", nextState: "after" });
    expect(result.inspectionData).toMatchObject({ input, afterInputPath: input, maxConcurrency: 0, toleratedFailureCount: 1 });
  });

  it("fails a Map whose failed iterations exceed its tolerance (and a Catch takes it)", async () => {
    const below = await testState(map, { input, mock: { result: "[1, 4, 9]" }, stateConfiguration: { mapIterationFailureCount: 1 } });
    expect(below.status).toBe("SUCCEEDED");
    const above = await testState({ ...map, ...catcher }, { input, mock: { result: "[1, 4, 9]" }, stateConfiguration: { mapIterationFailureCount: 2 } });
    expect(above).toMatchObject({
      status: "CAUGHT_ERROR",
      nextState: "handle",
      error: "States.ExceedToleratedFailureThreshold",
      cause: "The specified tolerated failure threshold was exceeded",
    });
  });

  it("fails a Map with the mocked error caused by one of its states", async () => {
    const result = await testState(map, { input, mock: { errorOutput: { error: "MockException", cause: "Mock the cause of the error." } }, stateConfiguration: { errorCausedByState: "Square" } });
    expect(result).toMatchObject({ status: "FAILED", error: "MockException", cause: "Mock the cause of the error." });
    expect((await validationMessage(map, { input, mock: { errorOutput: { error: "E" } }, stateConfiguration: { errorCausedByState: "Nope" } })).name).toBe("ValidationException");
  });

  it("refuses a Map or Parallel without a mock, and mocked results of the wrong shape, with AWS's messages", async () => {
    expect(await validationMessage(map, { input })).toEqual({
      name: "InvalidDefinition",
      message: "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]",
    });
    expect(await validationMessage(map, { input, mock: { result: "{}" } })).toEqual({ name: "ValidationException", message: "Mocked result must be an array." });
    const parallel: JsonObject = { Type: "Parallel", Branches: [{ StartAt: "A", States: { A: { Type: "Pass", End: true } } }, { StartAt: "B", States: { B: { Type: "Pass", End: true } } }], End: true };
    expect(await validationMessage(parallel, { mock: { result: "[1]" } })).toEqual({
      name: "ValidationException",
      message: "Mocked result must contain the same number of items as number of Parallel branches.",
    });
    expect(await testState(parallel, { mock: { result: "[1, 2]" } })).toMatchObject({ status: "SUCCEEDED", output: "[1,2]" });
  });
});

describe("TestState mock validation", () => {
  it("answers AWS's messages for a mock where none is allowed", async () => {
    expect(await validationMessage({ Type: "Pass", End: true }, { mock: { result: "{}" } })).toEqual({
      name: "ValidationException",
      message: "State type 'Pass' is not supported when a mock is specified",
    });
    expect(await validationMessage(lambdaTask(), { mock: { result: "{}", errorOutput: { error: "E" } } })).toEqual({
      name: "ValidationException",
      message: "A test mock should have only one of the following fields: [result, errorOutput].",
    });
    expect(await validationMessage(lambdaTask(), { mock: { result: "{}" }, revealSecrets: true })).toEqual({
      name: "ValidationException",
      message: "TestState does not support RevealSecrets when a mock is specified.",
    });
    expect((await validationMessage(lambdaTask(), { context: "{}", roleArn: ROLE_ARN })).name).toBe("ValidationException");
    // Without a mock, an activity or a callback would wait for an answer no test sends.
    expect((await validationMessage({ Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:a", End: true }, { roleArn: ROLE_ARN })).name).toBe("ValidationException");
    expect((await validationMessage({ Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken", End: true }, { roleArn: ROLE_ARN })).name).toBe("InvalidDefinition");
  });

  it("wants a role for a Task that calls its resource (not for a mocked one), in AWS's words", async () => {
    expect(await validationMessage(lambdaTask(), { input: "{}" })).toEqual({ name: "ValidationException", message: "RoleArn must be specified when testing a Task state" });
    expect(await testState(lambdaTask(), { input: "{}", roleArn: ROLE_ARN })).toMatchObject({ status: "SUCCEEDED" });
    expect(await testState(lambdaTask(), { input: "{}", mock: { result: JSON.stringify({ Payload: 1, StatusCode: 200 }) } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await testState({ Type: "Pass", End: true }, { input: "{}" })).toMatchObject({ status: "SUCCEEDED" });
  });

  it("refuses a mocked result that is not JSON, and a Map iteration failure count without a mock, in AWS's words", async () => {
    expect(await validationMessage(lambdaTask(), { mock: { result: "not json" } })).toEqual({ name: "ValidationException", message: "Mocked result must be valid JSON" });
    const map: JsonObject = { Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true };
    expect(await validationMessage(map, { roleArn: ROLE_ARN, stateConfiguration: { mapIterationFailureCount: 0 } })).toEqual({
      name: "ValidationException",
      message: "TestState does not support MapIterationFailureCount when a mock is not specified.",
    });
  });

  it("refuses more failed Map iterations than the mocked result has, in AWS's words", async () => {
    const map: JsonObject = { Type: "Map", ItemsPath: "$.Values", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true };
    const request = { input: JSON.stringify({ Values: [1, 1, 1] }), mock: { result: "[1, 1, 1]" } };
    expect(await validationMessage(map, { ...request, stateConfiguration: { mapIterationFailureCount: 4 } })).toEqual({
      name: "ValidationException",
      message: "Map iteration failure count must be less than or equal to the number of Map iterations",
    });
    expect(await testState(map, { ...request, stateConfiguration: { mapIterationFailureCount: 3 } })).toMatchObject({ status: "FAILED" });
  });
});
