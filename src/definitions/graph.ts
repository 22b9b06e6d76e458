import { setKey } from "../set-key.js";
import { DefinitionError } from "../errors.js";
import type { JsonObject } from "../json.js";
import type { QueryLanguage } from "../asl/state-types.js";
import type { State, SubGraph, SubGraphRenderer } from "./states/state.js";

/** Where a state sits: the path of branches down to its graph (empty at the top level). */
export type GraphPath = readonly string[];

/** Words for a graph path in messages: `the top level`, `Parallel1 / branch 0`. */
export function describePath(path: GraphPath): string {
  return path.length === 0 ? "the top level" : path.join(" / ");
}

/** What a graph is built from: a start state, and the states when given explicitly. */
export interface GraphSource {
  /** The graph's first state (`StartAt`). */
  readonly startState: State;
  /** The graph's states; undefined means every state reachable from the start. */
  readonly states?: Iterable<State> | undefined;
  /**
   * The graph's states by name, already known to be distinct, the start first: the graph
   * takes this map as its own {@link StateGraph.states} instead of building one (a
   * StateMachine's states do not change, so its graphs share them).
   */
  readonly byName?: ReadonlyMap<string, State> | undefined;
  /** The graph's `Comment`; undefined leaves it out. */
  readonly comment?: string | undefined;
}

// The children of every graph without nested graphs (most of them: each branch of a wide
// Parallel is one), so such graphs do not each carry an empty map.
const NO_CHILDREN: ReadonlyMap<State, readonly StateGraph[]> = new globalThis.Map();

/**
 * The states of a machine (or of one branch) and the graphs nested in them. Built without
 * recursion, so chains of any length work; names are checked unique across the whole tree,
 * branches included.
 */
export class StateGraph {
  /** The first state. */
  readonly startState: State;
  /** States by name, the start first, then in depth-first order of their edges. */
  readonly states: ReadonlyMap<string, State>;
  /** Graphs nested in this graph's states (Parallel branches, Map processors), by state. */
  readonly children: ReadonlyMap<State, readonly StateGraph[]>;
  /** Where this graph sits in the machine. */
  readonly path: GraphPath;
  /** `Comment` of the graph, if any. */
  readonly comment: string | undefined;

  // What the graph was built from; a nested graph is found by it when its tree renders.
  private readonly source: GraphSource;

  private constructor(source: GraphSource, path: GraphPath) {
    this.source = source;
    this.startState = source.startState;
    this.path = path;
    this.comment = source.comment;
    this.states = source.byName ?? new globalThis.Map<string, State>();
    this.children = NO_CHILDREN;
  }

  /**
   * Build the graph of `source` and of every graph nested in it. Throws
   * {@link DefinitionError} when two different states share a name, naming both places.
   */
  static build(source: GraphSource, path: GraphPath = []): StateGraph {
    const root = new StateGraph(source, path);
    // The graphs built so far, in order; the names of the whole tree are checked against them.
    const built: StateGraph[] = [];
    // Name → state over the whole tree. Made only once a second graph appears: a machine
    // without branches checks its names in its own `states` map, with no second map to fill.
    let names: globalThis.Map<string, State> | undefined;
    const pending: Array<{ graph: StateGraph; source: GraphSource }> = [{ graph: root, source }];
    while (pending.length > 0) {
      const { graph, source: next } = pending.pop()!;
      if (built.length === 1) names = new globalThis.Map(root.states);
      built.push(graph);
      graph.collect(next, names, built);
      for (const state of graph.states.values()) {
        const subGraphs = state.subGraphs();
        if (subGraphs.length === 0) continue;
        const children: StateGraph[] = [];
        for (const sub of subGraphs) {
          const child = new StateGraph(sub, [...graph.path, state.name, sub.label]);
          pending.push({ graph: child, source: sub });
          children.push(child);
        }
        if (graph.children === NO_CHILDREN) (graph as { children: ReadonlyMap<State, readonly StateGraph[]> }).children = new globalThis.Map();
        (graph.children as globalThis.Map<State, StateGraph[]>).set(state, children);
      }
    }
    return root;
  }

  /**
   * Add `state` unless it is already in this graph; false when it was. `names` holds the
   * names of the whole tree once there is more than this one graph.
   */
  private add(state: State, names: globalThis.Map<string, State> | undefined, built: readonly StateGraph[]): boolean {
    const states = this.states as globalThis.Map<string, State>;
    const owner = (names ?? states).get(state.name);
    if (owner === undefined) {
      names?.set(state.name, state);
      states.set(state.name, state);
      return true;
    }
    if (owner === state && states.get(state.name) === state) return false;
    return this.taken(owner, state, built);
  }

