/**
 * The web console on the engine's port: `GET /` redirects to `/console/`, every page and
 * action under `/console/` (see {@link ROUTES}). Requests reach it only with the `Host` of the
 * address they came in on, and POSTs only with the process's token.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WebHandler } from "../server/web-handler.js";
import type { BodyOutcome } from "../server/request-body.js";
import type { ConsoleData } from "./console-data.js";
import { GraphCache } from "./graph-cache.js";
import { ROUTES, notFound, type ConsoleAnswer } from "./routes.js";
import { ActionToken, SECURITY_HEADERS, allowedHosts } from "./security.js";

const TEXT = "text/plain; charset=utf-8";

/** The console, as the engine's server calls it. */
export class WebConsole implements WebHandler {
  private readonly graphs = new GraphCache();
  private readonly token = new ActionToken();

  constructor(private readonly data: ConsoleData) {}

  claims(_method: string, path: string): boolean {
    return path === "/" || path === "/favicon.ico" || path === "/console" || path.startsWith("/console/");
  }

  async handle(req: IncomingMessage, res: ServerResponse, readBody: () => Promise<BodyOutcome>): Promise<void> {
    const local = (req.socket.localAddress ?? "").replace(/^::ffff:/, "");
    const host = String(req.headers.host ?? "").toLowerCase();
    if (!allowedHosts(local, req.socket.localPort ?? 0).has(host)) {
      req.resume();
      return reply(res, { status: 403, contentType: TEXT, body: `Forbidden: the console answers only requests to the address it is bound to, not Host ${JSON.stringify(host)}\n` });
    }
    const url = new URL(req.url ?? "/", "http://console.invalid");
    const method = req.method ?? "";
    const matching = ROUTES.filter((route) => route.pattern.test(url.pathname));
    const route = matching.find((candidate) => candidate.method === method);
    if (!route) {
      req.resume();
      return reply(res, matching.length > 0 ? { status: 405, contentType: TEXT, body: `Method ${method} not allowed here\n` } : notFound(`No page ${url.pathname}`));
    }
    let arn = "";
    const encoded = route.pattern.exec(url.pathname)?.[1];
    if (encoded !== undefined) {
      try {
        arn = decodeURIComponent(encoded);
      } catch {
        req.resume();
        return reply(res, notFound(`No page ${url.pathname}`));
      }
    }
    let form = new URLSearchParams();
    if (method === "POST") {
      const refusal = await this.readForm(req, host, readBody);
      if (!(refusal instanceof URLSearchParams)) return reply(res, refusal);
      form = refusal;
    }
    let answer: ConsoleAnswer;
    try {
      answer = await route.answer({ data: this.data, graphs: this.graphs, token: this.token.value, query: url.searchParams, arn, form });
    } catch (error) {
      answer = { status: 500, contentType: TEXT, body: `Internal error: ${String(error)}\n` };
    }
    reply(res, answer);
  }

  /** The POSTed form, or the answer refusing it (no token, another site's page, too large). */
  private async readForm(req: IncomingMessage, host: string, readBody: () => Promise<BodyOutcome>): Promise<URLSearchParams | ConsoleAnswer> {
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://${host}`) {
      req.resume();
      return { status: 403, contentType: TEXT, body: `Forbidden: a form of ${JSON.stringify(origin)} cannot act on this console\n` };
    }
    if (!String(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      req.resume();
      return { status: 415, contentType: TEXT, body: "Actions take an application/x-www-form-urlencoded form\n" };
    }
    const body = await readBody();
    if ("gone" in body) return { status: 400, contentType: TEXT, body: "" };
    if ("error" in body) return { status: body.error.status, contentType: TEXT, body: `${body.error.message}\n` };
    const form = new URLSearchParams(body.text);
    if (!this.token.matches(form.get("token") ?? undefined)) {
      return { status: 403, contentType: TEXT, body: "Forbidden: the form's token is missing or not this engine's; reload the page\n" };
    }
    return form;
  }
}

function reply(res: ServerResponse, answer: ConsoleAnswer): void {
  if (res.writableEnded || res.destroyed) return;
  if ("location" in answer) {
    res.writeHead(answer.status, { ...SECURITY_HEADERS, Location: answer.location, "Content-Length": 0 });
    res.end();
    return;
  }
  res.writeHead(answer.status, { ...SECURITY_HEADERS, "Content-Type": answer.contentType, "Content-Length": Buffer.byteLength(answer.body) });
  res.end(answer.body);
}
