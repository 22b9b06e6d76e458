/**
 * Parallel: every branch runs at once on the same input, each in its own thread of events and
 * its own variable scope; the result is the array of their outputs. The first branch to fail
 * stops the others and fails the state with that branch's error.
 */
import type { JsonValue } from "../../../json.js";
import { linkedController } from "../abort.js";
import type { ParallelModel } from "../compile/model.js";
import { toStatesError } from "../errors.js";
import { withRetryAndCatch } from "../retry-catch.js";
import type { Thread } from "../run.js";
import { nestedFrame, type StateOutcome, type StateRun } from "../state-run.js";
import { effectiveArguments, finishWithResult } from "./result.js";

/** Why a branch was stopped: a sibling failed. */
class SiblingFailed extends Error {}

/** Run a Parallel state. */
export async function runParallel(run: StateRun<ParallelModel>): Promise<StateOutcome> {
  run.enter();
  const { branches } = run.state;
  return withRetryAndCatch(run, async () => {
    const { args } = await effectiveArguments(run);
    const thread = run.thread;
    thread.emit("ParallelStateStarted");
    run.failedEventType = "ParallelStateFailed";
    const stop = linkedController(run.frame.signal);
    let firstFailure: unknown;
    /** The branch that failed: the event its failure followed, and whether a Task failed it. */
    let failedAt: { thread: Thread; eventId: number; taskFailed: boolean } | undefined;
    const threads = branches.map(() => thread.fork());
    const outputs = await Promise.allSettled(
      branches.map((branch, i) => {
        let failedStateType: string | undefined;
        const frame = nestedFrame(run.frame, threads[i]!, stop, {
          aborted: (type) => threads[i]!.emitOrDrop(type),
          failed: (stateType) => {
            failedStateType = stateType;
          },
        });
        return frame.runWorkflow(branch, args, frame).catch((thrown: unknown) => {
          if (firstFailure === undefined && !stop.aborted) {
            firstFailure = thrown;
            failedAt = { thread: threads[i]!, eventId: threads[i]!.lastEventId, taskFailed: failedStateType === "Task" };
            stop.abort(new SiblingFailed());
          }
          throw thrown;
        });
      }),
    );
    stop.dispose();
    thread.lastEventId = Math.max(thread.lastEventId, ...threads.map((t) => t.lastEventId));
    if (run.frame.abortState.aborted) throw run.frame.signal.reason;
    if (failedAt !== undefined) {
      // As AWS records it: the Task that failed the branch is aborted with the Parallel, and the
      // ParallelStateFailed follows the failure's event (test_callback, SQS_PARALLEL_WAIT_FOR_TASK_TOKEN).
      if (failedAt.taskFailed) {
        failedAt.thread.lastEventId = failedAt.eventId;
        failedAt.thread.emitOrDrop("TaskStateAborted");
      }
      thread.lastEventId = failedAt.eventId;
    }
    if (firstFailure !== undefined) {
      throw toStatesError(firstFailure);
    }
    run.failedEventType = undefined;
    thread.emit("ParallelStateSucceeded");
    const result: JsonValue[] = outputs.map((o) => (o as PromiseFulfilledResult<JsonValue>).value);
    return finishWithResult(run, result);
  });
}
