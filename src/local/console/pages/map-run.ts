/** A map run's page: its settings, item and child-execution counts, and each iteration. */
import type { ConsoleData } from "../console-data.js";
import { countIterations, type MapRunRecord } from "../../store/map-run-store.js";
import { html, type Html } from "../html.js";
import { page, statusBadge, time } from "../layout.js";
import { executionPath } from "../paths.js";

const COUNTERS = ["pending", "running", "succeeded", "failed", "timedOut", "aborted", "total"] as const;

/** The page of `run`. */
export function mapRunPage(data: ConsoleData, run: MapRunRecord): Html {
  const items = countIterations(run, true);
  const executions = countIterations(run, false);
  const parent = data.execution(run.executionArn);
  const body = html`<h1>Map run ${statusBadge(run.status)}</h1><p class="arn"><code>${run.mapRunArn}</code></p>
<dl class="facts"><dt>Execution</dt><dd>${parent ? html`<a href="${executionPath(parent.executionArn)}">${parent.name}</a>` : run.executionArn}</dd><dt>Started</dt><dd>${time(run.startDate)}</dd><dt>Ended</dt><dd>${time(run.stopDate)}</dd><dt>Max concurrency</dt><dd>${run.maxConcurrency}</dd><dt>Tolerated failures</dt><dd>${run.toleratedFailureCount} or ${run.toleratedFailurePercentage}%</dd></dl>
<table class="list counts"><thead><tr><th></th>${COUNTERS.map((c) => html`<th>${c}</th>`)}</tr></thead><tbody>
<tr><th>Items</th>${COUNTERS.map((c) => html`<td class="num">${items[c]}</td>`)}</tr>
<tr><th>Child executions</th>${COUNTERS.map((c) => html`<td class="num">${executions[c]}</td>`)}</tr></tbody></table>
<h2>Iterations</h2><table class="list"><thead><tr><th>Index</th><th>Items</th><th>Status</th></tr></thead><tbody>${run.iterations.map(
    (iteration, i) => html`<tr><td class="num">${i}</td><td class="num">${iteration.items}</td><td>${statusBadge(iteration.status)}</td></tr>`,
  )}</tbody></table>`;
  return page({ title: "Map run", section: "executions", body });
}
