import type { JsonValue } from "../json.js";
import { aslPicture } from "../asl/picture/asl-picture.js";
import { walkClusters, type Picture, type PictureEdge, type PictureNode } from "../asl/picture/picture.js";

function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

const SHAPES: Readonly<Record<PictureNode["shape"], string>> = {
  start: "shape=circle, label=\"start\"",
  end: "shape=doublecircle, label=\"end\"",
  Choice: "shape=diamond",
  Succeed: "shape=box, style=\"rounded,bold\"",
  Fail: "shape=box, style=\"rounded,bold\", color=red",
  Parallel: "shape=box3d",
  Map: "shape=box3d",
  Task: "shape=box",
  Pass: "shape=box, style=dashed",
  Wait: "shape=box, style=rounded",
};

function node(n: PictureNode): string {
  const label = n.shape === "start" || n.shape === "end" ? "" : `label=${quote(n.label)}, `;
  return `${n.id} [${label}${SHAPES[n.shape]}];`;
}

function edge(e: PictureEdge): string {
  const attributes: string[] = [];
  if (e.label !== undefined) attributes.push(`label=${quote(e.label)}`);
  if (e.kind === "catch") attributes.push("style=dotted", "color=red");
  if (e.kind === "branch") attributes.push("style=dashed");
  return `${e.from} -> ${e.to}${attributes.length > 0 ? ` [${attributes.join(", ")}]` : ""};`;
}

/**
 * A Graphviz DOT digraph of an ASL definition (`sm.toDefinition()`, or JSON read from a file),
 * with Parallel branches and Map processors as clusters.
 */
export function toDot(definition: JsonValue, name = "stateMachine"): string {
  return dotOfPicture(aslPicture(definition), name);
}

/** The DOT text of a picture model. */
export function dotOfPicture(picture: Picture, name = "stateMachine"): string {
  const lines = [`digraph ${quote(name)} {`, "  rankdir=TB;"];
  walkClusters(
    picture.root,
    (cluster, depth) => {
      const indent = "  ".repeat(depth + 1);
      if (depth > 0) {
        lines.push(`${"  ".repeat(depth)}subgraph ${cluster.id} {`);
        lines.push(`${indent}label=${quote(cluster.label)};`);
      }
      for (const n of cluster.nodes) lines.push(indent + node(n));
    },
    (_cluster, depth) => {
      if (depth > 0) lines.push(`${"  ".repeat(depth)}}`);
    },
  );
  for (const e of picture.edges) lines.push(`  ${edge(e)}`);
  lines.push("}");
  return lines.join("\n") + "\n";
}
