/** One finished execution of a `testStateMachine` helper: how it ended, the path it took, its events. */
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import type { JsonValue } from "../json.js";

/** How an execution ended (DescribeExecution's `status`). */
export type RunStatus = "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";

/** A finished execution; `Out` is the machine's output type when the test gives one. */
export class TestRun<Out = JsonValue> {
  /** How it ended. */
  readonly status: RunStatus;
  /** Its output, parsed; undefined unless it SUCCEEDED. */
  readonly output: Out | undefined;
  /** Error name of a failure (e.g. `States.TaskFailed`). */
  readonly error: string | undefined;
  /** Cause of a failure. */
  readonly cause: string | undefined;
  /** The execution's ARN (on the helper's engine). */
  readonly executionArn: string;
  /** Every history event, oldest first, as GetExecutionHistory returns them. */
  readonly history: readonly HistoryEvent[];

  constructor(parts: { executionArn: string; status: string; output?: string; error?: string; cause?: string; history: HistoryEvent[] }) {
    this.executionArn = parts.executionArn;
    this.status = parts.status as RunStatus;
    this.output = parts.output === undefined ? undefined : (JSON.parse(parts.output) as Out);
    this.error = parts.error;
    this.cause = parts.cause;
    this.history = parts.history;
  }

  /** Names of the states entered, in order (states inside Parallel branches and Map iterations too). */
  get path(): string[] {
    return this.history.filter((e) => e.stateEnteredEventDetails !== undefined).map((e) => e.stateEnteredEventDetails!.name!);
  }

  /** The events of `type` (e.g. `TaskFailed`), oldest first; every event without a type. */
  events(type?: string): HistoryEvent[] {
    return this.history.filter((e) => type === undefined || e.type === type);
  }

  /** The output of the last exit from state `name`, parsed; undefined if it never exited. */
  stateOutput<T = JsonValue>(name: string): T | undefined {
    const exits = this.history.filter((e) => e.stateExitedEventDetails?.name === name);
    const output = exits.at(-1)?.stateExitedEventDetails?.output;
    return output === undefined ? undefined : (JSON.parse(output) as T);
  }
}
