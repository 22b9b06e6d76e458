/** Lambda functions registered in-process with `engine.registerLambda(name, fn)`. */
import type { JsonValue } from "../../json.js";
import { validateName } from "../../names.js";

/** What a registered Lambda function receives besides its event. */
export interface LambdaContext {
  /** The function's bare name (no ARN, alias or version), as Lambda's `functionName`. */
  functionName: string;
  /** A fresh id per invocation, as Lambda's `awsRequestId`. */
  awsRequestId: string;
  /** Aborted when the calling execution stops or the task times out. */
  signal: AbortSignal;
}

/**
 * An in-process Lambda function: returns (or resolves with) its result; a thrown error fails
 * the task with the error's `name` as ASL error (as Lambda reports `errorType`).
 */
export type LambdaHandler = (event: JsonValue, context: LambdaContext) => JsonValue | undefined | void | Promise<JsonValue | undefined | void>;

/**
 * The function name in any form Lambda accepts: `name`, `name:alias`, `123456789012:function:name`,
 * or a full function ARN (qualified or not).
 */
export function lambdaFunctionName(reference: string): string {
  const parts = reference.split(":");
  if (parts[0] === "arn") return parts[6] ?? reference;
  const functionAt = parts.indexOf("function");
  if (functionAt >= 0 && parts[functionAt + 1] !== undefined) return parts[functionAt + 1]!;
  return parts[0]!;
}

/** Registered functions by name. */
export class LambdaRegistry {
  private readonly handlers = new Map<string, LambdaHandler>();

  /** @param fallback - Handler of a function no one registered (e.g. forwarded to a Lambda endpoint). */
  constructor(private readonly fallback?: (name: string) => LambdaHandler) {}

  /** Register (or replace) a function. */
  register(name: string, handler: LambdaHandler): void {
    validateName(name, "Lambda function name");
    if (typeof handler !== "function") throw new TypeError(`the handler of Lambda function ${JSON.stringify(name)} must be a function`);
    this.handlers.set(name, handler);
  }

  /** The handler of a function named in any of Lambda's forms, or undefined. */
  find(reference: string): LambdaHandler | undefined {
    return this.findByName(lambdaFunctionName(reference));
  }

  /** The handler of the function with this bare name (see {@link lambdaFunctionName}), or undefined. */
  findByName(name: string): LambdaHandler | undefined {
    return this.handlers.get(name) ?? this.fallback?.(name);
  }
}
