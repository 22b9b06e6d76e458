import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/json.js";
import { TaskFailed } from "../../../src/local/interpreter/index.js";
import { execute, TestHost } from "./test-host.js";

const pass = (extra: JsonObject = {}): JsonObject => ({ StartAt: "P", States: { P: { Type: "Pass", End: true, ...extra } } });

describe("Parallel", () => {
  it("runs every branch on the input and outputs the array of results", async () => {
    const definition = {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [pass({ Result: 1 }), pass({ InputPath: "$.x" })],
          ResultPath: "$.out",
          End: true,
        },
      },
    };
    const result = await execute(definition, { x: "in" });
    expect(result.output).toEqual({ x: "in", out: [1, "in"] });
    expect(result.host.types()).toEqual([
      "ParallelStateEntered",
      "ParallelStateStarted",
      "PassStateEntered",
      "PassStateEntered",
      "PassStateExited",
      "PassStateExited",
      "ParallelStateSucceeded",
      "ParallelStateExited",
    ]);
    const events = result.host.events;
    // Each branch is its own thread starting after ParallelStateStarted (id 3).
    expect(events.filter((e) => e.type === "PassStateEntered").map((e) => e.previousEventId)).toEqual([3, 3]);
    expect(events.find((e) => e.type === "ParallelStateSucceeded")!.previousEventId).toBe(7);
  });

  it("a failing branch fails the state with its error, stops the others, and can be caught", async () => {
    const host = new TestHost({
      bad: () => {
        throw new TaskFailed("BranchError", "bad branch");
      },
    });
    const definition = {
      StartAt: "Par",
      States: {
        Par: {
          Type: "Parallel",
          Branches: [
            { StartAt: "W", States: { W: { Type: "Wait", Seconds: 100, End: true } } },
            { StartAt: "T", States: { T: { Type: "Task", Resource: "bad", End: true } } },
          ],
          Catch: [{ ErrorEquals: ["BranchError"], Next: "Caught" }],
          End: true,
        },
        Caught: { Type: "Pass", End: true },
      },
    };
    const result = await execute(definition, {}, host);
    expect(result.output).toEqual({ Error: "BranchError", Cause: "bad branch" });
    expect(result.host.types()).toContain("WaitStateAborted");
    expect(result.host.types()).toContain("ParallelStateFailed");
    expect(host.clock).toBe(Date.parse("2024-01-01T00:00:00.000Z"));
  });

  it("branches read outer variables; their assignments stay inside", async () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Assign: { outer: 1 }, Next: "Par" },
        Par: {
          Type: "Parallel",
          Branches: [
            {
              StartAt: "B1",
              States: {
                B1: { Type: "Pass", Assign: { outer: 2, inner: 3 }, Next: "B2" },
                B2: { Type: "Pass", Parameters: { "o.$": "$outer", "i.$": "$inner" }, End: true },
              },
            },
            pass({ Parameters: { "o.$": "$outer" } }),
          ],
          Next: "After",
        },
        After: { Type: "Pass", Parameters: { "o.$": "$outer", "r.$": "$" }, End: true },
      },
    };
    expect((await execute(definition)).output).toEqual({ o: 1, r: [{ o: 2, i: 3 }, { o: 1 }] });
  });
});

