/**
 * The control layer against the embedded engine: the real StateMachine, the real SFN client over
 * HTTP, nothing mocked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEngine } from "../../src/local/index.js";
import { straightLineRunner } from "../local/helpers.js";
import { Lambda } from "../../src/definitions/resources/lambda.js";
import { Pass } from "../../src/definitions/states/pass.js";
import { Task } from "../../src/definitions/states/task.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { Execution } from "../../src/control/execution.js";
import { StateMachineExistsError } from "../../src/control/state-machine-control.js";
import { ExecutionFailedError, ExecutionNotFinishedError } from "../../src/errors.js";
import { CLI } from "../../src/cli/cli.js";

let engine: LocalEngine;
beforeAll(async () => {
  // The stand-in interpreter of the local-engine tests runs these straight-line machines
  // without depending on the full interpreter.
  engine = await LocalEngine.start({ region: "us-west-2", runExecution: straightLineRunner });
  engine.registerLambda("add", (input) => {
    const { a, b } = input as { a: number; b: number };
    if (a < 0) throw new Error("negative");
    return a + b;
  });
});
afterAll(() => engine.close());

function machine(name = "testAdding") {
  const session = engine.session;
  const start = new Pass("start");
  start.goesTo(new Task("add", new Lambda("add", { session })));
  return constructStateMachine(name, start, { session });
}

describe("control over the local engine", () => {
  it("registers, refuses a second register, updates when allowed, runs and formats the history", async () => {
    const sm = machine();
    await sm.register();
    expect(await sm.isRegistered()).toBe(true);
    await sm.register({ allowUpdate: true });

    const execution = await sm.startExecution({ a: 3, b: 42 });
    await execution.wait({ timeout: 10 });
    expect(execution.output).toBe(45);
    const text = await execution.formatHistory();
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^ExecutionStarted \[1\] @ \d{4}-\d\d-\d\dT[\d:.]+Z$/);
    expect(lines).toContain("  name: add");
    expect(lines.at(-1)).toBe("Output: 45");

    const listed = await sm.listExecutions({ status: "SUCCEEDED" });
    expect(listed.map((e) => e.arn)).toEqual([execution.arn]);
    // A list item has no output: the listing describes ended executions so `output` is real.
    expect([listed[0]!.output, listed[0]!.input]).toEqual([45, { a: 3, b: 42 }]);
    const bare = await sm.listExecutions({ status: "SUCCEEDED", describe: false });
    expect(() => bare[0]!.output).toThrow(ExecutionNotFinishedError);
    expect(() => bare[0]!.output).toThrow(/is SUCCEEDED but was not described: await describe\(\) first/);
    expect((await bare[0]!.formatHistory()).split("\n").at(-1)).toBe("Output: 45");
    let printed = "";
    const cli = new CLI({ stateMachine: sm, io: { stdout: { write: (text: string) => (printed += text) }, exit: () => {} } });
    await cli.parseArgs(["executions", "-s", "SUCCEEDED"]);
    expect(printed.trimEnd().split("\n").at(-1)).toBe("Output: 45");
    const again = await Execution.fromArn(execution.arn!, { session: engine.session });
    expect(again.input).toEqual({ a: 3, b: 42 });

    await sm.deregister();
    expect(await sm.isRegistered()).toBe(false);
  });

  it("surfaces a failed execution as ExecutionFailedError with the error name", async () => {
    const sm = machine("failing");
    await sm.register();
    const execution = await sm.startExecution({ a: -1, b: 0 });
    const error = await execution.wait({ timeout: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExecutionFailedError);
    expect((error as ExecutionFailedError).status).toBe("FAILED");
    expect((error as ExecutionFailedError).error).toBe("Error");
  });

  it("refuses to overwrite a machine with another definition unless allowed", async () => {
    const first = machine("twice");
    await first.register();
    const session = engine.session;
    const other = constructStateMachine("twice", new Pass("only"), { session });
    await expect(other.register()).rejects.toThrow(StateMachineExistsError);
  });
});
