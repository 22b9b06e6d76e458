/**
 * Execution.start when StartExecution's answer was lost and the SDK's retry found the execution
 * already ended (ExecutionAlreadyExists): the execution is adopted only when it is provably the
 * one this call started (retried call, our machine, our input, started after the call was sent).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DescribeExecutionCommand, StartExecutionCommand, type DescribeExecutionOutput } from "@aws-sdk/client-sfn";
import { Execution } from "../../src/control/execution.js";
import { AwsCallError } from "../../src/errors.js";
import { awsError, mockedSession } from "./helpers.js";

const machineArn = "arn:aws:states:us-west-2:123456789012:stateMachine:testAdding";
const arn = "arn:aws:states:us-west-2:123456789012:execution:testAdding:run-1";
const sentAt = new Date("2024-01-01T00:00:00Z");
const endedAt = new Date("2024-01-01T00:00:01Z");

/** ExecutionAlreadyExists as the SDK throws it after `attempts` attempts. */
function alreadyExists(attempts: number): Error {
  const error = awsError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
  Object.assign((error as Error & { $metadata: object }).$metadata, { attempts, totalRetryDelay: 120 });
  return error;
}

function ended(extra: Partial<DescribeExecutionOutput> = {}): DescribeExecutionOutput {
  return {
    executionArn: arn,
    stateMachineArn: machineArn,
    name: "run-1",
    status: "SUCCEEDED",
    startDate: sentAt,
    stopDate: endedAt,
    input: '{"a":3,"b":42}',
    output: "45",
    ...extra,
  };
}

/** Start run-1 with input {a:3,b:42}; StartExecution fails with `error`, DescribeExecution answers `described`. */
async function startAfterLostAnswer(error: Error, described?: DescribeExecutionOutput | Error, machine = machineArn) {
  const { session, sfn } = mockedSession();
  sfn.on(StartExecutionCommand).rejects(error);
  if (described instanceof Error) sfn.on(DescribeExecutionCommand).rejects(described);
  else if (described) sfn.on(DescribeExecutionCommand).resolves(described);
  const execution = new Execution("run-1", machine, { input: { a: 3, b: 42 }, session });
  const outcome = await execution.start().catch((e: unknown) => e);
  return { execution, outcome, sfn };
}

describe("Execution.start after a lost StartExecution answer", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: sentAt, toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("adopts the execution the retried call started and that already ended", async () => {
    const { execution, outcome, sfn } = await startAfterLostAnswer(alreadyExists(2), ended());
    expect(outcome).toBe(execution);
    expect(sfn.commandCalls(StartExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { stateMachineArn: machineArn, name: "run-1", input: '{"a":3,"b":42}' },
    ]);
    expect(sfn.commandCalls(DescribeExecutionCommand).map((call) => call.args[0].input)).toEqual([{ executionArn: arn }]);
    expect([execution.arn, execution.status, execution.startDate, execution.stopDate, execution.output]).toEqual([arn, "SUCCEEDED", sentAt, endedAt, 45]);
  });

  it("adopts a failed one too, whose failure wait() then reports", async () => {
    const { execution, outcome } = await startAfterLostAnswer(
      alreadyExists(3),
      ended({ status: "FAILED", output: undefined, error: "States.TaskFailed", cause: "boom" }),
    );
    expect(outcome).toBe(execution);
    expect([execution.status, execution.error, execution.cause]).toEqual(["FAILED", "States.TaskFailed", "boom"]);
  });

  it("builds the ARN from a version ARN's machine name and matches the version", async () => {
    const versionArn = `${machineArn}:7`;
    const { execution, outcome, sfn } = await startAfterLostAnswer(alreadyExists(2), ended({ stateMachineVersionArn: versionArn }), versionArn);
    expect(outcome).toBe(execution);
    expect(sfn.commandCalls(DescribeExecutionCommand).map((call) => call.args[0].input)).toEqual([{ executionArn: arn }]);
  });

  it("rethrows ExecutionAlreadyExists from a first attempt without describing anything", async () => {
    const { outcome, sfn } = await startAfterLostAnswer(alreadyExists(1), ended());
    expect(outcome).toBeInstanceOf(AwsCallError);
    expect([(outcome as AwsCallError).operation, (outcome as AwsCallError).code]).toEqual(["StartExecution", "ExecutionAlreadyExists"]);
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });

  it("rethrows when the attempts are not recorded", async () => {
    const { outcome, sfn } = await startAfterLostAnswer(awsError("ExecutionAlreadyExists"), ended());
    expect((outcome as AwsCallError).code).toBe("ExecutionAlreadyExists");
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });

  it("rethrows other errors of a retried call as they are", async () => {
    const throttled = Object.assign(awsError("ThrottlingException"), { $metadata: { httpStatusCode: 400, attempts: 5 } });
    const { outcome, sfn } = await startAfterLostAnswer(throttled, ended());
    expect((outcome as AwsCallError).code).toBe("ThrottlingException");
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(0);
  });

  const notOurs: [string, DescribeExecutionOutput][] = [
    ["another input", ended({ input: '{"a":3,"b":43}' })],
    ["the same input written otherwise", ended({ input: '{"b":42,"a":3}' })],
    ["another machine", ended({ stateMachineArn: "arn:aws:states:us-west-2:123456789012:stateMachine:other" })],
    ["an older execution of the same name", ended({ startDate: new Date(sentAt.getTime() - 5 * 60_000 - 1) })],
    ["no start date", ended({ startDate: undefined })],
  ];
  for (const [what, described] of notOurs) {
    it(`rethrows ExecutionAlreadyExists when the execution of that name has ${what}`, async () => {
      const { execution, outcome, sfn } = await startAfterLostAnswer(alreadyExists(2), described);
      expect(outcome).toBeInstanceOf(AwsCallError);
      expect((outcome as AwsCallError).code).toBe("ExecutionAlreadyExists");
      expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(1);
      expect([execution.arn, execution.status]).toEqual([undefined, undefined]);
    });
  }

  it("accepts a start date up to the allowed clock skew before the call", async () => {
    const { execution, outcome } = await startAfterLostAnswer(alreadyExists(2), ended({ startDate: new Date(sentAt.getTime() - 5 * 60_000) }));
    expect(outcome).toBe(execution);
  });

  it("rethrows ExecutionAlreadyExists when the execution cannot be described", async () => {
    const { execution, outcome, sfn } = await startAfterLostAnswer(alreadyExists(2), awsError("AccessDeniedException"));
    expect((outcome as AwsCallError).code).toBe("ExecutionAlreadyExists");
    expect(sfn.commandCalls(DescribeExecutionCommand)).toHaveLength(1);
    expect(execution.arn).toBeUndefined();
  });
});
