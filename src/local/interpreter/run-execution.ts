/**
 * One execution from `StartAt` (or a redrive point) to its end: the machine's `TimeoutSeconds`,
 * stopping through the signal, and the result the host turns into the end event.
 */
import type { JsonObject, JsonValue } from "../../json.js";
import { linkedController } from "./abort.js";
import { compileMachine } from "./compile/compile.js";
import type { MachineModel } from "./compile/model.js";
import { toStatesError } from "./errors.js";
import { ExecutionTimeout, type EmitDeferredEvent, type ExecutionResult, type RunExecutionOptions } from "./host.js";
import { ExecutionRun, Thread } from "./run.js";
import type { Frame } from "./state-run.js";
import { VariableScope } from "./variables.js";
import { runWorkflow } from "./workflow.js";

/** The history limit, now part of {@link RunExecutionOptions} (kept for callers that name it). */
export type RunExecutionExtras = Pick<RunExecutionOptions, "maxHistoryEvents">;

/**
 * Run an execution of `definition`. Never rejects for ASL failures: they come back as a
 * FAILED / TIMED_OUT / ABORTED {@link ExecutionResult} with a redrive point.
 */
export async function runExecution(options: RunExecutionOptions): Promise<ExecutionResult> {
  const { context, host, emit, startEventId, resumeFrom } = options;
  const machine: MachineModel = options.machine ?? compileMachine(options.definition);
  // A run nobody can stop from outside needs no parent signal (a controller costs microseconds).
  const stop = linkedController(options.signal);
  const { timeoutSeconds } = machine;
  // Made only for a machine with TimeoutSeconds: aborting a controller costs a DOMException.
  const timer = timeoutSeconds === undefined ? undefined : new AbortController();
  if (timer) {
    host.sleep(timeoutSeconds! * 1000, timer.signal).then(
      () => stop.abort(new ExecutionTimeout()),
      () => undefined,
    );
  }
  // Without emitDeferred the run makes no DeferredText: `emit` is handed JSON details only.
  const emitEvent = options.emitDeferred ?? (emit as EmitDeferredEvent);
  const run = new ExecutionRun(host, context, emitEvent, options.maxHistoryEvents, false, stop, options.emitDeferred !== undefined);
  // AWS chains the first state of a fresh run to event 0, not to ExecutionStarted (recorded histories).
  const thread = new Thread(run, resumeFrom ? startEventId : 0);
  const scope = new VariableScope(undefined, resumeFrom?.variables);
  const frame: Frame = { run, thread, scope, signal: stop.signal, abortState: stop, runWorkflow };
  // Where a redrive would start: the last top-level state entered (its variables copied only when there are any).
  let resumeState: string | undefined;
  let resumeInput: JsonValue = null;
  let resumeVariables: JsonObject | undefined;
  const input: JsonValue = resumeFrom ? resumeFrom.input : options.input;
  try {
    const output = await runWorkflow(machine, input, frame, {
      ...(resumeFrom ? { startAt: resumeFrom.stateName } : {}),
      onStateEntered: (stateName, stateInput) => {
        resumeState = stateName;
        resumeInput = stateInput;
        resumeVariables = scope.isEmpty() ? undefined : scope.visible();
      },
    });
    // A task event dropped at the limit after the last state's own events still fails the run.
    if (run.failure) throw run.failure;
    return { status: "SUCCEEDED", output, lastEventId: thread.lastEventId };
  } catch (thrown) {
    if (run.failure) {
      // The run failed on its own history: final, and not redrivable (as on AWS).
      const result: ExecutionResult = { status: "FAILED", error: run.failure.error, cause: run.failure.errorCause, lastEventId: thread.lastEventId };
      if (run.notRedrivableReason !== undefined) result.notRedrivableReason = run.notRedrivableReason;
      return result;
    }
    const withResume = (result: ExecutionResult): ExecutionResult =>
      resumeState !== undefined ? { ...result, resumeFrom: { stateName: resumeState, input: resumeInput, variables: resumeVariables ?? {} } } : result;
    if (stop.aborted) {
      if (stop.signal.reason instanceof ExecutionTimeout) {
        // AWS describes a timed-out execution with no error and no cause (test_global_timeout).
        return withResume({ status: "TIMED_OUT", lastEventId: thread.lastEventId });
      }
      return withResume({ status: "ABORTED", lastEventId: thread.lastEventId });
    }
    const failure = toStatesError(thrown);
    const result: ExecutionResult = { status: "FAILED", lastEventId: thread.lastEventId };
    if (failure.error) result.error = failure.error;
    if (failure.errorCause) result.cause = failure.errorCause;
    return withResume(result);
  } finally {
    timer?.abort();
    stop.dispose();
  }
}
