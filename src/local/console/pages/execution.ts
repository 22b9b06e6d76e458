/**
 * An execution's page: its graph with every state coloured by what happened, the selected
 * state's input and output beside it, the event table, its map runs, and stop / redrive. The
 * part that changes while it runs (`#live`) is also served alone for the page's live update.
 */
import type { ConsoleData } from "../console-data.js";
import type { ExecutionRecord } from "../../store/execution-store.js";
import type { StoredEvent } from "../../store/history.js";
import { countIterations } from "../../store/map-run-store.js";
import { html, type Html } from "../html.js";
import { notice, page, statusBadge, time } from "../layout.js";
import { executionPath, machinePath, mapRunPath, withQuery } from "../paths.js";
import { jsonDetails } from "../json-view.js";
import { stateMarks } from "../state-marks.js";
import type { GraphCache } from "../graph-cache.js";

/** Newest events shown in the table; the API has them all. */
export const MAX_EVENTS_SHOWN = 1000;

/** How often the page asks for news while the execution runs, in ms. */
export const POLL_MS = 400;

/** What an Express execution's page says in place of its events. */
export const EXPRESS_NO_HISTORY =
  "Express executions keep no history, as on AWS (Step Functions captures none; GetExecutionHistory and DescribeExecution do not take an Express ARN): the graph and events stay empty, the outcome above is all there is.";

/** Statuses an execution can be redriven from. */
const REDRIVABLE = new Set(["FAILED", "TIMED_OUT", "ABORTED"]);

function stateName(event: StoredEvent): string | undefined {
  const name = event.details?.["name"];
  return typeof name === "string" ? name : undefined;
}

/** The last entry of a state: its input and, once it left, its output. */
function lastEntry(events: readonly StoredEvent[], name: string): { input?: string; output?: string; entered?: StoredEvent } {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (stateName(event) !== name || !event.type.endsWith("StateEntered")) continue;
    const entry: { input?: string; output?: string; entered?: StoredEvent } = { entered: event };
    if (typeof event.details?.["input"] === "string") entry.input = event.details["input"];
    for (let j = i + 1; j < events.length; j++) {
      const later = events[j]!;
      if (later.type.endsWith("StateExited") && stateName(later) === name) {
        if (typeof later.details?.["output"] === "string") entry.output = later.details["output"];
        break;
      }
    }
    return entry;
  }
  return {};
}

function lastEnteredState(events: readonly StoredEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    if (events[i]!.type.endsWith("StateEntered")) return stateName(events[i]!);
  }
  return undefined;
}

function eventRow(event: StoredEvent, start: number): Html {
  const details = event.details ?? {};
  const { input, output, ...rest } = details;
  const restText = Object.keys(rest).length > 0 ? JSON.stringify(rest) : undefined;
  return html`<tr data-event="${event.id}" data-type="${event.type}"><td>${event.id}</td><td class="event-type">${event.type}</td><td>${stateName(event) ?? ""}</td><td class="num">${event.timestamp - start} ms</td><td>${[
    typeof input === "string" ? jsonDetails("input", input, `ev${event.id}-input`) : "",
    typeof output === "string" ? jsonDetails("output", output, `ev${event.id}-output`) : "",
    restText !== undefined ? jsonDetails("details", restText, `ev${event.id}-details`) : "",
  ]}</td></tr>`;
}

