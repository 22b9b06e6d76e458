/** The frame of every console page: head with our stylesheet and script, navigation, main. */
import { html, type Html, type HtmlValue } from "./html.js";
import { CONSOLE_ROOT } from "./paths.js";

/** Where the console's two static files are served. */
export const ASSET_PATHS = { script: "/console/assets/console.js", style: "/console/assets/console.css" } as const;

/** What a page passes to the frame. */
export interface PageFrame {
  title: string;
  /** Which navigation entry is current. */
  section: "state-machines" | "executions" | "activities";
  body: HtmlValue;
  /** Attributes of `<body>` the script reads (e.g. the live-update address). */
  data?: Readonly<Record<string, string>>;
}

const SECTIONS: readonly [PageFrame["section"], string, string][] = [
  ["state-machines", "State machines", CONSOLE_ROOT],
  ["executions", "Executions", "/console/executions"],
  ["activities", "Activities", "/console/activities"],
];

/** A whole HTML document. */
export function page(frame: PageFrame): Html {
  const data = Object.entries(frame.data ?? {}).map(([key, value]) => html` data-${key}="${value}"`);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${frame.title} · sfini local</title>
<link rel="stylesheet" href="${ASSET_PATHS.style}"><script src="${ASSET_PATHS.script}" defer></script></head>
<body${data}><header><a class="brand" href="${CONSOLE_ROOT}">sfini local</a><nav>${SECTIONS.map(
    ([id, label, href]) => html`<a href="${href}"${id === frame.section ? html` aria-current="page"` : ""}>${label}</a>`,
  )}</nav></header>
<main>${frame.body}</main></body></html>
`;
}

/** An execution status as a coloured badge. */
export function statusBadge(status: string): Html {
  return html`<span class="badge status-${status.toLowerCase()}">${status}</span>`;
}

/** A time as ISO 8601 text (UTC), or a dash. */
export function time(ms: number | undefined): Html {
  return ms === undefined ? html`–` : html`<time datetime="${new Date(ms).toISOString()}">${new Date(ms).toISOString().replace("T", " ").replace("Z", "")}</time>`;
}

/** A message box (an error of a form, a note). */
export function notice(kind: "error" | "info", text: HtmlValue): Html {
  return html`<p class="notice ${kind}" role="${kind === "error" ? "alert" : "status"}">${text}</p>`;
}
