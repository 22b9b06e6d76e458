/**
 * Retry and Catch: which retrier or catcher handles an error, how long to wait before the
 * next attempt, and what a catcher turns the error into.
 */
import type { JsonObject, JsonValue } from "../../json.js";
import type { CatcherModel } from "./compile/model.js";
import { errorMatches, StatesError, toStatesError } from "./errors.js";
import type { MaybeAsync, StateOutcome, StateRun } from "./state-run.js";
import type { StateModel } from "./compile/model.js";

/** ASL defaults of a retrier. */
const DEFAULT_INTERVAL_SECONDS = 1;
const DEFAULT_BACKOFF_RATE = 2;

/**
 * Delay before retry number `retriesDone + 1` of `retrier`, in ms:
 * `IntervalSeconds × BackoffRate^retriesDone`, capped at `MaxDelaySeconds`, and with
 * `JitterStrategy: FULL` a uniform random share of that.
 */
export function retryDelayMs(retrier: JsonObject, retriesDone: number, random: () => number): number {
  const interval = (retrier["IntervalSeconds"] as number | undefined) ?? DEFAULT_INTERVAL_SECONDS;
  const rate = (retrier["BackoffRate"] as number | undefined) ?? DEFAULT_BACKOFF_RATE;
  let seconds = interval * rate ** retriesDone;
  const cap = retrier["MaxDelaySeconds"];
  if (typeof cap === "number") seconds = Math.min(seconds, cap);
  if (retrier["JitterStrategy"] === "FULL") seconds *= random();
  return Math.round(seconds * 1000);
}

/** Thrown in TestState when a retrier would retry: TestState reports RETRIABLE instead of waiting. */
export class RetriableInTest extends Error {
  constructor(
    readonly failure: StatesError,
    readonly retrierIndex: number,
    readonly delaySeconds: number,
  ) {
    super(failure.message);
  }
}

/** What TestState learns about a caught error. */
export interface CaughtError {
  failure: StatesError;
  catcherIndex: number;
}

/**
 * Run `attempt` under the state's `Retry` and `Catch`. Aborts pass through untouched; terminal
 * errors (`States.Runtime`) are neither retried nor caught. An attempt that succeeds at once
 * gives its outcome at once; a failure, or an attempt that waits, goes on asynchronously.
 */
export function withRetryAndCatch<S extends StateModel>(run: StateRun<S>, attempt: (run: StateRun<S>) => MaybeAsync<StateOutcome>): MaybeAsync<StateOutcome> {
  let first: MaybeAsync<StateOutcome>;
  try {
    first = attempt(run);
  } catch (thrown) {
    first = Promise.reject(thrown);
  }
  return first instanceof Promise ? retrying(run, attempt, first) : first;
}

/** The attempts from the first one (pending or failed) on. */
async function retrying<S extends StateModel>(run: StateRun<S>, attempt: (run: StateRun<S>) => MaybeAsync<StateOutcome>, first: Promise<StateOutcome>): Promise<StateOutcome> {
  const { retriers, catchers } = run.state;
  // TestState's stateConfiguration.retrierRetryCount: the retries that already happened.
  const retriesDone = retriers.map(() => (run.run.testMode ? run.run.testRetriesDone : 0));
  let pending: MaybeAsync<StateOutcome> | undefined = first;
  for (;;) {
    try {
      return await (pending ?? attempt(run));
    } catch (thrown) {
      pending = undefined;
      if (run.frame.abortState.aborted || thrown instanceof RetriableInTest) throw thrown;
      const failure = run.run.testMode ? run.describeFailure(toStatesError(thrown)) : run.reportFailure(toStatesError(thrown));
      const retrierIndex = retriers.findIndex((r) => errorMatches(r.errorEquals, failure.error, failure.raisedByTask));
      if (retrierIndex >= 0) {
        const retrier = retriers[retrierIndex]!;
        if (retriesDone[retrierIndex]! < retrier.maxAttempts) {
          const delay = retryDelayMs(retrier.definition, retriesDone[retrierIndex]!, () => run.run.random());
          if (run.run.testMode) throw new RetriableInTest(failure, retrierIndex, delay / 1000);
          // A retried attempt owes no <Type>StateFailed: AWS writes it after the last attempt only.
          run.failedEventType = undefined;
          retriesDone[retrierIndex]!++;
          run.retryCount++;
          await run.run.host.sleep(delay, run.frame.signal);
          continue;
        }
      }
      if (!run.run.testMode) run.emitStateFailed();
      const catcherIndex = catchers.findIndex((c) => errorMatches(c.errorEquals, failure.error, failure.raisedByTask));
      if (catcherIndex < 0) throw failure;
      run.frame.onCaught?.({ failure, catcherIndex });
      return catchError(run, catchers[catcherIndex]!, failure);
    }
  }
}

/** A catcher's output: `{Error, Cause}` placed by its ResultPath (JSONPath) or shaped by `Output` (JSONata). */
async function catchError(run: StateRun<StateModel>, catcher: CatcherModel, failure: StatesError): Promise<StateOutcome> {
  // What the failure did not give at all is null (SendTaskFailure without error or cause).
  const errorOutput: JsonValue = { Error: failure.omitted?.error ? null : failure.error, Cause: failure.omitted?.cause ? null : failure.errorCause };
  const assigned = await run.evaluateAssign(catcher.assign, errorOutput, { errorOutput });
  let output: JsonValue;
  if (run.language === "JSONata") {
    output = catcher.output === undefined ? errorOutput : await run.evaluateField("Output", catcher.output, run.jsonataEnv({ errorOutput }));
  } else {
    output = run.applyResultPath(errorOutput, catcher.resultPath);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: catcher.next };
}
