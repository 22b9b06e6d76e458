/**
 * Lambda functions registered in-process: a function ARN as `Resource` (`LambdaFunction*`
 * events), and the call both it and `lambda:invoke` make.
 */
import { randomUUID } from "node:crypto";
import { TaskFailed } from "../../interpreter/host.js";
import { lambdaFunctionName, type LambdaContext, type LambdaHandler } from "../lambda-registry.js";
import { lambdaArn } from "../../../arn.js";
import type { JsonValue } from "../../../json.js";
import type { TaskHostParts, TaskIntegration } from "./integration.js";

/**
 * Call an in-process Lambda handler as Lambda would: JSON in, JSON out, errors as `errorType`.
 * `signal` is asked for only when the handler reads `context.signal` (most never do).
 */
export async function callLambda(handler: LambdaHandler, functionName: string, event: JsonValue, signal: () => AbortSignal): Promise<JsonValue> {
  let result: unknown;
  try {
    const context: LambdaContext = {
      functionName,
      awsRequestId: randomUUID(),
      get signal() {
        return signal();
      },
    };
    result = await handler(event, context);
  } catch (error) {
    if (error instanceof TaskFailed) throw error;
    const err = error instanceof Error ? error : new Error(String(error));
    // The Node.js runtime's error document, field for field (Lambda docs, "function errors in Node.js").
    const cause = JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: (err.stack ?? "").split("\n") });
    throw new TaskFailed(err.name, cause);
  }
  // Lambda serialises the result to JSON: dates become strings, undefined becomes null (a
  // string, boolean or finite number is its own copy).
  if (result === undefined || result === null) return null;
  if (typeof result === "string" || typeof result === "boolean" || (typeof result === "number" && Number.isFinite(result))) return result;
  return JSON.parse(JSON.stringify(result)) as JsonValue;
}

/**
 * Lambda's answer for a function no one registered, as Step Functions reports it: the
 * function's qualified ARN (`:$LATEST` when no version or alias was named) and the SDK's
 * "(Service: Lambda, Status Code: 404, Request ID: ...)".
 */
export function lambdaNotFound(parts: TaskHostParts, reference: string): TaskFailed {
  const pieces = reference.split(":");
  const isArn = pieces[0] === "arn";
  const functionAt = pieces.indexOf("function");
  const qualifier = isArn ? pieces[7] : functionAt >= 0 ? pieces[functionAt + 2] : pieces[1];
  const scope = isArn && pieces[3] && pieces[4] ? { region: pieces[3], accountId: pieces[4] } : { region: parts.region, accountId: functionAt === 1 ? pieces[0]! : parts.accountId };
  const arn = `${lambdaArn(scope, lambdaFunctionName(reference))}:${qualifier ?? "$LATEST"}`;
  return new TaskFailed(
    "Lambda.ResourceNotFoundException",
    `Function not found: ${arn} (Service: Lambda, Status Code: 404, Request ID: ${randomUUID()})`,
  );
}

/** A Lambda function ARN as `Resource`: the result is the function's own. */
export const lambdaFunction: TaskIntegration = {
  events: "LambdaFunction",
  async run({ request, events, control, parts }) {
    events.scheduled();
    const name = lambdaFunctionName(request.resource);
    const handler = parts.lambdas.findByName(name);
    if (!handler) throw lambdaNotFound(parts, request.resource);
    events.started();
    control.throwIfAborted();
    return callLambda(handler, name, request.input, () => control.signal);
  },
};
