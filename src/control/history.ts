/**
 * Execution history: the SFN API's `HistoryEvent`s parsed into typed events, and the text
 * sfini prints for them. One table says, for every event type the SDK defines, where its
 * details live and which shape it parses into.
 */
import type { HistoryEvent, HistoryEventType } from "@aws-sdk/client-sfn";
import type { JsonValue } from "../json.js";

/** The `*EventDetails` keys of a `HistoryEvent`. */
export type HistoryDetailsKey = Exclude<keyof HistoryEvent, "timestamp" | "type" | "id" | "previousEventId">;

/** The typed shapes events parse into (sfini's history classes, plus the newer API's). */
export type HistoryEventShape =
  | "Event"
  | "Failed"
  | "LambdaFunctionScheduled"
  | "ActivityScheduled"
  | "TaskScheduled"
  | "ActivityStarted"
  | "TaskStarted"
  | "ObjectSucceeded"
  | "ExecutionStarted"
  | "StateEntered"
  | "StateExited"
  | "MapIteration";

/** One row of {@link HISTORY_EVENT_TABLE}: where an event type's details are, and its shape. */
export interface HistoryEventRow {
  /** The `HistoryEvent` key holding the details; undefined when the type has none. */
  readonly detailsKey: HistoryDetailsKey | undefined;
  /** The typed shape it parses into. */
  readonly shape: HistoryEventShape;
}

function row(detailsKey: HistoryDetailsKey | undefined, shape: HistoryEventShape): HistoryEventRow {
  return { detailsKey, shape };
}

/**
 * Every `HistoryEventType` of the SDK → its details key and shape. Typed as a full `Record`,
 * so an SDK update that adds a type fails to compile until the type gets a row.
 */
export const HISTORY_EVENT_TABLE: Readonly<Record<HistoryEventType, HistoryEventRow>> = {
  ActivityFailed: row("activityFailedEventDetails", "Failed"),
  ActivityScheduleFailed: row("activityScheduleFailedEventDetails", "Failed"),
  ActivityScheduled: row("activityScheduledEventDetails", "ActivityScheduled"),
  ActivityStarted: row("activityStartedEventDetails", "ActivityStarted"),
  ActivitySucceeded: row("activitySucceededEventDetails", "ObjectSucceeded"),
  ActivityTimedOut: row("activityTimedOutEventDetails", "Failed"),
  ChoiceStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  ChoiceStateExited: row("stateExitedEventDetails", "StateExited"),
  EvaluationFailed: row("evaluationFailedEventDetails", "Failed"),
  ExecutionAborted: row("executionAbortedEventDetails", "Failed"),
  ExecutionFailed: row("executionFailedEventDetails", "Failed"),
  ExecutionRedriven: row("executionRedrivenEventDetails", "Event"),
  ExecutionStarted: row("executionStartedEventDetails", "ExecutionStarted"),
  ExecutionSucceeded: row("executionSucceededEventDetails", "ObjectSucceeded"),
  ExecutionTimedOut: row("executionTimedOutEventDetails", "Failed"),
  FailStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  LambdaFunctionFailed: row("lambdaFunctionFailedEventDetails", "Failed"),
  LambdaFunctionScheduleFailed: row("lambdaFunctionScheduleFailedEventDetails", "Failed"),
  LambdaFunctionScheduled: row("lambdaFunctionScheduledEventDetails", "LambdaFunctionScheduled"),
  LambdaFunctionStartFailed: row("lambdaFunctionStartFailedEventDetails", "Failed"),
  LambdaFunctionStarted: row(undefined, "Event"),
  LambdaFunctionSucceeded: row("lambdaFunctionSucceededEventDetails", "ObjectSucceeded"),
  LambdaFunctionTimedOut: row("lambdaFunctionTimedOutEventDetails", "Failed"),
  MapIterationAborted: row("mapIterationAbortedEventDetails", "MapIteration"),
  MapIterationFailed: row("mapIterationFailedEventDetails", "MapIteration"),
  MapIterationStarted: row("mapIterationStartedEventDetails", "MapIteration"),
  MapIterationSucceeded: row("mapIterationSucceededEventDetails", "MapIteration"),
  MapRunAborted: row(undefined, "Event"),
  MapRunFailed: row("mapRunFailedEventDetails", "Failed"),
  MapRunRedriven: row("mapRunRedrivenEventDetails", "Event"),
  MapRunStarted: row("mapRunStartedEventDetails", "Event"),
  MapRunSucceeded: row(undefined, "Event"),
  MapStateAborted: row(undefined, "Event"),
  MapStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  MapStateExited: row("stateExitedEventDetails", "StateExited"),
  MapStateFailed: row(undefined, "Event"),
  MapStateStarted: row("mapStateStartedEventDetails", "Event"),
  MapStateSucceeded: row(undefined, "Event"),
  ParallelStateAborted: row(undefined, "Event"),
  ParallelStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  ParallelStateExited: row("stateExitedEventDetails", "StateExited"),
  ParallelStateFailed: row(undefined, "Event"),
  ParallelStateStarted: row(undefined, "Event"),
  ParallelStateSucceeded: row(undefined, "Event"),
  PassStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  PassStateExited: row("stateExitedEventDetails", "StateExited"),
  SucceedStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  SucceedStateExited: row("stateExitedEventDetails", "StateExited"),
  TaskFailed: row("taskFailedEventDetails", "Failed"),
  TaskScheduled: row("taskScheduledEventDetails", "TaskScheduled"),
  TaskStartFailed: row("taskStartFailedEventDetails", "Failed"),
  TaskStarted: row("taskStartedEventDetails", "TaskStarted"),
  TaskStateAborted: row(undefined, "Event"),
  TaskStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  TaskStateExited: row("stateExitedEventDetails", "StateExited"),
  TaskSubmitFailed: row("taskSubmitFailedEventDetails", "Failed"),
  TaskSubmitted: row("taskSubmittedEventDetails", "ObjectSucceeded"),
  TaskSucceeded: row("taskSucceededEventDetails", "ObjectSucceeded"),
  TaskTimedOut: row("taskTimedOutEventDetails", "Failed"),
  WaitStateAborted: row(undefined, "Event"),
  WaitStateEntered: row("stateEnteredEventDetails", "StateEntered"),
  WaitStateExited: row("stateExitedEventDetails", "StateExited"),
};

