/**
 * Chaos: 2,000 executions through a pool of Workers while 10 % of the workers' calls are
 * faulted by the engine (seeded): every execution succeeds, and every task is answered
 * exactly once, counted from the engine's histories and from the workers' events.
 */
import { describe, expect, it } from "vitest";
import { runChaos, WORKER_OPERATIONS, type ChaosReport } from "./chaos-run.js";

const EXECUTIONS = 2_000;

describe("chaos: a worker pool under seeded faults", () => {
  // 16 workers x 4 slots, each worker with its own client (standard retries, as AWSSession
  // builds them). About 35 s on 2 cores.
  it(`runs ${EXECUTIONS} executions with 10 % of the worker calls faulted; each task answered exactly once`, { timeout: 180_000 }, async () => {
    const report: ChaosReport = await runChaos({ executions: EXECUTIONS, workers: 16, concurrency: 4, faultRate: 0.1, seed: 20_260_101 });

    expect(report.statuses).toEqual({ SUCCEEDED: EXECUTIONS });
    expect(report.wrongOutputs).toBe(0);

    // Engine side: one ActivityScheduled, ActivityStarted and ActivitySucceeded each, no failure.
    expect(report.engineSide).toEqual({
      badHistories: [],
      activityScheduled: EXECUTIONS,
      activityStarted: EXECUTIONS,
      activitySucceeded: EXECUTIONS,
      activityFailedOrTimedOut: 0,
      foreignWorkers: 0,
    });

    // Worker side: each token started once and ended with one outcome. A SendTaskSuccess whose
    // answer was lost is retried and finds the token closed (TaskTimedOut): the worker gives
    // it up, but the engine shows that the first attempt did answer it.
    const w = report.workerSide;
    expect(w.tasksStarted).toBe(EXECUTIONS);
    expect(w.tokensStartedTwice).toBe(0);
    expect(w.tokensAnsweredTwice).toBe(0);
    expect({ failed: w.failed, cancelled: w.cancelled, abandonedOther: w.abandonedOther }).toEqual({ failed: 0, cancelled: 0, abandonedOther: 0 });
    expect(w.succeeded + w.abandonedAfterLostAnswer).toBe(EXECUTIONS);
    expect(w.abandonedAfterLostAnswer).toBeLessThanOrEqual(report.faults["SendTaskSuccess"]!.dropResponse);
    expect(w.perWorker.reduce((a, b) => a + b, 0)).toBe(EXECUTIONS);

    // The faults really hit every kind of worker call, at about the rate asked for; nothing else was faulted.
    for (const operation of ["GetActivityTask", "SendTaskSuccess", "SendTaskHeartbeat"]) {
      const tally = report.faults[operation]!;
      const calls = Object.values(tally).reduce((a, b) => a + b, 0);
      const faulted = calls - tally.none;
      expect(calls, operation).toBeGreaterThanOrEqual(EXECUTIONS);
      expect(faulted / calls, operation).toBeGreaterThan(0.05);
      expect(faulted / calls, operation).toBeLessThan(0.15);
      for (const kind of ["throttle", "serverError", "drop", "dropResponse"] as const) expect(tally[kind], `${operation} ${kind}`).toBeGreaterThan(0);
    }
    for (const [operation, tally] of Object.entries(report.faults)) {
      if ((WORKER_OPERATIONS as readonly string[]).includes(operation)) continue;
      expect(tally.none, operation).toBe(Object.values(tally).reduce((a, b) => a + b, 0));
    }
  });
});
