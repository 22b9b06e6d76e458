/**
 * Map runs of one engine: a record per Distributed Map run, kept up to date by the interpreter
 * through the host's `mapRunStarted` observer, read by DescribeMapRun / ListMapRuns and changed
 * by UpdateMapRun.
 */
import { ApiError } from "../api-error.js";
import type { EngineClock } from "../clock.js";
import type { ExecutionStore } from "./execution-store.js";
import type {
  MapRunEndStatus,
  MapRunIterationStatus,
  MapRunObserver,
  MapRunSettings,
  MapRunStart,
} from "../interpreter/host.js";

/** A map run's status, as DescribeMapRun reports it. */
export type MapRunStatus = "RUNNING" | MapRunEndStatus;

/** Where one iteration (child execution) stands; `PENDING` until the interpreter starts it. */
export type IterationStatus = "PENDING" | MapRunIterationStatus;

/** A stored map run. Times are ms since the epoch. */
export interface MapRunRecord {
  mapRunArn: string;
  executionArn: string;
  /** The machine of the execution that started the run (ListMapRuns' `stateMachineArn`). */
  stateMachineArn: string;
  status: MapRunStatus;
  startDate: number;
  stopDate?: number;
  maxConcurrency: number;
  /** 0 when the state sets none, as AWS reports it. */
  toleratedFailurePercentage: number;
  /** 0 when the state sets none, as AWS reports it. */
  toleratedFailureCount: number;
  /** One entry per child execution, by iteration index. */
  iterations: { items: number; status: IterationStatus }[];
  /** Applies UpdateMapRun to the running map; dropped once the run ended. */
  update?: (settings: Partial<MapRunSettings>) => void;
}

/** The counters of DescribeMapRun's `itemCounts` and `executionCounts`, in the API's order. */
const COUNTERS = ["pending", "running", "succeeded", "failed", "timedOut", "aborted", "total", "resultsWritten", "failuresNotRedrivable", "pendingRedrive"] as const;

/** The counters of DescribeMapRun's `itemCounts` and `executionCounts`. */
export type MapRunCounts = Record<(typeof COUNTERS)[number], number>;

const COUNTED: Readonly<Record<IterationStatus, keyof MapRunCounts>> = {
  PENDING: "pending",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  ABORTED: "aborted",
};

/**
 * Count a run's items (`byItems`) or child executions. `resultsWritten` stays 0: the engine
 * does not apply `ResultWriter`; child executions are not redriven, so neither are the
 * redrive counters.
 */
export function countIterations(record: MapRunRecord, byItems: boolean): MapRunCounts {
  const counts = Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as MapRunCounts;
  for (const iteration of record.iterations) {
    const weight = byItems ? iteration.items : 1;
    counts[COUNTED[iteration.status]] += weight;
    counts.total += weight;
  }
  return counts;
}

/** Map runs by ARN, oldest first. */
export class MapRunStore {
  private readonly runs = new Map<string, MapRunRecord>();

  constructor(
    private readonly clock: EngineClock,
    private readonly executions: ExecutionStore,
  ) {
    // A dropped execution takes its map runs with it.
    executions.onDropped((execution) => {
      for (const run of this.forExecution(execution.executionArn)) this.runs.delete(run.mapRunArn);
    });
  }

  /**
   * Record a run the interpreter started; returns the observer that keeps the record current.
   * Runs outside a stored execution (TestState) are not recorded.
   */
  start(start: MapRunStart): MapRunObserver {
    const execution = this.executions.find(start.executionArn);
    if (!execution) return { iteration: () => undefined, ended: () => undefined };
    const record: MapRunRecord = {
      mapRunArn: start.mapRunArn,
      executionArn: start.executionArn,
      stateMachineArn: execution.stateMachineArn,
      status: "RUNNING",
      startDate: this.clock.now(),
      maxConcurrency: start.settings.maxConcurrency,
      toleratedFailurePercentage: start.settings.toleratedFailurePercentage ?? 0,
      toleratedFailureCount: start.settings.toleratedFailureCount ?? 0,
      iterations: start.itemsPerIteration.map((items) => ({ items, status: "PENDING" })),
      update: start.update,
    };
    this.runs.set(record.mapRunArn, record);
    return {
      iteration: (index, status) => {
        const iteration = record.iterations[index];
        if (iteration) iteration.status = status;
      },
      ended: (status) => {
        if (record.status !== "RUNNING") return;
        record.status = status;
        record.stopDate = this.clock.now();
        delete record.update;
      },
    };
  }

  /** The run, or `ResourceNotFound`. */
  get(mapRunArn: string): MapRunRecord {
    const record = this.runs.get(mapRunArn);
    if (!record) {
      throw new ApiError("ResourceNotFound", `Resource not found: '${mapRunArn}'`, 400, { resourceName: mapRunArn });
    }
    return record;
  }

  /** The runs an execution started, oldest first. */
  forExecution(executionArn: string): MapRunRecord[] {
    return [...this.runs.values()].filter((record) => record.executionArn === executionArn);
  }
}