/** Fields every parsed event has (sfini's `Event`). */
export interface Event {
  /** Which typed shape this is; tells the specific fields apart. */
  readonly shape: HistoryEventShape;
  /** The API's event type, e.g. `TaskStateEntered`. */
  readonly type: string;
  /** The event's number in the history, from 1 (`id`). */
  readonly id: number;
  /** Id of the event that caused this one. */
  readonly previousEventId: number | undefined;
  /** When the event happened (`timestamp`). */
  readonly timestamp: Date;
  /** The event's raw `*EventDetails` object ({} when it has none). */
  readonly details: Readonly<Record<string, unknown>>;
}

/** A plain event: nothing parsed beyond {@link Event}. */
export interface PlainEvent extends Event {
  readonly shape: "Event";
}

/** Something failed, timed out or was aborted. */
export interface Failed extends Event {
  readonly shape: "Failed";
  /** The error name, e.g. `States.Timeout`; undefined when AWS gave none. */
  readonly error: string | undefined;
  /** The error's cause, a free text (often JSON); undefined when AWS gave none. */
  readonly cause: string | undefined;
}

/** A Lambda function task was scheduled. */
export interface LambdaFunctionScheduled extends Event {
  readonly shape: "LambdaFunctionScheduled";
  /** Function ARN. */
  readonly resource: string;
  /** The function's input, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly input: JsonValue | undefined;
  /** Task timeout in seconds. */
  readonly timeout: number | undefined;
}

/** An activity task was scheduled. */
export interface ActivityScheduled extends Event {
  readonly shape: "ActivityScheduled";
  /** Activity ARN. */
  readonly resource: string;
  /** The task's input, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly input: JsonValue | undefined;
  /** Task timeout in seconds; undefined when the state sets none. */
  readonly timeout: number | undefined;
  /** Heartbeat timeout in seconds. */
  readonly heartbeat: number | undefined;
}

/** A service-integration task was scheduled; `input` is its resolved Parameters. */
export interface TaskScheduled extends Event {
  readonly shape: "TaskScheduled";
  /** e.g. `lambda`, `dynamodb`. */
  readonly resourceType: string;
  /** e.g. `invoke`, `putItem.sync`. */
  readonly resource: string;
  /** The resolved `Parameters`, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly input: JsonValue | undefined;
  /** Task timeout in seconds; undefined when the state sets none. */
  readonly timeout: number | undefined;
  /** Heartbeat timeout in seconds; undefined when the state sets none. */
  readonly heartbeat: number | undefined;
}

