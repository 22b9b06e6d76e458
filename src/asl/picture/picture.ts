import type { EdgeKind, StateType } from "../state-types.js";

/**
 * A drawing-neutral model of a machine: numbered nodes, labelled edges and nested clusters
 * (Parallel branches, Map processors). Mermaid and DOT both format this one model.
 */

/** A box of the picture: a state, or a start/end marker of a graph. */
export interface PictureNode {
  /** Identifier of the node, unique in the picture (e.g. `s3`); edges refer to it. */
  readonly id: string;
  /** Text shown in the box: the state's name, or `start` / `end`. */
  readonly label: string;
  /** How the box is drawn: the state's `Type`, or a `start` / `end` marker. */
  readonly shape: StateType | "start" | "end";
}

/** An arrow; `branch` arrows go from a Parallel or Map to its nested graphs' start. */
export interface PictureEdge {
  /** {@link PictureNode.id} of the node the arrow leaves. */
  readonly from: string;
  /** {@link PictureNode.id} of the node the arrow points to. */
  readonly to: string;
  /** How the transition is taken; `start`, `end` and `branch` join markers and nested graphs. */
  readonly kind: EdgeKind | "start" | "end" | "branch";
  /** Text on the arrow: a Choice rule, a Catch's error names; undefined for none. */
  readonly label?: string;
}

/** One graph: its nodes and the clusters nested in it. */
export interface PictureCluster {
  /** Identifier of the cluster, unique in the picture; `root` for the top graph. */
  readonly id: string;
  /** Title of the cluster, e.g. `Fan out / branch 0`; empty for the top graph. */
  readonly label: string;
  /** The graph's nodes (its states and start/end markers). */
  readonly nodes: PictureNode[];
  /** Graphs nested in this one (Parallel branches, Map item processors). */
  readonly clusters: PictureCluster[];
}

/** The whole picture: the top cluster and every edge. */
export interface Picture {
  /** The machine's top-level graph, with every nested graph inside it. */
  readonly root: PictureCluster;
  /** Every arrow of the picture, nested graphs included. */
  readonly edges: PictureEdge[];
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
