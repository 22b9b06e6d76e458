/**
 * The embedded local Step Functions engine (`sfini/local`).
 * @module
 */
export { LocalEngine, LOCAL_CREDENTIALS, type LocalEngineOptions } from "./engine.js";
export type { ExecutionRetention } from "./store/execution-store.js";
export type { LambdaHandler, LambdaContext } from "./host/lambda-registry.js";
export type { MockedServiceResponse } from "./host/service-mocks.js";
export { MockConfigError, type MockConfig, type MockedResponse, type MockedOutcome, type MockedState, type MockedHandlerModule } from "./mock-config/mock-config.js";
export { UNSUPPORTED_INTEGRATION_ERROR } from "./host/task-host.js";
export { FaultInjector, type FaultOptions, type FaultRule, type FaultDecision, type FaultCounts } from "./faults.js";
export { runLocalCommand, type LocalCommandIo } from "./cli.js";
export type { RunExecution } from "./executions.js";
// The interpreter and its host contract, for embedding the ASL interpreter without the server.
export { runExecution, testState, type RunExecutionExtras, type TestStateOptions, type TestStateResult } from "./interpreter/index.js";
export type { StateMockOutcome } from "./interpreter/test-state-mock.js";
export * from "./interpreter/host.js";
