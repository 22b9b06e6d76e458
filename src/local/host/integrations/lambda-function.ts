/**
 * Lambda functions registered in-process: a function ARN as `Resource` (`LambdaFunction*`
 * events), and the call both it and `lambda:invoke` make.
 */
import { randomUUID } from "node:crypto";
import { TaskFailed, type TaskRequest } from "../../interpreter/host.js";
import { lambdaFunctionName, type LambdaContext, type LambdaHandler } from "../lambda-registry.js";
import { lambdaArn } from "../../../arn.js";
import type { JsonObject, JsonValue } from "../../../json.js";
import { jsonCopy, plainCopy } from "./json-copy.js";
import type { TaskCall, TaskHostParts, TaskIntegration, TaskTarget } from "./integration.js";
import { startSoon } from "./task-start.js";
import { recordFailure, resultTooLarge, Supervision } from "../task-supervisor.js";
import { eventTextOf, resourceEvents, writeScheduled, writeStarted, writeSucceeded, type TaskEvents } from "../task-events.js";

/**
 * Where a handler's `context.signal` comes from (read only when the handler reads it), and who
 * is told the JSON text of a result that took the round trip through its text.
 */
export interface HandlerSignal {
  readonly signal: AbortSignal;
  resultText?(value: JsonValue, text: string): void;
}

/**
 * What a handler receives besides its event. `awsRequestId` is made when first read and
 * `signal` asked for only when read (most handlers read neither).
 */
class InvocationContext implements LambdaContext {
  private requestId: string | undefined;

  constructor(
    readonly functionName: string,
    private readonly signalOf?: HandlerSignal,
  ) {}

  get awsRequestId(): string {
    return (this.requestId ??= randomUUID());
  }

  get signal(): AbortSignal {
    return this.signalOf!.signal;
  }
}

/**
 * Call an in-process Lambda handler as Lambda would: JSON in, JSON out, errors as `errorType`.
 * A handler that returns (or throws) at once is answered at once; one that returns a promise,
 * when it settles. `signal` gives the handler's `context.signal`, and hears the result's JSON
 * text when one was made (the task's events need not serialize it again).
 */
export function callLambda(handler: LambdaHandler, functionName: string, event: JsonValue, signal: HandlerSignal): JsonValue | Promise<JsonValue> {
  return callWith(handler, event, new InvocationContext(functionName, signal), signal);
}

function callWith(handler: LambdaHandler, event: JsonValue, context: LambdaContext, signal: HandlerSignal): JsonValue | Promise<JsonValue> {
  let result: unknown;
  // The handler gets its own copy, as Lambda's JSON gives it: what it changes in its event is
  // not the state's input (nor what the history will write of it).
  const own = jsonCopy(event);
  try {
    result = handler(own, context);
  } catch (error) {
    throw lambdaError(error);
  }
  if (typeof (result as { then?: unknown } | null | undefined)?.then === "function") {
    return Promise.resolve(result).then(
      (resolved) => lambdaResult(resolved, signal),
      (error: unknown) => {
        throw lambdaError(error);
      },
    );
  }
  return lambdaResult(result, signal);
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
function lambdaResult(result: unknown, signal: HandlerSignal): JsonValue {
  if (result === undefined || result === null) return null;
  if (typeof result === "string" || typeof result === "boolean" || (typeof result === "number" && Number.isFinite(result))) return result;
  const copy = plainCopy(result);
  if (copy !== undefined) return copy;
  const text = JSON.stringify(result);
  const parsed = JSON.parse(text) as JsonValue;
  // The copy serializes to the same text (it is what JSON.parse made of it).
  signal.resultText?.(parsed, text);
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

/** The events object of a Lambda function Task (one that runs alone makes it only to fail, or for its supervisor). */
function lambdaEvents(request: TaskRequest): TaskEvents {
  return resourceEvents("LambdaFunction", request);
}

/** The bare name of the function a Lambda Task calls. */
function functionNameOf(request: TaskRequest, target: TaskTarget): string {
  return target.kind === "lambdaFunction" ? target.functionName : lambdaFunctionName(request.resource);
}

function startAndCall(call: TaskCall, handler: LambdaHandler): JsonValue | Promise<JsonValue> {
  const { request, target, events, control } = call;
  events.started();
  control.throwIfAborted();
  return callLambda(handler, functionNameOf(request, target), request.input, control);
}

/**
 * The context of a handler whose Task runs alone, and its supervisor, made only when the
 * handler needs one: it reads its signal, its answer waits, or its result took the round trip
 * through its text (the supervisor keeps that text for the success event).
 */
class AloneInvocation extends InvocationContext implements HandlerSignal {
  made: Supervision | undefined;

  constructor(
    private readonly request: TaskRequest,
    private readonly parts: TaskHostParts,
    functionName: string,
  ) {
    super(functionName);
  }

  /** The supervisor, made now if it was not yet. */
  supervisor(): Supervision {
    return (this.made ??= new Supervision(this.request, lambdaEvents(this.request), this.parts.clock));
  }

  override get signal(): AbortSignal {
    return this.supervisor().signal;
  }

  resultText(value: JsonValue, text: string): void {
    this.supervisor().resultText(value, text);
  }
}

/**
 * A Lambda function ARN as `Resource`: the result is the function's own. A Task that runs alone
 * (most do: a chain of them runs one per state) writes the same events with no supervisor unless
 * its handler needs one (see {@link AloneInvocation}), and with no events object unless it
 * fails: a handler that answers plain data at once is over before any timer or listener would
 * have mattered.
 */
export const lambdaFunction: TaskIntegration = {
  events: "LambdaFunction",
  run(call) {
    call.events.scheduled();
    const handler = call.parts.lambdas.findByName(functionNameOf(call.request, call.target));
    if (!handler) throw lambdaNotFound(call.parts, call.request.resource);
    // Started at once when alone, else after its siblings were scheduled (see scheduleAndStart).
    return startSoon(call, startAndCall, handler);
  },
  runAlone(request, target, parts) {
    const functionName = functionNameOf(request, target);
    writeScheduled("LambdaFunction", request);
    const handler = parts.lambdas.findByName(functionName);
    if (!handler) throw recordFailure(lambdaEvents(request), lambdaNotFound(parts, request.resource));
    writeStarted("LambdaFunction", request);
    // Writing an event can end the task (a run at the history's limit fails and aborts it).
    const stopped = request.abortState ?? request.signal;
    if (stopped.aborted) throw request.signal.reason;
    const invocation = new AloneInvocation(request, parts, functionName);
    let result: JsonValue | Promise<JsonValue>;
    try {
      result = callWith(handler, request.input, invocation, invocation);
    } catch (error) {
      // A handler that took its signal ends under the supervisor, which also lets go of it.
      if (invocation.made) return invocation.made.run(() => {
        throw error;
      });
      throw recordFailure(lambdaEvents(request), error);
    }
    if (invocation.made || result instanceof Promise) return invocation.supervisor().run(() => result);
    // What the supervisor checks of work that answered at once: a stop while it ran, the result's size.
    if (stopped.aborted) throw request.signal.reason;
    const text = eventTextOf(request, result);
    const tooLarge = resultTooLarge(request, text);
    if (tooLarge) throw recordFailure(lambdaEvents(request), tooLarge);
    writeSucceeded("LambdaFunction", request, text);
    return result;
  },
};
