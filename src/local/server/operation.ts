/** What an operation handler gets, and the shape of the operation tables. */
import type { EngineClock } from "../clock.js";
import type { ActivityStore } from "../store/activity-store.js";
import type { StateMachineStore } from "../store/state-machine-store.js";
import type { ExecutionStore } from "../store/execution-store.js";
import type { TaskTokens } from "../store/task-tokens.js";
import type { TagStore } from "../store/tag-store.js";
import type { MapRunStore } from "../store/map-run-store.js";
import type { ExecutionService } from "../executions.js";
import type { OperationInput } from "./input.js";
import { definedFields, type JsonKeys, type JsonObject } from "../../json.js";
import type { DefinitionDiagnostic } from "../definition-check.js";

/** The interpreter's TestState entry point, as the engine calls it. */
export type TestStateRunner = (request: JsonObject) => Promise<JsonObject>;

/** Everything the operations read and change. */
export interface EngineState {
  clock: EngineClock;
  region: string;
  accountId: string;
  activities: ActivityStore;
  machines: StateMachineStore;
  executions: ExecutionStore;
  runs: ExecutionService;
  tokens: TaskTokens;
  tags: TagStore;
  mapRuns: MapRunStore;
  checkDefinition(definition: string): DefinitionDiagnostic[];
  testState: TestStateRunner;
}

/** One call of an operation. */
export interface OperationCall {
  input: OperationInput;
  engine: EngineState;
  /** Aborted when the client's connection closes before the answer. */
  signal: AbortSignal;
  /** False once the client's connection is gone. */
  isConnected(): boolean;
  /** Call `callback` once the answer was written out (`true`) or could not be (`false`). */
  onAnswered(callback: (delivered: boolean) => void): void;
}

/** Handles one operation; resolves with the JSON answer or throws an `ApiError`. */
export type OperationHandler = (call: OperationCall) => JsonObject | Promise<JsonObject>;

/** Operations by name (the part of `X-Amz-Target` after `AWSStepFunctions.`). */
export type OperationTable = Readonly<Record<string, OperationHandler>>;

/** A time in ms as the API sends it: epoch seconds, a number. */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/**
 * The fields `names` of a stored record (an execution, map run, version ...) as the API answers
 * them, in that order: fields not set are left out, and each `…Date` (ms in the stores) is in
 * epoch seconds, as every time of the API is.
 */
export function wireFields<R extends object>(record: R, names: readonly JsonKeys<R>[]): JsonObject {
  const answer = definedFields(record, names);
  for (const name of names) {
    const value = answer[name];
    if (name.endsWith("Date") && typeof value === "number") answer[name] = epochSeconds(value);
  }
  return answer;
}
