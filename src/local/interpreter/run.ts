/**
 * One execution's shared state (host, Context object, history limit, the run's own failure)
 * and the threads of history events: the root, each Parallel branch, each Map iteration.
 * Every history event of a run goes through {@link ExecutionRun.append}.
 */
import type { JsonObject, JsonValue } from "../../json.js";
import type { EmitDeferredEvent, EventDetails, ExecutionContext, InterpreterHost } from "./host.js";
import { MAX_HISTORY_EVENTS } from "../../asl/limits.js";
import { runtimeError, StatesError, StatesErrorName } from "./errors.js";
import { checkWithinLimit } from "./json-util.js";
import { TextCache } from "./texts.js";
import { DeferredText, isSurelyShort, plainText, type EventText } from "./deferred-text.js";

/** What a run that failed on its own history tells DescribeExecution (AWS's `redriveStatusReason`). */
export const HISTORY_LIMIT_NOT_REDRIVABLE = "Execution history event limit exceeded.";

/**
 * State transitions of one run between two looks at the time, to yield to the event loop: a
 * run that never waits (a Pass/Choice loop) would otherwise hold the process, so the server
 * could not answer and SIGTERM could not end it.
 */
export const TRANSITIONS_PER_YIELD = 100;

/**
 * The least real time between two yields (ms). A turn of the event loop costs microseconds: a
 * chain of fast states yielding every 100 transitions spent about 4 % of its time in turns.
 */
const YIELD_AFTER_MS = 1;

/** What every state of one execution shares. */
export class ExecutionRun {
  /** Highest event id seen, i.e. the history's length so far. */
  private eventCount = 0;
  private transitions = 0;
  /** When the run last yielded (or began), by `performance.now()`: real time, whatever the host's clock says. */
  private lastYield = performance.now();
  /** JSON texts of the values already serialized. */
  private readonly texts = new TextCache();
  private runFailure: StatesError | undefined;
  private runNotRedrivableReason: string | undefined;
  /** TestState only: retries of the matching retrier taken as already done (`retrierRetryCount`). */
  testRetriesDone = 0;

  constructor(
    readonly host: InterpreterHost,
    readonly context: ExecutionContext,
    private readonly emitEvent: EmitDeferredEvent,
    /**
     * The history limit. The run checks the ids its emitter returns and fails the execution
     * with `States.Runtime` when the next event would cross it (one id is kept for the host's
     * end event). That failure is final: every branch, iteration and task is aborted, and
     * later events, the host's task events included, are dropped (see `TaskRequest.emit`).
     */
    readonly maxHistoryEvents: number = MAX_HISTORY_EVENTS,
    /** TestState runs one state and writes no history. */
    readonly testMode = false,
    /**
     * The root of every signal of the run (branches, iterations, tasks): aborted with the
     * run's failure, so everything still running stops and every pending task is withdrawn.
     */
    private readonly halt?: AbortController,
    /** Short payload texts are given to the emitter as {@link DeferredText}s (see `RunExecutionOptions.emitDeferred`). */
    readonly defersTexts = false,
  ) {}

  /**
   * Set once the run failed on its own history (the event limit, or an event the host could
   * not store). It is final: no Retry or Catch handles it, and the execution ends FAILED.
   */
  get failure(): StatesError | undefined {
    return this.runFailure;
  }

  /** Why the failed run cannot be redriven, when AWS names a reason for it. */
  get notRedrivableReason(): string | undefined {
    return this.runNotRedrivableReason;
  }

  /**
   * Count a state transition; every {@link TRANSITIONS_PER_YIELD}th, once {@link YIELD_AFTER_MS}
   * have passed since the last yield, returns a promise that resolves after the event loop has
   * run (timers, I/O, signals), else undefined.
   */
  pace(): Promise<void> | undefined {
    if (++this.transitions % TRANSITIONS_PER_YIELD !== 0) return undefined;
    const now = performance.now();
    if (now - this.lastYield < YIELD_AFTER_MS) return undefined;
    this.lastYield = now;
    return new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * The JSON text of `value` for a history event, within the payload limit (else
   * `States.DataLimitExceeded` with the cause `tooLarge(subject)`: no closure per event). The
   * same object gives the same text (see {@link TextCache}), so a value passed along a chain
   * is serialized once and its events share the text. When the run defers texts, a value whose
   * text is surely short is given as a {@link DeferredText} (no size check needed).
   */
  serialize(value: JsonValue, tooLarge: (subject: string) => string, subject: string): EventText {
    const text = this.eventText(value);
    // A text the host wrote (eventText) was not checked against the limit yet.
    return typeof text === "string" ? checkWithinLimit(text, tooLarge, subject) : text;
  }

  /**
   * The JSON text of `value`, remembered by identity (no limit checked: {@link serialize}
   * checks it): the host's task events use it too, so a Task's input and result are each
   * serialized once. `known`: the text, when the host has it already. A deferred text is given as such (see
   * {@link DeferredText}) only to an emitter that takes them.
   */
  readonly eventText = (value: JsonValue, known?: string): EventText => {
    if (value === null || typeof value !== "object") return known ?? JSON.stringify(value);
    let text = this.texts.get(value);
    if (text === undefined) {
      if (known === undefined && this.defersTexts && isSurelyShort(value)) return this.deferred(value);
      text = known ?? JSON.stringify(value);
      this.texts.set(value, text);
    }
    return text;
  };

  /** {@link eventText}, always as a string (`TaskRequest.serialize`). */
  readonly textOf = (value: JsonValue, known?: string): string => plainText(this.eventText(value, known));

  private deferred(value: JsonValue & object): DeferredText {
    const text = new DeferredText(value);
    this.texts.set(value, text);
    return text;
  }

  /** A number in [0, 1), from the host when it injects one. */
  random(): number {
    return this.host.random ? this.host.random() : Math.random();
  }

  /**
   * Append an event after `previousEventId` and return its id. The event that would cross
   * the history limit fails the run instead (see {@link fail}); that failure is thrown to the
   * caller, and to every later caller, so the interpreter's own code sees it where it is.
   */
  append(type: string, details: EventDetails | undefined, previousEventId: number, timestamp: number, textsShort?: boolean): number {
    if (this.runFailure) throw this.runFailure;
    // One id stays free for the host's end event (ExecutionFailed/Succeeded...).
    if (this.eventCount >= this.maxHistoryEvents - 1) {
      throw this.fail(
        new StatesError(StatesErrorName.Runtime, `The execution reached the maximum number of history events (${this.maxHistoryEvents}).`),
        HISTORY_LIMIT_NOT_REDRIVABLE,
      );
    }
    let id: number;
    try {
      id = this.emitEvent(type, details, previousEventId, timestamp, textsShort);
    } catch (error) {
      throw this.fail(runtimeError(`The history event ${type} could not be stored: ${error instanceof Error ? error.message : String(error)}`));
    }
    if (id > this.eventCount) this.eventCount = id;
    return id;
  }

  /**
   * Fail the whole run, once: the first failure is kept and aborts the run's root signal
   * with it (every branch, iteration and task stops). Returns the run's failure.
   */
  fail(failure: StatesError, notRedrivableReason?: string): StatesError {
    if (!this.runFailure) {
      this.runFailure = failure;
      this.runNotRedrivableReason = notRedrivableReason;
      this.halt?.abort(failure);
    }
    return this.runFailure;
  }
}

/**
 * The events a Distributed Map iteration would write: each iteration is a child execution on
 * AWS, with a history (and a 25,000-event limit) of its own, although the local engine keeps
 * none of it. Shared by every thread of one iteration.
 */
export class IterationBudget {
  /** ExecutionStarted counts, as in a child execution's history. */
  private events = 1;
  private exhausted: StatesError | undefined;

