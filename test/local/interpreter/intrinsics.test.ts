import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../../src/json.js";
import { INTRINSIC_NAMES } from "../../../src/local/interpreter/index.js";
import { execute, single } from "./test-host.js";

async function call(expression: string, input: JsonValue = {}): Promise<JsonValue> {
  const result = await execute(single({ Type: "Pass", Parameters: { "v.$": expression } }), input);
  if (result.status !== "SUCCEEDED") throw new Error(`${result.error}: ${result.cause}`);
  return (result.output as { v: JsonValue }).v;
}

async function failure(expression: string, input: JsonValue = {}): Promise<{ error?: string; cause?: string }> {
  const result = await execute(single({ Type: "Pass", Parameters: { "v.$": expression } }), input);
  expect(result.status).toBe("FAILED");
  return { error: result.error, cause: result.cause };
}

describe("intrinsic functions", () => {
  it("knows every intrinsic AWS defines", () => {
    expect([...INTRINSIC_NAMES].sort()).toEqual(
      [
        "Format", "StringToJson", "JsonToString", "Array", "ArrayPartition", "ArrayContains", "ArrayRange",
        "ArrayGetItem", "ArrayLength", "ArrayUnique", "Base64Encode", "Base64Decode", "Hash", "JsonMerge",
        "MathRandom", "MathAdd", "StringSplit", "UUID",
      ].map((n) => `States.${n}`).sort(),
    );
  });

  it.each<[string, JsonValue, JsonValue]>([
    ["States.Format('Hello, {}! {} {} {}', $.name, 3, true, null)", { name: "Ann" }, "Hello, Ann! 3 true null"],
    ["States.Format('braces \\{\\} and \\'q\\' {}', 'x')", {}, "braces {} and 'q' x"],
    ["States.StringToJson($.s)", { s: '{"a":[1,2]}' }, { a: [1, 2] }],
    ["States.JsonToString($.o)", { o: { a: 1, b: "x" } }, '{"a":1,"b":"x"}'],
    ["States.Array(1, 'two', $.t, States.Array())", { t: true }, [1, "two", true, []]],
    ["States.ArrayPartition($.a, 2)", { a: [1, 2, 3, 4, 5] }, [[1, 2], [3, 4], [5]]],
    ["States.ArrayContains($.a, $.v)", { a: [1, { b: 2 }], v: { b: 2 } }, true],
    ["States.ArrayContains($.a, 9)", { a: [1] }, false],
    ["States.ArrayRange(1, 9, 2)", {}, [1, 3, 5, 7, 9]],
    ["States.ArrayRange(5, 1, -2)", {}, [5, 3, 1]],
    ["States.ArrayGetItem($.a, 1)", { a: ["x", "y"] }, "y"],
    ["States.ArrayLength($.a)", { a: [1, 2, 3] }, 3],
    ["States.ArrayUnique($.a)", { a: [1, 2, 1, { x: 1 }, { x: 1 }] }, [1, 2, { x: 1 }]],
    ["States.Base64Encode('Data to encode')", {}, "RGF0YSB0byBlbmNvZGU="],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", {}, "Data to encode"],
    ["States.JsonMerge($.a, $.b, false)", { a: { x: 1, y: { p: 1 } }, b: { y: { q: 2 } } }, { x: 1, y: { q: 2 } }],
    ["States.MathAdd(111, -1)", {}, 110],
    ["States.MathAdd($.a, 2.5)", { a: 1 }, 4],
    ["States.StringSplit('1,2,3', ',')", {}, ["1", "2", "3"]],
    ["States.StringSplit('a. b.c', '. ')", {}, ["a", "b", "c"]],
    ["States.ArrayLength(States.StringSplit($.s, ','))", { s: "a,b" }, 2],
  ])("%s", async (expression, input, expected) => {
    expect(await call(expression, input)).toEqual(expected);
  });

  it("hashes with every algorithm", async () => {
    for (const [name, node] of [["MD5", "md5"], ["SHA-1", "sha1"], ["SHA-256", "sha256"], ["SHA-384", "sha384"], ["SHA-512", "sha512"]]) {
      expect(await call(`States.Hash('input data', '${name}')`)).toBe(createHash(node!).update("input data").digest("hex"));
    }
  });

  it("MathRandom stays in [start, end) and is repeatable with a seed", async () => {
    const value = (await call("States.MathRandom(1, 10)")) as number;
    expect(value).toBe(5); // the test host's random() is 0.5
    const seeded = await call("States.MathRandom(1, 1000, 42)");
    expect(await call("States.MathRandom(1, 1000, 42)")).toBe(seeded);
    expect(seeded).toBeGreaterThanOrEqual(1);
    expect(seeded).toBeLessThan(1000);
  });

  it("UUID returns a v4 UUID", async () => {
    expect(await call("States.UUID()")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ["States.ArrayGetItem($.a, 5)", { a: [1] }, "out of bounds"],
    ["States.ArrayLength($.a)", { a: "no" }, "argument 1 must be array but is string"],
    ["States.Format('{} {}', 1)", {}, "more {} placeholders"],
    ["States.Hash('x', 'SHA-3')", {}, "algorithm \"SHA-3\""],
    ["States.JsonMerge($.a, $.a, true)", { a: {} }, "shallow"],
    ["States.ArrayRange(1, 2000, 1)", {}, "more than 1000"],
    ["States.StringToJson('{bad')", {}, "not valid JSON"],
    ["States.MathAdd(1)", {}, "expected 2 arguments but got 1"],
    ["States.Nope(1)", {}, "Unknown intrinsic function States.Nope"],
    ["States.Format('x'", {}, "Invalid intrinsic function call"],
    ["States.Base64Decode('***')", {}, "not base64"],
  ])("%s fails with States.IntrinsicFailure", async (expression, input, message) => {
    const { error, cause } = await failure(expression, input);
    expect(error).toBe("States.IntrinsicFailure");
    expect(cause).toContain(message);
  });

  it("can be caught by a Catch on States.IntrinsicFailure", async () => {
    const definition = {
      StartAt: "T",
      States: {
        T: {
          Type: "Task",
          Resource: "r",
          Parameters: { "v.$": "States.ArrayGetItem($.a, 3)" },
          Catch: [{ ErrorEquals: ["States.IntrinsicFailure"], Next: "Done", ResultPath: "$.err" }],
          End: true,
        },
        Done: { Type: "Pass", End: true },
      },
    };
    const result = await execute(definition, { a: [] });
    expect(result.status).toBe("SUCCEEDED");
    expect((result.output as { err: { Error: string } }).err.Error).toBe("States.IntrinsicFailure");
  });
});
