/** The predefined error names of the States Language (`States.*`). */

/** The `States.*` errors the local engine raises or matches, by short name. */
export const StatesErrorName = {
  ALL: "States.ALL",
  TaskFailed: "States.TaskFailed",
  Runtime: "States.Runtime",
  Timeout: "States.Timeout",
  HeartbeatTimeout: "States.HeartbeatTimeout",
  DataLimitExceeded: "States.DataLimitExceeded",
  BranchFailed: "States.BranchFailed",
  NoChoiceMatched: "States.NoChoiceMatched",
  IntrinsicFailure: "States.IntrinsicFailure",
  ExceedToleratedFailureThreshold: "States.ExceedToleratedFailureThreshold",
  ItemReaderFailed: "States.ItemReaderFailed",
  ResultWriterFailed: "States.ResultWriterFailed",
  QueryEvaluationError: "States.QueryEvaluationError",
  Permissions: "States.Permissions",
} as const;

/**
 * Every predefined `States.*` error name AWS defines; any other `States.` name in an
 * `ErrorEquals` is refused. (sfini knew eight of them.)
 */
export const STATES_ERRORS: readonly string[] = [
  "States.ALL",
  "States.DataLimitExceeded",
  "States.ExceedToleratedFailureThreshold",
  "States.HeartbeatTimeout",
  "States.Http.Socket",
  "States.IntrinsicFailure",
  "States.ItemReaderFailed",
  "States.NoChoiceMatched",
  "States.ParameterPathFailure",
  "States.Permissions",
  "States.QueryEvaluationError",
  "States.ResultPathMatchFailure",
  "States.ResultWriterFailed",
  "States.Runtime",
  "States.TaskFailed",
  "States.Timeout",
  "States.BranchFailed",
];
