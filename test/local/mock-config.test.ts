/**
 * Step Functions Local's mock configuration, unchanged (AWS's LambdaSQSIntegration example,
 * through the SDK), its validation errors naming the path in the file, and our extension:
 * activities and callbacks mocked with no worker, a handler module, Map iterations counted.
 */
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand, StartSyncExecutionCommand, type HistoryEvent } from "@aws-sdk/client-sfn";
import { LocalEngine, MockConfigError, type MockConfig } from "../../src/local/index.js";
import { parseMockConfig } from "../../src/local/mock-config/mock-config.js";
import { ROLE, rejectionOf } from "./helpers.js";
import type { JsonObject } from "../../src/json.js";

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/mock-config/${name}`, import.meta.url));
const MACHINE_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";
const LAMBDA_SUCCESS = { StatusCode: 200, Payload: { StatusCode: 200, body: "Hello from Lambda!" } };
const SQS_SUCCESS = { MD5OfMessageBody: "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", MessageId: "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" };

let engine: LocalEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function start(mockConfig: string | MockConfig, name: string, definition: string): Promise<LocalEngine> {
  engine = await LocalEngine.start({ timeScale: 0, mockConfig });
  await engine.session.sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition }));
  return engine;
}

async function runCase(started: LocalEngine, machineArn: string, testCase: string, input = "{}") {
  const { executionArn } = await started.session.sfn.send(new StartExecutionCommand({ stateMachineArn: `${machineArn}#${testCase}`, name: `run-${testCase}`, input }));
  const outcome = await started.whenExecutionEnds(executionArn!);
  const { events } = await started.session.sfn.send(new GetExecutionHistoryCommand({ executionArn: executionArn!, maxResults: 1000 }));
  return { executionArn: executionArn!, outcome, events: events! };
}

const taskEvents = (events: HistoryEvent[]): string[] =>
  events.filter((e) => /^(Task|Lambda|Activity)/.test(e.type!) && !e.type!.startsWith("TaskState")).map((e) => e.type!);

