/** `arn:aws:states:::lambda:invoke` (and `.waitForTaskToken`): Lambda's Invoke response, `{ Payload, StatusCode, ... }`. */
import { randomUUID } from "node:crypto";
import { TaskFailed } from "../../interpreter/host.js";
import { lambdaFunctionName } from "../lambda-registry.js";
import { isJsonObject, type JsonObject } from "../../../json.js";
import { callbackOf } from "./callback.js";
import { callLambda, lambdaNotFound } from "./lambda-function.js";
import type { TaskIntegration } from "./integration.js";

/** The optimised Lambda integration. */
export const lambdaInvoke: TaskIntegration = {
  events: "Task",
  async run(call) {
    const { request, events, control, parts } = call;
    events.scheduled();
    control.signal.throwIfAborted();
    const parameters = isJsonObject(request.input) ? request.input : {};
    const functionName = parameters["FunctionName"];
    if (typeof functionName !== "string") {
      events.started();
      throw new TaskFailed("Lambda.InvalidParameterValueException", "lambda:invoke needs a string FunctionName in its Parameters");
    }
    const handler = parts.lambdas.find(functionName);
    events.started();
    control.signal.throwIfAborted();
    if (!handler) throw lambdaNotFound(parts, functionName);
    const callback = callbackOf(call);
    const payload = callLambda(handler, lambdaFunctionName(functionName), parameters["Payload"] ?? {}, control.signal);
    const response: JsonObject = {
      ExecutedVersion: "$LATEST",
      Payload: await payload,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: randomUUID() },
      StatusCode: 200,
    };
    return callback ? callback.submitted(response) : response;
  },
};
