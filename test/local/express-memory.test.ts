/**
 * A long Express run keeps no history (AWS captures none), so `sfini local`'s memory stays flat
 * however many events it runs through: 200,000 loop iterations (over 800,000 events, 32 times the
 * Standard limit) succeed with the child's resident memory growing by a few MiB, where keeping
 * the events took about 1 GiB per million iterations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStateMachineCommand, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { EngineProcess } from "../robustness/engine-process.js";
import { ROLE } from "./helpers.js";
import { countingLoop } from "./counting-loop.js";

const ITERATIONS = 200_000;

const COUNTING_LOOP = countingLoop(ITERATIONS);

let engine: EngineProcess;
beforeAll(async () => {
  engine = await EngineProcess.start();
});
afterAll(() => engine.kill());

describe("a long Express run", () => {
  it("succeeds past any history limit with the engine's memory bounded", async () => {
    const { stateMachineArn } = await engine.sfn.send(
      new CreateStateMachineCommand({ name: "long-express", roleArn: ROLE, definition: JSON.stringify(COUNTING_LOOP), type: "EXPRESS" }),
    );
    const before = engine.rssMiB();
    let peak = before ?? 0;
    const sampler = setInterval(() => (peak = Math.max(peak, engine.rssMiB() ?? 0)), 20);
    try {
      const answer = await engine.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: '{"n":0}' }), { abortSignal: AbortSignal.timeout(45_000) });
      expect(answer).toMatchObject({ status: "SUCCEEDED", output: `{"n":${ITERATIONS}}` });
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, engine.rssMiB() ?? 0);
    // 800,000 stored events were about 200 MiB; none stored is a few MiB of garbage between collections.
    if (before !== undefined) expect(peak - before).toBeLessThan(64);
  }, 60_000);
});
