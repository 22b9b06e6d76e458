/**
 * An execution's history, event by event, in GetExecutionHistory's shape: `id` (from 1),
 * `previousEventId`, `timestamp`, `type` and the details under the member the API names for
 * that type (`stateEnteredEventDetails` for every `*StateEntered`, else `<type>EventDetails`).
 */
import type { JsonObject, JsonValue } from "../../json.js";
import { DeferredText, historyEventDetailsKey, type EventDetails } from "../interpreter/host.js";
import { DEFERRED_TEXT_MAX_LENGTH } from "../interpreter/deferred-text.js";
import { setKey } from "../../set-key.js";

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

/**
 * Payload texts shorter than this are not worth comparing with earlier ones, nor counted. A
 * deferred text is never longer, so leaving those uncounted loses nothing.
 */
const SHARED_TEXT_MIN_LENGTH = DEFERRED_TEXT_MAX_LENGTH + 1;
/** How many recent payload texts an event's texts are compared with. */
const RECENT_TEXTS = 8;

/** Events that can be cut into pages: what {@link ExecutionHistory.reversed} gives. */
export interface EventSequence {
  readonly length: number;
  slice(start: number, end: number): StoredEvent[];
}

/**
 * The details fields that carry payload texts (inputs, outputs, task parameters, failure
 * causes): the ones shared with equal recent texts and counted against the payload bound.
 * Other long texts (a long `error` or state name) are neither shared nor counted.
 */
const PAYLOAD_FIELDS = ["input", "output", "parameters", "cause"] as const;

/** Whether any value of `details` is a long text (a payload field or not). */
function hasLongText(details: EventDetails): boolean {
  for (const key in details) if (isLong(details[key])) return true;
  return false;
}

/** A text long enough to be worth comparing with the recent ones (and counted against the bound). */
function isLong(value: JsonValue | DeferredText | undefined): value is string {
  return typeof value === "string" && value.length >= SHARED_TEXT_MIN_LENGTH;
}

/**
 * Events of one execution, append-only. A payload text equal to a recent one is stored as that
 * same string (a loop over a 250 KB input keeps one copy, not one per event), and the payload
 * bytes kept are bounded.
 *
 * Stored in two flat arrays, not as an object per event: a run keeps every event until it ends, and each
 * object kept is one the garbage collector copies while the run goes on (a chain of in-process
 * Lambda Tasks writes five events a Task). An event's details object is kept as the emitter
 * made it (emitters make a fresh one per event and never touch it again); {@link at} builds
 * the event, with a copy of its details, when it is read. A payload text may come deferred (a
 * {@link DeferredText}: a short one, neither shared nor counted); it is made when first read.
 */
export class ExecutionHistory {
  /** Each event's `previousEventId` and `timestamp`, two numbers an event. */
  private readonly numbers: number[] = [];
  /** Each event's type and details, two entries an event. */
  private readonly entries: (string | EventDetails | undefined)[] = [];
  private readonly recent: string[] = [];
  private payloadBytes = 0;

  constructor(private readonly maxPayloadBytes = MAX_HISTORY_PAYLOAD_BYTES) {}

  /** Payload bytes kept so far (UTF-16 units of the distinct texts). */
  get keptPayloadBytes(): number {
    return this.payloadBytes;
  }

  /** Number of events so far. */
  get length(): number {
    return this.entries.length >> 1;
  }

  /** Id of the newest event (0 when empty). */
  get lastId(): number {
    return this.entries.length >> 1;
  }

  /** The event at `index` (from 0; its id is `index + 1`), made from its entries; its details are a copy. */
  at(index: number): StoredEvent {
    const { numbers, entries } = this;
    const event: StoredEvent = { id: index + 1, previousEventId: numbers[2 * index]!, timestamp: numbers[2 * index + 1]!, type: entries[2 * index] as string };
    const details = entries[2 * index + 1] as EventDetails | undefined;
    if (details !== undefined) event.details = plainDetails(details);
    return event;
  }

