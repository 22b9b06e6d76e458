/**
 * The history events of one task, per resource family: activities (`Activity*`) and Lambda
 * function ARNs (`LambdaFunction*`) share one writer of their prefix; service integrations
 * write `Task*`. Each in the API's shape.
 */
import type { JsonObject } from "../../json.js";
import type { TaskRequest } from "../interpreter/host.js";

/** Events one task writes as it goes. */
export interface TaskEvents {
  scheduled(): void;
  scheduleFailed(error: string, cause: string): void;
  started(workerName?: string): void;
  /** `.waitForTaskToken` / `.sync`: the call was made, the result comes later. */
  submitted(output: string): void;
  succeeded(output: string): void;
  failed(error: string, cause: string): void;
  timedOut(error: string, cause: string): void;
}

/** The families whose events are named `<prefix>Scheduled`, `<prefix>Started`, ... */
export type ResourceEventPrefix = "Activity" | "LambdaFunction";

interface Family {
  heartbeat: boolean;
  startedDetails(workerName: string | undefined): JsonObject | undefined;
}

function workerDetails(workerName: string | undefined): JsonObject {
  const details: JsonObject = {};
  if (workerName !== undefined) details["workerName"] = workerName;
  return details;
}

/** How the two families differ: only activities have heartbeats and a worker that takes them. */
const FAMILIES: Readonly<Record<ResourceEventPrefix, Family>> = {
  Activity: { heartbeat: true, startedDetails: workerDetails },
  LambdaFunction: { heartbeat: false, startedDetails: () => undefined },
};

/** The task's input as its scheduled event records it. */
export function inputText(request: TaskRequest): string {
  return request.serialize ? request.serialize(request.input) : JSON.stringify(request.input);
}

function limits(request: TaskRequest, heartbeat: boolean): JsonObject {
  const fields: JsonObject = {};
  if (request.timeoutSeconds === undefined && request.heartbeatSeconds === undefined) return fields;
  if (request.timeoutSeconds !== undefined) fields["timeoutInSeconds"] = request.timeoutSeconds;
  if (heartbeat && request.heartbeatSeconds !== undefined) fields["heartbeatInSeconds"] = request.heartbeatSeconds;
  return fields;
}

function errorDetails(error: string, cause: string): JsonObject {
  return { error, cause };
}

/** The events of one activity or Lambda function task (a class: one is made per task, and tasks are many). */
class ResourceEvents implements TaskEvents {
  private readonly family: Family;

  constructor(
    private readonly prefix: ResourceEventPrefix,
    private readonly request: TaskRequest,
  ) {
    this.family = FAMILIES[prefix];
  }

  scheduled(): void {
    const { request } = this;
    request.emit(`${this.prefix}Scheduled`, {
      resource: request.resource,
      input: inputText(request),
      inputDetails: { truncated: false },
      ...limits(request, this.family.heartbeat),
    });
  }

  scheduleFailed(error: string, cause: string): void {
    this.request.emit(`${this.prefix}ScheduleFailed`, errorDetails(error, cause));
  }

  started(workerName?: string): void {
    this.request.emit(`${this.prefix}Started`, this.family.startedDetails(workerName));
  }

  submitted(): void {}

  succeeded(output: string): void {
    this.request.emit(`${this.prefix}Succeeded`, { output, outputDetails: { truncated: false } });
  }

  failed(error: string, cause: string): void {
    this.request.emit(`${this.prefix}Failed`, errorDetails(error, cause));
  }

  timedOut(error: string, cause: string): void {
    this.request.emit(`${this.prefix}TimedOut`, errorDetails(error, cause));
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
  return {
    scheduled: () =>
      void emit("TaskScheduled", {
        ...which,
        region,
        parameters: inputText(request),
        ...limits(request, true),
      }),
    scheduleFailed: (error, cause) => void emit("TaskStartFailed", { ...which, ...errorDetails(error, cause) }),
    started: () => void emit("TaskStarted", which),
    submitted: (output) => void emit("TaskSubmitted", { ...which, output, outputDetails: { truncated: false } }),
    succeeded: (output) => void emit("TaskSucceeded", { ...which, output, outputDetails: { truncated: false } }),
    failed: (error, cause) => void emit("TaskFailed", { ...which, ...errorDetails(error, cause) }),
    timedOut: (error, cause) => void emit("TaskTimedOut", { ...which, ...errorDetails(error, cause) }),
  };
}
