/**
 * Typed helpers to run a workflow in a unit test and assert the path it took (`sfini/testing`).
 * @module
 */
export { testStateMachine, type StateMachineTest, type TestStateMachineOptions, type RunOptions, type DefinesStateMachine } from "./test-state-machine.js";
export { TestRun, type RunStatus } from "./test-run.js";
export type { TestCaseMocks, StateMockSpec } from "./inline-mocks.js";
export type { MockConfig, MockedResponse, MockedOutcome, MockedHandlerModule, LambdaHandler, LambdaContext } from "../local/index.js";
