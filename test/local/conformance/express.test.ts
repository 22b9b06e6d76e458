/**
 * Issue 9, class 11: Express executions keep no history on AWS, so the 25,000-event limit of
 * Standard executions ("Quotas related to state machine executions") does not apply to them.
 * The same machine as a Standard execution still fails at the limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformance, type Conformance } from "./harness.js";

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

describe("Express executions have no history-event limit", () => {
  it("an Express execution of about 28,000 events succeeds (StartExecution)", async () => {
    const outcome = await c.run(MANY_EVENTS, INPUT, { type: "EXPRESS" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { rows: 7 } });
    expect(outcome.events.length).toBeGreaterThan(25_000);
    expect(outcome.events.at(-1)).toBe("ExecutionSucceeded");
  });

  it("a synchronous Express execution of the same succeeds (StartSyncExecution)", async () => {
    expect(await c.runSync(MANY_EVENTS, INPUT)).toMatchObject({ status: "SUCCEEDED", output: { rows: 7 } });
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
