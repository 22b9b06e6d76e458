/**
 * The Step Functions wire protocol over `node:http`: `POST /` with `X-Amz-Target:
 * AWSStepFunctions.<Operation>` and an `application/x-amz-json-1.0` body; answers JSON, errors
 * as `{ "__type", "message" }` with AWS's status codes. Signatures are not checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { ApiError } from "../api-error.js";
import { OperationInput } from "./input.js";
import type { EngineState, OperationTable } from "./operation.js";
import type { FaultInjector } from "../faults.js";
import { isJsonObject, type JsonObject } from "../../json.js";

const TARGET_PREFIX = "AWSStepFunctions.";
const CONTENT_TYPE = "application/x-amz-json-1.0";

/**
 * Largest request body read: a 1 MiB-character definition may take up to 4 bytes a character
 * in UTF-8, plus the other fields. Field limits (1 MiB definitions, 256 KiB payloads) are
 * checked per field with `ValidationException`; a body beyond this is answered 413 unread.
 */
export const MAX_REQUEST_BYTES = 4 * 1_048_576 + 65_536;

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  host: string;
  port: number;
  operations: OperationTable;
  engine: EngineState;
  faults: FaultInjector;
  /** Wait this many real ms (fault latency); cancelled timers are the engine clock's. */
  delay(ms: number): Promise<void>;
}

/** A started server. */
export interface StartedServer {
  server: Server;
  host: string;
  port: number;
  /** Stop accepting, end every open connection. */
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: JsonObject, closeAfter = false): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": CONTENT_TYPE,
    "Content-Length": Buffer.byteLength(text),
    "x-amzn-RequestId": randomUUID(),
    ...(closeAfter ? { Connection: "close" } : {}),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError, closeAfter = false): void {
  send(res, error.status, { ...error.fields, __type: error.code, message: error.message }, closeAfter);
}

/** Read the body up to `MAX_REQUEST_BYTES`; undefined (and 413 sent) when it is larger. */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? "0");
    const tooLarge = (): void => {
      sendError(res, new ApiError("RequestEntityTooLargeException", `Request body larger than ${MAX_REQUEST_BYTES} bytes`, 413), true);
      res.once("finish", () => req.socket.destroy());
      resolve(undefined);
    };
    if (declared > MAX_REQUEST_BYTES) {
      tooLarge();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.off("data", onData);
        req.pause();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (size <= MAX_REQUEST_BYTES) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.once("error", reject);
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions): Promise<void> {
  // The connection may go away while an operation waits (long polls): abort it then.
  const gone = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) gone.abort(new Error("client disconnected"));
  });
  const isConnected = (): boolean => !gone.signal.aborted && !req.socket.destroyed;
  const answered: ((delivered: boolean) => void)[] = [];
  const onAnswered = (callback: (delivered: boolean) => void): void => void answered.push(callback);
  const settleAnswered = (delivered: boolean): void => {
    for (const callback of answered.splice(0)) callback(delivered);
  };

  const target = String(req.headers["x-amz-target"] ?? "");
  const operationName = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  const handler = operationName === undefined ? undefined : options.operations[operationName];
  if (req.method !== "POST" || (req.url ?? "/").split("?")[0] !== "/" || !handler || operationName === undefined) {
    req.resume();
    sendError(res, new ApiError("UnknownOperationException", `Unknown operation: method ${req.method ?? ""} ${req.url ?? ""}, target ${JSON.stringify(target)}`));
    return;
  }

  const fault = options.faults.decide(operationName);
  if (fault.latencyMs > 0) await options.delay(fault.latencyMs);
  if (fault.outcome === "drop") {
    req.socket.destroy();
    return;
  }
  const body = await readBody(req, res);
  if (body === undefined) return;
  if (fault.outcome === "throttle") {
    sendError(res, new ApiError("ThrottlingException", "Rate exceeded", 400));
    return;
  }
  if (fault.outcome === "serverError") {
    sendError(res, new ApiError("InternalFailure", "Injected internal failure", 500));
    return;
  }

  let input: JsonObject;
  try {
    const parsed: unknown = body.trim() === "" ? {} : JSON.parse(body);
    if (!isJsonObject(parsed)) throw new Error("the body must be a JSON object");
    input = parsed;
  } catch (error) {
    sendError(res, new ApiError("SerializationException", `Malformed request body: ${(error as Error).message}`));
    return;
  }

  let answer: JsonObject;
  try {
    answer = await handler({ input: new OperationInput(input), engine: options.engine, signal: gone.signal, isConnected, onAnswered });
  } catch (error) {
    if (fault.outcome === "dropResponse") {
      req.socket.destroy();
      return;
    }
    sendError(res, error instanceof ApiError ? error : new ApiError("InternalFailure", `Internal error: ${String(error)}`, 500));
    return;
  }
  if (fault.outcome === "dropResponse" || !isConnected()) {
    req.socket.destroy();
    settleAnswered(false);
    return;
  }
  res.once("finish", () => settleAnswered(true));
  res.once("close", () => settleAnswered(res.writableFinished));
  send(res, 200, answer);
}

/** Start listening; resolves once bound. */
export function startHttpServer(options: HttpServerOptions): Promise<StartedServer> {
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => {
      sendError(res, new ApiError("InternalFailure", `Internal error: ${String(error)}`, 500));
    });
  });
  // Longer than the 60-s long poll, so a polling client's kept-alive socket is not cut under it.
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      const address = server.address() as AddressInfo;
      resolve({
        server,
        host: options.host,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
