import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionOutput,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { Execution, ExecutionNotStartedError } from "../../src/control/execution.js";
import { pollIntervalMs } from "../../src/control/wait-schedule.js";
import { ExecutionFailedError, ExecutionNotFinishedError, InvalidNameError, InvalidOptionError, WaitTimeoutError } from "../../src/errors.js";
import { mockedSession, pages } from "./helpers.js";

const machineArn = "arn:aws:states:us-west-2:123456789012:stateMachine:testAdding";
const arn = "arn:aws:states:us-west-2:123456789012:execution:testAdding:run-1";
const started = new Date("2024-01-01T00:00:00Z");

function describeOutput(status: DescribeExecutionOutput["status"], extra: Partial<DescribeExecutionOutput> = {}): DescribeExecutionOutput {
  return { executionArn: arn, stateMachineArn: machineArn, name: "run-1", status, startDate: started, input: '{"a":3,"b":42}', ...extra };
}

describe("Execution", () => {
  it("starts with StartExecution and its JSON input", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(StartExecutionCommand).resolves({ executionArn: arn, startDate: started });
    const execution = await new Execution("run-1", machineArn, { input: { a: 3, b: 42 }, session }).start();
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({ stateMachineArn: machineArn, name: "run-1", input: '{"a":3,"b":42}' });
    expect([execution.arn, execution.status, execution.startDate]).toEqual([arn, "RUNNING", started]);
    expect(() => execution.output).toThrow(ExecutionNotFinishedError);
  });

  it("sends {} when there is no input", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(StartExecutionCommand).resolves({ executionArn: arn, startDate: started });
    await new Execution("run-1", machineArn, { session }).start();
    expect(sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input.input).toBe("{}");
  });

  it("refuses a bad name, an unserialisable or too large input, before any call", async () => {
    const { session, sfn } = mockedSession();
    await expect(new Execution("a/b", machineArn, { session }).start()).rejects.toThrow(InvalidNameError);
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    await expect(new Execution("ok", machineArn, { input: cyclic as never, session }).start()).rejects.toThrow(InvalidOptionError);
    await expect(new Execution("ok", machineArn, { input: "x".repeat(262_144), session }).start()).rejects.toThrow(/262146 bytes, more than 262144/);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("is built from an ARN by describing it", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(DescribeExecutionCommand).resolves(describeOutput("SUCCEEDED", { stopDate: started, output: "45" }));
    const execution = await Execution.fromArn(arn, { session });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: arn });
    expect([execution.name, execution.stateMachineArn, execution.input, execution.status, execution.output]).toEqual([
      "run-1",
      machineArn,
      { a: 3, b: 42 },
      "SUCCEEDED",
      45,
    ]);
  });

  it("is built from a list item without a call, input unknown until described", async () => {
    const { session, sfn } = mockedSession();
    const execution = Execution.fromListItem({ executionArn: arn, stateMachineArn: machineArn, name: "run-1", status: "RUNNING", startDate: started }, { session });
    expect([execution.arn, execution.status, execution.input, execution.toString()]).toEqual([arn, "RUNNING", undefined, "run-1 [RUNNING]"]);
    expect(sfn.calls()).toHaveLength(0);
    sfn.on(DescribeExecutionCommand).resolves(describeOutput("RUNNING"));
    await execution.describe();
    expect(execution.input).toEqual({ a: 3, b: 42 });
  });

  it("throws ExecutionFailedError for the output of a failed execution", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(DescribeExecutionCommand).resolves(describeOutput("FAILED", { stopDate: started, error: "States.TaskFailed", cause: "boom" }));
    const execution = await new Execution("run-1", machineArn, { arn, session }).describe();
    expect(() => execution.output).toThrow(ExecutionFailedError);
    expect(() => execution.output).toThrow(`execution ${arn} ended FAILED: States.TaskFailed: boom`);
  });

  it("needs an ARN for describe, stop and history", async () => {
    const { session } = mockedSession();
    const execution = new Execution("run-1", machineArn, { session });
    await expect(execution.describe()).rejects.toThrow(ExecutionNotStartedError);
    await expect(execution.stop()).rejects.toThrow(ExecutionNotStartedError);
    await expect(execution.getHistory()).rejects.toThrow(ExecutionNotStartedError);
  });

  it("stops with the error and cause given, and only those", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(StopExecutionCommand).resolves({ stopDate: started });
    const execution = new Execution("run-1", machineArn, { arn, session });
    await execution.stop({ error: "Cancelled", cause: "user asked" });
    await execution.stop();
    expect(sfn.commandCalls(StopExecutionCommand).map((c) => c.args[0].input)).toEqual([
      { executionArn: arn, error: "Cancelled", cause: "user asked" },
      { executionArn: arn },
    ]);
    expect([execution.status, execution.stopDate]).toEqual(["ABORTED", started]);
  });

  it("reads every page of the history and formats it with the output", async () => {
    const fixture = JSON.parse(readFileSync(new URL("./fixtures/readme-history.json", import.meta.url), "utf8")) as {
      executionArn: string;
      pages: { events: (HistoryEvent & { timestamp: string })[]; nextToken?: string }[];
      describe: Record<string, string>;
      formatted: string[];
    };
    const toPage = (p: (typeof fixture.pages)[number]) => ({ ...p, events: p.events.map((e) => ({ ...e, timestamp: new Date(e.timestamp) })) });
    const { session, sfn } = mockedSession();
    const seen: object[] = [];
    sfn.on(GetExecutionHistoryCommand).callsFake(pages({ "": toPage(fixture.pages[0]!), "page-2": toPage(fixture.pages[1]!) }, seen));
    sfn.on(DescribeExecutionCommand).resolves({ ...fixture.describe, status: "SUCCEEDED", startDate: new Date(fixture.describe["startDate"]!) });
    const execution = new Execution(fixture.describe["name"]!, machineArn, { arn: fixture.executionArn, session });
    expect((await execution.formatHistory()).split("\n")).toEqual(fixture.formatted);
    expect(seen).toEqual([{ executionArn: fixture.executionArn }, { executionArn: fixture.executionArn, nextToken: "page-2" }]);
  });
});

