/**
 * The history events of one task, per resource family: activities (`Activity*`) and Lambda
 * function ARNs (`LambdaFunction*`) share one writer of their prefix; service integrations
 * write `Task*`. Each in the API's shape.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import type { EventDetails, TaskRequest } from "../interpreter/host.js";
import type { EventText } from "../interpreter/deferred-text.js";
import { NOT_TRUNCATED, ResourceScheduledDetails, ResourceSucceededDetails } from "../interpreter/event-details.js";

/** Events one task writes as it goes. */
export interface TaskEvents {
  scheduled(): void;
  scheduleFailed(error: string, cause: string): void;
  started(workerName?: string): void;
  /** `.waitForTaskToken` / `.sync`: the call was made, the result comes later. */
  submitted(output: EventText): void;
  succeeded(output: EventText): void;
  failed(error: string, cause: string): void;
  /** `*TimedOut`: only the error, as AWS records it (no cause). */
  timedOut(error: string): void;
}

/** The families whose events are named `<prefix>Scheduled`, `<prefix>Started`, ... */
export type ResourceEventPrefix = "Activity" | "LambdaFunction";

interface Family {
  heartbeat: boolean;
  /** The task starts as it is scheduled (a Lambda call), not when a worker takes it (an activity). */
  startsAtOnce: boolean;
  startedDetails(workerName: string | undefined): JsonObject | undefined;
  /** The family's event names, made once. */
  names: { readonly [E in "Scheduled" | "ScheduleFailed" | "Started" | "Succeeded" | "Failed" | "TimedOut"]: string };
}

function namesOf(prefix: ResourceEventPrefix): Family["names"] {
  return {
    Scheduled: `${prefix}Scheduled`,
    ScheduleFailed: `${prefix}ScheduleFailed`,
    Started: `${prefix}Started`,
    Succeeded: `${prefix}Succeeded`,
    Failed: `${prefix}Failed`,
    TimedOut: `${prefix}TimedOut`,
  };
}

function workerDetails(workerName: string | undefined): JsonObject {
  const details: JsonObject = {};
  if (workerName !== undefined) details["workerName"] = workerName;
  return details;
}

/** How the two families differ: only activities have heartbeats and a worker that takes them. */
const FAMILIES: Readonly<Record<ResourceEventPrefix, Family>> = {
  Activity: { heartbeat: true, startsAtOnce: false, startedDetails: workerDetails, names: namesOf("Activity") },
  LambdaFunction: { heartbeat: false, startsAtOnce: true, startedDetails: () => undefined, names: namesOf("LambdaFunction") },
};

/** The text of `value` (the task's input, its result) for the task's events, as the request has it made; `known` when the host has it. */
export function eventTextOf(request: TaskRequest, value: JsonValue, known?: string): EventText {
  if (request.eventText) return request.eventText(value, known);
  return request.serialize ? request.serialize(value, known) : (known ?? JSON.stringify(value));
}

/** The task's input as its scheduled event records it. */
export function inputText(request: TaskRequest): EventText {
  return eventTextOf(request, request.input);
}

/** Add the task's limits, and the role its `Credentials` name (`taskCredentials`, as AWS records it), to its scheduled event's `details`. */
function addLimits(details: EventDetails, request: TaskRequest, heartbeat: boolean): EventDetails {
  if (request.timeoutSeconds !== undefined) details["timeoutInSeconds"] = request.timeoutSeconds;
  if (heartbeat && request.heartbeatSeconds !== undefined) details["heartbeatInSeconds"] = request.heartbeatSeconds;
  const { credentials } = request;
  if (isJsonObject(credentials) && typeof credentials["RoleArn"] === "string") details["taskCredentials"] = { roleArn: credentials["RoleArn"] };
  return details;
}

/** A failure's `error` and `cause`, each left out when empty (AWS's events of a SendTaskFailure that gave neither). */
function errorDetails(error: string, cause: string): JsonObject {
  const details: JsonObject = {};
  if (error !== "") details["error"] = error;
  if (cause !== "") details["cause"] = cause;
  return details;
}

