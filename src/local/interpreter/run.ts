/**
 * One execution's shared state (host, Context object, abort signal, history limit) and the
 * threads of history events: the root, each Parallel branch, each Map iteration. Every
 * history event the interpreter writes goes through {@link Thread.emit}.
 */
import type { JsonObject } from "../../json.js";
import type { EmitEvent, ExecutionContext, InterpreterHost } from "./host.js";
import { MAX_HISTORY_EVENTS } from "./host.js";
import { StatesError, StatesErrorName } from "./errors.js";

/** What every state of one execution shares. */
export class ExecutionRun {
  /** Highest event id seen, i.e. the history's length so far. */
  private eventCount = 0;

  constructor(
    readonly host: InterpreterHost,
    readonly context: ExecutionContext,
    private readonly emitEvent: EmitEvent,
    readonly maxHistoryEvents: number = MAX_HISTORY_EVENTS,
    /** TestState runs one state and writes no history. */
    readonly testMode = false,
  ) {}

  /** A number in [0, 1), from the host when it injects one. */
  random(): number {
    return this.host.random ? this.host.random() : Math.random();
  }

  /** Append an event after `previousEventId`; fails the execution at the history limit. */
  append(type: string, details: JsonObject | undefined, previousEventId: number): number {
    // One id stays free for the host's end event (ExecutionFailed/Succeeded...).
    if (this.eventCount >= this.maxHistoryEvents - 1) {
      throw new StatesError(
        StatesErrorName.Runtime,
        `The execution reached the maximum number of history events (${this.maxHistoryEvents}).`,
      );
    }
    const id = this.emitEvent(type, details, previousEventId);
    if (id > this.eventCount) this.eventCount = id;
    return id;
  }
}

/** One chain of `previousEventId`s. */
export class Thread {
  constructor(
    readonly run: ExecutionRun,
    /** The id the next event of this thread follows. */
    public lastEventId: number,
    /** Distributed Map iterations are child executions: their events are not in this history. */
    readonly silent = false,
  ) {}

  /** Append an event in this thread; returns its id. */
  emit(type: string, details?: JsonObject): number {
    if (this.silent) return this.lastEventId;
    this.lastEventId = this.run.append(type, details, this.lastEventId);
    return this.lastEventId;
  }

  /** A new thread starting after this thread's last event (a branch or an iteration). */
  fork(silent = this.silent): Thread {
    return new Thread(this.run, this.lastEventId, silent);
  }
}