describe("AWS's LambdaSQSIntegration example, unchanged", () => {
  const definition = readFileSync(fixture("LambdaSQSIntegration.asl.json"), "utf8");

  it("HappyPath: both states answer with their mocked responses", async () => {
    const started = await start(fixture("MockConfigFile.json"), "LambdaSQSIntegration", definition);
    const { executionArn, outcome, events } = await runCase(started, MACHINE_ARN, "HappyPath");
    expect(executionArn).toBe("arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:run-HappyPath");
    expect(started.testCaseOf(executionArn)).toBe("HappyPath");
    expect(outcome).toEqual({ status: "SUCCEEDED", output: JSON.stringify(SQS_SUCCESS) });
    const sqsEntered = events.find((e) => e.type === "TaskStateEntered" && e.stateEnteredEventDetails?.name === "SQSState");
    expect(JSON.parse(sqsEntered!.stateEnteredEventDetails!.input!)).toEqual(LAMBDA_SUCCESS);
    expect(taskEvents(events)).toEqual(["TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskScheduled", "TaskStarted", "TaskSucceeded"]);
  });

  it("RetryPath: invocation 0 and 1-2 throw, the third retry (invocation 3) returns", async () => {
    const started = await start(fixture("MockConfigFile.json"), "LambdaSQSIntegration", definition);
    const { outcome, events } = await runCase(started, MACHINE_ARN, "RetryPath");
    expect(outcome.status).toBe("SUCCEEDED");
    const failures = events.filter((e) => e.type === "TaskFailed").map((e) => [e.taskFailedEventDetails!.error, e.taskFailedEventDetails!.cause]);
    expect(failures).toEqual([
      ["Lambda.ResourceNotReadyException", "Lambda resource is not ready."],
      ["Lambda.TimeoutException", "Lambda timed out."],
      ["Lambda.TimeoutException", "Lambda timed out."],
    ]);
    const succeeded = events.filter((e) => e.type === "TaskSucceeded").map((e) => JSON.parse(e.taskSucceededEventDetails!.output!));
    expect(succeeded).toEqual([LAMBDA_SUCCESS, SQS_SUCCESS]);
  });

  it("HybridPath: LambdaState is mocked, SQSState calls its service as usual", async () => {
    const started = await start(fixture("MockConfigFile.json"), "LambdaSQSIntegration", definition);
    const sent: unknown[] = [];
    started.mockServiceResponse("arn:aws:states:::sqs:sendMessage", (input) => {
      sent.push(input);
      return { MessageId: "from-the-service" };
    });
    const { outcome } = await runCase(started, MACHINE_ARN, "HybridPath", '{"x":1}');
    expect(outcome).toEqual({ status: "SUCCEEDED", output: '{"MessageId":"from-the-service"}' });
    expect(sent).toEqual([{ QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/myQueue", MessageBody: LAMBDA_SUCCESS }]);
  });

  it("StartSyncExecution on <arn>#<TestCase> runs the test case too (an EXPRESS machine)", async () => {
    engine = await LocalEngine.start({ timeScale: 0, mockConfig: fixture("MockConfigFile.json") });
    await engine.session.sfn.send(new CreateStateMachineCommand({ name: "LambdaSQSIntegration", roleArn: ROLE, definition, type: "EXPRESS" }));
    const answer = await engine.session.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#RetryPath`, input: "{}" }));
    expect(answer.status).toBe("SUCCEEDED");
    expect(JSON.parse(answer.output!)).toEqual(SQS_SUCCESS);
  });

  it("fails the execution when the mocked response has no entry for an invocation", async () => {
    const config = JSON.parse(readFileSync(fixture("MockConfigFile.json"), "utf8")) as MockConfig;
    config.StateMachines["LambdaSQSIntegration"]!.TestCases["AlwaysNotReady"] = { LambdaState: "LambdaMockedResourceNotReady" };
    const started = await start(config, "LambdaSQSIntegration", definition);
    const { outcome } = await runCase(started, MACHINE_ARN, "AlwaysNotReady");
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("States.Runtime");
    expect(outcome.cause).toBe("An error occurred while executing the state 'LambdaState' (entered at the event id #2). " + 'The mocked response "LambdaMockedResourceNotReady" of test case "AlwaysNotReady" has no entry for invocation 1 of state "LambdaState"');
  });

  it("refuses a test case the configuration does not have, before starting anything", async () => {
    const started = await start(fixture("MockConfigFile.json"), "LambdaSQSIntegration", definition);
    const error = await rejectionOf(started.session.sfn.send(new StartExecutionCommand({ stateMachineArn: `${MACHINE_ARN}#SadPath` })));
    expect(error.name).toBe("ValidationException");
    expect(error.message).toBe('The mock configuration has no test case "SadPath" for state machine "LambdaSQSIntegration" (it has "HappyPath", "RetryPath", "HybridPath")');
  });
});

describe("our extension: activities, callbacks, handler modules, Map iterations", () => {
  const definition: JsonObject = {
    StartAt: "Approve",
    States: {
      Approve: { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:human-approval", ResultPath: "$.approval", Next: "Notify" },
      Notify: {
        Type: "Task",
        Resource: "arn:aws:states:::sns:publish.waitForTaskToken",
        Parameters: { TopicArn: "arn:aws:sns:us-east-1:123456789012:t", Message: { "token.$": "$$.Task.Token" } },
        ResultPath: "$.notified",
        Next: "Check",
      },
      Check: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "approve", "Payload.$": "$" }, ResultSelector: { "approved.$": "$.Payload.approved" }, ResultPath: "$.check", Next: "Squares" },
      Squares: {
        Type: "Map",
        ItemsPath: "$.items",
        MaxConcurrency: 1,
        ItemProcessor: { StartAt: "Square", States: { Square: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:square", End: true } } },
        Catch: [{ ErrorEquals: ["Squares.TooBig"], ResultPath: "$.squares", Next: "Done" }],
        ResultPath: "$.squares",
        Next: "Done",
      },
      Done: { Type: "Succeed" },
    },
  };

  it("mocks an activity and a callback with no worker, calls the handler module, counts Map iterations", async () => {
    const started = await start(fixture("ExtensionMockConfig.json"), "Extended", JSON.stringify(definition));
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:Extended";
    const { outcome, events } = await runCase(started, arn, "NoWorker", '{"amount":42,"items":[1,2,3]}');
    expect(outcome.status).toBe("SUCCEEDED");
    expect(JSON.parse(outcome.output!)).toEqual({
      amount: 42,
      items: [1, 2, 3],
      approval: { approvedBy: "alice" },
      notified: { MessageId: "m-1" },
      check: { approved: true },
      squares: { Error: "Squares.TooBig", Cause: "9 is too big" },
    });
    expect(taskEvents(events).slice(0, 3)).toEqual(["ActivityScheduled", "ActivityStarted", "ActivitySucceeded"]);
    expect(events.filter((e) => e.type === "LambdaFunctionSucceeded").map((e) => e.lambdaFunctionSucceededEventDetails!.output)).toEqual(["1", "4"]);
  });
});

describe("mock configuration errors name the path in the file", () => {
  const cases: [unknown, string][] = [
    [{ StateMachines: { M: { TestCases: { T: { S: "Nope" } } } } }, 'StateMachines.M.TestCases.T.S: names no entry of MockedResponses: "Nope"'],
    [{ StateMachines: {}, MockedResponses: { R: { "0": { Return: 1, Throw: { Error: "E", Cause: "C" } } } } }, 'MockedResponses.R."0": must contain a single field named Return or Throw, got "Return", "Throw"'],
    [{ StateMachines: {}, MockedResponses: { R: { "2-1": { Return: 1 } } } }, 'MockedResponses.R."2-1": the range ends before it starts'],
    [{ StateMachines: {}, MockedResponses: { R: { first: { Return: 1 } } } }, 'MockedResponses.R.first: invocation key must be a number ("0") or an inclusive range ("1-2"), got "first"'],
    // JSON objects list integer keys first: "2" is read before "0-2".
    [{ StateMachines: {}, MockedResponses: { R: { "0-2": { Return: 1 }, "2": { Return: 2 } } } }, 'MockedResponses.R."0-2": overlaps invocations 2-2'],
    [{ StateMachines: {}, MockedResponses: { R: { "0": { Throw: { Error: "E" } } } } }, 'MockedResponses.R."0".Throw.Cause: must be a string, got null'],
    [{ StateMachines: { M: { Cases: {} } } }, "StateMachines.M.Cases: unknown field (a state machine has only TestCases)"],
    [{ StateMachine: {} }, "StateMachine: unknown top-level field (expected StateMachines and MockedResponses)"],
  ];
  it.each(cases)("%j", (config, message) => {
    expect(() => parseMockConfig(config, "Mock.json")).toThrow(MockConfigError);
    expect(() => parseMockConfig(config, "Mock.json")).toThrow(`Mock.json: ${message}`);
  });

  it("fails LocalEngine.start on a bad file or a missing handler export", async () => {
    await expect(LocalEngine.start({ mockConfig: fixture("missing.json") })).rejects.toThrow(/missing\.json: \(file\): cannot read the mock configuration/);
    const config: MockConfig = { StateMachines: { M: { TestCases: { T: { S: { Module: fixture("handlers.mjs"), Handler: "nope" } } } } } };
    await expect(LocalEngine.start({ mockConfig: config })).rejects.toThrow(/StateMachines\.M\.TestCases\.T\.S: ".*handlers\.mjs" has no function export "nope"/);
  });
});
