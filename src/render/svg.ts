import dagre from "@dagrejs/dagre";
import { SfiniError } from "../errors.js";
import type { JsonValue } from "../json.js";
import { aslPicture } from "../asl/picture/asl-picture.js";
import { walkClusters, type Picture, type PictureCluster, type PictureEdge, type PictureNode } from "../asl/picture/picture.js";

/**
 * What happened to a state in an execution, as the SVG's `data-status` says it: `caught` is a
 * state whose error a Catch handled, `not-run` one the execution never entered.
 */
export type StateStatus = "succeeded" | "failed" | "caught" | "running" | "not-run";

/** The marks of one state: its status, and whether a Retry ran it again (`data-retried`). */
export interface StateMark {
  /** What happened to the state (its last entry's outcome, the worst over Map iterations). */
  readonly status: StateStatus;
  /** True when an error of the state was retried. */
  readonly retried?: boolean;
  /** For an inline Map: how many iterations started, and how many of them failed. */
  readonly iterations?: { readonly started: number; readonly failed: number };
}

/** Options of {@link toSvg}. */
export interface SvgOptions {
  /** The marks of an execution by state name; without them the states carry no `data-status`. */
  readonly marks?: ReadonlyMap<string, StateMark>;
  /** Wrap each state's box in a link to this address (e.g. the console's page selecting it). */
  readonly href?: (stateName: string) => string;
  /** Leave out the `<style>` element (a page that serves {@link SVG_STYLE} itself). */
  readonly omitStyle?: boolean;
  /** The picture's `<title>`; default none. */
  readonly title?: string;
}

/** A definition too large to lay out (more than {@link MAX_SVG_NODES} boxes). */
export class SvgTooLargeError extends SfiniError {}

/** Most boxes (states and start/end markers) an SVG is laid out for; beyond, layout takes seconds. */
export const MAX_SVG_NODES = 600;

/**
 * The look of the SVG: one stylesheet for the standalone file (`sfini graph -f svg`), the
 * static page (`-f html`) and the console, which serves it as a file under its strict
 * Content-Security-Policy (no inline style there).
 */
export const SVG_STYLE = `
svg.sfini-graph { font: 13px system-ui, -apple-system, "Segoe UI", sans-serif; }
.sfini-graph .box > rect, .sfini-graph .box > circle { fill: #ffffff; stroke: #5f6b7a; stroke-width: 1.5; }
.sfini-graph .type-Choice > .box > rect { stroke-width: 2.5; }
.sfini-graph .type-Succeed > .box > rect { stroke: #2e7d32; }
.sfini-graph .type-Fail > .box > rect { stroke: #c62828; }
.sfini-graph .type-Parallel > .box > rect, .sfini-graph .type-Map > .box > rect { fill: #fafbfc; }
.sfini-graph .marker circle { fill: #5f6b7a; stroke: none; }
.sfini-graph .marker.end circle.ring { fill: none; stroke: #5f6b7a; stroke-width: 1.5; }
.sfini-graph .cluster > rect { fill: none; stroke: #b0b8c4; stroke-dasharray: 4 3; }
.sfini-graph text { fill: #1f2933; }
.sfini-graph .cluster > text, .sfini-graph .edge text, .sfini-graph .badge, .sfini-graph .iterations { font-size: 11px; fill: #52606d; }
.sfini-graph .edge path { fill: none; stroke: #7b8794; stroke-width: 1.3; }
.sfini-graph .edge.kind-catch path { stroke: #c62828; stroke-dasharray: 4 3; }
.sfini-graph .edge.kind-default path { stroke-dasharray: 6 3; }
.sfini-graph .edge rect { fill: #ffffff; opacity: 0.85; }
.sfini-graph .arrow { fill: #7b8794; }
.sfini-graph [data-status="succeeded"] > .box > rect { fill: #e3f4e4; stroke: #2e7d32; }
.sfini-graph [data-status="failed"] > .box > rect { fill: #fde7e9; stroke: #c62828; }
.sfini-graph [data-status="caught"] > .box > rect { fill: #fff1dc; stroke: #e07b00; }
.sfini-graph [data-status="running"] > .box > rect { fill: #e1efff; stroke: #1565c0; stroke-width: 2.5; }
.sfini-graph [data-status="not-run"] > .box > rect { fill: #f3f4f6; stroke: #b0b8c4; }
.sfini-graph [data-status="not-run"] > .box > text { fill: #7b8794; }
.sfini-graph [data-retried="true"] > .box > rect { stroke-dasharray: 7 3; }
.sfini-graph [data-selected="true"] > .box > rect { stroke: #111827; stroke-width: 3; }
`.trim();