/**
 * `<prefix>Scheduled` of `request`, written as the task is asked for: at the request's moment
 * when the interpreter knows it. The writers below are the family's events; {@link ResourceEvents}
 * and a Lambda Task that runs alone (which makes no events object unless it fails) both use them.
 */
export function writeScheduled(prefix: ResourceEventPrefix, request: TaskRequest): void {
  const family = FAMILIES[prefix];
  const input = inputText(request);
  const details: EventDetails = new ResourceScheduledDetails(request.resource, input);
  request.emit(family.names.Scheduled, addLimits(details, request, family.heartbeat), request.at, typeof input !== "string");
}

/** `<prefix>Started` of `request` (a Lambda call starts at the request's moment; a worker takes an activity later). */
export function writeStarted(prefix: ResourceEventPrefix, request: TaskRequest, workerName?: string): void {
  const family = FAMILIES[prefix];
  request.emit(family.names.Started, family.startedDetails(workerName), family.startsAtOnce ? request.at : undefined);
}

/** `<prefix>Succeeded` of `request`, with the result's text. */
export function writeSucceeded(prefix: ResourceEventPrefix, request: TaskRequest, output: EventText): void {
  request.emit(FAMILIES[prefix].names.Succeeded, new ResourceSucceededDetails(output), undefined, typeof output !== "string");
}

/** The events of one activity or Lambda function task (a class: one is made per task, and tasks are many). */
class ResourceEvents implements TaskEvents {
  constructor(
    private readonly prefix: ResourceEventPrefix,
    private readonly request: TaskRequest,
  ) {}

  scheduled(): void {
    writeScheduled(this.prefix, this.request);
  }

  scheduleFailed(error: string, cause: string): void {
    this.request.emit(FAMILIES[this.prefix].names.ScheduleFailed, errorDetails(error, cause));
  }

  started(workerName?: string): void {
    writeStarted(this.prefix, this.request, workerName);
  }

  submitted(): void {}

  succeeded(output: EventText): void {
    writeSucceeded(this.prefix, this.request, output);
  }

  failed(error: string, cause: string): void {
    this.request.emit(FAMILIES[this.prefix].names.Failed, errorDetails(error, cause));
  }

  timedOut(error: string): void {
    this.request.emit(FAMILIES[this.prefix].names.TimedOut, { error });
  }
}

/** `ActivityScheduled` / `ActivityStarted` / ... or `LambdaFunctionScheduled` / ... of `request`. */
export function resourceEvents(prefix: ResourceEventPrefix, request: TaskRequest): TaskEvents {
  return new ResourceEvents(prefix, request);
}

/** `TaskScheduled` / `TaskStarted` / `TaskSubmitted` / ... of `arn:aws:states:::<service>:<action>`. */
export function serviceTaskEvents(request: TaskRequest, resourceType: string, resource: string, region: string): TaskEvents {
  const { emit } = request;
  const which = { resourceType, resource };
  // Its payload texts are short when they come deferred, as ResourceEvents tells of its own.
  const withOutput = (type: string, output: EventText): void => void emit(type, { ...which, output, outputDetails: NOT_TRUNCATED }, undefined, typeof output !== "string");
  return {
    // A service task is scheduled and started as it is asked for (see ResourceEvents.scheduled).
    scheduled: () => {
      const parameters = inputText(request);
      emit("TaskScheduled", addLimits({ ...which, region, parameters }, request, true), request.at, typeof parameters !== "string");
    },
    scheduleFailed: (error, cause) => void emit("TaskStartFailed", { ...which, ...errorDetails(error, cause) }),
    started: () => void emit("TaskStarted", which, request.at),
    submitted: (output) => withOutput("TaskSubmitted", output),
    succeeded: (output) => withOutput("TaskSucceeded", output),
    failed: (error, cause) => void emit("TaskFailed", { ...which, ...errorDetails(error, cause) }),
    timedOut: (error) => void emit("TaskTimedOut", { ...which, error }),
  };
}
