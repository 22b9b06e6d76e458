/**
 * TestState with a `mock`: a Task, Map or Parallel state whose work (the call, the iterations,
 * the branches) is replaced by the mocked result or error. Input processing runs before it,
 * Retry / Catch and result processing after it, exactly as for the real work.
 */
import type { JsonValue } from "../../json.js";
import { StatesError, StatesErrorName } from "./errors.js";
import { withRetryAndCatch } from "./retry-catch.js";
import type { StateOutcome, StateRun } from "./state-run.js";
import { effectiveArguments, finishWithResult } from "./states/result.js";

/** What the mock gives in place of the state's work. */
export type StateMockOutcome = { result: JsonValue } | { error: string; cause: string };

/** The mock and the state configuration TestState was given. */
export interface MockedStateOptions {
  mock: StateMockOutcome;
  /** `stateConfiguration.mapIterationFailureCount`: iterations that failed (Map only). */
  mapIterationFailureCount?: number;
}

/** AWS's cause when a Map's failed iterations exceed its tolerance. */
export const EXCEEDED_TOLERANCE_CAUSE = "The specified tolerated failure threshold was exceeded";

async function mapTolerance(run: StateRun, effective: JsonValue, options: MockedStateOptions): Promise<void> {
  const { state } = run;
  if (state.type !== "Map") return;
  const maxConcurrency = (await run.resolveNumber(state.maxConcurrency, effective, { integer: true, min: 0 })) ?? 0;
  const count = await run.resolveNumber(state.toleratedFailureCount, effective, { integer: true, min: 0 });
  const percentage = await run.resolveNumber(state.toleratedFailurePercentage, effective, { min: 0 });
  run.inspect("maxConcurrency", maxConcurrency, true);
  if (count !== undefined) run.inspect("toleratedFailureCount", count, true);
  if (percentage !== undefined) run.inspect("toleratedFailurePercentage", percentage, true);
  const failed = options.mapIterationFailureCount ?? 0;
  if (failed === 0) return;
  const items = "result" in options.mock && Array.isArray(options.mock.result) ? options.mock.result.length : failed;
  const withinCount = count !== undefined && failed <= count;
  const withinPercentage = percentage !== undefined && items > 0 && (failed / items) * 100 <= percentage;
  if (!withinCount && !withinPercentage) throw new StatesError(StatesErrorName.ExceedToleratedFailureThreshold, EXCEEDED_TOLERANCE_CAUSE);
}

/** Run a Task, Map or Parallel state with its work mocked. */
export async function runMockedState(run: StateRun, options: MockedStateOptions): Promise<StateOutcome> {
  run.enter();
  return withRetryAndCatch(run, async () => {
    let effective: JsonValue;
    if (run.type === "Task" || run.type === "Parallel") {
      effective = (await effectiveArguments(run)).effective;
    } else {
      effective = run.language === "JSONata" ? run.input : run.applyInputPath();
      await mapTolerance(run, effective, options);
    }
    const { mock } = options;
    if ("error" in mock) throw new StatesError(mock.error, mock.cause);
    return finishWithResult(run, mock.result);
  });
}
