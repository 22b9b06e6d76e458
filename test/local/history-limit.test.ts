/**
 * The history-event limit on the engine (real interpreter, limit lowered through
 * `runExecution`'s `maxHistoryEvents`): whichever event crosses it — the interpreter's, a
 * task's scheduled event, an `ActivityStarted` written when a worker's answer went out — the
 * execution ends FAILED with States.Runtime as its last allowed event, its tasks are gone,
 * it is not redrivable, and nothing escapes into the process.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  RedriveExecutionCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { runExecution } from "../../src/local/interpreter/index.js";
import { ROLE, rejectionOf, startEngine } from "./helpers.js";

let engine: LocalEngine | undefined;
let sfn: SFNClient | undefined;
afterEach(async () => {
  sfn?.destroy();
  await engine?.close();
  engine = sfn = undefined;
});

/** An engine with the real interpreter and the history limit lowered to `maxHistoryEvents`. */
async function engineWithLimit(maxHistoryEvents: number): Promise<{ engine: LocalEngine; sfn: SFNClient }> {
  ({ engine, sfn } = await startEngine({ activityPollTimeoutSeconds: 0.05, runExecution: (options) => runExecution({ ...options, maxHistoryEvents }) }));
  return { engine, sfn };
}

async function start(client: SFNClient, definition: object, input: unknown): Promise<string> {
  const { stateMachineArn } = await client.send(new CreateStateMachineCommand({ name: "limit", roleArn: ROLE, definition: JSON.stringify(definition) }));
  const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  return executionArn!;
}

async function historyTypes(client: SFNClient, executionArn: string): Promise<string[]> {
  const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  expect(events!.map((event) => event.id)).toEqual(events!.map((_, index) => index + 1));
  return events!.map((event) => event.type!);
}

async function tasksHandedOut(client: SFNClient, activityArn: string): Promise<number> {
  let count = 0;
  while ((await client.send(new GetActivityTaskCommand({ activityArn, workerName: "probe" }))).taskToken) count++;
  return count;
}

describe("the history-event limit on the engine", () => {
  it("an activity Task's ActivityScheduled crossing it: FAILED at the last allowed event, nothing queued, not redrivable", async () => {
    const { engine, sfn } = await engineWithLimit(3);
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "work" }));
    const executionArn = await start(sfn, { StartAt: "work", States: { work: { Type: "Task", Resource: activityArn, End: true } } }, {});
    await engine.whenExecutionEnds(executionArn);

    expect(await historyTypes(sfn, executionArn)).toEqual(["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"]);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(described).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: "The execution reached the maximum number of history events (3).",
      redriveStatus: "NOT_REDRIVABLE",
      redriveStatusReason: "Execution history event limit exceeded.",
    });
    expect(await tasksHandedOut(sfn, activityArn!)).toBe(0);
    const refused = await rejectionOf(sfn.send(new RedriveExecutionCommand({ executionArn })));
    expect(refused.name).toBe("ExecutionNotRedrivable");
    expect(refused.message).toContain("Execution history event limit exceeded.");
  });

  it("a Lambda Task's LambdaFunctionScheduled crossing it: FAILED, the function never called, Retry and Catch of States.ALL do not apply", async () => {
    const { engine, sfn } = await engineWithLimit(3);
    const calls: unknown[] = [];
    engine.registerLambda("echo", (event) => void calls.push(event));
    const resource = `arn:aws:lambda:${engine.region}:${engine.accountId}:function:echo`;
    const task = {
      Type: "Task",
      Resource: resource,
      Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 3, IntervalSeconds: 1 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "caught" }],
      End: true,
    };
    const executionArn = await start(sfn, { StartAt: "work", States: { work: task, caught: { Type: "Succeed" } } }, {});
    const ended = await engine.whenExecutionEnds(executionArn);

    expect(ended).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(calls).toEqual([]);
    expect(await historyTypes(sfn, executionArn)).toEqual(["ExecutionStarted", "TaskStateEntered", "ExecutionFailed"]);
  });

  it("an ActivityStarted crossing it as a worker takes a task of a Map: FAILED, taken tokens dead, queued tasks gone", async () => {
    // 10 concurrent iterations: events 1-3 (ExecutionStarted, MapStateEntered, MapStateStarted),
    // then 3 per iteration up to its ActivityScheduled (4-33). The first task taken writes
    // ActivityStarted (34, the last id before the one kept for ExecutionFailed); the second
    // one taken crosses the limit, in the 'finish' listener of its GetActivityTask answer.
    const { engine, sfn } = await engineWithLimit(35);
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "work" }));
    const processor = { StartAt: "work", States: { work: { Type: "Task", Resource: activityArn, End: true } } };
    const items = Array.from({ length: 10 }, (_, index) => index);
    const executionArn = await start(sfn, { StartAt: "each", States: { each: { Type: "Map", ItemProcessor: processor, End: true } } }, items);

    const first = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w1" }));
    const second = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "w2" }));
    expect([first.taskToken, second.taskToken].every((token) => typeof token === "string")).toBe(true);
    const ended = await engine.whenExecutionEnds(executionArn);

    expect(ended).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    const types = await historyTypes(sfn, executionArn);
    expect(types).toHaveLength(35);
    expect(types.slice(-2)).toEqual(["ActivityStarted", "ExecutionFailed"]);
    expect(types.filter((type) => type === "ActivityScheduled")).toHaveLength(10);
    for (const { taskToken } of [first, second]) {
      const late = await rejectionOf(sfn.send(new SendTaskSuccessCommand({ taskToken, output: "1" })));
      expect(late.name).toBe("TaskTimedOut");
    }
    expect(await tasksHandedOut(sfn, activityArn!)).toBe(0);
  });

  it("Parallel branches waiting on activity tasks when an interpreter event crosses it: every branch's task is withdrawn", async () => {
    // One branch loops until the limit; the two others wait on their tasks.
    const { engine, sfn } = await engineWithLimit(40);
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "work" }));
    const waiting = (name: string) => ({ StartAt: name, States: { [name]: { Type: "Task", Resource: activityArn, End: true } } });
    const looping = {
      StartAt: "loop",
      States: {
        loop: { Type: "Pass", Next: "again" },
        again: { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "done" }], Default: "loop" },
        done: { Type: "Succeed" },
      },
    };
    const definition = { StartAt: "all", States: { all: { Type: "Parallel", Branches: [waiting("b"), looping, waiting("c")], End: true } } };
    const executionArn = await start(sfn, definition, {});
    const ended = await engine.whenExecutionEnds(executionArn);

    expect(ended).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    const types = await historyTypes(sfn, executionArn);
    expect(types).toHaveLength(40);
    expect(types.at(-1)).toBe("ExecutionFailed");
    expect(types.filter((type) => type === "ActivityScheduled")).toHaveLength(2);
    expect(await tasksHandedOut(sfn, activityArn!)).toBe(0);
    expect(await sfn.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({ redriveStatus: "NOT_REDRIVABLE" });
  });
});