/** The changing part of the page: header facts, actions, graph, selected state, events. */
export function executionLive(data: ConsoleData, graphs: GraphCache, record: ExecutionRecord, selected: string | undefined, token: string, message?: Html): Html {
  // An Express execution has no history (AWS keeps none): the page shows its outcome only.
  const events = record.history?.events ?? [];
  const running = record.status === "RUNNING";
  const marks = stateMarks(events, running);
  const path = executionPath(record.executionArn);
  const chosen = selected ?? lastEnteredState(events);
  const entry = chosen === undefined ? {} : lastEntry(events, chosen);
  const mark = chosen === undefined ? undefined : marks.get(chosen);
  const graph = graphs.draw(record.revision.definition, {
    marks,
    href: (name) => withQuery(path, { state: name }),
  });
  const actions = [
    // StopExecution is not supported for Express executions, on AWS as here.
    running && record.type === "STANDARD"
      ? html`<form method="post" action="${path}/stop" class="action"><input type="hidden" name="token" value="${token}"><button type="submit" class="danger" id="stop">Stop execution</button></form>`
      : "",
    REDRIVABLE.has(record.status) && record.type === "STANDARD"
      ? html`<form method="post" action="${path}/redrive" class="action"><input type="hidden" name="token" value="${token}"><button type="submit" id="redrive"${record.notRedrivableReason !== undefined ? html` disabled title="${record.notRedrivableReason}"` : ""}>Redrive</button></form>`
      : "",
  ];
  const mapRuns = data.mapRuns(record.executionArn);
  const mapRunTable =
    mapRuns.length === 0
      ? ""
      : html`<section><h2>Map runs</h2><table class="list map-runs"><thead><tr><th>Map run</th><th>Status</th><th>Pending</th><th>Running</th><th>Succeeded</th><th>Failed</th><th>Aborted</th><th>Total</th></tr></thead><tbody>${mapRuns.map((run) => {
          const counts = countIterations(run, false);
          return html`<tr><td><a href="${mapRunPath(run.mapRunArn)}">${run.mapRunArn.slice(run.mapRunArn.lastIndexOf(":") + 1)}</a></td><td>${statusBadge(run.status)}</td><td class="num">${counts.pending}</td><td class="num">${counts.running}</td><td class="num">${counts.succeeded}</td><td class="num">${counts.failed}</td><td class="num">${counts.aborted}</td><td class="num">${counts.total}</td></tr>`;
        })}</tbody></table></section>`;
  const shown = events.length > MAX_EVENTS_SHOWN ? events.slice(-MAX_EVENTS_SHOWN) : events;
  return html`<div id="live" data-events="${record.events.length}" data-status="${record.status}">
<div class="execution-head"><h1>${record.name} ${statusBadge(record.status)}</h1>${actions}</div>
${message ?? ""}
<dl class="facts"><dt>State machine</dt><dd><a href="${machinePath(record.stateMachineArn)}">${record.machineName}</a>${
    record.stateMachineVersionArn !== undefined ? html` (version ${record.stateMachineVersionArn.slice(record.stateMachineVersionArn.lastIndexOf(":") + 1)})` : ""
  }${record.stateMachineAliasArn !== undefined ? html` via alias ${record.stateMachineAliasArn.slice(record.stateMachineAliasArn.lastIndexOf(":") + 1)}` : ""}</dd><dt>Started</dt><dd>${time(record.startDate)}</dd><dt>Ended</dt><dd>${time(record.stopDate)}</dd><dt>Redrives</dt><dd>${record.redriveCount}</dd>${
    record.error !== undefined ? html`<dt>Error</dt><dd class="error-text">${record.error}</dd>` : ""
  }${record.cause !== undefined ? html`<dt>Cause</dt><dd class="error-text">${record.cause}</dd>` : ""}</dl>
<p class="arn"><code>${record.executionArn}</code></p>
<div class="io">${jsonDetails("Execution input", record.input, "execution-input")}${jsonDetails("Execution output", record.output, "execution-output")}</div>
<div class="columns"><section class="picture"><h2>Graph</h2>
<p class="legend"><span class="key succeeded">succeeded</span> <span class="key failed">failed</span> <span class="key caught">caught</span> <span class="key retried">retried</span> <span class="key running">running</span> <span class="key not-run">not run</span></p>
${graph}</section>
<section class="side selected-state" id="selected-state"${chosen !== undefined ? html` data-selected="${chosen}"` : ""}><h2>State ${chosen !== undefined ? html`<q>${chosen}</q>` : ""}</h2>${
    chosen === undefined
      ? html`<p class="empty">No state entered yet. Select a state in the graph to see its input and output.</p>`
      : html`<p>${mark ? html`<span class="key ${mark.status}">${mark.status}</span>${mark.retried ? html` <span class="key retried">retried</span>` : ""}` : html`<span class="key not-run">not run</span>`}${
          entry.entered ? html` · entered at event ${entry.entered.id}` : ""
        }</p>${entry.input !== undefined ? jsonDetails("Input", entry.input, "selected-input", true) : html`<p class="empty">No input recorded.</p>`}${
          entry.output !== undefined ? jsonDetails("Output", entry.output, "selected-output", true) : html`<p class="empty">No output yet.</p>`
        }`
  }</section></div>
${mapRunTable}
<section><h2>Events</h2>${record.history === undefined ? notice("info", EXPRESS_NO_HISTORY) : ""}${events.length > shown.length ? notice("info", `Showing the newest ${shown.length} of ${events.length} events; GetExecutionHistory has them all.`) : ""}
<table class="list events"><thead><tr><th>ID</th><th>Type</th><th>State</th><th>Elapsed</th><th>Details</th></tr></thead><tbody>${shown.map((event) => eventRow(event, record.startDate))}</tbody></table></section>
</div>`;
}

/** The whole page of an execution. */
export function executionPage(data: ConsoleData, graphs: GraphCache, record: ExecutionRecord, query: URLSearchParams, token: string, message?: Html): Html {
  const selected = query.get("state") ?? undefined;
  const live = withQuery(`${executionPath(record.executionArn)}/live`, { state: selected });
  return page({
    title: record.name,
    section: "executions",
    data: { live, "poll-ms": String(POLL_MS) },
    body: executionLive(data, graphs, record, selected, token, message),
  });
}
