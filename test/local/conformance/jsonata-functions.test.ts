/**
 * Issue 9, class 4: the JSONata functions Step Functions adds, with the results AWS gives.
 * Recorded on AWS: `$partition` and `$range` over a grid of inputs (a `$range` of one item is
 * that item, not an array: it returns a JSONata sequence), `$parse` of each JSON type. From the
 * "Transforming data with JSONata" page: `$partition([1..9], 3)`, `$range(0, 10, 2)`, `$hash`
 * with its algorithms, `$random()` and `$random(seed)` (the same seed, the same number),
 * `$uuid()` (version 4). Single-item sequences elsewhere behave as JSONata 2.0 defines them.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
});
afterAll(() => c.close());

/** A JSONata Pass state whose Output is `expression`; its output. */
async function evaluate(expression: string, input: JsonValue = {}): Promise<JsonValue> {
  const outcome = await c.run({ StartAt: "State_0", States: { State_0: { QueryLanguage: "JSONata", Type: "Pass", Output: `{% ${expression} %}`, End: true } } }, input);
  expect(outcome.events).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  return outcome.output!;
}

describe("$partition (recorded)", () => {
  const cases: [number[], number, number[][]][] = [];
  for (let length = 1; length <= 4; length++) {
    const array = Array.from({ length }, (_, i) => i);
    for (let size = 1; size <= 5; size++) {
      const chunks: number[][] = [];
      for (let i = 0; i < length; i += size) chunks.push(array.slice(i, i + size));
      cases.push([array, size, chunks]);
    }
  }
  it.each(cases)("$partition(%j, %i) is %j", async (fst, snd, expected) => {
    expect(await evaluate("$partition($states.input.FunctionInput.fst, $states.input.FunctionInput.snd)", { FunctionInput: { fst, snd } })).toEqual(expected);
  });

  it("the documented example: $partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", async () => {
    expect(await evaluate("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)")).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  });
});

describe("$range (recorded)", () => {
  it.each<[number, number, number, JsonValue]>([
    [0, 9, 3, [0, 3, 6, 9]],
    [0, 10, 3, [0, 3, 6, 9]],
    [1, 9, 9, 1],
    [1, 9, 2, [1, 3, 5, 7, 9]],
  ])("$range(%i, %i, %i) is %j", async (fst, snd, trd, expected) => {
    const input = { FunctionInput: { fst, snd, trd } };
    expect(await evaluate("$range($states.input.FunctionInput.fst, $states.input.FunctionInput.snd, $states.input.FunctionInput.trd)", input)).toEqual(expected);
  });

  it("the documented example $range(0, 10, 2); step 1 when left out, so $range(1, 1) is 1", async () => {
    expect(await evaluate("$range(0, 10, 2)")).toEqual([0, 2, 4, 6, 8, 10]);
    expect(await evaluate("$range(1, 1)")).toBe(1);
    expect(await evaluate("$range(1, 3)")).toEqual([1, 2, 3]);
  });

  it("a one-item range is a sequence: an item where it stands, an array inside [...], and counted as one", async () => {
    expect(await evaluate("{'one': $range(1, 1), 'wrapped': [$range(1, 1)], 'count': $count($range(1, 1))}")).toEqual({ one: 1, wrapped: [1], count: 1 });
  });
});

describe("$parse (recorded)", () => {
  it.each<[string, JsonValue]>([
    ["-0", 0],
    ["1", 1],
    ["1.1", 1.1],
    ["true", true],
    ['"HelloWorld"', "HelloWorld"],
    ['[1, 2, "HelloWorld"]', [1, 2, "HelloWorld"]],
    ['{"Arg1": 1, "Arg2": []}', { Arg1: 1, Arg2: [] }],
  ])("$parse(%j)", async (text, expected) => {
    expect(await evaluate("$parse($states.input.FunctionInput)", { FunctionInput: text })).toEqual(expected);
  });
});

describe("$hash, $random, $uuid (documented)", () => {
  it.each(["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"])("$hash(content, '%s') is the hex digest", async (algorithm) => {
    const digest = createHash(algorithm.replace("-", "").toLowerCase()).update("input data").digest("hex");
    expect(await evaluate(`$hash($states.input.content, '${algorithm}')`, { content: "input data" })).toBe(digest);
  });

  it("$random() is in [0, 1); $random(seed) gives the same number for the same seed", async () => {
    const output = (await evaluate("{'free': $random(), 'a': $random($states.input.seed), 'b': $random($states.input.seed), 'other': $random(8)}", { seed: 7 })) as Record<string, number>;
    expect(output["free"]).toBeGreaterThanOrEqual(0);
    expect(output["free"]).toBeLessThan(1);
    expect(output["a"]).toBe(output["b"]);
    expect(output["a"]).not.toBe(output["other"]);
    const again = (await evaluate("$random(7)")) as number;
    expect(again).toBe(output["a"]);
  });

  it("$uuid() is a version 4 UUID", async () => {
    expect(await evaluate("$uuid()")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
