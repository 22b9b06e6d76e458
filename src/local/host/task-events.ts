/**
 * The history events of one task, per resource family: activities (`Activity*`), Lambda
 * function ARNs (`LambdaFunction*`) and service integrations (`Task*`), each in the API's shape.
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

function limits(request: TaskRequest, heartbeat: boolean): JsonObject {
  const fields: JsonObject = {};
  if (request.timeoutSeconds !== undefined) fields["timeoutInSeconds"] = request.timeoutSeconds;
  if (heartbeat && request.heartbeatSeconds !== undefined) fields["heartbeatInSeconds"] = request.heartbeatSeconds;
  return fields;
}

function errorDetails(error: string, cause: string): JsonObject {
  return { error, cause };
}

/** `ActivityScheduled` / `ActivityStarted` / `ActivitySucceeded` / ... */
export function activityEvents(request: TaskRequest): TaskEvents {
  const { emit } = request;
  return {
    scheduled: () =>
      void emit("ActivityScheduled", {
        resource: request.resource,
        input: JSON.stringify(request.input),
        inputDetails: { truncated: false },
        ...limits(request, true),
      }),
    scheduleFailed: (error, cause) => void emit("ActivityScheduleFailed", errorDetails(error, cause)),
    started: (workerName) => void emit("ActivityStarted", workerName === undefined ? {} : { workerName }),
    submitted: () => undefined,
    succeeded: (output) => void emit("ActivitySucceeded", { output, outputDetails: { truncated: false } }),
    failed: (error, cause) => void emit("ActivityFailed", errorDetails(error, cause)),
    timedOut: (error, cause) => void emit("ActivityTimedOut", errorDetails(error, cause)),
  };
}

/** `LambdaFunctionScheduled` / `LambdaFunctionStarted` / ... (a Lambda function ARN as `Resource`). */
export function lambdaFunctionEvents(request: TaskRequest): TaskEvents {
  const { emit } = request;
  return {
    scheduled: () =>
      void emit("LambdaFunctionScheduled", {
        resource: request.resource,
        input: JSON.stringify(request.input),
        inputDetails: { truncated: false },
        ...limits(request, false),
      }),
    scheduleFailed: (error, cause) => void emit("LambdaFunctionScheduleFailed", errorDetails(error, cause)),
    started: () => void emit("LambdaFunctionStarted"),
    submitted: () => undefined,
    succeeded: (output) => void emit("LambdaFunctionSucceeded", { output, outputDetails: { truncated: false } }),
    failed: (error, cause) => void emit("LambdaFunctionFailed", errorDetails(error, cause)),
    timedOut: (error, cause) => void emit("LambdaFunctionTimedOut", errorDetails(error, cause)),
  };
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
        parameters: JSON.stringify(request.input),
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
