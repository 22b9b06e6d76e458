/**
 * The engine's {@link InterpreterHost}: routes each Task's resource to what runs it here —
 * activity queues, in-process Lambda handlers, nested local executions, mocked services — and
 * writes each resource's history events.
 */
import { randomUUID } from "node:crypto";
import { TaskFailed, type InterpreterHost, type MapRunObserver, type MapRunStart, type TaskRequest } from "../interpreter/host.js";
import type { MapRunStore } from "../store/map-run-store.js";
import type { EngineClock } from "../clock.js";
import type { ActivityStore } from "../store/activity-store.js";
import { newTaskToken, type TaskTokens } from "../store/task-tokens.js";
import type { ExecutionService } from "../executions.js";
import type { ExecutionRecord } from "../store/execution-store.js";
import { ApiError } from "../api-error.js";
import { activityEvents, lambdaFunctionEvents, serviceTaskEvents, type TaskEvents } from "./task-events.js";
import { ReportedTaskFailure, supervise, type TaskControl } from "./task-supervisor.js";
import { lambdaFunctionName, type LambdaHandler, type LambdaRegistry } from "./lambda-registry.js";
import type { ServiceMocks } from "./service-mocks.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import { lambdaArn, parseArn } from "../../arn.js";

/** Error of a Task whose service integration the engine neither runs nor has a mock for. */
export const UNSUPPORTED_INTEGRATION_ERROR = "Local.UnsupportedIntegration";

/** What the host needs from the engine. */
export interface TaskHostParts {
  clock: EngineClock;
  region: string;
  accountId: string;
  activities: ActivityStore;
  tokens: TaskTokens;
  lambdas: LambdaRegistry;
  mocks: ServiceMocks;
  executions: () => ExecutionService;
  random?: () => number;
  /** Where Distributed Map runs are recorded; without it they are not. */
  mapRuns?: MapRunStore;
}

const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:[^:]+$/;
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const SERVICE_ARN = /^arn:[^:]+:states:::([^:]+):(.+)$/;

function apiErrorName(service: string, code: string): string {
  return `${service}.${code.endsWith("Exception") ? code : `${code}Exception`}`;
}

/** Call an in-process Lambda handler as Lambda would: JSON in, JSON out, errors as `errorType`. */
async function callLambda(handler: LambdaHandler, functionName: string, event: JsonValue, signal: AbortSignal): Promise<JsonValue> {
  let result: unknown;
  try {
    result = await handler(event, { functionName, awsRequestId: randomUUID(), signal });
  } catch (error) {
    if (error instanceof TaskFailed) throw error;
    const err = error instanceof Error ? error : new Error(String(error));
    const cause = JSON.stringify({ errorMessage: err.message, errorType: err.name, trace: (err.stack ?? "").split("\n") });
    throw new TaskFailed(err.name, cause);
  }
  // Lambda serialises the result to JSON: dates become strings, undefined becomes null.
  return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as JsonValue);
}

/** The local engine's host of the interpreter. */
export class LocalTaskHost implements InterpreterHost {
  constructor(private readonly parts: TaskHostParts) {}

  /** @inheritDoc */
  newTaskToken(): string {
    return newTaskToken();
  }

  /** @inheritDoc */
  now(): number {
    return this.parts.clock.now();
  }

