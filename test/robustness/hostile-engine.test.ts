/**
 * Hostile definitions and inputs against `sfini local` in a child process: each case fails the
 * way AWS fails it, the engine answers a cheap call within 1 s during and after, its memory
 * stays bounded, and SIGTERM ends it even mid-loop. Each process has its own deadline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestStateCommand } from "@aws-sdk/client-sfn";
import { EngineProcess } from "./engine-process.js";

/** A Pass → Choice → Pass loop that never ends by itself. */
const LOOP = {
  StartAt: "Spin",
  States: {
    Spin: { Type: "Pass", Next: "Again" },
    Again: { Type: "Choice", Choices: [{ Variable: "$.stop", IsPresent: true, Next: "Done" }], Default: "Spin" },
    Done: { Type: "Succeed" },
  },
};

describe("loops that never wait", () => {
  let engine: EngineProcess;
  beforeAll(async () => {
    engine = await EngineProcess.start();
  });
  afterAll(() => engine.kill());

  it("a loop inside a Distributed Map iteration fails at the iteration's own 25,000-event limit; the server keeps answering", async () => {
    const arn = await engine.startExecution({
      StartAt: "Fan",
      States: { Fan: { Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...LOOP }, End: true } },
    }, [1, 2]);
    const { execution, slowestCallMs } = await engine.untilEnded(arn);
    expect(execution.status).toBe("FAILED");
    expect(execution.cause).toContain("maximum number of history events (25000)");
    expect(slowestCallMs).toBeLessThan(1_000);
    expect(await engine.cheapCallMs()).toBeLessThan(1_000);
  });

  it("an Express loop (no event limit) leaves the server answering, and SIGTERM ends the process", async () => {
    const arn = await engine.startExecution(LOOP, {}, "EXPRESS");
    for (let i = 0; i < 5; i++) expect(await engine.cheapCallMs()).toBeLessThan(1_000);
    expect(arn).toContain(":express:");
    const ended = await engine.terminate();
    expect(ended).toMatchObject({ code: 0, signal: null });
  });
});

describe("a two-state loop over a 250 KB input", () => {
  let engine: EngineProcess;
  beforeAll(async () => {
    engine = await EngineProcess.start();
  });
  afterAll(() => engine.kill());

  it("fails at 25,000 events with memory bounded: events share the payload text", async () => {
    const before = engine.rssMiB() ?? 0;
    const arn = await engine.startExecution(LOOP, { blob: "x".repeat(250_000) });
    const { execution, slowestCallMs, peakRssMiB } = await engine.untilEnded(arn, 60_000);
    expect(execution).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(slowestCallMs).toBeLessThan(1_000);
    // 25,000 copies would be 6 GB; one shared copy is a few MB over the baseline.
    if (engine.rssMiB() !== undefined) expect(peakRssMiB - before).toBeLessThan(300);
  });

  it("a loop that changes its 250 KB data each time fails States.Runtime at the history's byte bound", async () => {
    const arn = await engine.startExecution(
      {
        StartAt: "Grow",
        States: {
          Grow: { Type: "Pass", Parameters: { "blob.$": "$.blob", "n.$": "States.MathAdd($.n, 1)" }, Next: "Check" },
          Check: { Type: "Choice", Choices: [{ Variable: "$.n", NumericEquals: -1, Next: "Done" }], Default: "Grow" },
          Done: { Type: "Succeed" },
        },
      },
      { blob: "y".repeat(250_000), n: 0 },
    );
    const { execution, peakRssMiB } = await engine.untilEnded(arn, 60_000);
    expect(execution).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(execution.cause).toContain("bytes of inputs and outputs");
    expect(await engine.cheapCallMs()).toBeLessThan(1_000);
    if (engine.rssMiB() !== undefined) expect(peakRssMiB).toBeLessThan(800);
  });
});

describe("JSONata, regex and wildcard runaways", () => {
  let engine: EngineProcess;
  beforeAll(async () => {
    engine = await EngineProcess.start();
  });
  afterAll(() => engine.kill());

  const jsonata = (output: string) => ({ QueryLanguage: "JSONata", StartAt: "Q", States: { Q: { Type: "Pass", Output: output, End: true } } });

  it.each([
    ["$pad to 140,000,000 characters", "{% $length($pad('x', 140000000)) %}", "States.DataLimitExceeded"],
    ["infinite recursion", "{% ($f := function($x){ 1 + $f($x) }; $f(1)) %}", "States.QueryEvaluationError"],
    ["a catastrophic-backtracking regex", "{% $contains($states.input.s, /^(a+)+$/) ? 'matched' : 'no' %}", "SUCCEEDED"],
  ])("%s ends (%s) and the server keeps answering", async (_name, output, expected) => {
    const arn = await engine.startExecution(jsonata(output), { s: "a".repeat(47) + "b" });
    const { execution, slowestCallMs } = await engine.untilEnded(arn);
    if (expected === "SUCCEEDED") expect(execution).toMatchObject({ status: "SUCCEEDED", output: '"no"' });
    else expect(execution).toMatchObject({ status: "FAILED", error: expected });
    expect(slowestCallMs).toBeLessThan(1_000);
    expect(await engine.cheapCallMs()).toBeLessThan(1_000);
  });

  const choice = {
    Type: "Choice",
    Choices: [{ Variable: "$.s", StringMatches: "*a*a*a*a*a*a*a*a*a*a*b", Next: "Yes" }],
    Default: "No",
  };

  it("StringMatches *a*a*a*a*a*a*a*a*a*a*b on 40 a's answers at once, in a Choice and through TestState", async () => {
    const input = { s: "a".repeat(40) };
    const arn = await engine.startExecution({ StartAt: "C", States: { C: choice, Yes: { Type: "Succeed" }, No: { Type: "Pass", Result: "no", End: true } } }, input);
    const { execution, slowestCallMs } = await engine.untilEnded(arn);
    expect(execution).toMatchObject({ status: "SUCCEEDED", output: '"no"' });
    expect(slowestCallMs).toBeLessThan(1_000);
    const tested = await engine.sfn.send(
      new TestStateCommand({ definition: JSON.stringify(choice), roleArn: "arn:aws:iam::123456789012:role/hostile", input: JSON.stringify(input) }),
      { abortSignal: AbortSignal.timeout(5_000) },
    );
    expect(tested).toMatchObject({ status: "SUCCEEDED", nextState: "No" });
    expect(await engine.cheapCallMs()).toBeLessThan(1_000);
  });
});
