/**
 * `arn:aws:states:::states:startExecution`: a nested local execution, fire-and-forget (the
 * start's answer), `.sync` / `.sync:2` (waits for the child; `:2` parses its input and output),
 * or `.waitForTaskToken` (the child answers on the token).
 */
import { randomUUID } from "node:crypto";
import { TaskFailed } from "../../interpreter/host.js";
import { redriveStatus, type ExecutionRecord } from "../../store/execution-store.js";
import { ApiError } from "../../api-error.js";
import { parseArn } from "../../../arn.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../../json.js";
import { callbackOf } from "./callback.js";
import type { TaskIntegration } from "./integration.js";
import { scheduleAndStart } from "./task-start.js";
import { sdkHttpMetadata } from "./sdk-http-metadata.js";

function apiErrorName(service: string, code: string): string {
  return `${service}.${code.endsWith("Exception") ? code : `${code}Exception`}`;
}

/** DescribeExecution's answer as a `.sync` task returns it. */
function describeForSync(record: ExecutionRecord, parsedOutput: boolean): JsonObject {
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
  // AWS adds DescribeExecution's redrive fields (recorded since they exist: test_sfn_start_execution_sync).
  const redrive = redriveStatus(record);
  described["RedriveCount"] = record.redriveCount;
  described["RedriveStatus"] = redrive.status;
  if (redrive.status === "NOT_REDRIVABLE") described["RedriveStatusReason"] = redrive.reason;
  return described;
}

/**
 * StartExecution's answer as Step Functions passes it on (recorded: test_start_execution and
 * every .sync TaskSubmitted): the ARN, the start date and the HTTP metadata of the API call,
 * whose body is the answer's JSON.
 */
function startAnswer(child: ExecutionRecord, nowMs: number): JsonObject {
  const requestId = randomUUID();
  const body = JSON.stringify({ executionArn: child.executionArn, startDate: child.startDate / 1000 });
  const headers: [string, string][] = [
    ["x-amzn-RequestId", requestId],
    ["connection", "keep-alive"],
    ["Content-Length", String(Buffer.byteLength(body, "utf8"))],
    ["Date", new Date(nowMs).toUTCString()],
    ["Content-Type", "application/x-amz-json-1.0"],
  ];
  return { ExecutionArn: child.executionArn, ...sdkHttpMetadata(headers, requestId), StartDate: child.startDate };
}

/** Nested executions of machines registered with this engine. */
export const startExecution: TaskIntegration = {
  events: "Task",
  async run(call) {
    const { request, events, control, parts, target } = call;
    const pattern = target.kind === "service" ? target.pattern : "";
    await scheduleAndStart(call);
    const parameters = isJsonObject(request.input) ? request.input : {};
    const machineArn = parameters["StateMachineArn"];
    const input = parameters["Input"];
    const name = parameters["Name"];
    if (typeof machineArn !== "string" || parseArn(machineArn) === undefined) {
      throw new TaskFailed("StepFunctions.InvalidArnException", `startExecution needs a StateMachineArn in its Parameters, got ${JSON.stringify(machineArn ?? null)}`);
    }
    const callback = callbackOf(call);
    let child: ExecutionRecord;
    try {
      child = parts.executions().start({
        stateMachineArn: machineArn,
        input: typeof input === "string" ? input : JSON.stringify(input ?? {}),
        ...(typeof name === "string" ? { name } : {}),
      }).record;
    } catch (error) {
      if (error instanceof ApiError) throw new TaskFailed(apiErrorName("StepFunctions", error.code), error.message);
      throw error;
    }
    const started = startAnswer(child, parts.clock.now());
    if (callback) return callback.submitted(started);
    if (pattern !== "sync" && pattern !== "sync:2") return started;
    events.submitted(JSON.stringify(started));
    let done: ExecutionRecord;
    try {
      done = await parts.executions().whenDone(child.executionArn, control.signal);
    } catch (error) {
      // The parent stopped or timed out: a .sync child is stopped with it, as on AWS.
      parts.executions().stop(child.executionArn, "States.Aborted", "the parent execution's task ended");
      throw error;
    }
    const described = describeForSync(done, pattern === "sync:2");
    if (done.status !== "SUCCEEDED") throw new TaskFailed("States.TaskFailed", JSON.stringify(described));
    return described;
  },
};
