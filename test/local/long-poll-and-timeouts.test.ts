import { afterEach, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskTimedOut,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { ROLE, oneTask, rejectionOf, startEngine, untilEvent } from "./helpers.js";

const ACTIVITY = "arn:aws:states:us-east-1:123456789012:activity:work";
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";

let engine: LocalEngine;
let sfn: SFNClient;
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

async function setUp(options: Parameters<typeof startEngine>[0], taskFields = {}): Promise<void> {
  ({ engine, sfn } = await startEngine(options));
  await sfn.send(new CreateActivityCommand({ name: "work" }));
  await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: oneTask(ACTIVITY, taskFields) }));
}

describe("GetActivityTask long poll", () => {
  it("ends empty when no task comes within the poll timeout", async () => {
    await setUp({ activityPollTimeoutSeconds: 0.05 });
    const answer = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    expect(answer.taskToken).toBeUndefined();
  });

  it("ends early with the task when one is scheduled while it waits", async () => {
    await setUp({ activityPollTimeoutSeconds: 60 });
    const poll = sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY, workerName: "w" }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE, input: '{"k":1}' }));
    const task = await poll;
    expect(JSON.parse(task.input!)).toEqual({ k: 1 });
  });

  it("never hands a task to a poller that disconnected", async () => {
    await setUp({ activityPollTimeoutSeconds: 60 });
    const gone = new AbortController();
    const abandoned = sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY, workerName: "gone" }), { abortSignal: gone.signal });
    // Let the poll reach the server before the client drops it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gone.abort();
    await expect(abandoned).rejects.toThrow();
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY, workerName: "live" }));
    expect(task.taskToken).toBeDefined();
    const started = await untilEvent(sfn, executionArn!, "ActivityStarted");
    expect(started.activityStartedEventDetails).toEqual({ workerName: "live" });
  });

  it("ends waiting polls when the engine closes", async () => {
    await setUp({ activityPollTimeoutSeconds: 60 });
    const poll = sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    await engine.close();
    const settled = await poll.then(
      (answer) => answer.taskToken,
      () => "rejected",
    );
    expect(settled === undefined || settled === "rejected").toBe(true);
  });
});

describe("task time limits", () => {
  it("fails with States.HeartbeatTimeout when heartbeats stop, and the late answer gets TaskTimedOut", async () => {
    // 1 s of ASL time lasts 5 ms.
    await setUp({ timeScale: 0.005 }, { HeartbeatSeconds: 2 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    const outcome = await engine.whenExecutionEnds(executionArn!);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.HeartbeatTimeout" });
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((event) => event.type)).toContain("ActivityTimedOut");
    // As AWS records a timed-out task: the error only, no cause.
    expect(events!.find((event) => event.type === "ActivityTimedOut")!.activityTimedOutEventDetails).toEqual({ error: "States.HeartbeatTimeout" });
    expect(await rejectionOf(sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken })))).toBeInstanceOf(TaskTimedOut);
    expect(await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: "1" })))).toBeInstanceOf(TaskTimedOut);
  });

  it("keeps a task alive while heartbeats come", async () => {
    // HeartbeatSeconds 10 = 200 ms of real time; twenty heartbeats 20 ms apart span 400 ms and more.
    await setUp({ timeScale: 0.02 }, { HeartbeatSeconds: 10 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    for (let beat = 0; beat < 20; beat++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await sfn.send(new SendTaskHeartbeatCommand({ taskToken: task.taskToken }));
    }
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '"done"' }));
    expect(await engine.whenExecutionEnds(executionArn!)).toMatchObject({ status: "SUCCEEDED", output: '"done"' });
  });

  it("fails with States.Timeout after TimeoutSeconds even with no worker", async () => {
    await setUp({ timeScale: 0.005 }, { TimeoutSeconds: 1 });
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    expect(await engine.whenExecutionEnds(executionArn!)).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described.status).toBe("FAILED");
  });

  it("answers InvalidToken, TaskDoesNotExist and InvalidOutput", async () => {
    await setUp({});
    expect((await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: "bad token!", output: "1" })))).name).toBe("InvalidToken");
    expect((await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: "AQAAAAAA", output: "1" })))).name).toBe("TaskDoesNotExist");
    await sfn.send(new StartExecutionCommand({ stateMachineArn: MACHINE }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    expect((await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: "{oops" })))).name).toBe("InvalidOutput");
  });
});
