/**
 * Which execution runs which test case, and how many times each of its states has been invoked,
 * counted as Step Functions Local counts them: per state, per execution, every attempt (retries
 * included) and every Map iteration.
 */
import { ApiError } from "../api-error.js";
import type { LambdaHandler } from "../host/lambda-registry.js";
import type { InvocationRange, ParsedMockConfig, StateMock } from "./mock-config.js";

/** What one invocation of a mocked state gets. */
export type MockedInvocation =
  | { kind: "outcome"; outcome: InvocationRange["outcome"] }
  | { kind: "handler"; handler: LambdaHandler }
  | { kind: "missing"; cause: string };

interface BoundRun {
  testCase: string;
  states: Map<string, StateMock>;
  invocations: Map<string, number>;
}

/** The engine's mock configuration and the executions bound to its test cases. */
export class TestCaseRuns {
  private readonly runs = new Map<string, BoundRun>();

  constructor(private config: ParsedMockConfig = new Map()) {}

  /** Replace the configuration (executions already bound keep theirs). */
  configure(config: ParsedMockConfig): void {
    this.config = config;
  }

  /** Throw unless `machineName` has test case `testCase` (StartExecution on `<arn>#<testCase>`). */
  check(machineName: string, testCase: string): void {
    this.states(machineName, testCase);
  }

  private states(machineName: string, testCase: string): Map<string, StateMock> {
    const cases = this.config.get(machineName);
    const states = cases?.get(testCase);
    if (!states) {
      const known = cases ? [...cases.keys()].map((c) => JSON.stringify(c)).join(", ") : "";
      throw new ApiError(
        "ValidationException",
        cases
          ? `The mock configuration has no test case ${JSON.stringify(testCase)} for state machine ${JSON.stringify(machineName)} (it has ${known || "none"})`
          : `The mock configuration has no state machine ${JSON.stringify(machineName)} (test case ${JSON.stringify(testCase)} requested)`,
      );
    }
    return states;
  }

  /** Run `executionArn` under `testCase` of `machineName`. */
  bind(executionArn: string, machineName: string, testCase: string): void {
    this.runs.set(executionArn, { testCase, states: this.states(machineName, testCase), invocations: new Map() });
  }

  /** The test case an execution runs, if any. */
  testCaseOf(executionArn: string): string | undefined {
    return this.runs.get(executionArn)?.testCase;
  }

  /** Forget an execution (it ended for good). */
  release(executionArn: string): void {
    this.runs.delete(executionArn);
  }

  /**
   * The next invocation of `stateName` in `executionArn`: undefined when the state is not mocked
   * (it runs as usual), else its outcome, handler, or why there is none for this invocation.
   */
  next(executionArn: string, stateName: string): MockedInvocation | undefined {
    const run = this.runs.get(executionArn);
    const mock = run?.states.get(stateName);
    if (!run || !mock) return undefined;
    const invocation = run.invocations.get(stateName) ?? 0;
    run.invocations.set(stateName, invocation + 1);
    if (mock.kind === "function") return { kind: "handler", handler: mock.handler };
    if (mock.kind === "module") return { kind: "missing", cause: `the handler module ${JSON.stringify(mock.module)} was not loaded` };
    const range = mock.ranges.find((r) => r.from <= invocation && invocation <= r.to);
    if (range) return { kind: "outcome", outcome: range.outcome };
    return {
      kind: "missing",
      cause: `The mocked response ${JSON.stringify(mock.responseName)} of test case ${JSON.stringify(run.testCase)} has no entry for invocation ${invocation} of state ${JSON.stringify(stateName)}`,
    };
  }
}