  /** @inheritDoc */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return this.parts.clock.sleep(ms, signal);
  }

  /** @inheritDoc */
  random(): number {
    return (this.parts.random ?? Math.random)();
  }

  /** Record the run for DescribeMapRun / ListMapRuns / UpdateMapRun. */
  mapRunStarted(start: MapRunStart): MapRunObserver {
    return this.parts.mapRuns ? this.parts.mapRuns.start(start) : { iteration: () => undefined, ended: () => undefined };
  }

  /** @inheritDoc */
  invokeTask(request: TaskRequest): Promise<JsonValue> {
    const { resource } = request;
    if (ACTIVITY_ARN.test(resource)) return this.runActivity(request);
    if (LAMBDA_ARN.test(resource)) return this.runLambdaFunction(request);
    const service = SERVICE_ARN.exec(resource);
    if (service) {
      const [, serviceName, action] = service as unknown as [string, string, string];
      return this.runService(request, serviceName, action);
    }
    const events = serviceTaskEvents(request, "unknown", resource, this.parts.region);
    return supervise(request, events, this.parts.clock, async () => {
      events.scheduleFailed("States.Runtime", `the resource ${JSON.stringify(resource)} is not an activity, Lambda function or service integration ARN`);
      throw new ReportedTaskFailure("States.Runtime", `unsupported resource ${resource}`);
    });
  }

  private runActivity(request: TaskRequest): Promise<JsonValue> {
    const events = activityEvents(request);
    const { activities } = this.parts;
    return supervise(request, events, this.parts.clock, (control) => {
      if (!activities.has(request.resource)) {
        const cause = `Activity Does Not Exist: '${request.resource}'`;
        events.scheduleFailed("States.Runtime", cause);
        throw new ReportedTaskFailure("States.Runtime", cause);
      }
      events.scheduled();
      // The scheduled event may have been the one the execution failed on: then nothing is queued.
      control.signal.throwIfAborted();
      const token = newTaskToken();
      const result = this.awaitToken(token, control);
      activities.enqueue(request.resource, {
        taskToken: token,
        input: JSON.stringify(request.input),
        // Called from the GetActivityTask answer's 'finish' listener.
        onTaken: control.guarded((workerName: string) => {
          if (control.signal.aborted) return;
          events.started(workerName);
          control.startHeartbeatClock();
        }),
        isLive: () => !control.signal.aborted && this.parts.tokens.isLive(token),
      });
      control.signal.addEventListener("abort", () => activities.withdraw(request.resource, token), { once: true });
      return result;
    });
  }

  /** The answer SendTaskSuccess / SendTaskFailure give to `token`; heartbeats reach `control`. */
  private awaitToken(token: string, control: TaskControl): Promise<JsonValue> {
    const { tokens } = this.parts;
    return new Promise<JsonValue>((resolve, reject) => {
      tokens.register(token, {
        succeed: resolve,
        fail: (error, cause) => reject(new TaskFailed(error, cause)),
        heartbeat: () => control.heartbeat(),
      });
      const forget = (): void => {
        tokens.finish(token);
        reject(control.signal.reason);
      };
      // A task that ended while its token was being made (e.g. its execution failed) leaves no live token.
      if (control.signal.aborted) forget();
      else control.signal.addEventListener("abort", forget, { once: true });
    });
  }

  private runLambdaFunction(request: TaskRequest): Promise<JsonValue> {
    const events = lambdaFunctionEvents(request);
    return supervise(request, events, this.parts.clock, async (control) => {
      events.scheduled();
      const handler = this.parts.lambdas.find(request.resource);
      if (!handler) throw this.lambdaNotFound(request.resource);
      events.started();
      control.signal.throwIfAborted();
      return callLambda(handler, lambdaFunctionName(request.resource), request.input, control.signal);
    });
  }

  private lambdaNotFound(reference: string): TaskFailed {
    const arn = reference.startsWith("arn:")
      ? reference
      : lambdaArn({ region: this.parts.region, accountId: this.parts.accountId }, lambdaFunctionName(reference));
    return new TaskFailed(
      "Lambda.ResourceNotFoundException",
      `Function not found: ${arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; no function of this name is registered with engine.registerLambda)`,
    );
  }

  private runService(request: TaskRequest, service: string, action: string): Promise<JsonValue> {
    const [baseAction = action, ...patternParts] = action.split(".");
    const pattern = patternParts.join(".");
    const events = serviceTaskEvents(request, service, action, this.parts.region);
    return supervise(request, events, this.parts.clock, async (control) => {
      events.scheduled();
      control.signal.throwIfAborted();
      if (service === "lambda" && baseAction === "invoke" && this.parts.mocks.find(request.resource) === undefined) {
        return this.invokeLambda(request, events, control, pattern);
      }
      if (service === "states" && baseAction === "startExecution" && this.parts.mocks.find(request.resource) === undefined) {
        return this.startNestedExecution(request, events, control, pattern);
      }
      const mock = this.parts.mocks.find(request.resource);
      if (mock === undefined) {
        events.started();
        throw new TaskFailed(
          UNSUPPORTED_INTEGRATION_ERROR,
          `the local engine does not run ${request.resource}; give it a response with engine.mockServiceResponse(${JSON.stringify(request.resource)}, response)`,
        );
      }
      events.started();
      control.signal.throwIfAborted();
      const callMock = async (): Promise<JsonValue> => (typeof mock === "function" ? await mock(request.input) : mock);
      if (pattern === "waitForTaskToken") {
        const token = this.tokenOf(request);
        const answer = this.awaitToken(token, control);
        events.submitted(JSON.stringify(await callMock()));
        control.startHeartbeatClock();
        return answer;
      }
      return callMock();
    });
  }

  private tokenOf(request: TaskRequest): string {
    return request.taskToken ?? newTaskToken();
  }

  /** `arn:aws:states:::lambda:invoke`: Lambda's Invoke response, `{ Payload, StatusCode, ... }`. */
  private async invokeLambda(request: TaskRequest, events: TaskEvents, control: TaskControl, pattern: string): Promise<JsonValue> {
    const parameters = isJsonObject(request.input) ? request.input : {};
    const functionName = parameters["FunctionName"];
    if (typeof functionName !== "string") {
      events.started();
      throw new TaskFailed("Lambda.InvalidParameterValueException", "lambda:invoke needs a string FunctionName in its Parameters");
    }
    const handler = this.parts.lambdas.find(functionName);
    events.started();
    control.signal.throwIfAborted();
    if (!handler) throw this.lambdaNotFound(functionName);
    const token = pattern === "waitForTaskToken" ? this.tokenOf(request) : undefined;
    const answer = token === undefined ? undefined : this.awaitToken(token, control);
    const payload = callLambda(handler, lambdaFunctionName(functionName), parameters["Payload"] ?? {}, control.signal);
    // Keep an early answer's rejection from going unhandled while the invocation runs.
    answer?.catch(() => undefined);
    const response: JsonObject = {
      ExecutedVersion: "$LATEST",
      Payload: await payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: randomUUID() },
      StatusCode: 200,
    };
    if (answer === undefined) return response;
    events.submitted(JSON.stringify(response));
    control.startHeartbeatClock();
    return answer;
  }

  /** `arn:aws:states:::states:startExecution` (plain, `.sync`, `.sync:2`, `.waitForTaskToken`). */
  private async startNestedExecution(request: TaskRequest, events: TaskEvents, control: TaskControl, pattern: string): Promise<JsonValue> {
    const parameters = isJsonObject(request.input) ? request.input : {};
    const machineArn = parameters["StateMachineArn"];
    const input = parameters["Input"];
    const name = parameters["Name"];
    events.started();
    control.signal.throwIfAborted();
    if (typeof machineArn !== "string" || parseArn(machineArn) === undefined) {
      throw new TaskFailed("StepFunctions.InvalidArnException", `startExecution needs a StateMachineArn in its Parameters, got ${JSON.stringify(machineArn ?? null)}`);
    }
    const token = pattern === "waitForTaskToken" ? this.tokenOf(request) : undefined;
    const answer = token === undefined ? undefined : this.awaitToken(token, control);
    answer?.catch(() => undefined);
    let child: ExecutionRecord;
    try {
      child = this.parts.executions().start({
        stateMachineArn: machineArn,
        input: typeof input === "string" ? input : JSON.stringify(input ?? {}),
        ...(typeof name === "string" ? { name } : {}),
      }).record;
    } catch (error) {
      if (error instanceof ApiError) throw new TaskFailed(apiErrorName("StepFunctions", error.code), error.message);
      throw error;
    }
    const started: JsonObject = { ExecutionArn: child.executionArn, StartDate: child.startDate };
    if (answer !== undefined) {
      events.submitted(JSON.stringify(started));
      control.startHeartbeatClock();
      return answer;
    }
    if (pattern !== "sync" && pattern !== "sync:2") return started;
    events.submitted(JSON.stringify(started));
    let done: ExecutionRecord;
    try {
      done = await this.parts.executions().whenDone(child.executionArn, control.signal);
    } catch (error) {
      // The parent stopped or timed out: a .sync child is stopped with it, as on AWS.
      this.parts.executions().stop(child.executionArn, "States.Aborted", "the parent execution's task ended");
      throw error;
    }
    const described = this.describeForSync(done, pattern === "sync:2");
    if (done.status !== "SUCCEEDED") throw new TaskFailed("States.TaskFailed", JSON.stringify(described));
    return described;
  }

  private describeForSync(record: ExecutionRecord, parsedOutput: boolean): JsonObject {
    const described: JsonObject = {
      ExecutionArn: record.executionArn,
      Input: parsedOutput ? (JSON.parse(record.input) as JsonValue) : record.input,
      InputDetails: { Included: true },
      Name: record.name,
      StartDate: record.startDate,
      StateMachineArn: record.stateMachineArn,
      Status: record.status,
    };
    if (record.stopDate !== undefined) described["StopDate"] = record.stopDate;
    if (record.output !== undefined) {
      described["Output"] = parsedOutput ? (JSON.parse(record.output) as JsonValue) : record.output;
      described["OutputDetails"] = { Included: true };
    }
    if (record.error !== undefined) described["Error"] = record.error;
    if (record.cause !== undefined) described["Cause"] = record.cause;
    return described;
  }
}
