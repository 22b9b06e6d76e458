/**
 * What the console reads of an engine and how it acts on it: the stores read-only, and the
 * API's own operation handlers for the actions (start, stop, redrive), so a click checks and
 * does exactly what the same API call would.
 */
import type { EngineState, OperationTable } from "../server/operation.js";
import { OperationInput } from "../server/input.js";
import { ApiError } from "../api-error.js";
import type { ExecutionStatus } from "../../asl/execution-status.js";
import type { ExecutionRecord } from "../store/execution-store.js";
import type { StateMachineRecord } from "../store/state-machine-store.js";
import type { ActivityRecord } from "../store/activity-store.js";
import type { MapRunRecord } from "../store/map-run-store.js";
import type { JsonObject } from "../../json.js";

/** The console's view of an engine. */
export interface ConsoleData {
  /** Region and account of the engine's ARNs. */
  readonly region: string;
  /** Every state machine, oldest first. */
  stateMachines(): readonly StateMachineRecord[];
  /** The machine, or undefined. */
  stateMachine(arn: string): StateMachineRecord | undefined;
  /** Executions, newest first, of one machine and/or status when given. */
  executions(filter: { stateMachineArn?: string; status?: ExecutionStatus }): readonly ExecutionRecord[];
  /** The execution, or undefined. */
  execution(arn: string): ExecutionRecord | undefined;
  /** Every activity with its queue of pending tasks and its waiting polls. */
  activities(): readonly ActivityRecord[];
  /** The map runs an execution started. */
  mapRuns(executionArn: string): readonly MapRunRecord[];
  /** The map run, or undefined. */
  mapRun(arn: string): MapRunRecord | undefined;
  /** Call an API operation as a client would; rejects with its `ApiError`. */
  call(operation: string, input: JsonObject): Promise<JsonObject>;
}

/** The console's view of a running engine's state, acting through `operations`. */
export function engineConsoleData(engine: EngineState, operations: OperationTable): ConsoleData {
  return {
    region: engine.region,
    stateMachines: () => engine.machines.list(),
    stateMachine: (arn) => engine.machines.list().find((machine) => machine.stateMachineArn === arn),
    executions: ({ stateMachineArn, status }) =>
      engine.executions
        .all()
        .filter((record) => (stateMachineArn === undefined || record.stateMachineArn === stateMachineArn) && (status === undefined || record.status === status))
        .reverse(),
    execution: (arn) => engine.executions.find(arn),
    activities: () => engine.activities.list(),
    mapRuns: (executionArn) => engine.mapRuns.forExecution(executionArn),
    mapRun: (arn) => {
      try {
        return engine.mapRuns.get(arn);
      } catch (error) {
        if (error instanceof ApiError) return undefined;
        throw error;
      }
    },
    call: async (operation, input) => {
      const handler = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
      if (!handler) throw new ApiError("UnknownOperationException", `Unknown operation: ${operation}`);
      return handler({ input: new OperationInput(input), engine, signal: new AbortController().signal, isConnected: () => true, onAnswered: () => undefined });
    },
  };
}
