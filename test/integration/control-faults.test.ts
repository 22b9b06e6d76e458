/**
 * sfini's control calls (StartExecution, DescribeExecution through `wait`, GetExecutionHistory)
 * under seeded faults on the local engine: the SDK's retries carry them through, and a
 * StartExecution whose answer was lost is retried into the same execution, not a second one.
 */
import { afterEach, describe, expect, it } from "vitest";
import { buildAddExample } from "../../examples/add.js";
import { LocalEngine } from "../../src/local/index.js";
import type { Execution } from "../../src/control/execution.js";
import { endAndDeregister, startWorkers, summary } from "./helpers.js";

let engine: LocalEngine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

const CONTROL_FAULTS = { throttleRate: 0.04, serverErrorRate: 0.04, dropRate: 0.03, dropResponseRate: 0.04 };

describe("control calls under faults", () => {
  // About 3 s: the SDK's standard retries back off after each fault, with jitter.
  it("25 executions started, waited for and read while 15 % of those calls fail: one execution each, all complete", async () => {
    engine = await LocalEngine.start({
      port: 0,
      faults: { seed: 42, operations: { StartExecution: CONTROL_FAULTS, DescribeExecution: CONTROL_FAULTS, GetExecutionHistory: CONTROL_FAULTS } },
    });
    const { session } = engine;
    const { stateMachine, activities } = buildAddExample({ session });
    await activities.register();
    await stateMachine.register();

    // Started one after another (so the fault sequence is the seed's alone) before any worker
    // runs: every execution is RUNNING while a retried StartExecution comes back for it.
    const executions: Execution[] = [];
    for (let n = 0; n < 25; n++) executions.push(await stateMachine.startExecution({ a: n, b: 1 }));
    const workers = startWorkers(activities, session, { concurrency: 4 });
    for (const execution of executions) await execution.wait();

    expect(executions.map((execution) => execution.output)).toEqual(executions.map((_, n) => n + 1));
    for (const execution of executions) {
      expect(summary(await execution.getHistory())).toEqual([
        "ExecutionStarted",
        "TaskStateEntered:add",
        "ActivityScheduled:testaddActivity",
        "ActivityStarted",
        "ActivitySucceeded",
        "TaskStateExited:add",
        "ExecutionSucceeded",
      ]);
    }
    const listed = await stateMachine.listExecutions();
    expect(listed).toHaveLength(25);
    expect(new Set(listed.map((execution) => execution.name))).toEqual(new Set(executions.map((execution) => execution.name)));
    // The faults did happen, lost StartExecution answers included.
    expect(engine.faults.counts.dropResponse).toBeGreaterThan(0);
    expect(engine.faults.counts.throttle + engine.faults.counts.serverError + engine.faults.counts.drop).toBeGreaterThan(0);

    await endAndDeregister(workers, { stateMachine, activities });
  });
});
