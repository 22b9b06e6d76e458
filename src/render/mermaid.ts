import type { JsonValue } from "../json.js";
import { aslPicture } from "../asl/picture/asl-picture.js";
import { walkClusters, type Picture, type PictureEdge, type PictureNode } from "../asl/picture/picture.js";

// Mermaid has no escape for `"` inside a quoted label but its entity code.
function quote(text: string): string {
  return `"${text.replace(/"/g, "#quot;")}"`;
}

function node(n: PictureNode): string {
  const label = quote(n.label);
  switch (n.shape) {
    case "start":
      return `${n.id}((start))`;
    case "end":
      return `${n.id}(((end)))`;
    case "Choice":
      return `${n.id}{${label}}`;
    case "Succeed":
    case "Fail":
      return `${n.id}([${label}])`;
    case "Parallel":
    case "Map":
      return `${n.id}[[${label}]]`;
    default:
      return `${n.id}[${label}]`;
  }
}

function edge(e: PictureEdge): string {
  const label = e.label !== undefined ? `|${quote(e.label)}|` : "";
  const arrow = e.kind === "catch" || e.kind === "branch" ? "-.->" : "-->";
  return `${e.from} ${arrow}${label} ${e.to}`;
}

/**
 * A Mermaid `flowchart TD` of an ASL definition (`sm.toDefinition()`, or JSON read from a
 * file): Choice edges labelled with their rules, Catch edges dotted with their error names,
 * Parallel branches and Map processors as subgraphs, and start and end markers.
 */
export function toMermaid(definition: JsonValue): string {
  return mermaidOfPicture(aslPicture(definition));
}

/** The Mermaid text of a picture model. */
export function mermaidOfPicture(picture: Picture): string {
  const lines = ["flowchart TD"];
  walkClusters(
    picture.root,
    (cluster, depth) => {
      const indent = "  ".repeat(depth + 1);
      if (depth > 0) lines.push(`${"  ".repeat(depth)}subgraph ${cluster.id}[${quote(cluster.label)}]`);
      for (const n of cluster.nodes) lines.push(indent + node(n));
    },
    (_cluster, depth) => {
      if (depth > 0) lines.push(`${"  ".repeat(depth)}end`);
    },
  );
  for (const e of picture.edges) lines.push(`  ${edge(e)}`);
  return lines.join("\n") + "\n";
}