describe("Execution.wait", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: started });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** DescribeExecution answers RUNNING until `endsAtMs` of fake time, then `final`. */
  function endingAt(endsAtMs: number, final: DescribeExecutionOutput) {
    const { session, sfn } = mockedSession();
    const askedAt: number[] = [];
    sfn.on(DescribeExecutionCommand).callsFake(() => {
      const elapsed = Date.now() - started.getTime();
      askedAt.push(elapsed);
      return elapsed >= endsAtMs ? final : describeOutput("RUNNING");
    });
    return { execution: new Execution("run-1", machineArn, { arn, session }), askedAt };
  }

  it("polls first after 50 ms, then less often, and returns the output once done", async () => {
    const { execution, askedAt } = endingAt(1_000, describeOutput("SUCCEEDED", { output: "45" }));
    const done = execution.wait();
    await vi.runAllTimersAsync();
    expect((await done).output).toBe(45);
    const expected = [0];
    while (expected.at(-1)! < 1_000) expected.push(expected.at(-1)! + pollIntervalMs(expected.at(-1)!));
    expect(askedAt).toEqual(expected);
    expect(askedAt.slice(0, 3)).toEqual([0, 50, 100]);
  });

  it("throws ExecutionFailedError when the execution fails, unless told not to", async () => {
    const failed = describeOutput("TIMED_OUT", { error: "States.Timeout" });
    const first = endingAt(200, failed).execution.wait();
    const caught = first.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await caught).toBeInstanceOf(ExecutionFailedError);
    const second = endingAt(200, failed).execution.wait({ raiseOnFailure: false });
    await vi.runAllTimersAsync();
    expect((await second).status).toBe("TIMED_OUT");
  });

  it("gives up with WaitTimeoutError at the timeout, polling once more at the deadline", async () => {
    const { execution, askedAt } = endingAt(60_000, describeOutput("SUCCEEDED"));
    const caught = execution.wait({ timeout: 2 }).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await caught).toBeInstanceOf(WaitTimeoutError);
    expect(askedAt.at(-1)).toBe(2_000);
    expect(askedAt.every((t) => t <= 2_000)).toBe(true);
  });

  it("stops waiting when the signal aborts", async () => {
    const { execution, askedAt } = endingAt(60_000, describeOutput("SUCCEEDED"));
    const controller = new AbortController();
    const caught = execution.wait({ signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500);
    const calls = askedAt.length;
    controller.abort(new Error("shutting down"));
    await vi.runAllTimersAsync();
    expect(await caught).toEqual(new Error("shutting down"));
    expect(askedAt).toHaveLength(calls);
  });

  it("refuses a negative timeout", async () => {
    const { execution } = endingAt(0, describeOutput("SUCCEEDED"));
    await expect(execution.wait({ timeout: -1 })).rejects.toThrow(RangeError);
  });
});

describe("pollIntervalMs", () => {
  it("starts at 50 ms and is capped at 15 s", () => {
    expect([pollIntervalMs(0), pollIntervalMs(100), pollIntervalMs(1_000), pollIntervalMs(10_000), pollIntervalMs(600_000)]).toEqual([50, 50, 450, 4_500, 15_000]);
  });

  it("makes no more calls in a one-minute wait than sfini's fixed 3-s poll (21)", () => {
    let calls = 0;
    for (let t = 0; t <= 60_000; t += pollIntervalMs(t)) calls++;
    expect(calls).toBeLessThanOrEqual(21);
  });
});
