/**
 * Issue 9, class 11 and issue 10, item 3: Express executions keep no history, as on AWS.
 * "Execution guarantees" (developer guide): for Express workflows "Execution history is not
 * captured by Step Functions". The API reference of DescribeExecution ("Executions of an EXPRESS
 * state machine aren't supported by DescribeExecution unless a Map Run dispatched them"),
 * GetExecutionHistory, StopExecution, RedriveExecution and DescribeStateMachineForExecution ("This API action is
 * not supported by EXPRESS state machines") lists no StateMachineTypeNotSupported for them:
 * AWS answers an `express:` execution ARN `InvalidArn`, naming the resource type. So the
 * 25,000-event limit of Standard executions ("Quotas related to state machine executions")
 * does not apply, and the same machine as a Standard execution still fails at the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import { conformance, type Conformance } from "./harness.js";
import { rejectionOf, ROLE } from "../helpers.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
});
afterAll(() => c.close());

/**
 * 7 × 1,000 inline Map iterations of a Pass: 4 events each (iteration started/succeeded, Pass
 * entered/exited), about 28,000 events in all, past 25,000.
 */
const MANY_EVENTS = {
  StartAt: "outer",
  States: {
    outer: {
      Type: "Map",
      ItemsPath: "$.rows",
      ItemSelector: { "cells.$": "States.ArrayRange(1, 1000, 1)" },
      ItemProcessor: {
        StartAt: "inner",
        States: {
          inner: {
            Type: "Map",
            ItemsPath: "$.cells",
            ItemProcessor: { StartAt: "cell", States: { cell: { Type: "Pass", Result: 1, End: true } } },
            ResultSelector: { "n.$": "States.ArrayLength($)" },
            End: true,
          },
        },
      },
      ResultSelector: { "rows.$": "States.ArrayLength($)" },
      End: true,
    },
  },
};
const INPUT = { rows: [1, 2, 3, 4, 5, 6, 7] };

/** AWS's answer for an Express execution ARN where an execution ARN is taken. */
const EXPRESS_ARN_REFUSED = { name: "InvalidArn", message: "Invalid Arn: 'Resource type not valid in this context: express'", status: 400 };

/** What each operation that AWS does not support for Express executions answers for `executionArn`. */
async function refusals(executionArn: string) {
  const calls = {
    DescribeExecution: new DescribeExecutionCommand({ executionArn }),
    GetExecutionHistory: new GetExecutionHistoryCommand({ executionArn }),
    StopExecution: new StopExecutionCommand({ executionArn }),
    RedriveExecution: new RedriveExecutionCommand({ executionArn }),
    DescribeStateMachineForExecution: new DescribeStateMachineForExecutionCommand({ executionArn }),
  };
  const answers: Record<string, { name: string; message: string; status: number | undefined }> = {};
  for (const [operation, command] of Object.entries(calls)) {
    const error = await rejectionOf(c.sfn.send(command as DescribeExecutionCommand));
    answers[operation] = { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
  }
  return answers;
}

describe("Express executions keep no history", () => {
  it("an Express execution of about 28,000 events succeeds (StartExecution); no operation describes it or gives its history", async () => {
    const outcome = await c.run(MANY_EVENTS, INPUT, { type: "EXPRESS" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { rows: 7 } });
    expect(outcome.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:m\d+:[0-9a-f-]{36}:[0-9a-f-]{36}$/);
    const answers = await refusals(outcome.executionArn);
    for (const operation of Object.keys(answers)) expect({ operation, ...answers[operation] }).toEqual({ operation, ...EXPRESS_ARN_REFUSED });
  });

  it("a synchronous Express execution of the same succeeds (StartSyncExecution): output and billingDetails, no history", async () => {
    const { stateMachineArn } = await c.sfn.send(
      new CreateStateMachineCommand({ name: "sync-many", roleArn: ROLE, definition: JSON.stringify(MANY_EVENTS), type: "EXPRESS" }),
    );
    const answer = await c.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify(INPUT), traceHeader: "Root=1-abc" }));
    expect(answer).toMatchObject({
      status: "SUCCEEDED",
      output: '{"rows":7}',
      outputDetails: { included: true },
      input: JSON.stringify(INPUT),
      inputDetails: { included: true },
      traceHeader: "Root=1-abc",
    });
    expect(answer.error).toBeUndefined();
    expect(answer.billingDetails!.billedMemoryUsedInMB).toBe(64);
    const billedMs = answer.billingDetails!.billedDurationInMilliseconds!;
    expect(billedMs % 100).toBe(0);
    expect(billedMs).toBeGreaterThanOrEqual(Math.max(100, answer.stopDate!.getTime() - answer.startDate!.getTime()));
    expect((await rejectionOf(c.sfn.send(new GetExecutionHistoryCommand({ executionArn: answer.executionArn })))).name).toBe("InvalidArn");
  });

  it("a failed synchronous Express execution answers its error and cause", async () => {
    const failing = { StartAt: "F", States: { F: { Type: "Fail", Error: "Custom.Broken", Cause: "it broke" } } };
    expect(await c.runSync(failing)).toMatchObject({ status: "FAILED", error: "Custom.Broken", cause: "it broke" });
  });

  it("a running Express execution is refused alike: it cannot be described, stopped or read", async () => {
    const { activityArn } = await c.sfn.send(new CreateActivityCommand({ name: "express-never-polled" }));
    const waiting = { StartAt: "T", States: { T: { Type: "Task", Resource: activityArn, End: true } } };
    const { stateMachineArn } = await c.sfn.send(new CreateStateMachineCommand({ name: "express-waiting", roleArn: ROLE, definition: JSON.stringify(waiting), type: "EXPRESS" }));
    const { executionArn } = await c.sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const answers = await refusals(executionArn!);
    for (const operation of Object.keys(answers)) expect({ operation, ...answers[operation] }).toEqual({ operation, ...EXPRESS_ARN_REFUSED });
  });

  it("a Standard execution of the same fails at 25,000 events with States.Runtime", async () => {
    const outcome = await c.run(MANY_EVENTS, INPUT);
    expect(outcome).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: "The execution reached the maximum number of history events (25000).",
    });
    expect(outcome.events.length).toBe(25_000);
    expect(outcome.events.at(-1)).toBe("ExecutionFailed");
  });
});
