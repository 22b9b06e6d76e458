import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeMapRunCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListMapRunsCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateMapRunCommand,
  type DescribeMapRunCommandOutput,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { runExecution } from "../../src/local/interpreter/index.js";
import { ROLE, rejectionOf, startEngine } from "./helpers.js";
import type { JsonObject } from "../../src/json.js";

const ACCOUNT = "123456789012";
const arnOf = (kind: string, name: string): string => `arn:aws:states:us-east-1:${ACCOUNT}:${kind}:${name}`;
const ACTIVITY = arnOf("activity", "work");
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

let engine: LocalEngine;
let sfn: SFNClient;
beforeEach(async () => ({ engine, sfn } = await startEngine({ runExecution, activityPollTimeoutSeconds: 5 })));
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

/** A Distributed Map over `$.items` whose item processor is `processor`, with the Map's `extra` fields. */
function distributedMap(processor: JsonObject, extra: JsonObject = {}): JsonObject {
  return {
    StartAt: "Fan",
    States: {
      Fan: {
        Type: "Map",
        ItemsPath: "$.items",
        ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...processor },
        End: true,
        ...extra,
      },
    },
  };
}

const PASS_PROCESSOR = { StartAt: "P", States: { P: { Type: "Pass", End: true } } };
const ACTIVITY_PROCESSOR = { StartAt: "W", States: { W: { Type: "Task", Resource: ACTIVITY, End: true } } };

async function start(name: string, definition: JsonObject, input: JsonObject): Promise<string> {
  await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arnOf("stateMachine", name), input: JSON.stringify(input) }));
  return executionArn!;
}

async function onlyMapRunArn(executionArn: string): Promise<string> {
  const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
  expect(mapRuns).toHaveLength(1);
  return mapRuns![0]!.mapRunArn!;
}

const counts = (values: Partial<Record<string, number>>) => ({
  pending: 0,
  running: 0,
  succeeded: 0,
  failed: 0,
  timedOut: 0,
  aborted: 0,
  total: 0,
  resultsWritten: 0,
  failuresNotRedrivable: 0,
  pendingRedrive: 0,
  ...values,
});

function countsOf(described: DescribeMapRunCommandOutput): { items: unknown; executions: unknown } {
  return { items: described.itemCounts, executions: described.executionCounts };
}

