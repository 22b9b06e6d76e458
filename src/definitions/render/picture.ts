import type { StateGraph } from "../graph.js";
import type { EdgeKind, StateType } from "../states/state.js";

/**
 * A drawing-neutral model of a machine: numbered nodes, labelled edges and nested clusters
 * (Parallel branches, Map processors). Mermaid and DOT both format this one model.
 */

/** A box of the picture: a state, or a start/end marker of a graph. */
export interface PictureNode {
  readonly id: string;
  readonly label: string;
  readonly shape: StateType | "start" | "end";
}

/** An arrow; `branch` arrows go from a Parallel or Map to its nested graphs' start. */
export interface PictureEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind | "start" | "end" | "branch";
  readonly label?: string;
}

/** One graph: its nodes and the clusters nested in it. */
export interface PictureCluster {
  readonly id: string;
  readonly label: string;
  readonly nodes: PictureNode[];
  readonly clusters: PictureCluster[];
}

/** The whole picture: the top cluster and every edge. */
export interface Picture {
  readonly root: PictureCluster;
  readonly edges: PictureEdge[];
}

/** Build the picture model of a state graph and everything nested in it (no recursion). */
export function buildPicture(graph: StateGraph): Picture {
  const ids = new globalThis.Map<object, string>();
  let counter = 0;
  const idOf = (state: object): string => {
    let id = ids.get(state);
    if (id === undefined) {
      id = `s${counter++}`;
      ids.set(state, id);
    }
    return id;
  };
  const edges: PictureEdge[] = [];
  const root: PictureCluster = { id: "root", label: "", nodes: [], clusters: [] };
  const pending: Array<{ graph: StateGraph; cluster: PictureCluster; from?: string }> = [{ graph, cluster: root }];
  // Queues are read by index: shift() on a long queue (a Parallel of many branches) moves
  // every entry, which made the picture quadratic in the number of graphs.
  for (let n = 0; n < pending.length; n++) {
    const { graph: current, cluster, from } = pending[n]!;
    const start = `start${n}`;
    const end = `end${n}`;
    cluster.nodes.push({ id: start, label: "start", shape: "start" });
    edges.push({ from: start, to: idOf(current.startState), kind: "start" });
    if (from !== undefined) edges.push({ from, to: start, kind: "branch" });
    let hasEnd = false;
    for (const state of current.states.values()) {
      const id = idOf(state);
      cluster.nodes.push({ id, label: state.name, shape: state.type });
      for (const edge of state.edges()) {
        // Built field by field: a spread would make a throwaway object per edge.
        const label = edge.label ?? (edge.kind === "default" ? "default" : undefined);
        edges.push(label === undefined ? { from: id, to: idOf(edge.target), kind: edge.kind } : { from: id, to: idOf(edge.target), kind: edge.kind, label });
      }
      if (state.isTerminal) {
        edges.push({ from: id, to: end, kind: "end" });
        hasEnd = true;
      }
      for (const child of current.children.get(state) ?? []) {
        const childCluster: PictureCluster = { id: "", label: `${state.name} / ${child.path[child.path.length - 1] ?? ""}`, nodes: [], clusters: [] };
        cluster.clusters.push(childCluster);
        pending.push({ graph: child, cluster: childCluster, from: id });
      }
    }
    if (hasEnd) cluster.nodes.push({ id: end, label: "end", shape: "end" });
  }
  // Cluster ids are made unique after the fact, in the order they are drawn.
  const queue = [...root.clusters];
  for (let i = 0; i < queue.length; i++) {
    const cluster = queue[i]!;
    (cluster as { id: string }).id = `cluster${i}`;
    for (const child of cluster.clusters) queue.push(child);
  }
  return { root, edges };
}

/** Walk clusters depth-first, calling `open` before a cluster's nodes and `close` after its children. */
export function walkClusters(root: PictureCluster, open: (cluster: PictureCluster, depth: number) => void, close: (cluster: PictureCluster, depth: number) => void): void {
  const stack: Array<{ cluster: PictureCluster; depth: number; closing: boolean }> = [{ cluster: root, depth: 0, closing: false }];
  while (stack.length > 0) {
    const { cluster, depth, closing } = stack.pop()!;
    if (closing) {
      close(cluster, depth);
      continue;
    }
    open(cluster, depth);
    stack.push({ cluster, depth, closing: true });
    for (let i = cluster.clusters.length - 1; i >= 0; i--) stack.push({ cluster: cluster.clusters[i]!, depth: depth + 1, closing: false });
  }
}