  constructor(readonly maxEvents: number) {}

  /** Count one event; throws `States.Runtime` once the iteration's history would be full. */
  count(): void {
    if (this.exhausted) throw this.exhausted;
    // One id stays free for the end event, as in the root history.
    if (this.events >= this.maxEvents - 1) {
      this.exhausted = new StatesError(StatesErrorName.Runtime, `The execution reached the maximum number of history events (${this.maxEvents}).`);
      throw this.exhausted;
    }
    this.events++;
  }

  /** Whether the iteration's history is full. */
  get isExhausted(): boolean {
    return this.exhausted !== undefined;
  }
}

/** One chain of `previousEventId`s. */
export class Thread {
  private dropping: ((type: string, details?: EventDetails, timestamp?: number, textsShort?: boolean) => number) | undefined;
  /** The time of the last event this thread wrote (ms; 0 before any). */
  lastAt = 0;

  constructor(
    readonly run: ExecutionRun,
    /** The id the next event of this thread follows. */
    public lastEventId: number,
    /** Distributed Map iterations are child executions: their events are not in this history. */
    readonly silent = false,
    /** The event budget of the Distributed Map iteration a silent thread belongs to. */
    readonly budget?: IterationBudget,
    /**
     * A Parallel branch or Map iteration: it runs beside its siblings, so its states take a turn
     * of the microtask queue after their Entered event (see `StateRun.afterEntered`).
     */
    readonly concurrent = false,
  ) {}

  /**
   * Append an event in this thread; returns its id. Throws the run's failure once it has
   * failed. `timestamp`: the event's time when the caller knows it (else the host's now);
   * `textsShort` as {@link EmitDeferredEvent}'s.
   */
  emit(type: string, details?: EventDetails, timestamp?: number, textsShort?: boolean): number {
    if (this.silent) {
      if (this.run.failure) throw this.run.failure;
      this.budget?.count();
      return this.lastEventId;
    }
    const at = timestamp ?? this.run.host.now();
    this.lastEventId = this.run.append(type, details, this.lastEventId, at, textsShort);
    this.lastAt = at;
    return this.lastEventId;
  }

  /**
   * Append an event, or drop it once the run has failed (or a Distributed Map iteration's
   * history is full); never throws. For events written
   * from callbacks and listeners (the host's task events) and on abort paths, where a throw
   * would escape the run: the run's failure reaches the interpreter through the aborted signal.
   * Returns the event's id, or the thread's last id when the event was dropped.
   */
  emitOrDrop(type: string, details?: EventDetails, timestamp?: number, textsShort?: boolean): number {
    try {
      return this.emit(type, details, timestamp, textsShort);
    } catch (error) {
      // Every throw of append is the run's failure, already recorded and signalled.
      if (this.run.failure || this.budget?.isExhausted) return this.lastEventId;
      throw error;
    }
  }

  /** {@link emitOrDrop} as a function (each Task's `TaskRequest.emit`), made once per thread. */
  get emitter(): (type: string, details?: EventDetails, timestamp?: number, textsShort?: boolean) => number {
    return (this.dropping ??= (type, details, timestamp, textsShort) => this.emitOrDrop(type, details, timestamp, textsShort));
  }

  /**
   * A new thread starting after this thread's last event (a branch or an iteration). A silent
   * thread forked from a thread that writes history starts a Distributed Map iteration, with
   * an event budget of its own; threads forked inside it share that budget.
   */
  fork(silent = this.silent): Thread {
    const budget = silent ? (this.silent ? this.budget : new IterationBudget(this.run.maxHistoryEvents)) : undefined;
    return new Thread(this.run, this.lastEventId, silent, budget, true);
  }
}
