/**
 * The contract between the ASL interpreter (pure: walks states, transforms JSON, emits state
 * events) and the engine that hosts it (store, server, activity queues, Lambda handlers).
 *
 * Who emits which history event:
 * - host: `ExecutionStarted` before {@link runExecution} is called, and the execution's end
 *   (`ExecutionSucceeded` / `ExecutionFailed` / `ExecutionAborted` / `ExecutionTimedOut`)
 *   from the returned {@link ExecutionResult}; every resource event of a task
 *   (`ActivityScheduled/Started/Succeeded/Failed/TimedOut`, `LambdaFunction*`, `Task*`) through
 *   {@link TaskRequest.emit}, so each lands in the right thread of `previousEventId`s.
 * - interpreter: everything else (`*StateEntered/Exited`, `Map*`, `Parallel*`, `WaitState*`...).
 *
 * Threads: the interpreter keeps the `previousEventId` chain of every thread (the root, each
 * Parallel branch, each Map iteration) itself and always passes it to the host's emitter, so
 * the host only has to number events and store them; {@link historyEventDetailsKey} says under
 * which `*EventDetails` key a type's details go.
 */
import type { JsonObject, JsonValue } from "../../json.js";
import type { MachineModel } from "./compile/model.js";
import type { DeferredText } from "./deferred-text.js";

export { DeferredText } from "./deferred-text.js";

/**
 * Append one history event; returns the new event's id (ids count from 1 with no gaps, so the
 * id is also the history's length). `previousEventId` is the event this one follows in its
 * thread; when left out, the host chains it after the last event it appended. `timestamp`
 * (ms since the epoch) is the event's time as the interpreter read it from the host's
 * {@link InterpreterHost.now}; when left out, the host reads its clock.
 */
export type EmitEvent = (type: string, details?: JsonObject, previousEventId?: number, timestamp?: number) => number;

/**
 * An event's details as an emitter that takes deferred texts gets them: JSON, except that a
 * payload text (`input`, `output`, `parameters`) may be a {@link DeferredText}, the value it is
 * the JSON of, serialized when first read.
 */
export interface EventDetails {
  [key: string]: JsonValue | DeferredText;
}

/**
 * {@link EmitEvent} for details with deferred texts (see {@link RunExecutionOptions.emitDeferred}).
 * `textsShort`: set when the caller knows that no payload text of `details` (`input`,
 * `output`, `parameters`, `cause`) is a string of more than 255 units (each is a
 * {@link DeferredText}, or absent): the emitter need not look for long texts to share or count.
 */
export type EmitDeferredEvent = (type: string, details?: EventDetails, previousEventId?: number, timestamp?: number, textsShort?: boolean) => number;

/** A task failed: ASL's error name and cause (what Retry/Catch match on). */
export class TaskFailed extends Error {
  /**
   * @param error - The error name Retry and Catch match on, e.g. `States.Timeout`.
   * @param errorCause - The error's cause, free text (often JSON). Default `""`.
   * @param omitted - Which of the two the failure did not give at all (SendTaskFailure without
   *   `error` or `cause`): a Catch's output then has `null` there, as AWS's has, where an empty
   *   text gives `""`.
   */
  constructor(
    readonly error: string,
    readonly errorCause: string = "",
    readonly omitted?: { readonly error: boolean; readonly cause: boolean },
  ) {
    super(`${error}: ${errorCause}`);
    this.name = "TaskFailed";
  }
}

/**
 * Whether an abort signal has aborted, read without the signal's own getter (which costs tens
 * of nanoseconds in a process that has met signals of several kinds). An `AbortSignal` is one.
 */
export interface AbortState {
  readonly aborted: boolean;
}

