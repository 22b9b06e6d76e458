/**
 * The Step Functions wire protocol over `node:http`: `POST /` with `X-Amz-Target:
 * AWSStepFunctions.<Operation>` and an `application/x-amz-json-1.0` body; answers JSON, errors
 * as `{ "__type", "message" }` with AWS's status codes. Signatures are not checked.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { ApiError } from "../api-error.js";
import { LOCAL_ENGINE_HEADER } from "../../local-engine-protocol.js";
import { OperationInput } from "./input.js";
import type { EngineState, OperationHandler, OperationTable } from "./operation.js";
import type { FaultInjector } from "../faults.js";
import type { JsonObject } from "../../json.js";
import { BodyBudget, DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BUFFERED_BYTES, parseRequestBody, readRequestBody } from "./request-body.js";
import { claimingHandler, type WebHandler } from "./web-handler.js";

export { MAX_REQUEST_BYTES } from "./request-body.js";

const TARGET_PREFIX = "AWSStepFunctions.";
const CONTENT_TYPE = "application/x-amz-json-1.0";

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  host: string;
  port: number;
  operations: OperationTable;
  engine: EngineState;
  faults: FaultInjector;
  /** Wait this many real ms (fault latency); cancelled timers are the engine clock's. */
  delay(ms: number): Promise<void>;
  /** Real ms a client has to send a request body (default 30 s), then 408 and close. */
  bodyTimeoutMs?: number;
  /** Cap on the bytes buffered across all requests in flight (default 64 MiB), then 503. */
  maxBufferedBytes?: number;
  /** Answers the non-API requests it claims (the console); without it they are unknown operations. */
  web?: WebHandler;
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
    [LOCAL_ENGINE_HEADER]: "1",
    ...(closeAfter ? { Connection: "close" } : {}),
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiError, closeAfter = false): void {
  send(res, error.status, { ...error.fields, __type: error.code, message: error.message }, closeAfter);
}

async function handle(req: IncomingMessage, res: ServerResponse, options: HttpServerOptions, budget: BodyBudget): Promise<void> {
  const web = claimingHandler(options.web, req);
  if (web) return web.handle(req, res, () => readRequestBody(req, budget, options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS));
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
  const handler = operationName === undefined ? undefined : lookUpOperation(options.operations, operationName);
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
  const body = await readRequestBody(req, budget, options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS);
  if ("gone" in body) return;
  if ("error" in body) {
    sendError(res, body.error, true);
    res.once("finish", () => req.socket.destroy());
    return;
  }
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
    input = parseRequestBody(body.text);
  } catch (error) {
    sendError(res, error as ApiError);
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

/** The handler of a real operation; inherited names (`constructor`, `toString`) are none. */
function lookUpOperation(operations: OperationTable, name: string | undefined): OperationHandler | undefined {
  return name !== undefined && Object.hasOwn(operations, name) ? operations[name] : undefined;
}

/** Start listening; resolves once bound. */
export function startHttpServer(options: HttpServerOptions): Promise<StartedServer> {
  const budget = new BodyBudget(options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES);
  const server = createServer((req, res) => {
    handle(req, res, options, budget).catch((error: unknown) => {
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
