/** Executions of one engine: their records and histories, oldest first. */
import { ApiError } from "../api-error.js";
import type { ExecutionStatus } from "../../asl/execution-status.js";
import type { ExecutionHistory } from "./history.js";
import type { EventLog } from "./event-log.js";
import type { MachineRevision, StateMachineType } from "./state-machine-store.js";
import type { ResumePoint } from "../interpreter/host.js";

/** A stored execution. Times are ms since the epoch; input and output are JSON text. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  machineName: string;
  name: string;
  type: StateMachineType;
  status: ExecutionStatus;
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  traceHeader?: string;
  /** Started by StartSyncExecution. */
  synchronous?: boolean;
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  /** The definition and settings it runs (fixed at start, as on AWS). */
  revision: MachineRevision;
  /**
   * The stored history of a Standard execution. An Express execution has none: AWS keeps no
   * history of it (GetExecutionHistory does not take its ARN), so the engine keeps none either.
   */
  history?: ExecutionHistory;
  /** Where the run's events go: {@link history} itself, or for Express a counter that stores none. */
  events: EventLog;
  redriveCount: number;
  redriveDate?: number;
  /** Where a redrive would start; set when the execution ended other than SUCCEEDED. */
  resumeFrom?: ResumePoint;
  /** Why it cannot be redriven although it failed (e.g. `Execution history event limit exceeded.`). */
  notRedrivableReason?: string;
  /** Incremented by each run (start, redrive), so a stale run's end is ignored. */
  run: number;
  /** Aborts the current run. */
  controller?: AbortController;
  /** Resolvers of everyone waiting for the execution to end. */
  waiters: (() => void)[];
}

/**
 * DescribeExecution's redrive status: a Standard execution that FAILED, TIMED_OUT or was
 * ABORTED with somewhere to resume is REDRIVABLE; any other says why it is not.
 */
export function redriveStatus(record: ExecutionRecord): { status: "REDRIVABLE" } | { status: "NOT_REDRIVABLE"; reason: string } {
  const redrivable = record.type === "STANDARD" && ["FAILED", "TIMED_OUT", "ABORTED"].includes(record.status) && record.resumeFrom !== undefined;
  if (redrivable) return { status: "REDRIVABLE" };
  return { status: "NOT_REDRIVABLE", reason: record.notRedrivableReason ?? `Execution is ${record.status} and cannot be redriven` };
}

/** Default number of ended executions kept (the newest); older ones are dropped whole. */
export const DEFAULT_RETAINED_EXECUTIONS = 10_000;

/** Which ended executions an engine keeps. */
export interface ExecutionRetention {
  /**
   * Keep the newest this many ended executions of each type (default 10,000); 0 keeps none.
   * Running ones are always kept. Ended Express executions keep their outcome only (no history),
   * for `LocalEngine.whenExecutionEnds` and the console.
   */
  endedExecutions?: number;
}

/**
 * Executions by ARN. Ended executions are kept under a retention policy: beyond the newest N,
 * the oldest ended one is dropped whole (its ARN then answers `ExecutionDoesNotExist`), so a
 * long-lived engine's memory stays bounded. Standard and Express executions are counted
 * apart, so a stream of Express runs (which no API operation finds: their ARNs are not taken
 * where an execution ARN is) never pushes a Standard execution out.
 */
export class ExecutionStore {
  private readonly executions = new Map<string, ExecutionRecord>();
  /** Ended executions of each type in the order they ended, oldest first. */
  private readonly ended: Record<StateMachineType, Map<string, ExecutionRecord>> = { STANDARD: new Map(), EXPRESS: new Map() };
  private readonly dropListeners: ((record: ExecutionRecord) => void)[] = [];
  /** How many ended executions of each type are kept. */
  readonly retainedEnded: number;

  constructor(retention: ExecutionRetention = {}) {
    const kept = retention.endedExecutions ?? DEFAULT_RETAINED_EXECUTIONS;
    if (!Number.isInteger(kept) || kept < 0) throw new RangeError(`retention.endedExecutions must be an integer >= 0, got ${String(kept)}`);
    this.retainedEnded = kept;
  }

  /** Add a new execution. */
  add(record: ExecutionRecord): void {
    this.executions.set(record.executionArn, record);
  }

  /** Call `listener` with each execution the retention policy drops (to drop what refers to it). */
  onDropped(listener: (record: ExecutionRecord) => void): void {
    this.dropListeners.push(listener);
  }

  /** The execution ended: it is now the newest ended one; the oldest beyond the policy are dropped. */
  markEnded(record: ExecutionRecord): void {
    const ended = this.ended[record.type];
    ended.delete(record.executionArn);
    ended.set(record.executionArn, record);
    while (ended.size > this.retainedEnded) {
      const oldest = ended.values().next().value as ExecutionRecord;
      ended.delete(oldest.executionArn);
      this.executions.delete(oldest.executionArn);
      for (const listener of this.dropListeners) listener(oldest);
    }
  }

  /** The execution runs again (redrive): not an ended one until it ends again. */
  markRunning(record: ExecutionRecord): void {
    this.ended[record.type].delete(record.executionArn);
  }

  /** The execution, or undefined. */
  find(executionArn: string): ExecutionRecord | undefined {
    return this.executions.get(executionArn);
  }

  /** The execution, or `ExecutionDoesNotExist`. */
  get(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record) throw new ApiError("ExecutionDoesNotExist", `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  /** Every execution kept, oldest first. */
  all(): ExecutionRecord[] {
    return [...this.executions.values()];
  }
}
