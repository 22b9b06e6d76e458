import { InvalidOptionError } from "../../errors.js";
import { describeValue } from "./options-check.js";
import { QUERY_LANGUAGES, State, type QueryLanguage, type SubGraph } from "./state.js";

/**
 * A graph given as a Parallel branch or a Map item processor: a StateMachine (its states,
 * start state, comment and query language are used; it need not be registered) or anything
 * shaped like one.
 */
export interface GraphLike {
  readonly startState: State;
  readonly states: Readonly<Record<string, State>>;
  readonly comment?: string | undefined;
  /** The graph's query language; its states that set none are given it (see {@link toSubGraph}). */
  readonly queryLanguage?: QueryLanguage | undefined;
}

/** A branch: a start state (its reachable states form the branch) or a {@link GraphLike}. */
export type Branch = State | GraphLike;

/**
 * Turn a branch into the sub-graph a state exposes.
 *
 * ASL gives a branch (or item processor) no `QueryLanguage` of its own, only its states, so a
 * graph's query language is kept by setting it on each of its states that has none, those of
 * graphs nested in it included: a JSONata machine used as a branch then renders its states
 * with `QueryLanguage: JSONata` (the same meaning in the machine itself, where they would
 * inherit it).
 */
export function toSubGraph(owner: string, label: string, branch: unknown): SubGraph {
  if (branch instanceof State) return { label, startState: branch };
  if (typeof branch === "object" && branch !== null && "startState" in branch && "states" in branch) {
    const graph = branch as GraphLike;
    if (graph.startState instanceof State && typeof graph.states === "object" && graph.states !== null) {
      const states = Object.values(graph.states);
      if (states.every((s) => s instanceof State)) {
        const language = graph.queryLanguage;
        if (language !== undefined && !QUERY_LANGUAGES.includes(language)) {
          throw new InvalidOptionError(`${owner}: the ${label}'s queryLanguage must be one of ${QUERY_LANGUAGES.join(", ")}, got ${describeValue(language)}`);
        }
        if (language !== undefined) giveLanguage([graph.startState, ...states], language);
        return {
          label,
          startState: graph.startState,
          states,
          ...(typeof graph.comment === "string" ? { comment: graph.comment } : {}),
        };
      }
    }
  }
  throw new InvalidOptionError(`${owner}: a ${label} must be a State or a StateMachine, got ${describeValue(branch)}`);
}

/** Set `language` on every state that has none, from `roots` through edges and nested graphs. */
function giveLanguage(roots: readonly State[], language: QueryLanguage): void {
  // An explicit stack: a long chain must not overflow the call stack.
  const seen = new Set<State>();
  const stack = [...roots];
  while (stack.length > 0) {
    const state = stack.pop()!;
    if (seen.has(state)) continue;
    seen.add(state);
    state.queryLanguage ??= language;
    for (const target of state.targets()) stack.push(target);
    for (const sub of state.subGraphs()) {
      stack.push(sub.startState);
      if (sub.states !== undefined) for (const nested of sub.states) stack.push(nested);
    }
  }
}
