import { InvalidOptionError } from "../../errors.js";
import { describeValue } from "../../json.js";
import { QUERY_LANGUAGES, type QueryLanguage } from "../../asl/state-types.js";
import { State, type SubGraph } from "./state.js";

/**
 * A graph given as a Parallel branch or a Map item processor: a StateMachine (its states,
 * start state, comment and query language are used; it need not be registered) or anything
 * shaped like one.
 */
export interface GraphLike {
  /** The first state of the graph (`StartAt`). */
  readonly startState: State;
  /** The graph's states by name (`States`); every one must be a {@link State}. */
  readonly states: Readonly<Record<string, State>>;
  /** The graph's `Comment`; undefined leaves it out. */
  readonly comment?: string | undefined;
  /** The graph's query language; its states that set none are given it (see `toSubGraph`). */
  readonly queryLanguage?: QueryLanguage | undefined;
}

/** A branch: a start state (its reachable states form the branch) or a {@link GraphLike}. */
export type Branch = State | GraphLike;

/**
 * Turn a branch into the sub-graph a state exposes. A graph's query language travels with the
 * sub-graph and is applied when it renders (see `SubGraph.queryLanguage`); the states
 * themselves are not changed, so they can serve in other machines too.
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
        return {
          label,
          startState: graph.startState,
          states,
          ...(typeof graph.comment === "string" ? { comment: graph.comment } : {}),
          ...(language !== undefined ? { queryLanguage: language } : {}),
        };
      }
    }
  }
  throw new InvalidOptionError(`${owner}: a ${label} must be a State or a StateMachine, got ${describeValue(branch)}`);
}
