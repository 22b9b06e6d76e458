/**
 * The console's routes: method, path pattern, and what answers it. GETs only read; the POSTs
 * (start, stop, redrive) go through the API's own operations and answer with a redirect to the
 * page showing the result (or the page again with the refusal).
 */
import type { ConsoleData } from "./console-data.js";
import type { GraphCache } from "./graph-cache.js";
import { html, type Html } from "./html.js";
import { notice } from "./layout.js";
import { CONSOLE_ROOT, executionPath } from "./paths.js";
import { ASSET_PATHS } from "./layout.js";
import { CONSOLE_CSS, CONSOLE_JS } from "./assets.js";
import { stateMachinesPage } from "./pages/state-machines.js";
import { stateMachinePage } from "./pages/state-machine.js";
import { executionsPage } from "./pages/executions.js";
import { executionLive, executionPage } from "./pages/execution.js";
import { activitiesPage } from "./pages/activities.js";
import { mapRunPage } from "./pages/map-run.js";
import { ApiError } from "../api-error.js";

/** An answer of a route. */
export type ConsoleAnswer =
  | { status: number; contentType: string; body: string }
  | { status: 303 | 302; location: string };

/** What a route handler gets. */
export interface RouteCall {
  data: ConsoleData;
  graphs: GraphCache;
  /** The per-process token forms carry. */
  token: string;
  query: URLSearchParams;
  /** The decoded path parameter (an ARN), when the pattern has one. */
  arn: string;
  /** The fields of a POSTed form (already checked for the token). */
  form: URLSearchParams;
}

/** One route. */
export interface Route {
  method: "GET" | "POST";
  /** Matches the path; group 1, when present, is the URL-encoded ARN. */
  pattern: RegExp;
  answer(call: RouteCall): ConsoleAnswer | Promise<ConsoleAnswer>;
}

const HTML = "text/html; charset=utf-8";

function ok(body: Html): ConsoleAnswer {
  return { status: 200, contentType: HTML, body: body.text };
}

/** A page saying what was not found, with status 404. */
export function notFound(what: string): ConsoleAnswer {
  return { status: 404, contentType: HTML, body: html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · sfini local</title></head><body><h1>Not found</h1><p>${what}</p><p><a href="${CONSOLE_ROOT}">State machines</a></p></body></html>`.text };
}

function failureText(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  throw error;
}

const ARN = "([^/]+)";

/** Every route of the console. */
export const ROUTES: readonly Route[] = [
  { method: "GET", pattern: /^\/$/, answer: () => ({ status: 302, location: CONSOLE_ROOT }) },
  { method: "GET", pattern: /^\/favicon\.ico$/, answer: () => ({ status: 204, contentType: "image/x-icon", body: "" }) },
  { method: "GET", pattern: /^\/console$/, answer: () => ({ status: 302, location: CONSOLE_ROOT }) },
  { method: "GET", pattern: /^\/console\/(?:state-machines\/?)?$/, answer: ({ data }) => ok(stateMachinesPage(data)) },
  { method: "GET", pattern: new RegExp(`^${ASSET_PATHS.script}$`), answer: () => ({ status: 200, contentType: "text/javascript; charset=utf-8", body: CONSOLE_JS }) },
  { method: "GET", pattern: new RegExp(`^${ASSET_PATHS.style}$`), answer: () => ({ status: 200, contentType: "text/css; charset=utf-8", body: CONSOLE_CSS }) },
  {
    method: "GET",
    pattern: new RegExp(`^/console/state-machines/${ARN}$`),
    answer: ({ data, graphs, token, query, arn }) => {
      const machine = data.stateMachine(arn);
      return machine ? ok(stateMachinePage(data, graphs, machine, query, token)) : notFound(`No state machine ${arn}`);
    },
  },
  {
    method: "POST",
    pattern: new RegExp(`^/console/state-machines/${ARN}/executions$`),
    answer: async ({ data, graphs, token, query, arn, form }) => {
      const machine = data.stateMachine(arn);
      if (!machine) return notFound(`No state machine ${arn}`);
      const target = form.get("target") || arn;
      const name = form.get("name") ?? "";
      const input = form.get("input") ?? "{}";
      let error: string | undefined;
      try {
        JSON.parse(input);
      } catch (problem) {
        error = `The input is not valid JSON: ${(problem as Error).message}`;
      }
      if (error === undefined) {
        try {
          const started = await data.call("StartExecution", { stateMachineArn: target, input, ...(name.trim() !== "" ? { name: name.trim() } : {}) });
          return { status: 303, location: executionPath(String(started["executionArn"])) };
        } catch (problem) {
          error = failureText(problem);
        }
      }
      const body = stateMachinePage(data, graphs, machine, query, token, { target, name, input, error });
      return { status: 400, contentType: HTML, body: body.text };
    },
  },
  { method: "GET", pattern: /^\/console\/executions\/?$/, answer: ({ data, query }) => ok(executionsPage(data, query)) },
  {
    method: "GET",
    pattern: new RegExp(`^/console/executions/${ARN}$`),
    answer: ({ data, graphs, token, query, arn }) => {
      const record = data.execution(arn);
      return record ? ok(executionPage(data, graphs, record, query, token)) : notFound(`No execution ${arn}`);
    },
  },
  {
    method: "GET",
    pattern: new RegExp(`^/console/executions/${ARN}/live$`),
    answer: ({ data, graphs, token, query, arn }) => {
      const record = data.execution(arn);
      if (!record) return notFound(`No execution ${arn}`);
      // Nothing new since the page's copy: no body.
      if (query.get("events") === String(record.events.length) && query.get("status") === record.status) return { status: 204, contentType: HTML, body: "" };
      return ok(executionLive(data, graphs, record, query.get("state") ?? undefined, token));
    },
  },
  ...(["stop", "redrive"] as const).map(
    (action): Route => ({
      method: "POST",
      pattern: new RegExp(`^/console/executions/${ARN}/${action}$`),
      answer: async ({ data, graphs, token, query, arn }) => {
        const record = data.execution(arn);
        if (!record) return notFound(`No execution ${arn}`);
        try {
          await data.call(action === "stop" ? "StopExecution" : "RedriveExecution", { executionArn: arn });
          return { status: 303, location: executionPath(arn) };
        } catch (problem) {
          const body = executionPage(data, graphs, record, query, token, notice("error", failureText(problem)));
          return { status: 400, contentType: HTML, body: body.text };
        }
      },
    }),
  ),
  { method: "GET", pattern: /^\/console\/activities\/?$/, answer: ({ data }) => ok(activitiesPage(data)) },
  {
    method: "GET",
    pattern: new RegExp(`^/console/map-runs/${ARN}$`),
    answer: ({ data, arn }) => {
      const run = data.mapRun(arn);
      return run ? ok(mapRunPage(data, run)) : notFound(`No map run ${arn}`);
    },
  },
];
