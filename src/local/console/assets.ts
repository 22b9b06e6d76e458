/**
 * The console's two static files, served from the engine (no CDN, works offline): the
 * stylesheet (the SVG's look included) and a small script for the live update of a running
 * execution and the start form's JSON check. Pages work without the script.
 */
import { SVG_STYLE } from "../../render/svg.js";

/** The console's stylesheet. */
export const CONSOLE_CSS = `
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee5; --bg: #f6f7f9; --accent: #1d4ed8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header { display: flex; align-items: center; gap: 24px; padding: 10px 24px; background: #111827; }
header a { color: #e5e7eb; text-decoration: none; }
header .brand { font-weight: 700; color: #ffffff; }
header nav { display: flex; gap: 16px; }
header nav a[aria-current="page"] { color: #ffffff; border-bottom: 2px solid #60a5fa; }
main { padding: 16px 24px 48px; max-width: 1500px; }
h1 { font-size: 22px; margin: 8px 0; display: flex; align-items: center; gap: 10px; flex-wrap: wrap; }
h2 { font-size: 16px; margin: 18px 0 8px; }
h3 { font-size: 14px; margin: 12px 0 6px; }
a { color: var(--accent); }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
.arn { margin: 0 0 8px; color: var(--muted); }
.type { font-size: 12px; font-weight: 600; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 1px 6px; }
table.list { border-collapse: collapse; width: 100%; background: #ffffff; border: 1px solid var(--line); }
table.list th, table.list td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.list th { background: #eef1f5; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); }
.facts { display: flex; flex-wrap: wrap; gap: 2px 6px; margin: 6px 0; }
.facts dt { color: var(--muted); }
.facts dt::after { content: ":"; }
.facts dd { margin: 0 18px 0 0; }
.error-text { color: #b91c1c; white-space: pre-wrap; word-break: break-word; }
.badge { font-size: 12px; font-weight: 600; border-radius: 10px; padding: 2px 9px; background: #e5e7eb; color: #374151; }
.status-running { background: #dbeafe; color: #1e40af; }
.status-succeeded { background: #dcfce7; color: #166534; }
.status-failed, .status-timed_out { background: #fee2e2; color: #991b1b; }
.status-aborted { background: #fef3c7; color: #92400e; }
.status-pending_redrive, .status-pending { background: #ede9fe; color: #5b21b6; }
.columns { display: grid; grid-template-columns: minmax(0, 3fr) minmax(280px, 2fr); gap: 20px; align-items: start; }
.picture, .side { background: #ffffff; border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px 14px; }
.graph { overflow: auto; }
.legend { display: flex; gap: 6px; flex-wrap: wrap; margin: 0 0 8px; }
.key { font-size: 12px; border-radius: 4px; padding: 1px 7px; border: 1.5px solid; }
.key.succeeded { background: #e3f4e4; border-color: #2e7d32; }
.key.failed { background: #fde7e9; border-color: #c62828; }
.key.caught { background: #fff1dc; border-color: #e07b00; }
.key.retried { background: #ffffff; border-color: #5f6b7a; border-style: dashed; }
.key.running { background: #e1efff; border-color: #1565c0; }
.key.not-run { background: #f3f4f6; border-color: #b0b8c4; color: #7b8794; }
details.json { margin: 2px 0; }
details.json summary { cursor: pointer; color: var(--accent); }
details.json .size { color: var(--muted); font-size: 11px; }
details.json pre { margin: 4px 0; padding: 8px; background: #f8fafc; border: 1px solid var(--line); border-radius: 4px; max-height: 360px; overflow: auto; font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-word; }
.io { display: flex; gap: 24px; flex-wrap: wrap; }
.execution-head { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; }
form.action { display: inline; }
button { font: inherit; padding: 5px 14px; border-radius: 6px; border: 1px solid #1d4ed8; background: #1d4ed8; color: #ffffff; cursor: pointer; }
button.danger { background: #b91c1c; border-color: #b91c1c; }
button[disabled] { opacity: 0.5; cursor: not-allowed; }
form.start label { display: block; margin: 6px 0; color: var(--muted); }
form.start input, form.start select, form.start textarea { display: block; width: 100%; font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; padding: 5px; border: 1px solid var(--line); border-radius: 4px; color: var(--ink); }
.notice { padding: 6px 10px; border-radius: 6px; }
.notice.error { background: #fee2e2; color: #991b1b; }
.notice.info { background: #e0f2fe; color: #075985; }
.filter, .paging { margin: 6px 0; display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
.selected-state q { font-weight: 600; }
.activity { background: #ffffff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 14px 10px; margin: 12px 0; }
.sfini-graph a.box { cursor: pointer; }
.sfini-graph [data-status="running"] > .box > rect { animation: sfini-pulse 1.2s ease-in-out infinite; }
@keyframes sfini-pulse { 50% { stroke-opacity: 0.35; } }
${SVG_STYLE}
`.trimStart();

/** The console's script (plain ES2020; it never builds markup from data itself). */
export const CONSOLE_JS = `"use strict";
(() => {
  const form = document.getElementById("start-form");
  if (form) {
    form.addEventListener("submit", (event) => {
      const input = form.elements.namedItem("input");
      const box = document.getElementById("input-error");
      try {
        JSON.parse(input.value);
        box.hidden = true;
      } catch (error) {
        event.preventDefault();
        box.textContent = "The input is not valid JSON: " + error.message;
        box.hidden = false;
        input.focus();
      }
    });
  }

  // Live update of a running execution: ask for the changing part of the page whenever
  // the history may have grown; the server answers 204 when nothing changed.
  const liveUrl = document.body.dataset.live;
  if (!liveUrl) return;
  const pollMs = Number(document.body.dataset.pollMs) || 400;
  let live = document.getElementById("live");
  if (!live) return;
  const tick = async () => {
    if (live.dataset.status !== "RUNNING") return;
    const url = new URL(liveUrl, location.href);
    url.searchParams.set("events", live.dataset.events || "0");
    url.searchParams.set("status", live.dataset.status);
    try {
      const answer = await fetch(url, { cache: "no-store", headers: { Accept: "text/html" } });
      if (answer.status === 200) {
        const parsed = new DOMParser().parseFromString(await answer.text(), "text/html");
        const next = parsed.getElementById("live");
        if (next) {
          // Keep what the reader opened or closed.
          const open = new Map([...live.querySelectorAll("details[id]")].map((d) => [d.id, d.open]));
          for (const d of next.querySelectorAll("details[id]")) if (open.has(d.id)) d.open = open.get(d.id);
          const adopted = document.adoptNode(next);
          live.replaceWith(adopted);
          live = adopted;
        }
      }
    } catch (error) {
      // The engine may be restarting: ask again at the next tick.
    }
    setTimeout(tick, pollMs);
  };
  setTimeout(tick, pollMs);
})();
`;