  /** Throw the error of a name taken twice: by `owner` first, now by `state` in this graph. */
  private taken(owner: State, state: State, built: readonly StateGraph[]): never {
    // The error path only: find which graph holds the first state of that name.
    const ownerGraph = built.find((graph) => graph.states.get(state.name) === owner) ?? this;
    const first = `${owner.toString()} in ${describePath(ownerGraph.path)}`;
    const second = `${state.toString()} in ${describePath(this.path)}`;
    throw new DefinitionError(`state name ${JSON.stringify(state.name)} is taken twice: ${first}, and ${second}`, [
      { state: state.name, branch: ownerGraph.path, message: `name also used in ${describePath(this.path)}` },
    ]);
  }

  private collect(source: GraphSource, names: globalThis.Map<string, State> | undefined, built: readonly StateGraph[]): void {
    if (source.byName !== undefined) {
      // The top graph's map is the names map until a second graph comes; a nested one
      // still has its names checked against the rest of the tree.
      if (names === undefined) return;
      for (const state of source.byName.values()) {
        const owner = names.get(state.name);
        if (owner !== undefined) this.taken(owner, state, built);
        names.set(state.name, state);
      }
      return;
    }
    if (source.states !== undefined) {
      this.add(source.startState, names, built);
      for (const state of source.states) this.add(state, names, built);
      return;
    }
    // Depth-first with an explicit stack; edges are pushed in reverse so the first edge
    // (Next) is visited first and the rendered order reads like the flow.
    // A state seen before is skipped when popped (add() returns false), not looked up when
    // pushed: most targets are new, and one lookup per state is the walk's main cost.
    const stack: State[] = [source.startState];
    while (stack.length > 0) {
      const state = stack.pop()!;
      if (!this.add(state, names, built)) continue;
      const targets = state.targets();
      for (let i = targets.length - 1; i >= 0; i--) stack.push(targets[i]!);
    }
  }

  /** The graph's ASL: `StartAt`, `States` (and `Comment` when it has one). */
  toDefinition(): JsonObject {
    // The graphs nested in this tree are built already: the rendering takes them instead of
    // walking every branch again.
    const built = new globalThis.Map<GraphSource, StateGraph>();
    if (this.children !== NO_CHILDREN) for (const graph of this.allGraphs()) if (graph !== this) built.set(graph.source, graph);
    return this.renderWith(new RenderContext(built));
  }

  /** The graph's ASL, its nested graphs rendered by `renderer`. */
  renderWith(renderer: SubGraphRenderer): JsonObject {
    const rendered: JsonObject = {};
    for (const [name, state] of this.states) setKey(rendered, name, state.toAsl(renderer));
    const asl: JsonObject = {};
    if (this.comment !== undefined) asl["Comment"] = this.comment;
    asl["StartAt"] = this.startState.name;
    asl["States"] = rendered;
    return asl;
  }

  /** Every graph of the tree, this one first (breadth-first, no recursion). */
  allGraphs(): StateGraph[] {
    const graphs: StateGraph[] = [this];
    for (let i = 0; i < graphs.length; i++) {
      // A loop, not push(...children): a Parallel with many branches would overflow the
      // argument list.
      for (const children of graphs[i]!.children.values()) for (const child of children) graphs.push(child);
    }
    return graphs;
  }
}

/**
 * One rendering of a tree of graphs: the graphs it built already, by the sub-graph each was
 * built from. A nested graph it does not know (a state rendered on its own) is built and
 * rendered as a tree of its own.
 */
export class RenderContext implements SubGraphRenderer {
  readonly #built: ReadonlyMap<GraphSource, StateGraph>;

  constructor(built: ReadonlyMap<GraphSource, StateGraph> = new globalThis.Map()) {
    this.#built = built;
  }

  /** Render a nested graph (a Parallel branch, a Map processor) to `{ StartAt, States }`. */
  renderSubGraph(sub: SubGraph, path: GraphPath): JsonObject {
    const known = this.#built.get(sub);
    const asl = known !== undefined ? known.renderWith(this) : StateGraph.build(sub, path).toDefinition();
    if (sub.queryLanguage !== undefined) giveQueryLanguage(asl, sub.queryLanguage);
    return asl;
  }
}

/**
 * Set `QueryLanguage` on every rendered state of `graph` that has none, in nested branches and
 * processors too (an explicit stack, so deep nesting renders). Works on the freshly rendered
 * JSON, never on the State objects.
 */
function giveQueryLanguage(graph: JsonObject, language: QueryLanguage): void {
  const stack: JsonObject[] = [graph];
  while (stack.length > 0) {
    const states = stack.pop()!["States"] as JsonObject;
    for (const name of Object.keys(states)) {
      const state = states[name] as JsonObject;
      if (state["QueryLanguage"] === undefined) setKey(states, name, { Type: state["Type"]!, QueryLanguage: language, ...state });
      for (const nested of [...((state["Branches"] as JsonObject[] | undefined) ?? []), state["ItemProcessor"], state["Iterator"]]) {
        if (nested !== undefined) stack.push(nested as JsonObject);
      }
    }
  }
}
