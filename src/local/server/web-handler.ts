/**
 * Requests other than the API's `POST /`: the engine's server hands those a web handler
 * claims (the console's pages) to it, and answers the rest as unknown operations.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodyOutcome } from "./request-body.js";

/** Serves some non-API requests of the engine's port. */
export interface WebHandler {
  /** Whether this handler answers `method path` (path without the query). */
  claims(method: string, path: string): boolean;
  /** Answer a claimed request; `readBody` reads its body under the server's limits. */
  handle(req: IncomingMessage, res: ServerResponse, readBody: () => Promise<BodyOutcome>): Promise<void>;
}

/** The web handler claiming the request, if any; the API's `POST /` is never handed over. */
export function claimingHandler(web: WebHandler | undefined, req: IncomingMessage): WebHandler | undefined {
  const method = req.method ?? "";
  const path = (req.url ?? "/").split("?")[0]!;
  if (web === undefined || (method === "POST" && path === "/")) return undefined;
  return web.claims(method, path) ? web : undefined;
}
