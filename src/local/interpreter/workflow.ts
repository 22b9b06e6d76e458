/**
 * The walk of one compiled workflow (the machine, a Parallel branch, a Map item processor):
 * enter the start state, run it, follow `Next` until a state ends the workflow or fails.
 */
import type { JsonValue } from "../../json.js";
import type { StateModel, WorkflowModel } from "./compile/model.js";
import { runtimeError, StatesError } from "./errors.js";
import { StateRun, type Frame, type MaybeAsync, type StateOutcome } from "./state-run.js";
import { runChoice } from "./states/choice.js";
import { runFail } from "./states/fail.js";
import { runMap } from "./states/map.js";
import { runParallel } from "./states/parallel.js";
import { runPass } from "./states/pass.js";
import { runSucceed } from "./states/succeed.js";
import { runTask } from "./states/task.js";
import { runWait } from "./states/wait.js";

type Known = Exclude<StateModel, { type: "Unknown" }>;

/** Each state type's runner. */
const STATE_RUNNERS: { readonly [T in Known["type"]]: (run: StateRun<Extract<Known, { type: T }>>) => MaybeAsync<StateOutcome> } = {
  Pass: runPass,
  Task: runTask,
  Choice: runChoice,
  Wait: runWait,
  Succeed: runSucceed,
  Fail: runFail,
  Parallel: runParallel,
  Map: runMap,
};

/** State types whose interruption AWS records as `<Type>StateAborted`. */
const ABORTABLE_TYPES = new Set(["Task", "Wait", "Map", "Parallel"]);

/** Run one visit of `run`'s state with its type's runner (its outcome at once when nothing waited). */
export function runState(run: StateRun): MaybeAsync<StateOutcome> {
  const { state } = run;
  if (state.type === "Unknown") {
    return Promise.reject(runtimeError(`The state '${state.name}' has an unknown Type ${JSON.stringify(state.writtenType)}.`));
  }
  const runner = STATE_RUNNERS[run.type as Known["type"]] as (run: StateRun) => MaybeAsync<StateOutcome>;
  return runner(run);
}

/** Hooks for the root workflow. */
export interface WorkflowOptions {
  /** Start here instead of `StartAt` (redrive). */
  startAt?: string;
  /** Called as each state is about to run (the root records redrive points with it). */
  onStateEntered?(name: string, input: JsonValue): void;
}

/** Run `workflow` on `input`; resolves with its output or rejects with a {@link StatesError}. */
export async function runWorkflow(
  workflow: WorkflowModel,
  input: JsonValue,
  frame: Frame,
  options: WorkflowOptions = {},
): Promise<JsonValue> {
  let name = options.startAt ?? workflow.startAt;
  let data = input;
  // A stop, a timeout or a sibling's failure can only come while the walk waits (its signal is
  // aborted from timers, I/O and other threads), so the signal is read after each wait, not
  // after every state. What aborts it synchronously ends the state with a throw: the history
  // limit throws the run's failure, and a task's supervisor ends a task whose signal was
  // aborted while its handler ran.
  let waited = true;
  // When the state before ended at a moment read after its work (`StateRun.endedAt`) and
  // nothing waited since, the next state is entered at that moment: no second read of the clock.
  let endedAt: number | undefined;
  let state: StateModel | undefined = workflow.states.get(name);
  for (;;) {
    const pause = frame.run.pace();
    if (pause) {
      await pause;
      waited = true;
    }
    if (waited) {
      if (frame.abortState.aborted) throw frame.signal.reason;
      endedAt = undefined;
    }
    waited = false;
    if (!state) throw runtimeError(`The state '${name}' does not exist in the definition.`);
    if (state.type === "Unknown") throw runtimeError(`The state '${name}' has an unknown Type ${JSON.stringify(state.writtenType)}.`);
    options.onStateEntered?.(name, data);
    const run = new StateRun(state, data, frame, endedAt);
    let outcome: StateOutcome;
    try {
      const running = runState(run);
      if (running instanceof Promise) {
        waited = true;
        outcome = await running;
      } else {
        outcome = running;
      }
    } catch (thrown) {
      if (frame.abortState.aborted) {
        if (ABORTABLE_TYPES.has(run.type) && run.enteredEventId > 0) {
          const type = `${run.type}StateAborted`;
          if (frame.iterationEvents) frame.iterationEvents.aborted(type);
          else frame.thread.emitOrDrop(type);
        }
        throw frame.signal.reason;
      }
      const failure = thrown instanceof StatesError ? run.reportFailure(thrown) : thrown;
      frame.iterationEvents?.failed(run.type);
      throw failure;
    }
    if (outcome.next === undefined) return outcome.output;
    endedAt = run.endedAt;
    // Most transitions follow `Next`, whose state compile linked; a Choice or a catcher looks its own up.
    state = outcome.next === state.next ? state.nextModel : workflow.states.get(outcome.next);
    name = outcome.next;
    data = outcome.output;
  }
}