describe("Map", () => {
  it("runs the processor per item with ItemsPath, ItemSelector and $$.Map.Item", async () => {
    const definition = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemSelector: { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag" },
          ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, ...pass() },
          ResultPath: "$.results",
          End: true,
        },
      },
    };
    const result = await execute(definition, { items: ["a", "b"], tag: "t" });
    expect(result.output).toEqual({
      items: ["a", "b"],
      tag: "t",
      results: [{ value: "a", index: 0, tag: "t" }, { value: "b", index: 1, tag: "t" }],
    });
    expect(result.host.events.find((e) => e.type === "MapStateStarted")!.details).toEqual({ length: 2 });
    const iterations = result.host.events.filter((e) => e.type.startsWith("MapIteration"));
    expect(iterations.map((e) => [e.type, e.details])).toEqual([
      ["MapIterationStarted", { name: "M", index: 0 }],
      ["MapIterationStarted", { name: "M", index: 1 }],
      ["MapIterationSucceeded", { name: "M", index: 0 }],
      ["MapIterationSucceeded", { name: "M", index: 1 }],
    ]);
  });

  it("supports the legacy Iterator and Parameters fields", async () => {
    const definition = {
      StartAt: "M",
      States: { M: { Type: "Map", Parameters: { "v.$": "$$.Map.Item.Value" }, Iterator: pass(), End: true } },
    };
    expect((await execute(definition, [1, 2])).output).toEqual([{ v: 1 }, { v: 2 }]);
  });

  it("MaxConcurrency bounds how many iterations run at once", async () => {
    let running = 0;
    let peak = 0;
    const host = new TestHost({
      r: async (input) => {
        running++;
        peak = Math.max(peak, running);
        await Promise.resolve();
        await Promise.resolve();
        running--;
        return input;
      },
    });
    const definition = (max: number) => ({
      StartAt: "M",
      States: { M: { Type: "Map", MaxConcurrency: max, ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: "r", End: true } } }, End: true } },
    });
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect((await execute(definition(2), items, host)).output).toEqual(items);
    expect(peak).toBe(2);
    peak = 0;
    await execute(definition(0), items, host);
    expect(peak).toBe(10);
  });

  it("fails with the iteration's error, or States.ExceedToleratedFailureThreshold past a tolerance", async () => {
    const host = new TestHost({
      r: (input) => {
        if ((input as number) % 2) throw new TaskFailed("Odd", `item ${input}`);
        return input;
      },
    });
    const definition = (extra: JsonObject) => ({
      StartAt: "M",
      States: {
        M: { Type: "Map", MaxConcurrency: 1, ItemProcessor: { StartAt: "T", States: { T: { Type: "Task", Resource: "r", End: true } } }, End: true, ...extra },
      },
    });
    const plain = await execute(definition({}), [0, 1, 2, 3], host);
    expect(plain).toMatchObject({ status: "FAILED", error: "Odd", cause: "item 1" });
    expect(plain.host.types().filter((t) => t.startsWith("MapIteration") || t.startsWith("MapState"))).toEqual([
      "MapStateEntered", "MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "MapIterationStarted", "MapIterationFailed", "MapStateFailed",
    ]);
    const tolerated = await execute(definition({ ToleratedFailureCount: 2 }), [0, 1, 2, 3], new TestHost(host.handlers));
    expect(tolerated.output).toEqual([0, { Error: "Odd", Cause: "item 1" }, 2, { Error: "Odd", Cause: "item 3" }]);
    const exceeded = await execute(definition({ ToleratedFailurePercentage: 10 }), [0, 1, 2, 3], new TestHost(host.handlers));
    expect(exceeded.error).toBe("States.ExceedToleratedFailureThreshold");
  });

  it("a non-array is States.Runtime", async () => {
    const result = await execute({ StartAt: "M", States: { M: { Type: "Map", ItemProcessor: pass(), End: true } } }, { not: "array" });
    expect(result.error).toBe("States.Runtime");
  });

  it("distributed mode batches items, keeps iteration events out of the history, and fails clearly on ItemReader", async () => {
    const definition = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { "tag.$": "$.tag" } },
          ItemsPath: "$.items",
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...pass() },
          End: true,
        },
      },
    };
    const result = await execute(definition, { items: [1, 2, 3], tag: "x" });
    expect(result.output).toEqual([{ Items: [1, 2], BatchInput: { tag: "x" } }, { Items: [3], BatchInput: { tag: "x" } }]);
    expect(result.host.types()).toEqual(["MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited"]);
    // The items the Map got, not the batches (AWS's count with a batcher is not recorded).
    expect(result.host.events[2]!.details).toEqual({ length: 3 });
    expect(result.host.events[3]!.details).toEqual({
      mapRunArn: expect.stringMatching(/^arn:aws:states:us-east-1:123456789012:mapRun:machine\/M:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });

    const reader = { ...definition.States.M, ItemReader: { Resource: "arn:aws:states:::s3:getObject", Parameters: { Bucket: "b", Key: "k" } } };
    const failed = await execute({ StartAt: "M", States: { M: reader } }, { items: [], tag: "x" });
    expect(failed.error).toBe("States.ItemReaderFailed");
    expect(failed.cause).toContain("arn:aws:states:::s3:getObject");
  });
});

describe("Distributed Map's host hook", () => {
  it("announces the run once with its settings and items per iteration, then each iteration's changes and the end, in order", async () => {
    const calls: unknown[] = [];
    const host = new TestHost();
    host.mapRunStarted = (start) => {
      calls.push(["started", start.stateName, start.settings, start.itemsPerIteration]);
      return {
        iteration: (index, status) => calls.push([index, status]),
        ended: (status) => calls.push(["ended", status]),
      };
    };
    const definition = {
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          MaxConcurrency: 1,
          ToleratedFailurePercentage: 50,
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...pass() },
          End: true,
        },
      },
    };
    const result = await execute(definition, [1, 2, 3], host);
    expect(result.status).toBe("SUCCEEDED");
    expect(calls).toEqual([
      ["started", "M", { maxConcurrency: 1, toleratedFailurePercentage: 50 }, [2, 1]],
      [0, "RUNNING"],
      [0, "SUCCEEDED"],
      [1, "RUNNING"],
      [1, "SUCCEEDED"],
      ["ended", "SUCCEEDED"],
    ]);
  });
});
