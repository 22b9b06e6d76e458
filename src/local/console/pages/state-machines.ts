/** The state machines page: every machine with its type, creation and executions. */
import type { ConsoleData } from "../console-data.js";
import { html, type Html } from "../html.js";
import { page, time } from "../layout.js";
import { machinePath } from "../paths.js";

/** The list of state machines (the console's home). */
export function stateMachinesPage(data: ConsoleData): Html {
  const machines = data.stateMachines();
  const rows = machines.map((machine) => {
    const executions = data.executions({ stateMachineArn: machine.stateMachineArn });
    const running = executions.filter((record) => record.status === "RUNNING").length;
    return html`<tr><td><a href="${machinePath(machine.stateMachineArn)}">${machine.name}</a></td><td>${machine.type}</td><td>${time(machine.creationDate)}</td><td>${executions.length}</td><td>${running}</td><td>${machine.versions.size}</td><td>${machine.aliases.size}</td></tr>`;
  });
  const body = html`<h1>State machines</h1>${
    machines.length === 0
      ? html`<p class="empty">No state machines yet. Create one with any Step Functions client pointed at this engine, e.g. <code>aws stepfunctions create-state-machine --endpoint-url …</code></p>`
      : html`<table class="list"><thead><tr><th>Name</th><th>Type</th><th>Created</th><th>Executions</th><th>Running</th><th>Versions</th><th>Aliases</th></tr></thead><tbody>${rows}</tbody></table>`
  }`;
  return page({ title: "State machines", section: "state-machines", body });
}
