/**
 * The AWS control layer's public names: state machines with their AWS calls, executions,
 * history, the derived IAM policy and activity registration. The helpers behind them
 * (`callAws`, the poll schedule, the calls `StateMachine`'s methods delegate to) stay in their
 * modules.
 * @module
 */
export { ActivityRegistration, DuplicateActivityError, type ActivityRegistrationOptions, type RegisteredActivityOptions, type RegisteredSmartActivityOptions } from "../activities/registration.js";
export { Execution, ExecutionNotStartedError, type ExecutionOptions, type StopOptions, type WaitOptions } from "./execution.js";
export type { WaitClock } from "./wait-schedule.js";
export {
  parseHistory,
  parseHistoryEvent,
  HISTORY_EVENT_TABLE,
  type ActivityScheduled,
  type ActivityStarted,
  type Event,
  type ExecutionStarted,
  type Failed,
  type HistoryDetailsKey,
  type HistoryEventRow,
  type HistoryEventShape,
  type LambdaFunctionScheduled,
  type MapIteration,
  type ObjectSucceeded,
  type ParsedEvent,
  type PlainEvent,
  type StateEntered,
  type StateExited,
  type TaskScheduled,
  type TaskStarted,
} from "./history.js";
export { deriveRolePolicy, stepFunctionsTrustPolicy, type PolicyDocument, type PolicyStatement } from "./role-policy.js";
export { StateMachine, constructStateMachine } from "./state-machine.js";
export {
  DEFAULT_ROLE_NAME,
  StateMachineExistsError,
  listStateMachineTags,
  tagStateMachine,
  untagStateMachine,
  type ControlledStateMachine,
  type ListExecutionsOptions,
  type RegisterOptions,
  type SyncExecutionResult,
} from "./state-machine-control.js";
