/**
 * `arn:aws:states:::lambda:invoke` (and `.waitForTaskToken`): the Task's result is Lambda's
 * Invoke response as Step Functions passes it on (recorded on AWS): `ExecutedVersion`,
 * `Payload`, `SdkHttpMetadata` (the HTTP headers twice: `AllHttpHeaders` as lists in Lambda's
 * order, `HttpHeaders` as single values in sorted order, and `HttpStatusCode`),
 * `SdkResponseMetadata`, `StatusCode`, and `LogResult` when `LogType` is `Tail`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { TaskFailed } from "../../interpreter/host.js";
import { lambdaFunctionName, type LambdaHandler } from "../lambda-registry.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../../json.js";
import { callbackOf } from "./callback.js";
import { callLambda, lambdaNotFound } from "./lambda-function.js";
import type { TaskIntegration } from "./integration.js";
import { scheduleAndStart } from "./task-start.js";
import { sdkHttpMetadata } from "./sdk-http-metadata.js";

/**
 * The event Lambda receives: a string `Payload` is the JSON text it holds (as Step Functions
 * sends it, so `"0.0"` arrives as 0); no payload or `null` is an empty body, which Lambda
 * gives the function as `{}`.
 */
function eventOf(payload: JsonValue | undefined, requestId: string): JsonValue {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== "string") return payload;
  try {
    return JSON.parse(payload) as JsonValue;
  } catch (error) {
    throw new TaskFailed(
      "Lambda.InvalidRequestContentException",
      `Could not parse request body into json: ${(error as Error).message} (Service: Lambda, Status Code: 400, Request ID: ${requestId})`,
    );
  }
}

/** An X-Ray trace header of Lambda's form. */
function traceId(nowMs: number): string {
  const epoch = Math.floor(nowMs / 1000).toString(16).padStart(8, "0");
  return `Root=1-${epoch}-${randomBytes(12).toString("hex")};Parent=${randomBytes(8).toString("hex")};Sampled=0;Lineage=1:${randomBytes(4).toString("hex")}:0`;
}

/** The tail of the function's log (`LogType: Tail`): Lambda's START, END and REPORT lines, base64. */
function logTail(requestId: string, durationMs: number): string {
  const billed = Math.max(1, Math.ceil(durationMs));
  const lines = [
    `START RequestId: ${requestId} Version: $LATEST`,
    `END RequestId: ${requestId}`,
    `REPORT RequestId: ${requestId}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${billed} ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\t`,
    "",
  ];
  return Buffer.from(lines.join("\n"), "utf8").toString("base64");
}

/**
 * Invoke `handler` as lambda:invoke does with the Task's `parameters` (`FunctionName`,
 * `Payload`, `LogType`, ...) and answer with the Invoke response Step Functions returns.
 */
export async function invokeResponse(
  handler: LambdaHandler,
  parameters: JsonObject,
  signal: AbortSignal,
  nowMs: () => number,
): Promise<JsonObject> {
  const requestId = randomUUID();
  const functionName = typeof parameters["FunctionName"] === "string" ? parameters["FunctionName"] : "";
  const event = eventOf(parameters["Payload"], requestId);
  const started = nowMs();
  const payload = await callLambda(handler, lambdaFunctionName(functionName), event, { signal });
  const body = JSON.stringify(payload);
  const tail = parameters["LogType"] === "Tail" ? logTail(requestId, Math.max(0, nowMs() - started)) : undefined;
  const headers: [string, string][] = [
    ...(tail !== undefined ? ([["X-Amz-Log-Result", tail]] as [string, string][]) : []),
    ["X-Amz-Executed-Version", "$LATEST"],
    ["x-amzn-Remapped-Content-Length", "0"],
    ["Connection", "keep-alive"],
    ["x-amzn-RequestId", requestId],
    ["Content-Length", String(Buffer.byteLength(body, "utf8"))],
    ["Date", new Date(nowMs()).toUTCString()],
    ["X-Amzn-Trace-Id", traceId(nowMs())],
    ["Content-Type", "application/json"],
  ];
  return {
    ExecutedVersion: "$LATEST",
    ...(tail !== undefined ? { LogResult: tail } : {}),
    Payload: payload,
    ...sdkHttpMetadata(headers, requestId),
    StatusCode: 200,
  };
}

/** The optimised Lambda integration. */
export const lambdaInvoke: TaskIntegration = {
  events: "Task",
  async run(call) {
    const { request, control, parts } = call;
    await scheduleAndStart(call);
    const parameters = isJsonObject(request.input) ? request.input : {};
    const functionName = parameters["FunctionName"];
    if (typeof functionName !== "string") {
      throw new TaskFailed("Lambda.InvalidParameterValueException", "lambda:invoke needs a string FunctionName in its Parameters");
    }
    const handler = parts.lambdas.find(functionName);
    if (!handler) throw lambdaNotFound(parts, functionName);
    const callback = callbackOf(call);
    const response = await invokeResponse(handler, parameters, control.signal, () => parts.clock.now());
    return callback ? callback.submitted(response) : response;
  },
};