/** A worker took an activity task. */
export interface ActivityStarted extends Event {
  readonly shape: "ActivityStarted";
  /** The `workerName` the worker gave GetActivityTask; undefined when it gave none. */
  readonly workerName: string | undefined;
}

/** A service-integration task started. */
export interface TaskStarted extends Event {
  readonly shape: "TaskStarted";
  /** The integrated service, e.g. `lambda`, `dynamodb`. */
  readonly resourceType: string;
  /** The action, e.g. `invoke`, `putItem.sync`. */
  readonly resource: string;
}

/** An activity, Lambda function, task or the execution succeeded. */
export interface ObjectSucceeded extends Event {
  readonly shape: "ObjectSucceeded";
  /** The output, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly output: JsonValue | undefined;
}

/** The execution started. */
export interface ExecutionStarted extends Event {
  readonly shape: "ExecutionStarted";
  /** The execution's input, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly input: JsonValue | undefined;
  /** ARN of the role the execution runs as; undefined when AWS gave none. */
  readonly roleArn: string | undefined;
}

/** A state was entered. */
export interface StateEntered extends Event {
  readonly shape: "StateEntered";
  /** Name of the state entered. */
  readonly stateName: string;
  /** The state's input, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly input: JsonValue | undefined;
}

/** A state was left. */
export interface StateExited extends Event {
  readonly shape: "StateExited";
  /** Name of the state left. */
  readonly stateName: string;
  /** The state's output, parsed from JSON (its text if not JSON); undefined when left out. */
  readonly output: JsonValue | undefined;
}

/** A Map iteration started, succeeded, failed or was aborted. */
export interface MapIteration extends Event {
  readonly shape: "MapIteration";
  /** Name of the Map state. */
  readonly stateName: string | undefined;
  /** Index of the iteration's item in the Map's items, from 0; undefined when AWS gave none. */
  readonly index: number | undefined;
}

/** Any parsed history event; switch on `shape`. */
export type ParsedEvent =
  | PlainEvent
  | Failed
  | LambdaFunctionScheduled
  | ActivityScheduled
  | TaskScheduled
  | ActivityStarted
  | TaskStarted
  | ObjectSucceeded
  | ExecutionStarted
  | StateEntered
  | StateExited
  | MapIteration;

// Payloads are JSON strings; one that is not (or was truncated) is kept as its text.
function parseJson(text: unknown): JsonValue | undefined {
  if (typeof text !== "string") return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** How a typed field is read from the details: a string, a string that may be missing, a number, or JSON text. */
type FieldReader = "string" | "text" | "number" | "json";

/** The reader a field of type `T` takes. */
type ReaderOf<T> = [T] extends [string] ? "string" : [T] extends [string | undefined] ? "text" : [T] extends [number | undefined] ? "number" : "json";

/** Each field of shape `S` beyond {@link Event}'s: the details key it is read from, and how. */
type ShapeFields<S extends HistoryEventShape> = {
  readonly [F in Exclude<keyof Extract<ParsedEvent, { shape: S }>, keyof Event>]: readonly [detail: string, reader: ReaderOf<Extract<ParsedEvent, { shape: S }>[F]>];
};

/** What each shape reads from the details, in the order its fields are listed. */
const SHAPE_FIELDS: { readonly [S in HistoryEventShape]: ShapeFields<S> } = {
  Event: {},
  Failed: { error: ["error", "text"], cause: ["cause", "text"] },
  LambdaFunctionScheduled: { resource: ["resource", "string"], input: ["input", "json"], timeout: ["timeoutInSeconds", "number"] },
  ActivityScheduled: {
    resource: ["resource", "string"],
    input: ["input", "json"],
    timeout: ["timeoutInSeconds", "number"],
    heartbeat: ["heartbeatInSeconds", "number"],
  },
  TaskScheduled: {
    resourceType: ["resourceType", "string"],
    resource: ["resource", "string"],
    input: ["parameters", "json"],
    timeout: ["timeoutInSeconds", "number"],
    heartbeat: ["heartbeatInSeconds", "number"],
  },
  ActivityStarted: { workerName: ["workerName", "text"] },
  TaskStarted: { resourceType: ["resourceType", "string"], resource: ["resource", "string"] },
  ObjectSucceeded: { output: ["output", "json"] },
  ExecutionStarted: { input: ["input", "json"], roleArn: ["roleArn", "text"] },
  StateEntered: { stateName: ["name", "string"], input: ["input", "json"] },
  StateExited: { stateName: ["name", "string"], output: ["output", "json"] },
  MapIteration: { stateName: ["name", "text"], index: ["index", "number"] },
};

const READERS: { readonly [R in FieldReader]: (value: unknown) => JsonValue | undefined } = {
  string: (value) => (typeof value === "string" ? value : ""),
  text: (value) => (typeof value === "string" ? value : undefined),
  number: (value) => (typeof value === "number" ? value : undefined),
  json: parseJson,
};

/** Parse one `HistoryEvent`; a type newer than this SDK parses as a plain {@link Event}. */
export function parseHistoryEvent(event: HistoryEvent): ParsedEvent {
  const type = String(event.type);
  const tableRow: HistoryEventRow | undefined = (HISTORY_EVENT_TABLE as Record<string, HistoryEventRow | undefined>)[type];
  const detailsKey = tableRow?.detailsKey ?? findDetailsKey(event);
  const d = ((detailsKey ? event[detailsKey] : undefined) ?? {}) as Readonly<Record<string, unknown>>;
  const shape = tableRow?.shape ?? "Event";
  const parsed: Record<string, unknown> = {
    type,
    id: event.id ?? 0,
    previousEventId: event.previousEventId,
    timestamp: event.timestamp instanceof Date ? event.timestamp : new Date(event.timestamp ?? 0),
    details: d,
    shape,
  };
  for (const [field, [detail, reader]] of Object.entries(SHAPE_FIELDS[shape] as Readonly<Record<string, readonly [string, FieldReader]>>)) {
    parsed[field] = READERS[reader](d[detail]);
  }
  // SHAPE_FIELDS' type lists every field of the shape, each with the reader of its type.
  return parsed as unknown as ParsedEvent;
}

// An unknown type still carries its details under some `*EventDetails` key.
function findDetailsKey(event: HistoryEvent): HistoryDetailsKey | undefined {
  return (Object.keys(event) as (keyof HistoryEvent)[]).find((k): k is HistoryDetailsKey => k.endsWith("EventDetails"));
}

/** Parse GetExecutionHistory events into typed events, in order. */
export function parseHistory(events: readonly HistoryEvent[]): ParsedEvent[] {
  return events.map(parseHistoryEvent);
}

/** The detail sfini prints under an event of one shape: its label, and its value (none: no line). */
type DetailLine<S extends HistoryEventShape> = readonly [label: string, value: (event: Extract<ParsedEvent, { shape: S }>) => string | number | undefined];

/** sfini's detail line of each shape that has one. */
const DETAIL_LINES: { readonly [S in HistoryEventShape]?: DetailLine<S> } = {
  Failed: ["error", (event) => event.error],
  LambdaFunctionScheduled: ["resource", (event) => event.resource],
  ActivityScheduled: ["resource", (event) => event.resource],
  // A service task's `resource` is only the action; its type says which service.
  TaskScheduled: ["resource", (event) => `${event.resourceType}:${event.resource}`],
  ActivityStarted: ["worker", (event) => event.workerName],
  StateEntered: ["name", (event) => event.stateName],
  StateExited: ["name", (event) => event.stateName],
  MapIteration: ["index", (event) => event.index],
};

/** The detail line sfini prints under an event (without indent), if it has one. */
export function eventDetailLine(event: ParsedEvent): string | undefined {
  // DETAIL_LINES' type gives each shape's row its own event type; TypeScript cannot follow that through `event.shape`.
  const line = DETAIL_LINES[event.shape] as DetailLine<ParsedEvent["shape"]> | undefined;
  const value = line?.[1](event);
  return line === undefined || value === undefined ? undefined : `${line[0]}: ${value}`;
}

/** `Type [id] @ ISO-timestamp`, then `:` and the indented detail line where there is one. */
export function formatEvent(event: ParsedEvent): string {
  const head = `${event.type} [${event.id}] @ ${event.timestamp.toISOString()}`;
  const detail = eventDetailLine(event);
  return detail === undefined ? head : `${head}:\n  ${detail}`;
}

/**
 * sfini's history text: one entry per event, then `Output: <json>` when the execution has
 * an output.
 */
export function formatHistory(events: readonly ParsedEvent[], output?: JsonValue): string {
  const lines = events.map(formatEvent);
  if (output !== undefined) lines.push(`Output: ${JSON.stringify(output)}`);
  return lines.join("\n");
}
