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
  /** The details, under {@link historyEventDetailsKey} of `type` on the wire. */
  details?: JsonObject;
}

/**
 * Most bytes of payload text (inputs, outputs, parameters...) one execution's history keeps;
 * an event past it is refused, and the run fails `States.Runtime` as at the event limit.
 */
export const MAX_HISTORY_PAYLOAD_BYTES = 64 * 1_048_576;

/** Payload texts shorter than this are not worth comparing with earlier ones. */
const SHARED_TEXT_MIN_LENGTH = 256;
/** How many recent payload texts an event's texts are compared with. */
const RECENT_TEXTS = 8;

/**
 * Events of one execution, append-only. A payload text equal to a recent one is stored as that
 * same string (a loop over a 250 KB input keeps one copy, not one per event), and the payload
 * bytes kept are bounded.
 */
export class ExecutionHistory {
  readonly events: StoredEvent[] = [];
  private readonly recent: string[] = [];
  private payloadBytes = 0;

  constructor(private readonly maxPayloadBytes = MAX_HISTORY_PAYLOAD_BYTES) {}

  /** Payload bytes kept so far (UTF-16 units of the distinct texts). */
  get keptPayloadBytes(): number {
    return this.payloadBytes;
  }

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
    return this.store(type, timestamp, details, previousEventId, false);
  }

  /**
   * {@link append}, refused (it throws) when the event's new payload texts would pass the
   * history's bound: for the interpreter's events, whose run then fails `States.Runtime`. The
   * host's own end events use `append`, so an execution always ends.
   */
  appendWithinBound(type: string, timestamp: number, details?: JsonObject, previousEventId = this.lastId): number {
    return this.store(type, timestamp, details, previousEventId, true);
  }

  private store(type: string, timestamp: number, details: JsonObject | undefined, previousEventId: number, bounded: boolean): number {
    const event: StoredEvent = { id: this.events.length + 1, previousEventId, timestamp, type };
    // The member name is found when the event is read: appends are many more than reads.
    if (details !== undefined) event.details = this.share(details, bounded);
    this.events.push(event);
    return event.id;
  }

  private recentEqual(value: string): string | undefined {
    for (const text of this.recent) if (text.length === value.length && text === value) return text;
    return undefined;
  }

  /**
   * `details` with each long text replaced by an equal recent one where there is one; throws
   * when the new texts would pass the history's payload bound.
   */
  private share(details: JsonObject, bounded: boolean): JsonObject {
    let added = 0;
    const recentBefore = this.recent.length;
    // A loop over the keys, not Object.entries: this runs for every event of every execution.
    for (const key in details) {
      const value = details[key];
      if (typeof value !== "string" || value.length < SHARED_TEXT_MIN_LENGTH) continue;
      const same = this.recentEqual(value);
      if (same !== undefined) {
        details[key] = same;
        continue;
      }
      added += value.length;
      this.recent.push(value);
      if (this.recent.length > RECENT_TEXTS) this.recent.shift();
    }
    if (bounded && this.payloadBytes + added > this.maxPayloadBytes) {
      this.recent.splice(recentBefore);
      throw new Error(`the execution's history would keep more than ${this.maxPayloadBytes} bytes of inputs and outputs`);
    }
    this.payloadBytes += added;
    return details;
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
  if (event.details !== undefined) {
    let details = event.details;
    if (!includeData) {
      details = { ...details };
      delete details["input"];
      delete details["output"];
      delete details["parameters"];
    }
    wire[historyEventDetailsKey(event.type)] = details;
  }
  return wire;
}