  /** Events from `start` up to (not including) `end`, as {@link Array.slice} takes them. */
  slice(start = 0, end = this.length): StoredEvent[] {
    const from = start < 0 ? Math.max(0, this.length + start) : Math.min(start, this.length);
    const to = end < 0 ? Math.max(0, this.length + end) : Math.min(end, this.length);
    const events: StoredEvent[] = [];
    for (let i = from; i < to; i++) events.push(this.at(i));
    return events;
  }

  /** Every event, oldest first (made afresh on each read). */
  get events(): StoredEvent[] {
    return this.slice();
  }

  /** The events newest first, as a sequence that makes only the events read. */
  reversed(): EventSequence {
    const { length } = this;
    return {
      length,
      slice: (start, end) => {
        const events: StoredEvent[] = [];
        for (let i = Math.max(0, start); i < Math.min(end, length); i++) events.push(this.at(length - 1 - i));
        return events;
      },
    };
  }

  /**
   * Append an event; `previousEventId` defaults to the newest event, which is right for any
   * sequential flow (threads of Parallel and Map pass theirs). The history keeps `details`
   * itself: the caller must not change it afterwards.
   */
  append(type: string, timestamp: number, details?: EventDetails, previousEventId = this.lastId): number {
    return this.store(type, timestamp, details, previousEventId, false, false);
  }

  /**
   * {@link append}, refused (it throws) when the event's new payload texts would pass the
   * history's bound: for the interpreter's events, whose run then fails `States.Runtime`. The
   * host's own end events use `append`, so an execution always ends. `textsShort`: the caller
   * knows no payload text of `details` is long (see `EmitDeferredEvent`), so there is none to
   * look for.
   */
  appendWithinBound(type: string, timestamp: number, details?: EventDetails, previousEventId = this.lastId, textsShort = false): number {
    return this.store(type, timestamp, details, previousEventId, true, textsShort);
  }

  private store(type: string, timestamp: number, details: EventDetails | undefined, previousEventId: number, bounded: boolean, textsShort: boolean): number {
    if (details !== undefined && !textsShort) this.keepTexts(details, bounded);
    this.numbers.push(previousEventId, timestamp);
    return this.entries.push(type, details) >> 1;
  }

  private static equalIn(texts: readonly string[], value: string): string | undefined {
    for (const text of texts) if (text.length === value.length && text === value) return text;
    return undefined;
  }

  /**
   * Share each long payload text of `details` with an equal recent one where there is one
   * (written back into `details`: the caller keeps the one copy, as the engine's record of the
   * output does), and count the new ones; throws, changing nothing, when they would pass the
   * history's payload bound.
   */
  private keepTexts(details: EventDetails, bounded: boolean): void {
    // Most events have no long text: one pass over the keys says so (cheaper, over the many
    // shapes of a run's details, than reading the four fields by name).
    if (!hasLongText(details)) return;
    let added = 0;
    // The event's new long texts join the recent ones only once it is kept: a refused event's
    // text must not be shared later as if it were counted.
    const fresh: string[] = [];
    const shared: [string, string][] = [];
    for (const field of PAYLOAD_FIELDS) {
      const value = details[field];
      if (!isLong(value)) continue;
      const same = ExecutionHistory.equalIn(this.recent, value) ?? ExecutionHistory.equalIn(fresh, value);
      if (same !== undefined) {
        shared.push([field, same]);
      } else {
        added += value.length;
        fresh.push(value);
      }
    }
    if (bounded && this.payloadBytes + added > this.maxPayloadBytes) {
      throw new Error(`the execution's history would keep more than ${this.maxPayloadBytes} bytes of inputs and outputs`);
    }
    this.payloadBytes += added;
    for (const [field, same] of shared) details[field] = same;
    for (const text of fresh) this.recent.push(text);
    if (this.recent.length > RECENT_TEXTS) this.recent.splice(0, this.recent.length - RECENT_TEXTS);
  }
}

/** A copy of `details` with its deferred texts made (each is made once, however often it is read). */
function plainDetails(details: EventDetails): JsonObject {
  const copy: JsonObject = {};
  for (const key in details) {
    const value = details[key]!;
    setKey(copy, key, value instanceof DeferredText ? value.text : value);
  }
  return copy;
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