/**
 * Escape text for SVG and HTML content and attribute values; characters XML forbids (NUL and
 * the other C0 controls but tab and newlines) become U+FFFD so the document still parses.
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => XML_ENTITIES[c] ?? "\ufffd");
}

const XML_ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

const CHAR_WIDTH = 7.4;
const BOX_HEIGHT = 36;
const MARKER = 18;
const PAD = 14;
const HEADER = 30;
/** A Map's header has a second line: the count of its iterations in an execution. */
const MAP_HEADER = 44;

function headerOf(shape: PictureNode["shape"]): number {
  return shape === "Map" ? MAP_HEADER : HEADER;
}
const CAPTION = 18;
const GAP = 16;
const LABEL_LENGTH = 36;
const EDGE_LABEL_LENGTH = 32;

function shorten(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}

function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}

interface Box {
  width: number;
  height: number;
}

/** A cluster laid out in its own coordinates (origin top left), as SVG text. */
interface DrawnCluster extends Box {
  svg: string;
}

interface LaidEdge {
  edge: PictureEdge;
  points: readonly { x: number; y: number }[];
  label?: { x: number; y: number; width: number; height: number };
}

/**
 * A laid-out picture, ready to be drawn with any marks: the layout is the slow part (dagre),
 * the marks change with every event, so a console lays a definition out once.
 */
export interface SvgLayout {
  /** Width of the picture in px. */
  readonly width: number;
  /** Height of the picture in px. */
  readonly height: number;
  /** SVG text with a slot (`\u0000<index>\u0000`) where each state's element opens. */
  readonly body: string;
  /** The states of the slots, by index. */
  readonly slots: readonly StateSlot[];
}

/** Where a state's box sits, to open its element when drawing. */
interface StateSlot {
  readonly name: string;
  readonly type: PictureNode["shape"];
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly nested: boolean;
}

/**
 * An SVG picture of an ASL definition laid out by dagre: one `<g data-state="<name>">` per
 * state (with `data-type`, and with `data-status` / `data-retried` when `marks` are given),
 * Parallel branches and Map processors drawn inside their state, Choice rules and Catch
 * errors on the arrows. Every name and label is escaped. Throws {@link SvgTooLargeError} past
 * {@link MAX_SVG_NODES} boxes, and what {@link aslPicture} throws for a malformed definition.
 */
export function toSvg(definition: JsonValue, options: SvgOptions = {}): string {
  return drawSvg(layoutSvg(aslPicture(definition)), options);
}

/** Lay a picture model out (see {@link toSvg}); draw it with {@link drawSvg}. */
export function layoutSvg(picture: Picture): SvgLayout {
  const clusters: PictureCluster[] = [];
  walkClusters(picture.root, (cluster) => void clusters.push(cluster), () => undefined);
  const nodeCount = clusters.reduce((sum, cluster) => sum + cluster.nodes.length, 0);
  if (nodeCount > MAX_SVG_NODES) throw new SvgTooLargeError(`the definition has ${nodeCount} boxes to draw, more than the ${MAX_SVG_NODES} an SVG is laid out for`);

  // Which cluster each node is in, and which clusters each Parallel/Map owns (its branch edges).
  const clusterOf = new Map<string, PictureCluster>();
  const clusterByStart = new Map<string, PictureCluster>();
  for (const cluster of clusters) {
    for (const node of cluster.nodes) {
      clusterOf.set(node.id, cluster);
      if (node.shape === "start") clusterByStart.set(node.id, cluster);
    }
  }
  const owned = new Map<string, PictureCluster[]>();
  const edgesOf = new Map<PictureCluster, PictureEdge[]>();
  for (const edge of picture.edges) {
    if (edge.kind === "branch") {
      const child = clusterByStart.get(edge.to);
      if (child) owned.set(edge.from, [...(owned.get(edge.from) ?? []), child]);
      continue;
    }
    const cluster = clusterOf.get(edge.from);
    if (cluster === undefined || cluster !== clusterOf.get(edge.to)) continue;
    const list = edgesOf.get(cluster);
    if (list) list.push(edge);
    else edgesOf.set(cluster, [edge]);
  }

  // Innermost clusters first: a Parallel's size is known once its branches are drawn.
  const drawn = new Map<PictureCluster, DrawnCluster>();
  const slots: StateSlot[] = [];
  for (let i = clusters.length - 1; i >= 0; i--) {
    const cluster = clusters[i]!;
    drawn.set(cluster, drawCluster(cluster, edgesOf.get(cluster) ?? [], owned, drawn, slots));
  }
  const top = drawn.get(picture.root)!;
  return { width: Math.ceil(top.width), height: Math.ceil(top.height), body: top.svg, slots };
}

