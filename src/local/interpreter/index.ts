/**
 * The embedded ASL interpreter: {@link runExecution} runs an execution of a definition against
 * an {@link InterpreterHost}; {@link testState} runs one state as the TestState API does.
 */
export { runExecution, type RunExecutionExtras } from "./run-execution.js";
export { compileMachine } from "./compile/compile.js";
export type { MachineModel } from "./compile/model.js";
export { testState, type TestStateOptions, type TestStateResult } from "./test-state.js";
export {
  ExecutionTimeout,
  historyEventDetailsKey,
  TaskFailed,
  type EmitEvent,
  type EmitDeferredEvent,
  type EventDetails,
  DeferredText,
  type ExecutionContext,
  type ExecutionResult,
  type InterpreterHost,
  type MapRunEndStatus,
  type MapRunIterationStatus,
  type MapRunObserver,
  type MapRunSettings,
  type MapRunStart,
  type ResumePoint,
  type RunExecutionOptions,
  type TaskRequest,
} from "./host.js";
export { StatesError, StatesErrorName, errorMatches } from "./errors.js";
export { retryDelayMs } from "./retry-catch.js";
export { INTRINSIC_NAMES } from "../../asl/intrinsics.js";
export { MAX_HISTORY_EVENTS, MAX_PAYLOAD_BYTES } from "../../asl/limits.js";
