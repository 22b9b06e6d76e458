/**
 * Where a run's history events go. A Standard execution writes them into its
 * {@link ExecutionHistory}; an Express execution only numbers them: AWS keeps no history of
 * Express executions ("Execution guarantees": "Execution history is not captured by Step
 * Functions"), so the engine stores none either and its memory stays flat however long it runs.
 */
import type { EventDetails } from "../interpreter/host.js";
import type { ExecutionHistory } from "./history.js";

/** What the engine writes events through: ids count from 1 with no gaps, in either kind of log. */
export type EventLog = Pick<ExecutionHistory, "append" | "appendWithinBound" | "lastId" | "length">;

/** An Express execution's log: counts the events, keeps none of them nor their payloads. */
export class EventCounter implements EventLog {
  private count = 0;

  /** Number of events so far. */
  get length(): number {
    return this.count;
  }

  /** Id of the newest event (0 when none). */
  get lastId(): number {
    return this.count;
  }

  /** Count one event and give its id; the event itself is dropped. */
  append(_type: string, _timestamp: number, _details?: EventDetails, _previousEventId?: number): number {
    return ++this.count;
  }

  /** As {@link append}: with nothing kept there is no byte bound to pass. */
  appendWithinBound(type: string, timestamp: number, details?: EventDetails, previousEventId?: number): number {
    return this.append(type, timestamp, details, previousEventId);
  }
}
