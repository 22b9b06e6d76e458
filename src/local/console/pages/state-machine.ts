/**
 * A state machine's page: its graph, a form to start an execution (of the machine, a version
 * or an alias), its executions, versions, aliases and definition.
 */
import type { ConsoleData } from "../console-data.js";
import type { StateMachineRecord } from "../../store/state-machine-store.js";
import { html, type Html } from "../html.js";
import { notice, page, time } from "../layout.js";
import { machinePath } from "../paths.js";
import { executionList, pageNumber, statusFilter } from "../execution-list.js";
import { jsonDetails } from "../json-view.js";
import type { GraphCache } from "../graph-cache.js";

/** What the start form shows again after a refused start. */
export interface StartFormState {
  target?: string;
  name?: string;
  input?: string;
  error?: string;
}

/** The page of `machine`. */
export function stateMachinePage(data: ConsoleData, graphs: GraphCache, machine: StateMachineRecord, query: URLSearchParams, token: string, form: StartFormState = {}): Html {
  const path = machinePath(machine.stateMachineArn);
  const status = statusFilter(query);
  const versions = [...machine.versions.values()].reverse();
  const aliases = [...machine.aliases.values()];
  const targets: [string, string][] = [
    [machine.stateMachineArn, `${machine.name} (latest)`],
    ...versions.map((v): [string, string] => [v.stateMachineVersionArn, `version ${v.version}`]),
    ...aliases.map((a): [string, string] => [a.stateMachineAliasArn, `alias ${a.name}`]),
  ];
  const startForm = html`<form class="start" method="post" action="${path}/executions" id="start-form">
<input type="hidden" name="token" value="${token}">
<h2>Start an execution</h2>
${form.error !== undefined ? notice("error", form.error) : ""}
<p class="notice error" id="input-error" role="alert" hidden></p>
<label>Run <select name="target">${targets.map(([arn, label]) => html`<option value="${arn}"${arn === form.target ? html` selected` : ""}>${label}</option>`)}</select></label>
<label>Name <input name="name" value="${form.name ?? ""}" placeholder="(a new UUID)" maxlength="80"></label>
<label class="input">Input (JSON)<textarea name="input" rows="6" spellcheck="false">${form.input ?? "{}"}</textarea></label>
<button type="submit">Start execution</button>
</form>`;
  const versionRows = versions.map(
    (v) => html`<tr><td>${v.version}</td><td><code>${v.stateMachineVersionArn}</code></td><td>${v.description ?? ""}</td><td>${time(v.creationDate)}</td></tr>`,
  );
  const aliasRows = aliases.map(
    (a) =>
      html`<tr><td>${a.name}</td><td>${a.routingConfiguration.map((r) => html`<div>${r.stateMachineVersionArn.slice(r.stateMachineVersionArn.lastIndexOf(":") + 1) === "" ? r.stateMachineVersionArn : `version ${r.stateMachineVersionArn.slice(r.stateMachineVersionArn.lastIndexOf(":") + 1)}`}: ${r.weight}%</div>`)}</td><td>${a.description ?? ""}</td><td>${time(a.updateDate)}</td></tr>`,
  );
  const body = html`<h1>${machine.name} <span class="type">${machine.type}</span></h1>
<p class="arn"><code>${machine.stateMachineArn}</code></p>
<dl class="facts"><dt>Created</dt><dd>${time(machine.creationDate)}</dd><dt>Updated</dt><dd>${time(machine.current.updateDate)}</dd><dt>Role</dt><dd><code>${machine.current.roleArn}</code></dd><dt>Revision</dt><dd><code>${machine.current.revisionId}</code></dd></dl>
<div class="columns"><section class="picture"><h2>Graph</h2>${graphs.draw(machine.current.definition)}</section>
<section class="side">${startForm}</section></div>
<section><h2>Executions</h2>${executionList(data.executions({ stateMachineArn: machine.stateMachineArn }), path, status, pageNumber(query), false)}</section>
<section><h2>Versions</h2>${
    versionRows.length === 0 ? html`<p class="empty">No published versions.</p>` : html`<table class="list"><thead><tr><th>Version</th><th>ARN</th><th>Description</th><th>Created</th></tr></thead><tbody>${versionRows}</tbody></table>`
  }</section>
<section><h2>Aliases</h2>${
    aliasRows.length === 0 ? html`<p class="empty">No aliases.</p>` : html`<table class="list"><thead><tr><th>Alias</th><th>Routing</th><th>Description</th><th>Updated</th></tr></thead><tbody>${aliasRows}</tbody></table>`
  }</section>
<section><h2>Definition</h2>${jsonDetails("Definition JSON", machine.current.definition, "definition", true)}</section>`;
  return page({ title: machine.name, section: "state-machines", body });
}
