import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  InvalidExecutionInput,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  TaskTimedOut,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { PASS_DEFINITION, ROLE, oneTask, rejectionOf, startEngine, untilEvent } from "./helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
beforeEach(async () => ({ engine, sfn } = await startEngine({ activityPollTimeoutSeconds: 5 })));
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

const ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:add";
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:adder";

async function createAdder(extra = {}): Promise<void> {
  await sfn.send(new CreateActivityCommand({ name: "add" }));
  await sfn.send(new CreateStateMachineCommand({ name: "adder", roleArn: ROLE, definition: oneTask(ACTIVITY, extra) }));
}

describe("executions with an activity task", () => {
  it("runs a task round trip and records the history in the API's shape", async () => {
    await createAdder({ TimeoutSeconds: 30, HeartbeatSeconds: 10 });
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: "run1", input: '{"a":3,"b":42}' }));
    expect(started.executionArn).toBe("arn:aws:states:us-east-1:123456789012:execution:adder:run1");
    expect(started.startDate).toBeInstanceOf(Date);

    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY, workerName: "host-1" }));
    expect(JSON.parse(task.input!)).toEqual({ a: 3, b: 42 });
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: "45" }));
    await engine.whenExecutionEnds(started.executionArn!);

    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    expect(described).toMatchObject({ status: "SUCCEEDED", output: "45", input: '{"a":3,"b":42}', name: "run1", stateMachineArn: MACHINE });
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());

    const history = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    const events = history.events!;
    expect(events.map((event) => event.type)).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "ActivityScheduled",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited",
      "ExecutionSucceeded",
    ]);
    expect(events.map((event) => [event.id, event.previousEventId])).toEqual([
      [1, 0], [2, 1], [3, 2], [4, 3], [5, 4], [6, 5], [7, 6],
    ]);
    expect(events[0]!.executionStartedEventDetails).toEqual({ input: '{"a":3,"b":42}', inputDetails: { truncated: false }, roleArn: ROLE });
    expect(events[2]!.activityScheduledEventDetails).toEqual({
      resource: ACTIVITY,
      input: '{"a":3,"b":42}',
      inputDetails: { truncated: false },
      timeoutInSeconds: 30,
      heartbeatInSeconds: 10,
    });
    expect(events[3]!.activityStartedEventDetails).toEqual({ workerName: "host-1" });
    expect(events[4]!.activitySucceededEventDetails).toEqual({ output: "45", outputDetails: { truncated: false } });
    expect(events[6]!.executionSucceededEventDetails).toEqual({ output: "45", outputDetails: { truncated: false } });
    expect(events[0]!.timestamp).toBeInstanceOf(Date);

    const late = await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: "1" })));
    expect(late).toBeInstanceOf(TaskTimedOut);
  });

  it("pages the history forward and in reverse, with or without data", async () => {
    await sfn.send(new CreateStateMachineCommand({ name: "adder", roleArn: ROLE, definition: PASS_DEFINITION }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, input: '{"x":1}' }));
    await engine.whenExecutionEnds(executionArn!);
    const ids: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2, nextToken }));
      ids.push(...page.events!.map((event) => event.id!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(ids).toEqual([4, 3, 2, 1]);
    const bare = await sfn.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
    expect(bare.events![0]!.executionStartedEventDetails).toEqual({ inputDetails: { truncated: false }, roleArn: ROLE });
    expect(bare.events![3]!.executionSucceededEventDetails).toEqual({ outputDetails: { truncated: false } });
  });

  it("fails the execution with the worker's error and cause", async () => {
    await createAdder();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: task.taskToken, error: "ValueError", cause: "bad input" }));
    await engine.whenExecutionEnds(executionArn!);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: "FAILED", error: "ValueError", cause: "bad input", redriveStatus: "REDRIVABLE" });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 1 }));
    expect(events![0]).toMatchObject({ type: "ExecutionFailed", executionFailedEventDetails: { error: "ValueError", cause: "bad input" } });
  });

  it("StartExecution is idempotent for the same name and input while RUNNING, else ExecutionAlreadyExists", async () => {
    await createAdder();
    const first = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: "same", input: "{}" }));
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: "same", input: "{}" }));
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    const other = await rejectionOf(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: "same", input: '{"x":1}' })));
    expect(other).toBeInstanceOf(ExecutionAlreadyExists);
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE }))).executions).toHaveLength(1);

    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn, error: "Stop", cause: "test" }));
    const afterStop = await rejectionOf(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: "same", input: "{}" })));
    expect(afterStop).toBeInstanceOf(ExecutionAlreadyExists);
  });

  it("stops a running execution: ABORTED, its task withdrawn, its token dead", async () => {
    await createAdder();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const stopped = await sfn.send(new StopExecutionCommand({ executionArn, error: "Why", cause: "because" }));
    expect(stopped.stopDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: "ABORTED", error: "Why", cause: "because" });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.at(-1)).toMatchObject({ type: "ExecutionAborted", executionAbortedEventDetails: { error: "Why", cause: "because" } });
    // A short poll: the queue must be empty, so the poll ends with no task.
    sfn.destroy();
    await engine.close();
    ({ engine, sfn } = await startEngine({ activityPollTimeoutSeconds: 0.05 }));
    await createAdder();
    const run = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    await untilEvent(sfn, run.executionArn!, "ActivityScheduled");
    await sfn.send(new StopExecutionCommand({ executionArn: run.executionArn }));
    const poll = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    expect(poll.taskToken).toBeUndefined();
  });

  it("lists executions newest first, filtered by status, paged", async () => {
    await sfn.send(new CreateStateMachineCommand({ name: "adder", roleArn: ROLE, definition: PASS_DEFINITION }));
    for (const name of ["e1", "e2", "e3"]) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name }));
      await engine.whenExecutionEnds(executionArn!);
    }
    const page1 = await sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE, statusFilter: "SUCCEEDED", maxResults: 2 }));
    expect(page1.executions!.map((e) => e.name)).toEqual(["e3", "e2"]);
    const page2 = await sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE, statusFilter: "SUCCEEDED", maxResults: 2, nextToken: page1.nextToken }));
    expect(page2.executions!.map((e) => e.name)).toEqual(["e1"]);
    expect(page2.nextToken).toBeUndefined();
    expect((await sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE, statusFilter: "RUNNING" }))).executions).toEqual([]);
    // AWS's words (test_state_machine_status_filter, test_list_sms_pagination): values in single quotes.
    const badFilter = await rejectionOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE, statusFilter: "succeeded" as "RUNNING" })));
    expect({ name: badFilter.name, message: badFilter.message }).toEqual({
      name: "ValidationException",
      message: "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    });
    const tooMany = await rejectionOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: MACHINE, maxResults: 1001 })));
    expect(tooMany.message).toBe("1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000");
  });

  it("answers InvalidExecutionInput, ExecutionDoesNotExist, StateMachineDoesNotExist", async () => {
    await createAdder();
    expect(await rejectionOf(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, input: "{nope" })))).toBeInstanceOf(InvalidExecutionInput);
    expect(await rejectionOf(sfn.send(new DescribeExecutionCommand({ executionArn: `${MACHINE.replace("stateMachine", "execution")}:ghost` })))).toBeInstanceOf(ExecutionDoesNotExist);
    expect((await rejectionOf(sfn.send(new StartExecutionCommand({ stateMachineArn: `${MACHINE}x` })))).name).toBe("StateMachineDoesNotExist");
    const badName = await rejectionOf(sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, name: "a/b" })));
    expect(badName.name).toBe("InvalidName");
  });

  it("describes the machine an execution ran, even after an update", async () => {
    await createAdder();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const described = await sfn.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ stateMachineArn: MACHINE, name: "adder", definition: oneTask(ACTIVITY), roleArn: ROLE });
  });

  it("redrives a failed execution from where it failed", async () => {
    await createAdder();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, input: '{"n":1}' }));
    const first = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: first.taskToken, error: "Flaky" }));
    await engine.whenExecutionEnds(executionArn!);
    const redriven = await sfn.send(new RedriveExecutionCommand({ executionArn }));
    expect(redriven.redriveDate).toBeInstanceOf(Date);
    const second = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: second.taskToken, output: '"ok"' }));
    await engine.whenExecutionEnds(executionArn!);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({ status: "SUCCEEDED", output: '"ok"', redriveCount: 1 });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const redrive = events!.find((event) => event.type === "ExecutionRedriven")!;
    expect(redrive.executionRedrivenEventDetails).toEqual({ redriveCount: 1 });
    const notAgain = await rejectionOf(sfn.send(new RedriveExecutionCommand({ executionArn })));
    expect(notAgain.name).toBe("ExecutionNotRedrivable");
  });
});
