import { describe, expect, it } from "vitest";
import { InvalidOptionError } from "../../src/errors.js";
import { checkWildcardPattern, matchesWildcard, parseWildcard, validateDefinition, wildcardMatches } from "../../src/asl/index.js";
import type { JsonObject, JsonValue } from "../../src/json.js";
import { execute } from "../local/interpreter/test-host.js";

// StringMatches: `*` is any run of characters (none included); `\*` a literal star, `\\` a
// literal backslash. Patterns below are written as JSON would hold them.
const CASES: readonly [pattern: string, text: string, matches: boolean][] = [
  ["*", "", true],
  ["*", "anything", true],
  ["", "", true],
  ["", "x", false],
  ["log-*.txt", "log-2024.txt", true],
  ["log-*.txt", "log-.txt", true],
  ["log-*.txt", "log-2024.txt.bak", false],
  ["*.txt", "a.txt.txt", true],
  ["a*b*c", "abc", true],
  ["a*b*c", "aXbYc", true],
  ["a*b*c", "acb", false],
  ["a**b", "ab", true],
  ["a***", "a", true],
  ["*a*", "bab", true],
  ["*ab*ab*", "abab", true],
  ["*ab*ab*", "aba", false],
  ["aa*aa", "aaa", false],
  ["aa*aa", "aaaa", true],
  ["\\*", "*", true],
  ["\\*", "x", false],
  ["a\\*b", "a*b", true],
  ["a\\*b", "aXb", false],
  ["\\**", "*tail", true],
  ["\\**", "tail", false],
  ["\\\\", "\\", true],
  ["\\\\*", "\\anything", true],
  ["\\\\\\*", "\\*", true],
  ["x*y", "x\ny", true],
  ["(x)+.[a]", "(x)+.[a]", true],
  ["é*ü", "éxü", true],
];

describe("StringMatches patterns", () => {
  it.each(CASES)("%j against %j is %s", (pattern, text, expected) => {
    expect(wildcardMatches(pattern, text)).toBe(expected);
  });

  it("split a pattern into its literal pieces", () => {
    expect(parseWildcard("a*b\\*c*").pieces).toEqual(["a", "b*c", ""]);
    expect(parseWildcard("\\\\*").pieces).toEqual(["\\", ""]);
    expect(parseWildcard("plain").pieces).toEqual(["plain"]);
  });

  it("name a backslash that escapes neither a star nor a backslash, and builders refuse it", () => {
    expect(parseWildcard("a\\b").problem).toContain('escapes "b"');
    expect(parseWildcard("a\\").problem).toContain("escapes nothing");
    expect(parseWildcard("a\\*\\\\").problem).toBeUndefined();
    expect(() => checkWildcardPattern("a\\b")).toThrow(InvalidOptionError);
    expect(checkWildcardPattern("a\\*")).toBe("a\\*");
  });

  it("match a 40-character text against a 10-star pattern without backtracking", () => {
    // A backtracking matcher explores about C(40, 10) splits before failing; this one makes one
    // pass of indexOf calls. Counting the calls keeps the test free of wall-clock time.
    const pattern = parseWildcard("*a*a*a*a*a*a*a*a*a*a*b");
    const text = "a".repeat(40);
    let calls = 0;
    const original = String.prototype.indexOf;
    String.prototype.indexOf = function (this: string, ...args: Parameters<string["indexOf"]>) {
      calls++;
      return original.apply(this, args);
    };
    try {
      expect(matchesWildcard(pattern, text)).toBe(false);
      expect(matchesWildcard(pattern, text + "b")).toBe(true);
    } finally {
      String.prototype.indexOf = original;
    }
    expect(calls).toBeLessThanOrEqual(20);
  });
});

async function decide(pattern: string, value: JsonValue): Promise<JsonValue> {
  const definition: JsonObject = {
    StartAt: "C",
    States: {
      C: { Type: "Choice", Choices: [{ Variable: "$.v", StringMatches: pattern, Next: "Yes" }], Default: "No" },
      Yes: { Type: "Pass", Result: "yes", End: true },
      No: { Type: "Pass", Result: "no", End: true },
    },
  };
  expect(validateDefinition(definition)).toEqual([]);
  const result = await execute(definition, { v: value });
  expect(result.status).toBe("SUCCEEDED");
  return result.output!;
}

describe("the engine's StringMatches is the same matcher", () => {
  it.each(CASES)("%j against %j is %s in a Choice", async (pattern, text, expected) => {
    expect(await decide(pattern, text)).toBe(expected ? "yes" : "no");
  });

  it("decides a 10-star pattern on a 40-character input", async () => {
    expect(await decide("*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(40))).toBe("no");
  });

  it("does not match a value that is not a string", async () => {
    expect(await decide("*", 1)).toBe("no");
  });
});