describe("map runs of a Distributed Map", () => {
  it("lists the run, whose ARN the MapRunStarted event carries, and describes it with exact counts after the run", async () => {
    const executionArn = await start("fan", distributedMap(PASS_PROCESSOR, { MaxConcurrency: 2, ToleratedFailureCount: 1 }), { items: [1, 2, 3] });
    expect(await engine.whenExecutionEnds(executionArn)).toEqual({ status: "SUCCEEDED", output: "[1,2,3]" });

    const { mapRuns } = await sfn.send(new ListMapRunsCommand({ executionArn }));
    expect(mapRuns).toHaveLength(1);
    const listed = mapRuns![0]!;
    expect(listed.mapRunArn).toMatch(new RegExp(`^arn:aws:states:us-east-1:${ACCOUNT}:mapRun:fan/Fan:${UUID}$`));
    expect(listed).toMatchObject({ executionArn, stateMachineArn: arnOf("stateMachine", "fan") });
    expect(listed.startDate).toBeInstanceOf(Date);
    expect(listed.stopDate!.getTime()).toBeGreaterThanOrEqual(listed.startDate!.getTime());

    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const started = events!.find((event) => event.type === "MapRunStarted")!;
    expect(started.mapRunStartedEventDetails).toEqual({ mapRunArn: listed.mapRunArn });

    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: listed.mapRunArn }));
    expect(described).toMatchObject({
      mapRunArn: listed.mapRunArn,
      executionArn,
      status: "SUCCEEDED",
      maxConcurrency: 2,
      toleratedFailureCount: 1,
      toleratedFailurePercentage: 0,
      redriveCount: 0,
    });
    expect(described.startDate).toEqual(listed.startDate);
    expect(described.stopDate).toEqual(listed.stopDate);
    expect(countsOf(described)).toEqual({ items: counts({ succeeded: 3, total: 3 }), executions: counts({ succeeded: 3, total: 3 }) });
  });

  it("counts items by batch and child executions by iteration; the Label names the run", async () => {
    const definition = distributedMap(PASS_PROCESSOR, { Label: "Batches", ItemBatcher: { MaxItemsPerBatch: 2 } });
    const executionArn = await start("batched", definition, { items: [1, 2, 3, 4, 5] });
    expect((await engine.whenExecutionEnds(executionArn)).status).toBe("SUCCEEDED");
    const mapRunArn = await onlyMapRunArn(executionArn);
    expect(mapRunArn).toMatch(new RegExp(`:mapRun:batched/Batches:${UUID}$`));
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(countsOf(described)).toEqual({ items: counts({ succeeded: 5, total: 5 }), executions: counts({ succeeded: 3, total: 3 }) });
  });

  it("a failed run: FAILED with the failed iteration counted; no Map, no run", async () => {
    const failing = { StartAt: "F", States: { F: { Type: "Fail", Error: "Bad", Cause: "no" } } };
    const executionArn = await start("failing", distributedMap(failing, { MaxConcurrency: 1 }), { items: [1, 2] });
    expect(await engine.whenExecutionEnds(executionArn)).toEqual({ status: "FAILED", error: "Bad", cause: "no" });
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn: await onlyMapRunArn(executionArn) }));
    expect(described.status).toBe("FAILED");
    // The first failure ends the run before the second item starts.
    expect(countsOf(described)).toEqual({ items: counts({ failed: 1, pending: 1, total: 2 }), executions: counts({ failed: 1, pending: 1, total: 2 }) });

    const plain = await start("plain", { StartAt: "P", States: { P: { Type: "Pass", End: true } } }, {});
    await engine.whenExecutionEnds(plain);
    expect((await sfn.send(new ListMapRunsCommand({ executionArn: plain }))).mapRuns).toEqual([]);
  });

  it("counts as iterations run, and UpdateMapRun's maxConcurrency starts the waiting ones", async () => {
    await sfn.send(new CreateActivityCommand({ name: "work" }));
    const executionArn = await start("slow", distributedMap(ACTIVITY_PROCESSOR, { MaxConcurrency: 1 }), { items: ["a", "b", "c"] });
    const first = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    expect(first.input).toBe('"a"');
    const mapRunArn = await onlyMapRunArn(executionArn);
    const running = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(running.status).toBe("RUNNING");
    expect(running.stopDate).toBeUndefined();
    expect(running.executionCounts).toEqual(counts({ running: 1, pending: 2, total: 3 }));

    await sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 0 }));
    const second = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    const third = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    expect([second.input, third.input]).toEqual(['"b"', '"c"']);
    const widened = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(widened.maxConcurrency).toBe(0);
    expect(widened.executionCounts).toEqual(counts({ running: 3, total: 3 }));

    for (const [task, output] of [[first, "1"], [second, "2"], [third, "3"]] as const) {
      await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output }));
    }
    expect(await engine.whenExecutionEnds(executionArn)).toEqual({ status: "SUCCEEDED", output: "[1,2,3]" });
    const done = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(done.status).toBe("SUCCEEDED");
    expect(done.itemCounts).toEqual(counts({ succeeded: 3, total: 3 }));

    const completed = await rejectionOf(sfn.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 5 })));
    expect(completed.name).toBe("ValidationException");
    expect(completed).toMatchObject({ reason: "CANNOT_UPDATE_COMPLETED_MAP_RUN" });
  });

  it("UpdateMapRun lowering the tolerated failures below those so far fails the run at once", async () => {
    await sfn.send(new CreateActivityCommand({ name: "work" }));
    const executionArn = await start("tolerant", distributedMap(ACTIVITY_PROCESSOR, { MaxConcurrency: 1, ToleratedFailureCount: 1 }), { items: [1, 2, 3] });
    const first = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    await sfn.send(new SendTaskFailureCommand({ taskToken: first.taskToken, error: "Oops", cause: "item 1" }));
    const second = await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    expect(second.input).toBe("2");
    const mapRunArn = await onlyMapRunArn(executionArn);
    await sfn.send(new UpdateMapRunCommand({ mapRunArn, toleratedFailureCount: 0, toleratedFailurePercentage: 12.5 }));

    const outcome = await engine.whenExecutionEnds(executionArn);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.ExceedToleratedFailureThreshold" });
    const described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    expect(described).toMatchObject({ status: "FAILED", toleratedFailureCount: 0, toleratedFailurePercentage: 12.5, maxConcurrency: 1 });
    expect(described.executionCounts).toEqual(counts({ failed: 1, aborted: 1, pending: 1, total: 3 }));
  });
});

describe("a stopped execution", () => {
  it("aborts its map run: running iterations count as aborted, the rest stay pending", async () => {
    await sfn.send(new CreateActivityCommand({ name: "work" }));
    const executionArn = await start("stopped", distributedMap(ACTIVITY_PROCESSOR, { MaxConcurrency: 2 }), { items: [1, 2, 3] });
    await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    await sfn.send(new GetActivityTaskCommand({ activityArn: ACTIVITY }));
    const mapRunArn = await onlyMapRunArn(executionArn);
    await sfn.send(new StopExecutionCommand({ executionArn }));
    // The interpreter unwinds after the stop's answer: wait, one turn of the event loop at a time, for the run to end.
    let described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    while (described.status === "RUNNING") {
      await new Promise((resolve) => setImmediate(resolve));
      described = await sfn.send(new DescribeMapRunCommand({ mapRunArn }));
    }
    expect(described.status).toBe("ABORTED");
    expect(described.stopDate).toBeInstanceOf(Date);
    expect(described.executionCounts).toEqual(counts({ aborted: 2, pending: 1, total: 3 }));
  });
});

