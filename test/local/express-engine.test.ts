/**
 * What the engine's own readers see of Express executions, which no API operation finds: the
 * outcome through `LocalEngine.whenExecutionEnds`, the console's page saying there is no history,
 * and a retention of ended executions counted apart from Standard ones.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CreateStateMachineCommand, DescribeExecutionCommand, StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { EXPRESS_NO_HISTORY } from "../../src/local/console/pages/execution.js";
import { html } from "../../src/local/console/html.js";
import { PASS_DEFINITION, ROLE, startEngine } from "./helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

async function machine(name: string, type: "STANDARD" | "EXPRESS", definition = PASS_DEFINITION): Promise<string> {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition, type }));
  return stateMachineArn!;
}

async function run(stateMachineArn: string, input: object): Promise<string> {
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
  await engine.whenExecutionEnds(executionArn!);
  return executionArn!;
}

describe("Express executions on the engine's side", () => {
  it("whenExecutionEnds gives an ended Express execution's outcome", async () => {
    ({ engine, sfn } = await startEngine());
    const arn = await run(await machine("fast", "EXPRESS"), { a: 1 });
    expect(await engine.whenExecutionEnds(arn)).toEqual({ status: "SUCCEEDED", output: '{"a":1}' });
  });

  it("ended Express executions are retained apart: a stream of them drops no Standard execution", async () => {
    ({ engine, sfn } = await startEngine({ retention: { endedExecutions: 1 } }));
    const standard = await run(await machine("kept", "STANDARD"), {});
    const express = await machine("stream", "EXPRESS");
    const first = await run(express, { n: 1 });
    const second = await run(express, { n: 2 });
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: standard }))).status).toBe("SUCCEEDED");
    // The newest Express one is kept for the engine's readers; the older is dropped whole.
    expect(await engine.whenExecutionEnds(second)).toEqual({ status: "SUCCEEDED", output: '{"n":2}' });
    await expect(engine.whenExecutionEnds(first)).rejects.toMatchObject({ code: "ExecutionDoesNotExist" });
  });

  it("the console's page of an Express execution shows its outcome and says it has no history; it offers no Stop", async () => {
    ({ engine, sfn } = await startEngine({ runExecution: undefined, console: true }));
    const arn = await run(await machine("shown", "EXPRESS"), { shown: true });
    const page = await fetch(`${engine.consoleUrl!.replace(/\/console\/?$/, "")}/console/executions/${encodeURIComponent(arn)}`);
    const body = await page.text();
    expect(page.status).toBe(200);
    expect(body).toContain(html`${EXPRESS_NO_HISTORY}`.text);
    expect(body).toContain('data-status="SUCCEEDED"');
    expect(body).toMatch(/id="execution-output"><summary>Execution output .*<\/summary><pre>\{\s+&quot;shown&quot;: true\s+\}<\/pre>/);
    expect(body).not.toContain('id="stop"');
  });
});