/** One Task state's call to its resource, as the host sees it. */
export interface TaskRequest {
  /** Execution ARN, for the Context object and nested executions. */
  executionArn: string;
  /** Name of the Task state making the call. */
  stateName: string;
  /** The Task's `Resource`, as written (JSONata: after evaluating `{% %}`). */
  resource: string;
  /** Effective input after InputPath/Parameters (or JSONata `Arguments`). */
  input: JsonValue;
  /**
   * Optional: the JSON text of a value of this task (its input, its result), remembered for the
   * run's own events, so each is serialized once; `JSON.stringify` when absent. A host that has
   * the text already (it parsed the value from it) passes it as `text`: it is remembered as is.
   */
  serialize?: (value: JsonValue, text?: string) => string;
  /**
   * Optional: {@link serialize} for the host's own events when the run defers texts (see
   * {@link RunExecutionOptions.emitDeferred}): a short value's text may come as a
   * {@link DeferredText}, which {@link emit} takes as it is.
   */
  eventText?: (value: JsonValue, text?: string) => string | DeferredText;
  /** Resolved `TimeoutSeconds` (from the field or its path), if any. */
  timeoutSeconds?: number;
  /** Resolved `HeartbeatSeconds`, if any. */
  heartbeatSeconds?: number;
  /** Task token for `.waitForTaskToken` resources (the Context object's `$$.Task.Token`). */
  taskToken?: string;
  /**
   * The Task's `Credentials`, evaluated for this attempt (paths, intrinsics, variables, JSONata),
   * if any. The local engine records its `RoleArn` in the scheduled event (`taskCredentials`, as
   * AWS does) and assumes no role.
   */
  credentials?: JsonValue;
  /** Aborted when the execution is stopped or times out; the host must give up then. */
  signal: AbortSignal;
  /**
   * Optional: {@link signal}'s state, cheaper to read than `signal.aborted` where a host checks
   * it after each step of work that answers at once (the interpreter sets it).
   */
  abortState?: AbortState;
  /**
   * Set when the Task runs alone in its execution (not in a Parallel branch or Map iteration
   * beside others): only then may a host whose work answered at once give the result at once
   * (see {@link InterpreterHost.invokeTask}). Beside other threads it lets a turn of the queue
   * pass first, so sibling tasks are all scheduled before any ends, as their events interleave.
   */
  runsAlone?: boolean;
  /**
   * When the interpreter asked for the task (ms since the epoch), set when it knows it without
   * reading the clock again (it entered the state a moment ago and nothing waited since): the
   * events the host writes as it takes the task (`*Scheduled`, and a `*Started` that follows at
   * once) may carry it as their `timestamp`.
   */
  at?: number;
  /**
   * Append a resource event (e.g. `ActivityScheduled`) in this task's thread; returns its id.
   * `timestamp` as {@link EmitEvent}'s (left out: now). Never throws: once the execution has
   * failed on its history (the event limit), the event is dropped and {@link signal} is
   * already aborted with that failure, so the host can call it from timers and listeners and
   * must check `signal` before any further side effect. `textsShort` as
   * {@link EmitDeferredEvent}'s.
   */
  emit: (type: string, details?: EventDetails, timestamp?: number, textsShort?: boolean) => number;
}

/** What the interpreter needs from its host. */
export interface InterpreterHost {
  /**
   * Run a Task's resource; resolve with its result, or reject with {@link TaskFailed}.
   * The host enforces `timeoutSeconds` and `heartbeatSeconds` (it alone sees heartbeats) and
   * emits the resource's events, including the timed-out ones. A task that finishes while it
   * is called (an in-process handler that answers at once) may, when {@link TaskRequest.runsAlone},
   * give its result (or throw its {@link TaskFailed}) at once: the interpreter then goes on
   * without a turn of the queue.
   */
  invokeTask(request: TaskRequest): JsonValue | Promise<JsonValue>;
  /** A fresh task token (also used for `.waitForTaskToken`). */
  newTaskToken(): string;
  /** Current time in ms; injectable so tests and Wait states need no real sleeping. */
  now(): number;
  /** Resolve after `ms`, or reject with the signal's reason when aborted. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /**
   * Optional: a number in [0, 1) for `JitterStrategy: FULL` and `States.MathRandom` without a
   * seed; defaults to `Math.random`. Injectable so tests can assert exact delays.
   */
  random?(): number;
  /**
   * Optional: read a Distributed Map's items from its `ItemReader` (already resolved). Without
   * it, a Map with an `ItemReader` fails with `States.ItemReaderFailed`.
   */
  readItems?(itemReader: JsonObject, signal: AbortSignal): Promise<JsonValue[]>;
  /**
   * Optional: told when a Distributed Map starts a map run (after its `MapRunStarted` event),
   * so the host can keep the run's record for DescribeMapRun / ListMapRuns and route
   * UpdateMapRun to it through {@link MapRunStart.update}. The returned observer hears each
   * iteration's changes and the run's end. Without it, map runs are simply not recorded.
   */
  mapRunStarted?(start: MapRunStart): MapRunObserver;
}

