/**
 * JSONata cannot hang or exhaust the engine: oversized values fail before they are built,
 * recursion and loops hit a depth or time budget, regexes run in linear time.
 */
import { describe, expect, it } from "vitest";
import { execute, single } from "../local/interpreter/test-host.js";
import { LinearRegExp } from "../../src/local/interpreter/jsonata-bounds.js";
import type { JsonValue } from "../../src/json.js";

async function run(expression: string, input: JsonValue = {}) {
  return execute(single({ Type: "Pass", QueryLanguage: "JSONata", Output: expression }), input);
}

describe("bounded JSONata", () => {
  it("$pad to 140,000,000 characters fails States.DataLimitExceeded before building it", async () => {
    const result = await run("{% $length($pad('x', 140000000)) %}");
    expect(result).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(result.cause).toContain("$pad result");
  });

  it("a string doubled 40 times fails States.DataLimitExceeded at the cap", async () => {
    const result = await run("{% ($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $length($f('x', 40))) %}");
    expect(result).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
  });

  it("$join past the cap fails before joining; small ones work as JSONata's", async () => {
    expect(await run("{% $join($map([1..2000], function($i){ $pad('', 1000, 'x') })) %}")).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(await run("{% $join(['a', 'b'], '-') & $pad('x', -5, 'ab') & $pad('y', 3) %}")).toMatchObject({ status: "SUCCEEDED", output: "a-bababxy  " });
  });

  it("infinite recursion fails States.QueryEvaluationError (depth budget)", async () => {
    const result = await run("{% ($f := function($x){ 1 + $f($x) }; $f(1)) %}");
    expect(result).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(result.cause).toContain("Stack overflow");
  });

  it("an infinite tail-recursive loop fails States.QueryEvaluationError (time budget) and lets the event loop run meanwhile", async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 50);
    const result = await run("{% ($f := function($x){ $f($x) }; $f(1)) %}");
    clearInterval(ticker);
    expect(result).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(result.cause).toContain("timeout");
    // Timers fired during the 5-s evaluation: it yielded to the event loop.
    expect(ticks).toBeGreaterThan(10);
  });

  it("catastrophic-backtracking regexes run in linear time in $match, $contains, $replace, $split", async () => {
    const input = { s: "a".repeat(47) + "b" };
    expect(await run("{% $contains($states.input.s, /^(a+)+$/) %}", input)).toMatchObject({ status: "SUCCEEDED", output: false });
    expect(await run("{% $count($split($states.input.s, /(a+)+c/)) %}", input)).toMatchObject({ status: "SUCCEEDED", output: 1 });
    expect(await run("{% $replace($states.input.s, /(a+)+$/, 'x') %}", input)).toMatchObject({ status: "SUCCEEDED", output: input.s });
    expect(await run("{% $exists($match($states.input.s, /^(a|aa)+$/)) %}", input)).toMatchObject({ status: "SUCCEEDED", output: false });
  });

  it("regexes keep JSONata's results: groups, positions, flags; RE2-less syntax fails the expression", async () => {
    expect(await run("{% $match('Ab1 ab2', /a(b)([0-9])/i) %}")).toMatchObject({
      status: "SUCCEEDED",
      output: [
        { match: "Ab1", index: 0, groups: ["b", "1"] },
        { match: "ab2", index: 4, groups: ["b", "2"] },
      ],
    });
    expect(await run("{% $replace('abcabc', /b(c)/, '[$1]') %}")).toMatchObject({ status: "SUCCEEDED", output: "a[c]a[c]" });
    const backReference = await run("{% $match('aa', /(a)\\1/) %}");
    expect(backReference).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError" });
    expect(backReference.cause).toContain("cannot be run in linear time");
  });

  it("LinearRegExp follows RegExp.exec with lastIndex over UTF-16 positions", () => {
    const re = new LinearRegExp(/o/g);
    const text = "😀o😀o";
    expect([re.exec(text)?.index, re.lastIndex, re.exec(text)?.index, re.exec(text), re.lastIndex]).toEqual([2, 3, 5, null, 0]);
  });
});
