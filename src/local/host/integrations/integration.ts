/**
 * What every task integration is: the events family it writes and the work it does for one
 * Task, given the engine's parts. The routing table (`routing.ts`) picks one per resource.
 */
import type { TaskRequest } from "../../interpreter/host.js";
import type { EngineClock } from "../../clock.js";
import type { ActivityStore } from "../../store/activity-store.js";
import type { TaskTokens } from "../../store/task-tokens.js";
import type { ExecutionService } from "../../executions.js";
import type { MapRunStore } from "../../store/map-run-store.js";
import type { TaskEvents } from "../task-events.js";
import type { TaskControl } from "../task-supervisor.js";
import type { LambdaRegistry } from "../lambda-registry.js";
import type { ServiceMocks } from "../service-mocks.js";
import type { TestCaseRuns } from "../../mock-config/test-case-runs.js";
import type { JsonValue } from "../../../json.js";

/** What the host and its integrations need from the engine. */
export interface TaskHostParts {
  clock: EngineClock;
  region: string;
  accountId: string;
  activities: ActivityStore;
  tokens: TaskTokens;
  lambdas: LambdaRegistry;
  mocks: ServiceMocks;
  executions: () => ExecutionService;
  random?: () => number;
  /** Where Distributed Map runs are recorded; without it they are not. */
  mapRuns?: MapRunStore;
  /** The mock configuration's test cases and the executions running them. */
  testCases?: TestCaseRuns;
}

/** A Task's `Resource`, sorted into the families AWS names. */
export type TaskTarget =
  | { kind: "activity" }
  /** A function ARN; `functionName` is its bare name (see `lambdaFunctionName`). */
  | { kind: "lambdaFunction"; functionName: string }
  /**
   * `arn:<partition>:states:::<service>:<operation>`; the operation is `<action>[.<pattern>]`,
   * e.g. `lambda`, `invoke.waitForTaskToken` = `invoke` + `waitForTaskToken`.
   */
  | { kind: "service"; service: string; operation: string; action: string; pattern: string }
  | { kind: "unknown" };

/** Which history events an integration writes: `Activity*`, `LambdaFunction*` or `Task*`. */
export type EventFamily = "Activity" | "LambdaFunction" | "Task";

/** One Task being run by an integration. */
export interface TaskCall {
  request: TaskRequest;
  target: TaskTarget;
  events: TaskEvents;
  control: TaskControl;
  parts: TaskHostParts;
}

/** One task integration. */
export interface TaskIntegration {
  events: EventFamily;
  /**
   * Do the Task's work; resolve with its result or reject (a `TaskFailed` names the ASL error).
   * Work that needs no waiting may return its result (or throw) at once.
   */
  run(call: TaskCall): JsonValue | Promise<JsonValue>;
  /**
   * Optional: {@link run} for a Task that runs alone (`TaskRequest.runsAlone`), with neither
   * events object nor supervisor given: the integration writes the same events and gives the
   * same answers, and makes those itself where and when its work needs them.
   */
  runAlone?(request: TaskRequest, target: TaskTarget, parts: TaskHostParts): JsonValue | Promise<JsonValue>;
}
