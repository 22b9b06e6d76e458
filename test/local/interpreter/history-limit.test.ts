/**
 * The interpreter at the history-event limit (in-memory host): the run fails once, whichever
 * event crosses the limit, and the failure reaches every branch and iteration.
 */
import { describe, expect, it } from "vitest";
import { execute, TestHost } from "./test-host.js";

const CAUSE = (limit: number): string => `The execution reached the maximum number of history events (${limit}).`;

describe("the history-event limit", () => {
  it("a task event that crosses it is dropped, not thrown at the host; the run fails, final and not redrivable", async () => {
    const host = new TestHost({ work: (input) => input });
    const task = {
      Type: "Task",
      Resource: "work",
      Retry: [{ ErrorEquals: ["States.ALL"], MaxAttempts: 2 }],
      Catch: [{ ErrorEquals: ["States.ALL"], Next: "caught" }],
      End: true,
    };
    const result = await execute({ StartAt: "t", States: { t: task, caught: { Type: "Succeed" } } }, {}, host, { maxHistoryEvents: 3 });

    expect(result).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: CAUSE(3), notRedrivableReason: "Execution history event limit exceeded." });
    expect(result.resumeFrom).toBeUndefined();
    expect(host.types()).toEqual(["TaskStateEntered"]);
    expect(host.requests).toHaveLength(1);
    expect(host.requests[0]!.signal.aborted).toBe(true);
    expect(host.sleeps).toEqual([]);
  });

  it("Map iterations waiting concurrently are all stopped; no event past the limit, the last allowed id kept for the end", async () => {
    const host = new TestHost();
    const processor = { StartAt: "w", States: { w: { Type: "Wait", Seconds: 5, End: true } } };
    const definition = { StartAt: "m", States: { m: { Type: "Map", ItemProcessor: processor, End: true } } };
    // Events 1-3, the ten iterations' MapIterationStarted (4-13), then each iteration's
    // WaitStateEntered: the seventh would be event 20, the id kept for the end.
    const result = await execute(definition, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], host, { maxHistoryEvents: 20 });

    expect(result).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: CAUSE(20) });
    expect(host.events).toHaveLength(19);
    expect(host.types().filter((type) => type === "MapIterationStarted")).toHaveLength(10);
    expect(host.types().filter((type) => type === "WaitStateEntered")).toHaveLength(6);
    // Six Waits began; none ended (the virtual clock never moved), none wrote an event after the failure.
    expect(host.sleeps).toEqual(Array.from({ length: 6 }, () => 5000));
    expect(host.clock).toBe(Date.parse("2024-01-01T00:00:00.000Z"));
  });

  it("a Parallel branch crossing it stops its sibling's task; the Parallel's Catch of States.ALL does not apply", async () => {
    // The task only ends when its signal aborts, as the host contract asks.
    const host = new TestHost({
      slow: (_input, request) => new Promise((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    });
    const waiting = { StartAt: "t", States: { t: { Type: "Task", Resource: "slow", End: true } } };
    const looping = {
      StartAt: "p",
      States: { p: { Type: "Pass", Next: "c" }, c: { Type: "Choice", Choices: [{ Variable: "$.x", IsPresent: true, Next: "e" }], Default: "p" }, e: { Type: "Succeed" } },
    };
    const definition = { StartAt: "par", States: { par: { Type: "Parallel", Branches: [waiting, looping], Catch: [{ ErrorEquals: ["States.ALL"], Next: "ok" }], End: true }, ok: { Type: "Succeed" } } };
    const result = await execute(definition, {}, host, { maxHistoryEvents: 20 });

    expect(result).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: CAUSE(20) });
    expect(host.events).toHaveLength(19);
    expect(host.requests[0]!.signal.aborted).toBe(true);
  });
});
