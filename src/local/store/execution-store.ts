/** Executions of one engine: their records and histories, oldest first. */
import { ApiError } from "../api-error.js";
import type { ExecutionHistory } from "./history.js";
import type { MachineRevision, StateMachineType } from "./state-machine-store.js";
import type { ResumePoint } from "../interpreter/host.js";

/** An execution's status, as DescribeExecution reports it. */
export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

/** All statuses, for validating `statusFilter`. */
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

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
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
  /** The definition and settings it runs (fixed at start, as on AWS). */
  revision: MachineRevision;
  history: ExecutionHistory;
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

/** Executions by ARN. */
export class ExecutionStore {
  private readonly executions = new Map<string, ExecutionRecord>();

  /** Add a new execution. */
  add(record: ExecutionRecord): void {
    this.executions.set(record.executionArn, record);
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

  /** Every execution, oldest first. */
  all(): ExecutionRecord[] {
    return [...this.executions.values()];
  }
}
