/**
 * Lambda functions registered in-process: a function ARN as `Resource` (`LambdaFunction*`
 * events), and the call both it and `lambda:invoke` make.
 */
import { randomUUID } from "node:crypto";
import { TaskFailed } from "../../interpreter/host.js";
import { lambdaFunctionName, type LambdaContext, type LambdaHandler } from "../lambda-registry.js";
import { lambdaArn } from "../../../arn.js";
import type { JsonObject, JsonValue } from "../../../json.js";
import { jsonCopy, plainCopy } from "./json-copy.js";
import type { TaskCall, TaskHostParts, TaskIntegration } from "./integration.js";
import { startSoon } from "./task-start.js";
import type { TaskControl } from "../task-supervisor.js";

/**
 * What a handler receives besides its event. `awsRequestId` is made when first read and
 * `signal` asked for only when read (most handlers read neither).
 */
class InvocationContext implements LambdaContext {
  private requestId: string | undefined;

  constructor(
    readonly functionName: string,
    private readonly signalOf: (() => AbortSignal) | TaskControl,
  ) {}

  get awsRequestId(): string {
    return (this.requestId ??= randomUUID());
  }

  get signal(): AbortSignal {
    return typeof this.signalOf === "function" ? this.signalOf() : this.signalOf.signal;
  }
}

/**
 * Call an in-process Lambda handler as Lambda would: JSON in, JSON out, errors as `errorType`.
 * A handler that returns (or throws) at once is answered at once; one that returns a promise,
 * when it settles. `signal` gives the handler's `context.signal`; given the task's control, the
 * result's JSON text is handed on with it (the task's events need not serialize it again).
 */
export function callLambda(handler: LambdaHandler, functionName: string, event: JsonValue, signal: (() => AbortSignal) | TaskControl): JsonValue | Promise<JsonValue> {
  let result: unknown;
  // The handler gets its own copy, as Lambda's JSON gives it: what it changes in its event is
  // not the state's input (nor what the history will write of it).
  const own = jsonCopy(event);
  try {
    result = handler(own, new InvocationContext(functionName, signal));
  } catch (error) {
    throw lambdaError(error);
  }
  const control = typeof signal === "function" ? undefined : signal;
  if (typeof (result as { then?: unknown } | null | undefined)?.then === "function") {
    return Promise.resolve(result).then(
      (resolved) => lambdaResult(resolved, control),
      (error: unknown) => {
        throw lambdaError(error);
      },
    );
  }
  return lambdaResult(result, control);
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
 * string, boolean or finite number is its own copy). Plain data is copied as it is (its text
 * is made when an event needs it); anything else takes the round trip through its text, which
 * the task's events then reuse.
 */
function lambdaResult(result: unknown, control: TaskControl | undefined): JsonValue {
  if (result === undefined || result === null) return null;
  if (typeof result === "string" || typeof result === "boolean" || (typeof result === "number" && Number.isFinite(result))) return result;
  const copy = plainCopy(result);
  if (copy !== undefined) return copy;
  const text = JSON.stringify(result);
  const parsed = JSON.parse(text) as JsonValue;
  // The copy serializes to the same text (it is what JSON.parse made of it).
  control?.resultText(parsed, text);
  return parsed;
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

/** The bare name of the function a Lambda Task calls. */
function functionNameOf({ request, target }: TaskCall): string {
  return target.kind === "lambdaFunction" ? target.functionName : lambdaFunctionName(request.resource);
}

function startAndCall(call: TaskCall, handler: LambdaHandler): JsonValue | Promise<JsonValue> {
  const { request, events, control } = call;
  events.started();
  control.throwIfAborted();
  return callLambda(handler, functionNameOf(call), request.input, control);
}

/** A Lambda function ARN as `Resource`: the result is the function's own. */
export const lambdaFunction: TaskIntegration = {
  events: "LambdaFunction",
  run(call) {
    const { request, events, parts } = call;
    events.scheduled();
    const handler = parts.lambdas.findByName(functionNameOf(call));
    if (!handler) throw lambdaNotFound(parts, request.resource);
    // Started at once when alone, else after its siblings were scheduled (see scheduleAndStart).
    return startSoon(call, startAndCall, handler);
  },
};
