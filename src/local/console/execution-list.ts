/** A page of executions with a status filter and paging links, shared by two pages. */
import { EXECUTION_STATUSES, type ExecutionStatus } from "../../asl/execution-status.js";
import type { ExecutionRecord } from "../store/execution-store.js";
import { html, type Html } from "./html.js";
import { statusBadge, time } from "./layout.js";
import { executionPath, machinePath, withQuery } from "./paths.js";

/** Executions shown per page. */
export const PAGE_SIZE = 25;

/** The status filter of a query (`?status=FAILED`); undefined for none or an unknown one. */
export function statusFilter(query: URLSearchParams): ExecutionStatus | undefined {
  const status = query.get("status") ?? "";
  return (EXECUTION_STATUSES as readonly string[]).includes(status) ? (status as ExecutionStatus) : undefined;
}

/** The page number of a query (`?page=2`), from 1. */
export function pageNumber(query: URLSearchParams): number {
  const n = Number(query.get("page") ?? "1");
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

/**
 * The table of `executions` (already filtered, newest first) at `pageNo`, with the filter's
 * links and Previous/Next links to `path`.
 */
export function executionList(executions: readonly ExecutionRecord[], path: string, status: ExecutionStatus | undefined, pageNo: number, showMachine: boolean): Html {
  const pages = Math.max(1, Math.ceil(executions.length / PAGE_SIZE));
  const current = Math.min(pageNo, pages);
  const shown = executions.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  const filter = html`<nav class="filter" aria-label="Status filter">Status: ${[undefined, ...EXECUTION_STATUSES].map((s) =>
    s === status ? html`<strong>${s ?? "all"}</strong> ` : html`<a href="${withQuery(path, { status: s })}">${s ?? "all"}</a> `,
  )}</nav>`;
  const rows = shown.map(
    (record) =>
      html`<tr data-execution="${record.name}"><td><a href="${executionPath(record.executionArn)}">${record.name}</a></td>${
        showMachine ? html`<td><a href="${machinePath(record.stateMachineArn)}">${record.machineName}</a></td>` : ""
      }<td>${statusBadge(record.status)}</td><td>${time(record.startDate)}</td><td>${time(record.stopDate)}</td></tr>`,
  );
  const paging = html`<nav class="paging" aria-label="Pages">${
    current > 1 ? html`<a rel="prev" href="${withQuery(path, { status, page: current - 1 })}">← Newer</a>` : ""
  } <span>page ${current} of ${pages} (${executions.length} executions)</span> ${
    current < pages ? html`<a rel="next" href="${withQuery(path, { status, page: current + 1 })}">Older →</a>` : ""
  }</nav>`;
  return html`${filter}${
    shown.length === 0
      ? html`<p class="empty">No executions${status ? html` with status ${status}` : ""}.</p>`
      : html`<table class="list executions"><thead><tr><th>Name</th>${showMachine ? html`<th>State machine</th>` : ""}<th>Status</th><th>Started</th><th>Ended</th></tr></thead><tbody>${rows}</tbody></table>${paging}`
  }`;
}
