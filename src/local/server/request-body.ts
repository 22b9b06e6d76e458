/**
 * Reading request bodies without letting clients hold the engine's memory or sockets: each body
 * must arrive within a deadline, and the bytes buffered across every request in flight share
 * one budget. Bodies are copied into a buffer of their own, because a socket's chunk may be a
 * view on a much larger read buffer that it would otherwise keep alive.
 */
import type { IncomingMessage } from "node:http";
import { ApiError } from "../api-error.js";
import { isJsonObject, type JsonObject } from "../../json.js";

/**
 * Largest request body read: a 1 MiB-character definition may take up to 4 bytes a character
 * in UTF-8, plus the other fields. Field limits (1 MiB definitions, 256 KiB payloads) are
 * checked per field with `ValidationException`; a body beyond this is answered 413 unread.
 */
export const MAX_REQUEST_BYTES = 4 * 1_048_576 + 65_536;

/** Default time a client has to send a whole body, in real ms. */
export const DEFAULT_BODY_TIMEOUT_MS = 30_000;

/** Default cap on the bytes buffered across all requests in flight. */
export const DEFAULT_MAX_BUFFERED_BYTES = 64 * 1_048_576;

/** Deepest nesting of arrays and objects accepted in a request body. */
export const MAX_BODY_DEPTH = 1_000;

/** What reading ended with: the text, or the error to answer (and then close the connection). */
export type BodyOutcome = { text: string } | { error: ApiError } | { gone: true };

/** Bytes reserved by the bodies being read, against one cap. */
export class BodyBudget {
  private used = 0;

  constructor(readonly capBytes: number) {}

  /** Bytes currently reserved. */
  get reserved(): number {
    return this.used;
  }

  /** Reserve `bytes` more; false (nothing reserved) when that would pass the cap. */
  take(bytes: number): boolean {
    if (this.used + bytes > this.capBytes) return false;
    this.used += bytes;
    return true;
  }

  /** Give back bytes taken. */
  give(bytes: number): void {
    this.used -= bytes;
  }
}

function tooLarge(): ApiError {
  return new ApiError("RequestEntityTooLargeException", `Request body larger than ${MAX_REQUEST_BYTES} bytes`, 413);
}

function overloaded(): ApiError {
  return new ApiError("ServiceUnavailable", "The local engine is buffering too many request bytes; retry later", 503);
}

/**
 * Read `req`'s body within `timeoutMs`, its buffer reserved in `budget` until the read ends.
 * Never rejects: a slow, oversized or over-budget body comes back as the error to answer, a
 * client gone mid-body as `gone`.
 */
export function readRequestBody(req: IncomingMessage, budget: BodyBudget, timeoutMs: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    let length = 0;
    let reserved = 0;
    let settled = false;
    const finish = (outcome: BodyOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off("data", onData);
      budget.give(reserved);
      reserved = 0;
      if (!("text" in outcome)) req.pause();
      resolve(outcome);
    };
    const reserve = (bytes: number): boolean => {
      if (bytes <= reserved) return true;
      if (!budget.take(bytes - reserved)) return false;
      reserved = bytes;
      return true;
    };
    const declared = Number(req.headers["content-length"] ?? "0") || 0;
    const onData = (chunk: Buffer): void => {
      const needed = length + chunk.length;
      if (needed > MAX_REQUEST_BYTES) return finish({ error: tooLarge() });
      if (needed > buffer.length) {
        const capacity = Math.min(MAX_REQUEST_BYTES, declared > 0 ? Math.max(needed, declared) : Math.max(needed, buffer.length * 2, 1024));
        if (!reserve(capacity)) return finish({ error: overloaded() });
        const grown = Buffer.allocUnsafeSlow(capacity);
        buffer.copy(grown, 0, 0, length);
        buffer = grown;
      }
      chunk.copy(buffer, length);
      length = needed;
    };
    const timer = setTimeout(() => finish({ error: new ApiError("RequestTimeoutException", `The request body did not arrive within ${timeoutMs} ms`, 408) }), timeoutMs);
    if (declared > MAX_REQUEST_BYTES) return finish({ error: tooLarge() });
    if (declared > 0 && !reserve(declared)) return finish({ error: overloaded() });
    req.on("data", onData);
    req.once("end", () => finish({ text: buffer.toString("utf8", 0, length) }));
    req.once("error", () => finish({ gone: true }));
    req.once("close", () => finish({ gone: true }));
  });
}

/**
 * Parse a body as the operation's JSON object; malformed JSON, a non-object, or nesting deeper
 * than {@link MAX_BODY_DEPTH} is `SerializationException` (checked without recursion, so no
 * depth overflows the stack).
 */
export function parseRequestBody(body: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = body.trim() === "" ? {} : JSON.parse(body);
  } catch (error) {
    throw new ApiError("SerializationException", `Malformed request body: ${(error as Error).message}`);
  }
  if (!isJsonObject(parsed)) throw new ApiError("SerializationException", "Malformed request body: the body must be a JSON object");
  if (nestingDepth(parsed, MAX_BODY_DEPTH) > MAX_BODY_DEPTH) {
    throw new ApiError("SerializationException", `Malformed request body: nested deeper than ${MAX_BODY_DEPTH} levels`);
  }
  return parsed;
}

/** Depth of nested arrays and objects in `value`, counted up to just past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return deepest;
}
