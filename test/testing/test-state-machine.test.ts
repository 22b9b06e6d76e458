/**
 * `sfini/testing`'s `testStateMachine`: ASL in any form, the mocks' forms (test cases with inline
 * responses, a whole mock configuration, handler functions), path / events / stateOutput, one
 * engine per helper (two at once do not meet), `timeScale: 0`, and typed input and output.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { testStateMachine } from "../../src/testing/index.js";
import type { MockConfig } from "../../src/local/index.js";
import type { JsonObject } from "../../src/json.js";

const fixture = (name: string): string => fileURLToPath(new URL(`../local/fixtures/mock-config/${name}`, import.meta.url));

const branching: JsonObject = {
  StartAt: "add",
  States: {
    add: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:add", ResultPath: "$.sum", Next: "nap" },
    nap: { Type: "Wait", Seconds: 99_999_999, Next: "check" },
    check: { Type: "Choice", Choices: [{ Variable: "$.sum", NumericGreaterThan: 10, Next: "big" }], Default: "small" },
    big: { Type: "Pass", Result: "big", ResultPath: "$.size", End: true },
    small: { Type: "Pass", Result: "small", ResultPath: "$.size", End: true },
  },
};

describe("testStateMachine", () => {
  it("runs ASL given as JSON text with in-process Lambdas; a 3-year Wait takes no time at timeScale 0", async () => {
    const t = await testStateMachine<{ a: number; b: number }, { sum: number; size: string }>(JSON.stringify(branching), {
      lambdas: { add: (event) => (event as { a: number; b: number }).a + (event as { a: number; b: number }).b },
    });
    try {
      const run = await t.run({ a: 3, b: 42 });
      expect(run.status).toBe("SUCCEEDED");
      expect(run.path).toEqual(["add", "nap", "check", "big"]);
      expect(run.output).toEqual({ a: 3, b: 42, sum: 45, size: "big" });
      expect(run.stateOutput("add")).toEqual({ a: 3, b: 42, sum: 45 });
      expect(run.stateOutput("small")).toBeUndefined();
      expect(run.events("LambdaFunctionSucceeded").map((e) => e.lambdaFunctionSucceededEventDetails?.output)).toEqual(["45"]);
      expect(run.events().length).toBe(run.history.length);
      // @ts-expect-error -- the input follows the machine's type
      await expect(t.run({ a: "3" })).resolves.toBeDefined();
    } finally {
      await t.close();
    }
  });

  it("runs test cases given inline: a response per invocation, { Return } / { Throw } for all, a handler", async () => {
    const t = await testStateMachine(branching, {
      mocks: {
        Small: { add: { Return: 1 } },
        FailsThenBig: { add: { "0": { Throw: { Error: "Boom", Cause: "first" } } } },
        Handler: { add: (event) => ((event as { a: number }).a > 5 ? 100 : 0) },
      },
    });
    try {
      expect((await t.run({ a: 1 }, { testCase: "Small" })).path).toEqual(["add", "nap", "check", "small"]);
      const failed = await t.run({}, { testCase: "FailsThenBig" });
      expect(failed).toMatchObject({ status: "FAILED", error: "Boom", cause: "first" });
      expect((await t.run({ a: 6 }, { testCase: "Handler" })).output).toEqual({ a: 6, sum: 100, size: "big" });
    } finally {
      await t.close();
    }
  });

  it("takes Step Functions Local's whole mock configuration (its one machine names the machine)", async () => {
    const config = JSON.parse(readFileSync(fixture("MockConfigFile.json"), "utf8")) as MockConfig;
    const t = await testStateMachine(readFileSync(fixture("LambdaSQSIntegration.asl.json"), "utf8"), { mocks: config });
    try {
      expect(t.stateMachineArn).toBe("arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration");
      const run = await t.run({}, { testCase: "RetryPath" });
      expect(run.status).toBe("SUCCEEDED");
      expect(run.path).toEqual(["LambdaState", "SQSState"]);
      expect(run.events("TaskFailed")).toHaveLength(3);
    } finally {
      await t.close();
    }
  });

  it("gives each helper its own engine: two at once, same machine name, no crosstalk", async () => {
    const machine: JsonObject = { StartAt: "p", States: { p: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", End: true } } };
    const [one, two] = await Promise.all([
      testStateMachine(machine, { name: "same", lambdas: { f: () => "one" } }),
      testStateMachine(machine, { name: "same", lambdas: { f: () => "two" } }),
    ]);
    try {
      expect(one.engine.endpoint).not.toBe(two.engine.endpoint);
      const [a, b] = await Promise.all([one.run({}), two.run({})]);
      expect([a.output, b.output]).toEqual(["one", "two"]);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it("refuses a definition that is not JSON, and an unknown test case, with clear errors", async () => {
    await expect(testStateMachine("{nope")).rejects.toThrow(/^testStateMachine: the definition is not JSON/);
    const t = await testStateMachine(branching, { mocks: { Small: { add: { Return: 1 } } } });
    try {
      await expect(t.run({}, { testCase: "Large" })).rejects.toThrow('The mock configuration has no test case "Large" for state machine "machine" (it has "Small")');
    } finally {
      await t.close();
    }
  });
});
