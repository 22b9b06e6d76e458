/** The activities page: each activity's pending tasks and the workers polling it now. */
import type { ConsoleData } from "../console-data.js";
import { html, type Html } from "../html.js";
import { page, time } from "../layout.js";
import { jsonDetails } from "../json-view.js";

/** Every activity. */
export function activitiesPage(data: ConsoleData): Html {
  const activities = data.activities();
  const sections = activities.map((activity, n) => {
    const pending = activity.queue.filter((task) => task.isLive());
    return html`<section class="activity" data-activity="${activity.name}"><h2>${activity.name}</h2><p class="arn"><code>${activity.activityArn}</code> · created ${time(activity.creationDate)}</p>
<h3>Workers polling (${activity.polls.length})</h3>${
      activity.polls.length === 0 ? html`<p class="empty">No worker is polling.</p>` : html`<ul class="pollers">${activity.polls.map((poll) => html`<li>${poll.workerName}</li>`)}</ul>`
    }
<h3>Pending tasks (${pending.length})</h3>${
      pending.length === 0
        ? html`<p class="empty">No task waits for a worker.</p>`
        : html`<table class="list"><thead><tr><th>Task token</th><th>Input</th></tr></thead><tbody>${pending.map(
            (task, i) => html`<tr><td><code class="token">${task.taskToken}</code></td><td>${jsonDetails("input", task.input, `a${n}-t${i}`)}</td></tr>`,
          )}</tbody></table>`
    }</section>`;
  });
  const body = html`<h1>Activities</h1>${activities.length === 0 ? html`<p class="empty">No activities.</p>` : sections}`;
  return page({ title: "Activities", section: "activities", body });
}