describe("map run operations' errors", () => {
  const unknownRun = `arn:aws:states:us-east-1:${ACCOUNT}:mapRun:fan/Fan:00000000-0000-4000-8000-000000000000`;

  it("bad and unknown ARNs", async () => {
    for (const arn of ["not-an-arn", arnOf("execution", "fan:run1"), "arn:aws:lambda:us-east-1:123456789012:function:f"]) {
      expect((await rejectionOf(sfn.send(new DescribeMapRunCommand({ mapRunArn: arn })))).name).toBe("InvalidArn");
      expect((await rejectionOf(sfn.send(new UpdateMapRunCommand({ mapRunArn: arn, maxConcurrency: 1 })))).name).toBe("InvalidArn");
    }
    expect((await rejectionOf(sfn.send(new ListMapRunsCommand({ executionArn: unknownRun })))).name).toBe("InvalidArn");
    const notFound = await rejectionOf(sfn.send(new DescribeMapRunCommand({ mapRunArn: unknownRun })));
    expect(notFound).toMatchObject({ name: "ResourceNotFound", resourceName: unknownRun });
    expect((await rejectionOf(sfn.send(new UpdateMapRunCommand({ mapRunArn: unknownRun, maxConcurrency: 1 })))).name).toBe("ResourceNotFound");
    expect((await rejectionOf(sfn.send(new ListExecutionsCommand({ mapRunArn: unknownRun })))).name).toBe("ResourceNotFound");
    expect((await rejectionOf(sfn.send(new ListExecutionsCommand({ mapRunArn: "not-an-arn" })))).name).toBe("InvalidArn");
    expect((await rejectionOf(sfn.send(new ListMapRunsCommand({ executionArn: arnOf("execution", "fan:nope") })))).name).toBe("ExecutionDoesNotExist");
  });

  it("UpdateMapRun validates its settings before looking at the run", async () => {
    const cases: [JsonObject, string][] = [
      [{}, "At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount"],
      [{ maxConcurrency: -1 }, "Value '-1' at 'maxConcurrency' failed to satisfy constraint: Member must have value greater than or equal to 0"],
      [{ toleratedFailurePercentage: 100.5 }, "Value '100.5' at 'toleratedFailurePercentage' failed to satisfy constraint: Member must have value less than or equal to 100"],
      [{ toleratedFailureCount: -2 }, "Value '-2' at 'toleratedFailureCount' failed to satisfy constraint: Member must have value greater than or equal to 0"],
    ];
    for (const [settings, message] of cases) {
      const error = await rejectionOf(sfn.send(new UpdateMapRunCommand({ mapRunArn: unknownRun, ...settings })));
      expect(error.name).toBe("ValidationException");
      expect(error.message).toContain(message);
    }
  });

  it("ListExecutions by map run lists no child executions (iterations run in-process), and pages map runs", async () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Map", ItemsPath: "$.items", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...PASS_PROCESSOR }, Next: "B" },
        B: { Type: "Map", ItemsPath: "$", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }, StartAt: "Q", States: { Q: { Type: "Pass", End: true } } }, End: true },
      },
    };
    const executionArn = await start("two", definition, { items: [1] });
    expect((await engine.whenExecutionEnds(executionArn)).status).toBe("SUCCEEDED");
    const firstPage = await sfn.send(new ListMapRunsCommand({ executionArn, maxResults: 1 }));
    expect(firstPage.mapRuns![0]!.mapRunArn).toContain(":mapRun:two/B:");
    const secondPage = await sfn.send(new ListMapRunsCommand({ executionArn, maxResults: 1, nextToken: firstPage.nextToken }));
    expect(secondPage.mapRuns![0]!.mapRunArn).toContain(":mapRun:two/A:");
    expect(secondPage.nextToken).toBeUndefined();

    const { executions } = await sfn.send(new ListExecutionsCommand({ mapRunArn: secondPage.mapRuns![0]!.mapRunArn }));
    expect(executions).toEqual([]);
    const both = await rejectionOf(sfn.send(new ListExecutionsCommand({ mapRunArn: secondPage.mapRuns![0]!.mapRunArn, stateMachineArn: arnOf("stateMachine", "two") })));
    expect(both.name).toBe("ValidationException");
  });
});
