import { describe, expect, it } from "vitest";
import { execute, outputOf, single } from "./test-host.js";

describe("Pass and JSONPath input/output processing", () => {
  it("passes its input through by default", async () => {
    expect(await outputOf(single({ Type: "Pass" }), { a: 1 })).toEqual({ a: 1 });
  });

  it("applies InputPath, Result, ResultPath and OutputPath in order", async () => {
    const output = await outputOf(
      single({ Type: "Pass", InputPath: "$.in", Result: { r: 1 }, ResultPath: "$.res", OutputPath: "$.res" }),
      { in: { x: 1 } },
    );
    expect(output).toEqual({ r: 1 });
  });

  it("ResultPath creates nested objects and leaves the input unchanged", async () => {
    const input = { keep: 1 };
    const output = await outputOf(single({ Type: "Pass", Result: "v", ResultPath: "$.a.b['c d']" }), input);
    expect(output).toEqual({ keep: 1, a: { b: { "c d": "v" } } });
    expect(input).toEqual({ keep: 1 });
  });

  it("ResultPath null discards the result; InputPath and OutputPath null give {}", async () => {
    expect(await outputOf(single({ Type: "Pass", Result: 5, ResultPath: null }), { a: 1 })).toEqual({ a: 1 });
    expect(await outputOf(single({ Type: "Pass", InputPath: null }), { a: 1 })).toEqual({});
    expect(await outputOf(single({ Type: "Pass", OutputPath: null }), { a: 1 })).toEqual({});
  });

  it("Parameters takes .$ paths, the Context object, intrinsics and nested arrays", async () => {
    const output = await outputOf(
      single({
        Type: "Pass",
        Parameters: {
          "plain": "x",
          "copy.$": "$.a",
          "name.$": "$$.State.Name",
          "exec.$": "$$.Execution.Name",
          "greeting.$": "States.Format('hi {}', $.who)",
          "list": [{ "v.$": "$.a" }, 2],
          "deep": { "all.$": "$" },
        },
      }),
      { a: 1, who: "bob" },
    );
    expect(output).toEqual({
      plain: "x",
      copy: 1,
      name: "S",
      exec: "run1",
      greeting: "hi bob",
      list: [{ v: 1 }, 2],
      deep: { all: { a: 1, who: "bob" } },
    });
  });

  it("non-definite paths return arrays of matches", async () => {
    const output = await outputOf(
      single({ Type: "Pass", Parameters: { "ids.$": "$.items[*].id", "big.$": "$.items[?(@.id > 1)].id" } }),
      { items: [{ id: 1 }, { id: 2 }, { id: 3 }] },
    );
    expect(output).toEqual({ ids: [1, 2, 3], big: [2, 3] });
  });

  it("a missing path fails with States.Runtime naming the path and the state", async () => {
    const result = await execute(single({ Type: "Pass", InputPath: "$.missing" }), { a: 1 });
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toContain("'$.missing'");
    expect(result.cause).toContain("An error occurred while executing the state 'S' (entered at the event id #2)");
  });

  it("assigns variables (JSONPath) and reads them with $name in later states", async () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Result: { n: 3 }, Assign: { "count.$": "$.n", "fixed": "f" }, Next: "B" },
        B: { Type: "Pass", Parameters: { "c.$": "$count", "f.$": "$fixed", "again.$": "States.MathAdd($count, 1)" }, End: true },
      },
    };
    const result = await execute(definition, {});
    expect(result.output).toEqual({ c: 3, f: "f", again: 4 });
    const exited = result.host.events.find((e) => e.type === "PassStateExited")!;
    expect(exited.details).toMatchObject({ assignedVariables: { count: "3", fixed: '"f"' }, assignedVariablesDetails: { truncated: false } });
  });

  it("Assign sees variables as they were when the state was entered", async () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Assign: { x: 1 }, Next: "B" },
        B: { Type: "Pass", Assign: { x: 2, "old.$": "$x" }, Next: "C" },
        C: { Type: "Pass", Parameters: { "x.$": "$x", "old.$": "$old" }, End: true },
      },
    };
    expect(await outputOf(definition)).toEqual({ x: 2, old: 1 });
  });

  it("emits Entered/Exited events with AWS's details and chained ids", async () => {
    const definition = { StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Succeed" } } };
    const result = await execute(definition, { v: 1 });
    expect(result.host.events.slice(1)).toEqual([
      { id: 2, previousEventId: 0, type: "PassStateEntered", details: { name: "A", input: '{"v":1}', inputDetails: { truncated: false } } },
      { id: 3, previousEventId: 2, type: "PassStateExited", details: { name: "A", output: '{"v":1}', outputDetails: { truncated: false } } },
      { id: 4, previousEventId: 3, type: "SucceedStateEntered", details: { name: "B", input: '{"v":1}', inputDetails: { truncated: false } } },
      { id: 5, previousEventId: 4, type: "SucceedStateExited", details: { name: "B", output: '{"v":1}', outputDetails: { truncated: false } } },
    ]);
    expect(result.lastEventId).toBe(5);
  });
});
