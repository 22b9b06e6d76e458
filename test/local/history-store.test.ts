import { describe, expect, it } from "vitest";
import { eventToWire, ExecutionHistory } from "../../src/local/store/history.js";

const NOT_TRUNCATED = { truncated: false };

describe("ExecutionHistory", () => {
  it("gives each event back as it was appended, ids from 1, previousEventId defaulting to the newest", () => {
    const history = new ExecutionHistory();
    expect(history.append("ExecutionStarted", 1_000, { input: "{}", inputDetails: NOT_TRUNCATED })).toBe(1);
    expect(history.append("PassStateEntered", 1_001, { name: "a", input: "{}", inputDetails: NOT_TRUNCATED })).toBe(2);
    expect(history.appendWithinBound("LambdaFunctionStarted", 1_002, undefined, 1)).toBe(3);
    expect(history.length).toBe(3);
    expect(history.lastId).toBe(3);
    expect(history.events).toEqual([
      { id: 1, previousEventId: 0, timestamp: 1_000, type: "ExecutionStarted", details: { input: "{}", inputDetails: NOT_TRUNCATED } },
      { id: 2, previousEventId: 1, timestamp: 1_001, type: "PassStateEntered", details: { name: "a", input: "{}", inputDetails: NOT_TRUNCATED } },
      { id: 3, previousEventId: 1, timestamp: 1_002, type: "LambdaFunctionStarted" },
    ]);
    expect(Object.keys(history.at(1).details!)).toEqual(["name", "input", "inputDetails"]);
  });

  it("keeps each event's own keys when events of one type differ in shape", () => {
    const history = new ExecutionHistory();
    history.append("TaskScheduled", 1, { resource: "r", parameters: "{}" });
    history.append("TaskScheduled", 2, { resource: "r", parameters: "{}", timeoutInSeconds: 5 });
    history.append("TaskScheduled", 3, { resource: "r", parameters: "{}" });
    history.append("TaskScheduled", 4, { parameters: "{}", resource: "r" });
    history.append("TaskScheduled", 5, {});
    expect(history.events.map((event) => event.details)).toEqual([
      { resource: "r", parameters: "{}" },
      { resource: "r", parameters: "{}", timeoutInSeconds: 5 },
      { resource: "r", parameters: "{}" },
      { parameters: "{}", resource: "r" },
      {},
    ]);
    expect(Object.keys(history.at(3).details!)).toEqual(["parameters", "resource"]);
  });

  it("pages oldest first by slice, newest first by reversed(), and into the wire shape", () => {
    const history = new ExecutionHistory();
    for (let i = 0; i < 5; i++) history.append("PassStateEntered", 10 + i, { name: `s${i}`, input: "{}", inputDetails: NOT_TRUNCATED });
    expect(history.slice(1, 3).map((event) => event.id)).toEqual([2, 3]);
    expect(history.slice(3, 100).map((event) => event.id)).toEqual([4, 5]);
    const newestFirst = history.reversed();
    expect(newestFirst.length).toBe(5);
    expect(newestFirst.slice(0, 2).map((event) => event.id)).toEqual([5, 4]);
    expect(newestFirst.slice(4, 100).map((event) => event.id)).toEqual([1]);
    expect(eventToWire(history.at(0))).toEqual({
      id: 1,
      previousEventId: 0,
      timestamp: 0.01,
      type: "PassStateEntered",
      stateEnteredEventDetails: { name: "s0", input: "{}", inputDetails: NOT_TRUNCATED },
    });
    expect(eventToWire(history.at(0), false)).toEqual({ id: 1, previousEventId: 0, timestamp: 0.01, type: "PassStateEntered", stateEnteredEventDetails: { name: "s0", inputDetails: NOT_TRUNCATED } });
  });

  it("keeps one copy of a long text met again, and counts it once against the bound", () => {
    const history = new ExecutionHistory();
    const text = JSON.stringify("x".repeat(1_000));
    history.append("PassStateEntered", 1, { name: "a", input: text });
    history.append("PassStateExited", 2, { name: "a", output: `${text}` });
    expect(history.keptPayloadBytes).toBe(text.length);
    expect(history.at(1).details!["output"]).toBe(text);
  });

  it("counts the payload fields' long texts (input, output, parameters, cause), not other long values", () => {
    const history = new ExecutionHistory();
    history.append("TaskFailed", 1, { error: "e".repeat(300), cause: "c".repeat(300) });
    history.append("TaskScheduled", 2, { resource: "r".repeat(300), parameters: "p".repeat(400) });
    expect(history.keptPayloadBytes).toBe(700);
    expect(history.at(0).details).toEqual({ error: "e".repeat(300), cause: "c".repeat(300) });
  });

  it("refuses, keeping nothing, an event whose new texts pass the payload bound; append still takes it", () => {
    const history = new ExecutionHistory(600);
    history.appendWithinBound("PassStateEntered", 1, { name: "a", input: "a".repeat(400) });
    expect(() => history.appendWithinBound("PassStateExited", 2, { name: "a", output: "b".repeat(400) })).toThrow(
      "the execution's history would keep more than 600 bytes of inputs and outputs",
    );
    expect(history.length).toBe(1);
    history.appendWithinBound("PassStateEntered", 3, { name: "b", input: "{}" });
    expect(history.at(1).details).toEqual({ name: "b", input: "{}" });
    expect(history.append("ExecutionSucceeded", 4, { output: "c".repeat(400) })).toBe(3);
    expect(history.at(2).details).toEqual({ output: "c".repeat(400) });
  });

  it("counts a refused event's text when it comes again, however many texts came before it", () => {
    const history = new ExecutionHistory(12_000);
    // Eight recent texts, so the refused event's new text would push one out.
    for (let i = 0; i < 8; i++) history.appendWithinBound("PassStateEntered", i, { name: "a", input: String(i).repeat(1_000) });
    const big = "x".repeat(5_000);
    expect(() => history.appendWithinBound("PassStateExited", 9, { name: "a", output: big })).toThrow("would keep more than 12000 bytes");
    // Still refused: the text was never kept, so it is not shared for nothing.
    expect(() => history.appendWithinBound("PassStateExited", 10, { name: "a", output: `${"x".repeat(4_999)}x` })).toThrow("would keep more than 12000 bytes");
    expect(history.keptPayloadBytes).toBe(8_000);
    // The eight texts are still recent: each met again is shared, not counted.
    for (let i = 0; i < 8; i++) history.appendWithinBound("PassStateExited", 20 + i, { name: "a", output: String(i).repeat(1_000) });
    expect(history.keptPayloadBytes).toBe(8_000);
  });
});
