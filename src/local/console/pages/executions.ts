/** The executions page: every machine's executions, filtered by status, a page at a time. */
import type { ConsoleData } from "../console-data.js";
import type { Html } from "../html.js";
import { html } from "../html.js";
import { page } from "../layout.js";
import { executionList, pageNumber, statusFilter } from "../execution-list.js";

/** All executions. */
export function executionsPage(data: ConsoleData, query: URLSearchParams): Html {
  const status = statusFilter(query);
  const list = executionList(data.executions(status ? { status } : {}), "/console/executions", status, pageNumber(query), true);
  return page({ title: "Executions", section: "executions", body: html`<h1>Executions</h1>${list}` });
}
