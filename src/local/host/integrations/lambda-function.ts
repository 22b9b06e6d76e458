/**
 * Lambda functions registered in-process: a function ARN as `Resource` (`LambdaFunction*`
 * events), and the call both it and `lambda:invoke` make.
 */
import { randomUUID } from "node:crypto";
import { TaskFailed } from "../../interpreter/host.js";
import { lambdaFunctionName, type LambdaContext, type LambdaHandler } from "../lambda-registry.js";
import { lambdaArn } from "../../../arn.js";
import type { JsonObject, JsonValue } from "../../../json.js";
import { setKey } from "../../../set-key.js";
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
  try {
    result = handler(event, new InvocationContext(functionName, signal));
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
 * string, boolean or finite number is its own copy).
 */
function lambdaResult(result: unknown, control: TaskControl | undefined): JsonValue {
  if (result === undefined || result === null) return null;
  if (typeof result === "string" || typeof result === "boolean" || (typeof result === "number" && Number.isFinite(result))) return result;
  const text = JSON.stringify(result);
  const copy = plainCopy(result) ?? (JSON.parse(text) as JsonValue);
  // The copy serializes to the same text (it is what JSON.parse would make of it).
  control?.resultText(copy, text);
  return copy;
}

/** Raised by {@link copyOf} for a value that is not plain data. */
const NOT_PLAIN = Symbol("not plain data");

/**
 * What `JSON.parse(JSON.stringify(value))` gives, for plain data (objects of Object's or no
 * prototype without `toJSON`, arrays, strings, numbers, booleans, null), made without parsing
 * (a Lambda chain copies a result per Task); undefined for anything else, which takes the
 * round trip. Called after `JSON.stringify(value)` succeeded (no cycle, no BigInt).
 */
function plainCopy(value: unknown): JsonValue | undefined {
  try {
    return copyOf(value);
  } catch (error) {
    if (error === NOT_PLAIN || error instanceof RangeError) return undefined;
    throw error;
  }
}

function copyOf(value: unknown): JsonValue {
  if (typeof value === "string" || typeof value === "boolean" || value === null) return value;
  if (typeof value === "number") return Number.isFinite(value) ? value + 0 : null;
  if (typeof value !== "object") throw NOT_PLAIN;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype || typeof (value as { toJSON?: unknown }).toJSON === "function") throw NOT_PLAIN;
    const out: JsonValue[] = new Array<JsonValue>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      out[i] = item === undefined || typeof item === "function" || typeof item === "symbol" ? null : copyOf(item);
    }
    return out;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") throw NOT_PLAIN;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item: unknown = (value as Record<string, unknown>)[key];
    if (item === undefined || typeof item === "function" || typeof item === "symbol") continue;
    setKey(out, key, copyOf(item));
  }
  return out;
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
