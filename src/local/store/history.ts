/**
 * An execution's history, event by event, in GetExecutionHistory's shape: `id` (from 1),
 * `previousEventId`, `timestamp`, `type` and the details under the member the API names for
 * that type (`stateEnteredEventDetails` for every `*StateEntered`, else `<type>EventDetails`).
 */
import type { JsonObject } from "../../json.js";
import { historyEventDetailsKey } from "../interpreter/host.js";

/** One stored history event; `timestamp` in ms since the epoch. */
export interface StoredEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  /** Member name of the details (e.g. `activityScheduledEventDetails`), when there are details. */
  detailsKey?: string;
  details?: JsonObject;
}

/** Events of one execution, append-only. */
export class ExecutionHistory {
  readonly events: StoredEvent[] = [];

  /** Number of events so far. */
  get length(): number {
    return this.events.length;
  }

  /** Id of the newest event (0 when empty). */
  get lastId(): number {
    return this.events.length;
  }

  /**
   * Append an event; `previousEventId` defaults to the newest event, which is right for any
   * sequential flow (threads of Parallel and Map pass theirs).
   */
  append(type: string, timestamp: number, details?: JsonObject, previousEventId = this.lastId): number {
    const event: StoredEvent = { id: this.events.length + 1, previousEventId, timestamp, type };
    if (details !== undefined) {
      event.detailsKey = historyEventDetailsKey(type);
      event.details = details;
    }
    this.events.push(event);
    return event.id;
  }
}

/** An event in the wire shape; `includeData: false` leaves out inputs and outputs. */
export function eventToWire(event: StoredEvent, includeData = true): JsonObject {
  const wire: JsonObject = {
    id: event.id,
    previousEventId: event.previousEventId,
    timestamp: event.timestamp / 1000,
    type: event.type,
  };
  if (event.detailsKey !== undefined && event.details !== undefined) {
    let details = event.details;
    if (!includeData) {
      details = { ...details };
      delete details["input"];
      delete details["output"];
      delete details["parameters"];
    }
    wire[event.detailsKey] = details;
  }
  return wire;
}
