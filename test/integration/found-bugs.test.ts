/**
 * Bugs found by the end-to-end runs, in code other engineers own. Each test states what
 * should happen and fails (`it.fails`) until the bug is fixed; then drop the `.fails`.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Pass } from "../../src/definitions/index.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { LocalEngine } from "../../src/local/index.js";
import { executionArn } from "../../src/arn.js";

const run = promisify(execFile);

/** Run a repro script under tsx in its own process (these bugs kill the process they happen in). */
async function repro(script: string, args: string[]): Promise<unknown> {
  const path = fileURLToPath(new URL(`./repro/${script}`, import.meta.url));
  const { stdout } = await run(process.execPath, ["--import", "tsx", path, ...args], {
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    timeout: 60_000,
  });
  const line = stdout.split("\n").find((l) => l.startsWith("{"));
  return line === undefined ? { noOutput: stdout } : (JSON.parse(line) as unknown);
}

describe("found bugs (engine)", () => {
  // FIXED (src/local/interpreter/run.ts, host/task-supervisor.ts, host/task-host.ts): an inline
  // Map whose iterations run activity Tasks reaches the history-event limit (here lowered to
  // 30 with 10 items; with the default 25,000 the same happens from about 8,400 items).
  // ExecutionRun.append used to throw States.Runtime from inside task-event emitters: in
  // supervise()'s settle handlers (unhandled rejections; the task's promise never settled) and
  // in onTaken when GetActivityTask hands a task out (an uncaught exception in a 'finish'
  // listener), killing the process, leaving the execution RUNNING and its tasks handed out.
  // Now the run fails once: the failure aborts the run's root signal (every task withdrawn,
  // every token dead), host task events after it are dropped instead of thrown, and the
  // execution ends FAILED (States.Runtime) with ExecutionFailed as the last allowed event.
  it("a Map reaching the history limit fails the execution cleanly: no unhandled errors, no tasks left", { timeout: 90_000 }, async () => {
    const result = await repro("map-history-limit.ts", ["30", "10"]);
    expect(result).toEqual({ unhandled: [], status: "FAILED", error: "States.Runtime", tasksHandedOut: 0 });
  });

  it("a Map reaching AWS's own limit of 25,000 events (8,400 activity iterations) fails the same way", { timeout: 90_000 }, async () => {
    const result = await repro("map-history-limit.ts", ["25000", "8400"]);
    expect(result).toEqual({ unhandled: [], status: "FAILED", error: "States.Runtime", tasksHandedOut: 0 });
  });

  // FIXED (minimal form of the above): a task's own resource event (ActivityScheduled,
  // LambdaFunctionScheduled) crossing the history limit used to throw inside the task's work,
  // then again in supervise()'s failure handler (an unhandled rejection), and the execution
  // stayed RUNNING. Repro: a one-Task machine with the limit lowered to 3 (the event 3 is kept
  // for ExecutionFailed).
  for (const [article, kind] of [["an", "activity"], ["a", "lambda"]] as const) {
    it(`${article} ${kind} Task whose scheduled event crosses the history limit fails the execution with States.Runtime`, { timeout: 90_000 }, async () => {
      const result = await repro("task-at-history-limit.ts", [kind, "3"]);
      expect(result).toEqual({ unhandled: [], status: "FAILED", error: "States.Runtime" });
    });
  }
});

describe("found bugs (control)", () => {
  // FIXED (src/control/execution.ts Execution.start): when StartExecution's answer is lost and
  // the execution ends before the SDK's retry arrives (a quick machine), the retry is answered
  // ExecutionAlreadyExists (the API is idempotent only while RUNNING, on AWS too); start() used
  // to throw AwsCallError although the execution was started once, exactly as asked. Now it
  // describes the execution of that name and adopts it (our machine, our input, started after
  // the call). Deterministic: the first StartExecution answer is always dropped, and the
  // retry is held back (a middleware after the SDK's retry step) until the execution has
  // ended, then let through without faults.
  it("a StartExecution whose answer was lost starts the execution once, even if it already ended", async () => {
    const engine = await LocalEngine.start({ port: 0, faults: { operations: { StartExecution: { dropResponseRate: 1 } } } });
    try {
      const { session } = engine;
      let retriesHeld = 0;
      session.sfn.middlewareStack.add(
        (next, context) => async (args) => {
          const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
          if (context.commandName === "StartExecutionCommand" && !headers["amz-sdk-request"]?.startsWith("attempt=1;")) {
            retriesHeld++;
            engine.faults.clear();
            const { name } = args.input as { name: string };
            await engine.whenExecutionEnds(executionArn(session.arnScope, "quick", name));
          }
          return next(args);
        },
        { step: "deserialize", name: "holdStartExecutionRetry" },
      );
      const stateMachine = constructStateMachine("quick", new Pass("p"), { session });
      await stateMachine.register();
      const execution = await stateMachine.startExecution({ x: 1 });
      expect([engine.faults.counts.dropResponse, retriesHeld]).toEqual([1, 1]);
      expect(execution.status).toBe("SUCCEEDED");
      await execution.wait();
      expect(execution.output).toEqual({ x: 1 });
      expect(await stateMachine.listExecutions()).toHaveLength(1);
    } finally {
      await engine.close();
    }
  });
});
