/**
 * The mocks a test gives `testStateMachine`: test cases by name, each mapping state names to a
 * response (Step Functions Local's `{ "0": { Return } }`, or `{ Return }` / `{ Throw }` for
 * every invocation), a `MockedResponses` name, a handler function or module; or a whole mock
 * configuration file's content. Turned into the one mock configuration the engine reads.
 */
import type { LambdaHandler, MockConfig, MockedHandlerModule, MockedOutcome, MockedResponse } from "../local/index.js";

/** What one state of a test case is answered with. */
export type StateMockSpec = string | MockedResponse | MockedOutcome | MockedHandlerModule | LambdaHandler;

/** Test cases by name: state name → what answers it. */
export type TestCaseMocks = Record<string, Record<string, StateMockSpec>>;

/** Every invocation: a range no execution reaches the end of. */
const EVERY_INVOCATION = `0-${Number.MAX_SAFE_INTEGER}`;

function isOutcome(spec: object): spec is MockedOutcome {
  const keys = Object.keys(spec);
  return keys.length === 1 && (keys[0] === "Return" || keys[0] === "Throw");
}

/** True for a whole mock configuration (it has `StateMachines`). */
export function isMockConfig(mocks: TestCaseMocks | MockConfig): mocks is MockConfig {
  const machines = (mocks as { StateMachines?: unknown }).StateMachines;
  return typeof machines === "object" && machines !== null && Object.values(machines).every((m) => typeof m === "object" && m !== null && "TestCases" in m);
}

/** The mock configuration of machine `machineName` with `cases` (inline responses get generated names). */
export function mockConfigOf(machineName: string, cases: TestCaseMocks, mockedResponses: Record<string, MockedResponse> = {}): MockConfig {
  const responses: Record<string, MockedResponse> = { ...mockedResponses };
  const testCases: MockConfig["StateMachines"][string]["TestCases"] = {};
  for (const [testCase, states] of Object.entries(cases)) {
    const mapped: Record<string, string | MockedHandlerModule | LambdaHandler> = {};
    for (const [state, spec] of Object.entries(states)) {
      if (typeof spec === "string" || typeof spec === "function" || "Module" in spec) {
        mapped[state] = spec as string | MockedHandlerModule | LambdaHandler;
        continue;
      }
      const name = `${testCase}/${state}`;
      responses[name] = isOutcome(spec) ? { [EVERY_INVOCATION]: spec } : (spec as MockedResponse);
      mapped[state] = name;
    }
    testCases[testCase] = mapped;
  }
  return { StateMachines: { [machineName]: { TestCases: testCases } }, MockedResponses: responses };
}
