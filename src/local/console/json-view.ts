/** JSON shown in a page: pretty-printed inside a collapsible `<details>`, escaped. */
import { html, type Html } from "./html.js";

/** Most characters shown of one JSON value; the rest is cut with a note (a page stays light). */
const MAX_SHOWN = 100_000;

/** Pretty-print JSON text (as stored: inputs and outputs are text); not JSON is shown as is. */
export function prettyJson(text: string): string {
  let pretty: string;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    pretty = text;
  }
  return pretty.length > MAX_SHOWN ? `${pretty.slice(0, MAX_SHOWN)}\n… (${pretty.length - MAX_SHOWN} more characters)` : pretty;
}

/**
 * A collapsible JSON value: `label` and its size in the summary, the pretty text inside.
 * `id` lets the live update keep it open across a refresh.
 */
export function jsonDetails(label: string, text: string | undefined, id: string, open = false): Html {
  if (text === undefined) return html``;
  return html`<details class="json" id="${id}"${open ? html` open` : ""}><summary>${label} <span class="size">${Buffer.byteLength(text)} B</span></summary><pre>${prettyJson(text)}</pre></details>`;
}