/** What UpdateMapRun can change in a running Distributed Map. */
export interface MapRunSettings {
  /** Child executions run at once; 0 = no limit. */
  maxConcurrency: number;
  /** Failed items tolerated before the run fails; left out when the state sets none. */
  toleratedFailureCount?: number;
  /** Percentage of failed items tolerated (0-100); left out when the state sets none. */
  toleratedFailurePercentage?: number;
}

/** A Distributed Map run, as the interpreter announces it to {@link InterpreterHost.mapRunStarted}. */
export interface MapRunStart {
  /** `arn:<partition>:states:<region>:<account>:mapRun:<machine>/<Label or state name>:<uuid>`. */
  mapRunArn: string;
  /** The execution running the Map state. */
  executionArn: string;
  /** Name of the Map state. */
  stateName: string;
  /** The settings resolved from the state (MaxConcurrency, ToleratedFailure*). */
  settings: MapRunSettings;
  /**
   * Items in each child execution, by iteration index: all 1, or the batch sizes with an
   * `ItemBatcher`. Its length is the number of child executions.
   */
  itemsPerIteration: number[];
  /**
   * UpdateMapRun: apply new settings while the run goes on. A larger `maxConcurrency` starts
   * waiting iterations at once, a smaller one lets running iterations finish; a tolerance the
   * failures so far already exceed fails the run with `States.ExceedToleratedFailureThreshold`.
   */
  update(settings: Partial<MapRunSettings>): void;
}

/** Where one iteration (a child execution on AWS) of a map run stands. */
export type MapRunIterationStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "ABORTED";

/** How a map run ended. */
export type MapRunEndStatus = "SUCCEEDED" | "FAILED" | "ABORTED";

/** What the host hears of a running map run (iterations not yet told about are pending). */
export interface MapRunObserver {
  /** Iteration `index` changed to `status`; called once RUNNING, then once with how it ended. */
  iteration(index: number, status: MapRunIterationStatus): void;
  /** The run ended (called once, after every iteration's last change). */
  ended(status: MapRunEndStatus): void;
}

/** The Context object's parts the host knows before the run (`$$.Execution`, `$$.StateMachine`). */
export interface ExecutionContext {
  /** `$$.Execution`: the execution being run. */
  Execution: {
    /** The execution's ARN (`$$.Execution.Id`). */
    Id: string;
    /** The execution's name. */
    Name: string;
    /** The execution's input, as given to StartExecution. */
    Input: JsonValue;
    /** ISO-8601 with milliseconds, e.g. `2024-01-01T00:00:00.000Z`. */
    StartTime: string;
    /** ARN of the role the execution runs as. */
    RoleArn: string;
    /** How many times the execution was redriven; 0 for a first run (absent in synchronous Express runs). */
    RedriveCount?: number;
    /** ISO-8601; only on a redriven execution. */
    RedriveTime?: string;
  };
  /** `$$.StateMachine`: the machine the execution runs. */
  StateMachine: {
    /** The state machine's ARN. */
    Id: string;
    /** The state machine's name. */
    Name: string;
  };
}

/**
 * Where a FAILED / TIMED_OUT / ABORTED execution can be redriven from: the top-level state that
 * did not finish, its input, and the variables as they were when it was entered.
 */
export interface ResumePoint {
  /** Name of the top-level state to start again at. */
  stateName: string;
  /** The input that state was entered with. */
  input: JsonValue;
  /** The top-level variables (`Assign`) as they were when it was entered. */
  variables: JsonObject;
}

