/**
 * How a worker tells sfini's local engine from AWS, and how it ends its polls there. The
 * engine marks every answer with {@link LOCAL_ENGINE_HEADER}; a worker that saw it may ask the
 * engine to end its open long polls empty (the engine decides atomically, so no task is lost),
 * and to tell it the moment a task it runs is gone, which AWS has no way to do.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { DeserializeHandler, MiddlewareStack } from "@smithy/types";
import { LOCAL_ENGINE_HEADER, RELEASE_POLLS_OPERATION, WATCH_TASK_HOLD_MS, WATCH_TASK_OPERATION } from "../local-engine-protocol.js";

/**
 * Told after each answer: the URL of the endpoint when it is the local engine, null when the
 * answer came from elsewhere.
 */
export type LocalEngineTell = (endpoint: string | null) => void;

interface RawRequest {
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
}

interface RawResponse {
  headers?: Record<string, string | undefined>;
}

/**
 * Add to a command's middleware `stack` one that reads the raw answer's headers (it sits inside
 * the deserializer, so an error answer is seen too) and calls `tell`.
 */
export function learnEndpoint<I extends object, O extends object>(stack: MiddlewareStack<I, O>, tell: LocalEngineTell): void {
  stack.add(
    (next: DeserializeHandler<I, O>): DeserializeHandler<I, O> => async (args) => {
      const result = await next(args);
      const headers = (result.response as RawResponse | undefined)?.headers ?? {};
      const header = Object.entries(headers).find(([name]) => name.toLowerCase() === LOCAL_ENGINE_HEADER)?.[1];
      const sent = (args as { request?: RawRequest }).request ?? {};
      tell(header === "1" ? `${sent.protocol ?? "http:"}//${sent.hostname ?? "127.0.0.1"}${sent.port ? `:${sent.port}` : ""}${sent.path ?? "/"}` : null);
      return result;
    },
    { step: "deserialize", priority: "low", name: "sfiniLocalEngineDetector" },
  );
}

/**
 * Ask the local engine at `endpoint` to end the open polls of `workerName` on `activityArn`
 * empty. Rejects on any failure (the caller then waits its polls out).
 */
export async function releasePolls(endpoint: string, activityArn: string, workerName: string, timeoutMs = 5_000): Promise<void> {
  await callLocalEngine(endpoint, RELEASE_POLLS_OPERATION, { activityArn, workerName }, timeoutMs);
}

/**
 * Wait, at most one hold of the engine, for the local engine at `endpoint` to end the task of
 * `taskToken` (timed out, stopped, answered): resolves `true` once it did, `false` when the
 * hold passed with the task still live. Rejects on any failure, and when `signal` aborts.
 */
export async function watchTask(endpoint: string, taskToken: string, signal: AbortSignal): Promise<boolean> {
  const answer = await callLocalEngine(endpoint, WATCH_TASK_OPERATION, { taskToken }, WATCH_TASK_HOLD_MS + 15_000, signal);
  return (JSON.parse(answer) as { live?: unknown }).live === false;
}

/**
 * One call of an operation only the local engine has, outside the SDK (no retries, no
 * signing: the engine checks none, and AWS never gets it). Resolves with the answer's body;
 * rejects on anything but HTTP 200, after `timeoutMs` of silence, or when `signal` aborts.
 */
function callLocalEngine(endpoint: string, operation: string, input: object, timeoutMs: number, signal?: AbortSignal): Promise<string> {
  const url = new URL(endpoint);
  const body = JSON.stringify(input);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        agent: false,
        timeout: timeoutMs,
        ...(signal ? { signal } : {}),
        headers: {
          "Content-Type": "application/x-amz-json-1.0",
          "X-Amz-Target": `AWSStepFunctions.${operation}`,
          "Content-Length": Buffer.byteLength(body),
          Connection: "close",
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.once("end", () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString("utf8")) : reject(new Error(`${operation} answered HTTP ${res.statusCode}`))));
        res.once("error", reject);
      },
    );
    req.once("timeout", () => req.destroy(new Error(`${operation} got no answer within ${timeoutMs} ms`)));
    req.once("error", reject);
    req.end(body);
  });
}
