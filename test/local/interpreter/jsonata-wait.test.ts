import { describe, expect, it } from "vitest";
import { execute, single, TestHost } from "./test-host.js";

const START = Date.parse("2024-01-01T00:00:00.000Z");

describe("JSONata states", () => {
  it("evaluates Arguments, Output and Assign with $states and variables", async () => {
    const host = new TestHost({ r: (input) => ({ doubled: (input as { n: number }).n * 2 }) });
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "A",
      States: {
        A: { Type: "Pass", Assign: { base: "{% $states.input.n %}", tag: "t" }, Next: "T" },
        T: {
          Type: "Task",
          Resource: "r",
          Arguments: { n: "{% $base + 1 %}", list: ["{% $tag %}", 2] },
          Assign: { last: "{% $states.result.doubled %}" },
          Output: { value: "{% $states.result.doubled %}", old: "{% $base %}", ctx: "{% $states.context.State.Name %}" },
          Next: "B",
        },
        B: { Type: "Pass", Output: "{% {'last': $last, 'value': $states.input.value, 'parts': $partition([1,2,3], 2), 'md5': $hash('a', 'MD5')} %}", End: true },
      },
    };
    const result = await execute(definition, { n: 4 }, host);
    expect(host.requests[0]!.input).toEqual({ n: 5, list: ["t", 2] });
    expect(result.output).toEqual({ last: 10, value: 10, parts: [[1, 2], [3]], md5: "0cc175b9c0f1b6a831c399e269772661" });
  });

  it("a per-state QueryLanguage overrides the machine's", async () => {
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Parameters: { "v.$": "$.v" }, Next: "B" },
        B: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% $states.input.v * 10 %}", End: true },
      },
    };
    expect((await execute(definition, { v: 2 })).output).toBe(20);
  });

  it("evaluation errors are States.QueryEvaluationError and catchable", async () => {
    const failing = await execute(single({ Type: "Pass", Output: "{% $undefinedFn() %}" }, { QueryLanguage: "JSONata" }));
    expect(failing.error).toBe("States.QueryEvaluationError");
    const nothing = await execute(single({ Type: "Pass", Output: "{% $states.input.missing %}" }, { QueryLanguage: "JSONata" }));
    expect(nothing.error).toBe("States.QueryEvaluationError");
    const host = new TestHost({ r: () => 1 });
    const caught = await execute(
      {
        QueryLanguage: "JSONata",
        StartAt: "T",
        States: {
          T: {
            Type: "Task",
            Resource: "r",
            Output: "{% $error('nope') %}",
            Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Output: "{% $states.errorOutput.Error %}", Next: "E" }],
            End: true,
          },
          E: { Type: "Succeed" },
        },
      },
      {},
      host,
    );
    expect(caught.output).toBe("States.QueryEvaluationError");
  });

  it("Map with Items, ItemSelector and $states.context.Map.Item", async () => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "M",
      States: {
        M: {
          Type: "Map",
          Items: "{% $states.input.xs %}",
          ItemSelector: { v: "{% $states.context.Map.Item.Value * 2 %}", i: "{% $states.context.Map.Item.Index %}" },
          ItemProcessor: { StartAt: "P", States: { P: { Type: "Pass", End: true } } },
          Output: "{% $states.result.v %}",
          End: true,
        },
      },
    };
    expect((await execute(definition, { xs: [1, 2, 3] })).output).toEqual([2, 4, 6]);
  });

  it("Fail takes JSONata Error and Cause", async () => {
    const result = await execute({
      QueryLanguage: "JSONata",
      StartAt: "F",
      States: { F: { Type: "Fail", Error: "{% 'E' & $string($states.input.n) %}", Cause: "plain" } },
    }, { n: 1 });
    expect(result).toMatchObject({ error: "E1", cause: "plain" });
  });
});

describe("Wait", () => {
  it("waits Seconds on the host clock", async () => {
    const host = new TestHost();
    const result = await execute(single({ Type: "Wait", Seconds: 10 }), { a: 1 }, host);
    expect(result.output).toEqual({ a: 1 });
    expect(host.sleeps).toEqual([10_000]);
    expect(host.types()).toEqual(["WaitStateEntered", "WaitStateExited"]);
  });

  it("waits until Timestamp, TimestampPath and SecondsPath", async () => {
    let host = new TestHost();
    await execute(single({ Type: "Wait", Timestamp: "2024-01-01T00:01:00Z" }), {}, host);
    expect(host.sleeps).toEqual([60_000]);
    host = new TestHost();
    await execute(single({ Type: "Wait", TimestampPath: "$.at" }), { at: "2023-01-01T00:00:00Z" }, host);
    expect(host.sleeps).toEqual([0]);
    host = new TestHost();
    await execute(single({ Type: "Wait", SecondsPath: "$.s" }), { s: 3 }, host);
    expect(host.sleeps).toEqual([3000]);
    expect(host.clock).toBe(START + 3000);
  });

  it("JSONata Seconds and Timestamp expressions", async () => {
    const host = new TestHost();
    await execute(single({ Type: "Wait", Seconds: "{% $states.input.s * 2 %}" }, { QueryLanguage: "JSONata" }), { s: 4 }, host);
    expect(host.sleeps).toEqual([8000]);
  });

  it("bad values are States.Runtime", async () => {
    expect((await execute(single({ Type: "Wait", SecondsPath: "$.s" }), { s: -1 })).error).toBe("States.Runtime");
    expect((await execute(single({ Type: "Wait", TimestampPath: "$.s" }), { s: "soon" })).error).toBe("States.Runtime");
  });
});
