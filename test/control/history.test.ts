import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HistoryEventType, type HistoryEvent } from "@aws-sdk/client-sfn";
import { HISTORY_EVENT_TABLE, formatHistory, parseHistory, parseHistoryEvent, type ParsedEvent } from "../../src/control/history.js";

interface Fixture {
  pages: { events: (Omit<HistoryEvent, "timestamp"> & { timestamp: string })[]; nextToken?: string }[];
  formatted: string[];
}
export const readmeHistory = JSON.parse(readFileSync(new URL("./fixtures/readme-history.json", import.meta.url), "utf8")) as Fixture & {
  executionArn: string;
  describe: Record<string, string>;
};
const readmeEvents = (): HistoryEvent[] =>
  readmeHistory.pages.flatMap((p) => p.events.map((e) => ({ ...e, timestamp: new Date(e.timestamp) }) as HistoryEvent));

const at = new Date("2024-02-29T12:00:00.000Z");
function event(type: string, details?: Record<string, unknown>, key?: string): HistoryEvent {
  const detailsKey = key ?? HISTORY_EVENT_TABLE[type as HistoryEventType]?.detailsKey;
  return { id: 9, previousEventId: 8, timestamp: at, type: type as HistoryEventType, ...(detailsKey && details ? { [detailsKey]: details } : {}) };
}

describe("the history event table", () => {
  it("has a row for exactly the event types the SDK defines", () => {
    expect(Object.keys(HISTORY_EVENT_TABLE).sort()).toEqual(Object.values(HistoryEventType).sort());
  });

  it("parses every SDK event type, keeping id, previous id, time and raw details", () => {
    for (const type of Object.values(HistoryEventType)) {
      const details = { error: "E", cause: "C", name: "s", resource: "r", resourceType: "rt", output: "1", input: "2" };
      const parsed = parseHistoryEvent(event(type, details));
      expect(parsed.type).toBe(type);
      expect(parsed.shape).toBe(HISTORY_EVENT_TABLE[type].shape);
      expect([parsed.id, parsed.previousEventId, parsed.timestamp]).toEqual([9, 8, at]);
      expect(parsed.details).toEqual(HISTORY_EVENT_TABLE[type].detailsKey ? details : {});
    }
  });
});

describe("parseHistory", () => {
  it("parses sfini's shapes with their fields", () => {
    const parsed = parseHistory([
      event("ExecutionStarted", { input: '{"a":3}', roleArn: "arn:aws:iam::123456789012:role/r" }),
      event("PassStateEntered", { name: "p", input: '{"a":3}' }),
      event("PassStateExited", { name: "p", output: "[1,2]" }),
      event("LambdaFunctionScheduled", { resource: "arn:aws:lambda:us-west-2:1:function:f", input: "{}", timeoutInSeconds: 30 }),
      event("ActivityScheduled", { resource: "arn:act", input: "null", timeoutInSeconds: 60, heartbeatInSeconds: 25 }),
      event("ActivityStarted", { workerName: "host-1a2b3c4d" }),
      event("ActivitySucceeded", { output: '"ok"' }),
      event("ExecutionFailed", { error: "States.Timeout", cause: "too slow" }),
      event("TaskScheduled", { resourceType: "lambda", resource: "invoke", region: "us-west-2", parameters: '{"FunctionName":"f"}', timeoutInSeconds: 5 }),
      event("TaskStarted", { resourceType: "lambda", resource: "invoke" }),
      event("MapIterationStarted", { name: "m", index: 4 }),
      event("ExecutionRedriven", { redriveCount: 2 }),
    ]);
    const fields = parsed.map(({ id, previousEventId, timestamp, details, ...rest }) => rest);
    expect(fields).toEqual([
      { shape: "ExecutionStarted", type: "ExecutionStarted", input: { a: 3 }, roleArn: "arn:aws:iam::123456789012:role/r" },
      { shape: "StateEntered", type: "PassStateEntered", stateName: "p", input: { a: 3 } },
      { shape: "StateExited", type: "PassStateExited", stateName: "p", output: [1, 2] },
      { shape: "LambdaFunctionScheduled", type: "LambdaFunctionScheduled", resource: "arn:aws:lambda:us-west-2:1:function:f", input: {}, timeout: 30 },
      { shape: "ActivityScheduled", type: "ActivityScheduled", resource: "arn:act", input: null, timeout: 60, heartbeat: 25 },
      { shape: "ActivityStarted", type: "ActivityStarted", workerName: "host-1a2b3c4d" },
      { shape: "ObjectSucceeded", type: "ActivitySucceeded", output: "ok" },
      { shape: "Failed", type: "ExecutionFailed", error: "States.Timeout", cause: "too slow" },
      { shape: "TaskScheduled", type: "TaskScheduled", resourceType: "lambda", resource: "invoke", input: { FunctionName: "f" }, timeout: 5, heartbeat: undefined },
      { shape: "TaskStarted", type: "TaskStarted", resourceType: "lambda", resource: "invoke" },
      { shape: "MapIteration", type: "MapIterationStarted", stateName: "m", index: 4 },
      { shape: "Event", type: "ExecutionRedriven" },
    ]);
  });

  it("leaves out what the event lacks, and keeps non-JSON payloads as text", () => {
    const [exited, started] = parseHistory([event("TaskStateExited", { name: "t", output: "{truncated" }), event("ExecutionStarted", {})]);
    expect(exited).toMatchObject({ stateName: "t", output: "{truncated" });
    expect(started).toMatchObject({ input: undefined, roleArn: undefined });
  });

  it("parses a type newer than the SDK as a plain event with its details", () => {
    const parsed = parseHistoryEvent({ id: 1, timestamp: at, type: "QuantumStateEntered" as HistoryEventType, ...{ quantumStateEnteredEventDetails: { spin: 1 } } } as HistoryEvent);
    expect(parsed).toMatchObject({ shape: "Event", type: "QuantumStateEntered", details: { spin: 1 } });
  });
});

describe("formatHistory", () => {
  it("prints the README example's history as sfini does", () => {
    const parsed = parseHistory(readmeEvents());
    expect(formatHistory(parsed, 45).split("\n")).toEqual(readmeHistory.formatted);
  });

  it("prints the detail line of each kind, and no Output line without output", () => {
    const lines = (events: HistoryEvent[]) => formatHistory(parseHistory(events)).split("\n");
    expect(
      lines([
        event("TaskTimedOut", { resourceType: "lambda", resource: "invoke", error: "States.Timeout" }),
        event("ExecutionAborted", {}),
        event("TaskScheduled", { resourceType: "sns", resource: "publish", region: "us-west-2", parameters: "{}" }),
        event("MapIterationFailed", { name: "m", index: 0 }),
        event("ParallelStateStarted"),
      ]),
    ).toEqual([
      "TaskTimedOut [9] @ 2024-02-29T12:00:00.000Z:",
      "  error: States.Timeout",
      "ExecutionAborted [9] @ 2024-02-29T12:00:00.000Z",
      "TaskScheduled [9] @ 2024-02-29T12:00:00.000Z:",
      "  resource: sns:publish",
      "MapIterationFailed [9] @ 2024-02-29T12:00:00.000Z:",
      "  index: 0",
      "ParallelStateStarted [9] @ 2024-02-29T12:00:00.000Z",
    ]);
  });

  it("prints an object output as compact JSON", () => {
    const parsed: ParsedEvent[] = [];
    expect(formatHistory(parsed, { sum: 45, parts: [3, 42] })).toBe('Output: {"sum":45,"parts":[3,42]}');
  });
});
