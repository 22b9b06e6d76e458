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