/** Draw a laid-out picture with the marks, links and title of `options`. */
export function drawSvg(layout: SvgLayout, options: SvgOptions = {}): string {
  const { width, height } = layout;
  const body = layout.body.replace(/\u0000([0-9]+)\u0000/g, (_slot, index: string) => openState(layout.slots[Number(index)]!, options));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="sfini-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    options.title !== undefined ? `<title>${escapeXml(options.title)}</title>` : "",
    options.omitStyle ? "" : `<style>${SVG_STYLE}</style>`,
    `<defs><marker id="sfini-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>`,
    body,
    "</svg>",
  ];
  return parts.join("") + "\n";
}

/** The opening of a state's element: its attributes, title and box. */
function openState(slot: StateSlot, options: SvgOptions): string {
  const { name, type, width, height, nested } = slot;
  const mark = options.marks?.get(name);
  const attributes = [`class="state type-${type}"`, `data-state="${escapeXml(name)}"`, `data-type="${type}"`];
  if (options.marks !== undefined) attributes.push(`data-status="${mark?.status ?? "not-run"}"`);
  if (mark?.retried) attributes.push(`data-retried="true"`);
  const rx = type === "Wait" || type === "Succeed" || type === "Fail" ? 18 : type === "Choice" ? 12 : 5;
  const textY = nested ? 20 : height / 2 + 4.5;
  const box =
    `<rect width="${fmt(width)}" height="${fmt(height)}" rx="${nested ? 8 : rx}"/>` +
    `<text x="${fmt(width / 2)}" y="${fmt(textY)}" text-anchor="middle">${escapeXml(shorten(name, LABEL_LENGTH))}</text>` +
    (mark?.retried ? `<text class="badge" x="${fmt(width - 4)}" y="-4" text-anchor="end">↻ retried</text>` : "") +
    (mark?.iterations && nested
      ? `<text class="iterations" x="${fmt(width / 2)}" y="36" text-anchor="middle">${mark.iterations.started} iteration${mark.iterations.started === 1 ? "" : "s"}${mark.iterations.failed > 0 ? `, ${mark.iterations.failed} failed` : ""}</text>`
      : "");
  const boxElement = options.href ? `<a class="box" href="${escapeXml(options.href(name))}">${box}</a>` : `<g class="box">${box}</g>`;
  return `<g ${attributes.join(" ")} transform="translate(${fmt(slot.x)},${fmt(slot.y)})"><title>${escapeXml(`${name} (${type})`)}</title>${boxElement}`;
}

function drawCluster(
  cluster: PictureCluster,
  edges: readonly PictureEdge[],
  owned: ReadonlyMap<string, PictureCluster[]>,
  drawn: ReadonlyMap<PictureCluster, DrawnCluster>,
  slots: StateSlot[],
): DrawnCluster {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: "TB", nodesep: 28, ranksep: 34, edgesep: 12, marginx: 10, marginy: 10 });
  const sizes = new Map<string, Box>();
  for (const node of cluster.nodes) {
    const size = nodeSize(node, owned.get(node.id)?.map((child) => drawn.get(child)!) ?? []);
    sizes.set(node.id, size);
    graph.setNode(node.id, { width: size.width, height: size.height });
  }
  edges.forEach((edge, i) => {
    const label = edge.label === undefined ? undefined : shorten(edge.label, EDGE_LABEL_LENGTH);
    graph.setEdge(edge.from, edge.to, label === undefined ? {} : { width: textWidth(label) * 0.85 + 8, height: 16, labelpos: "c" }, `e${i}`);
  });
  dagre.layout(graph);
  const layout = graph.graph() as { width?: number; height?: number };
  const laid: LaidEdge[] = edges.map((edge, i) => {
    const label = graph.edge({ v: edge.from, w: edge.to, name: `e${i}` }) as { points?: { x: number; y: number }[]; x?: number; y?: number; width?: number; height?: number };
    return {
      edge,
      points: label.points ?? [],
      ...(edge.label !== undefined && label.x !== undefined && label.y !== undefined ? { label: { x: label.x, y: label.y, width: label.width ?? 0, height: label.height ?? 0 } } : {}),
    };
  });
  const parts: string[] = [];
  for (const e of laid) parts.push(drawEdge(e));
  for (const node of cluster.nodes) {
    const position = graph.node(node.id) as { x: number; y: number };
    const size = sizes.get(node.id)!;
    parts.push(drawNode(node, position.x - size.width / 2, position.y - size.height / 2, size, owned.get(node.id) ?? [], drawn, slots));
  }
  return { width: layout.width ?? 0, height: layout.height ?? 0, svg: parts.join("") };
}