/** Arguments of {@link runExecution}. */
export interface RunExecutionOptions {
  /** The ASL definition, a plain object exactly as AWS takes it (already parsed). */
  definition: JsonObject;
  /**
   * The definition compiled (`compileMachine`), when the host keeps it (once per
   * state-machine revision); compiled from {@link definition} for this run when left out.
   * @internal the compiled model is the engine's own, not public API
   */
  machine?: MachineModel;
  /** The execution's input, given to the start state. */
  input: JsonValue;
  /** What the Context object (`$$`) holds of the execution and machine. */
  context: ExecutionContext;
  /** The engine that runs tasks, keeps time and sleeps. */
  host: InterpreterHost;
  /** The history's emitter (see {@link EmitEvent}). */
  emit: EmitEvent;
  /**
   * Optional: an emitter that takes deferred texts, used instead of {@link emit} when given. A
   * value whose JSON text is surely short (under 256 characters) then comes as a
   * {@link DeferredText}, serialized only if the event is read: most histories are read
   * seldom, and serializing each small input and output was a large share of a fast run.
   * The emitter keeps the details as they are (values are never changed in place).
   */
  emitDeferred?: EmitDeferredEvent;
  /** Id of the `ExecutionStarted` (or `ExecutionRedriven`) event the first state follows. */
  startEventId: number;
  /** Stop the execution: it ends ABORTED (or TIMED_OUT when the reason is a {@link ExecutionTimeout}). */
  signal?: AbortSignal;
  /** Redrive: start at this state instead of `StartAt` (from a previous {@link ExecutionResult.resumeFrom}). */
  resumeFrom?: ResumePoint;
  /**
   * History-event limit to enforce: default `MAX_HISTORY_EVENTS` of `sfini` (25,000: AWS's, for Standard
   * executions); `Infinity` for Express executions, which AWS keeps no history of and so limits not.
   */
  maxHistoryEvents?: number;
}

/** Abort reason a host may use to end an execution TIMED_OUT (the interpreter uses it itself for `TimeoutSeconds`). */
export class ExecutionTimeout extends Error {
  constructor() {
    super("States.Timeout: the execution timed out");
    this.name = "ExecutionTimeout";
  }
}

/** How an execution ended. */
export interface ExecutionResult {
  /** How the execution ended. */
  status: "SUCCEEDED" | "FAILED" | "ABORTED" | "TIMED_OUT";
  /** The execution's output; only when it SUCCEEDED. */
  output?: JsonValue;
  /** Error name of the failure, e.g. `States.TaskFailed`; left out when it succeeded or was aborted. */
  error?: string;
  /** Cause of the failure; left out when there is none (it succeeded, was aborted, or gave none). */
  cause?: string;
  /** Id of the last event the interpreter emitted (the end event's `previousEventId`). */
  lastEventId: number;
  /** On FAILED / TIMED_OUT / ABORTED: where a redrive starts. */
  resumeFrom?: ResumePoint;
  /**
   * Set instead of {@link resumeFrom} when the execution cannot be redriven: AWS's
   * `redriveStatusReason`, e.g. `Execution history event limit exceeded.`
   */
  notRedrivableReason?: string;
}

/** Event types whose details key is not `<lowerFirst(type)>EventDetails`. */
const DETAILS_KEY_EXCEPTIONS: Readonly<Record<string, string | undefined>> = {
  MapIterationStarted: "mapIterationStartedEventDetails",
  FailStateEntered: "stateEnteredEventDetails",
};

/**
 * The `HistoryEvent` key the details of an event of type `type` go under, e.g.
 * `PassStateEntered` → `stateEnteredEventDetails`, `MapStateStarted` →
 * `mapStateStartedEventDetails`, `TaskScheduled` → `taskScheduledEventDetails`.
 */
export function historyEventDetailsKey(type: string): string {
  const exception = DETAILS_KEY_EXCEPTIONS[type];
  if (exception) return exception;
  if (type.endsWith("StateEntered") && !type.startsWith("MapRun")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  return type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails";
}
