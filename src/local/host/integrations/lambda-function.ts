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
 * What a handler receives besides its event. `awsRequestId` is made when first read and
 * `signal` asked for only when read (most handlers read neither).
 */
class InvocationContext implements LambdaContext {
  private requestId: string | undefined;

  constructor(
    readonly functionName: string,
    private readonly signalOf: () => AbortSignal,
  ) {}

  get awsRequestId(): string {
    return (this.requestId ??= randomUUID());
  }

  get signal(): AbortSignal {
    return this.signalOf();
  }
}

/**
 * Call an in-process Lambda handler as Lambda would: JSON in, JSON out, errors as `errorType`.
 * A handler that returns (or throws) at once is answered at once; one that returns a promise,
 * when it settles.
 */
export function callLambda(handler: LambdaHandler, functionName: string, event: JsonValue, signal: () => AbortSignal): JsonValue | Promise<JsonValue> {
  let result: unknown;
  try {
    result = handler(event, new InvocationContext(functionName, signal));
  } catch (error) {
    throw lambdaError(error);
  }
  if (typeof (result as { then?: unknown } | null | undefined)?.then === "function") {
    return Promise.resolve(result).then(lambdaResult, (error: unknown) => {
      throw lambdaError(error);
    });
  }
  return lambdaResult(result);
}

/** What a handler threw, as Lambda reports it. */
function lambdaError(error: unknown): TaskFailed {
  if (error instanceof TaskFailed) return error;
  const err = error instanceof Error ? error : new Error(String(error));
  // The Node.js runtime's error document, field for field (Lambda docs, "function errors in Node.js").
  const cause = JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: (err.stack ?? "").split("\n") });
  return new TaskFailed(err.name, cause);
}

/**
 * Lambda serialises the result to JSON: dates become strings, undefined becomes null (a
 * string, boolean or finite number is its own copy).
 */
function lambdaResult(result: unknown): JsonValue {
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
  run({ request, events, control, parts }) {
    events.scheduled();
    const name = lambdaFunctionName(request.resource);
    const handler = parts.lambdas.findByName(name);
    if (!handler) throw lambdaNotFound(parts, request.resource);
    events.started();
    control.throwIfAborted();
    return callLambda(handler, name, request.input, () => control.signal);
  },
};