function nodeSize(node: PictureNode, children: readonly DrawnCluster[]): Box {
  if (node.shape === "start" || node.shape === "end") return { width: MARKER, height: MARKER };
  const labelWidth = textWidth(shorten(node.label, LABEL_LENGTH)) + 28;
  if (children.length === 0) return { width: Math.max(96, labelWidth), height: BOX_HEIGHT };
  const inner = children.reduce((sum, child) => sum + child.width, 0) + GAP * (children.length - 1);
  const tallest = Math.max(...children.map((child) => child.height));
  return { width: Math.max(labelWidth, inner + 2 * PAD), height: headerOf(node.shape) + CAPTION + tallest + PAD };
}

function drawEdge({ edge, points, label }: LaidEdge): string {
  if (points.length === 0) return "";
  const d = points.map((p, i) => `${i === 0 ? "M" : "L"}${fmt(p.x)},${fmt(p.y)}`).join(" ");
  const full = edge.label === undefined ? "" : `<title>${escapeXml(edge.label)}</title>`;
  const text =
    label === undefined || edge.label === undefined
      ? ""
      : `<rect x="${fmt(label.x - label.width / 2)}" y="${fmt(label.y - label.height / 2)}" width="${fmt(label.width)}" height="${fmt(label.height)}" rx="3"/>` +
        `<text x="${fmt(label.x)}" y="${fmt(label.y + 4)}" text-anchor="middle">${escapeXml(shorten(edge.label, EDGE_LABEL_LENGTH))}</text>`;
  return `<g class="edge kind-${edge.kind}">${full}<path d="${d}" marker-end="url(#sfini-arrow)"/>${text}</g>`;
}

function drawNode(
  node: PictureNode,
  x: number,
  y: number,
  size: Box,
  children: readonly PictureCluster[],
  drawn: ReadonlyMap<PictureCluster, DrawnCluster>,
  slots: StateSlot[],
): string {
  const at = `transform="translate(${fmt(x)},${fmt(y)})"`;
  if (node.shape === "start") return `<g class="marker start" ${at}><circle cx="9" cy="9" r="7"/></g>`;
  if (node.shape === "end") return `<g class="marker end" ${at}><circle class="ring" cx="9" cy="9" r="8"/><circle cx="9" cy="9" r="5"/></g>`;
  const slot = slots.push({ name: node.label, type: node.shape, x, y, width: size.width, height: size.height, nested: children.length > 0 }) - 1;
  const inner: string[] = [];
  let left = PAD;
  for (const child of children) {
    const picture = drawn.get(child)!;
    const caption = child.label.slice(child.label.lastIndexOf(" / ") + 3);
    inner.push(
      `<g class="cluster" transform="translate(${fmt(left)},${headerOf(node.shape)})">` +
        `<rect width="${fmt(picture.width)}" height="${fmt(picture.height + CAPTION)}" rx="6"/>` +
        `<text x="8" y="13">${escapeXml(caption)}</text>` +
        `<g transform="translate(0,${CAPTION})">${picture.svg}</g></g>`,
    );
    left += picture.width + GAP;
  }
  return `\u0000${slot}\u0000${inner.join("")}</g>`;
}

/**
 * A standalone HTML page showing the SVG of a definition (`sfini graph -f html`): no script,
 * no external resource, so it opens offline and can be attached to a review.
 */
export function toSvgHtml(definition: JsonValue, title = "state machine"): string {
  const svg = toSvg(definition, { omitStyle: true, title });
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeXml(title)}</title>`,
    `<style>body { margin: 24px; font: 14px system-ui, sans-serif; color: #1f2933; }\n${SVG_STYLE}</style>`,
    "</head><body>",
    `<h1>${escapeXml(title)}</h1>`,
    svg.trimEnd(),
    "</body></html>",
  ].join("\n") + "\n";
}
