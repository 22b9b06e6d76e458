import { InvalidOptionError } from "../../errors.js";
import { describeValue } from "./options-check.js";
import { State, type SubGraph } from "./state.js";

/**
 * A graph given as a Parallel branch or a Map item processor: a StateMachine (its states and
 * start state are used; it need not be registered) or anything shaped like one.
 */
export interface GraphLike {
  readonly startState: State;
  readonly states: Readonly<Record<string, State>>;
  readonly comment?: string | undefined;
}

/** A branch: a start state (its reachable states form the branch) or a {@link GraphLike}. */
export type Branch = State | GraphLike;

/** Turn a branch into the sub-graph a state exposes. */
export function toSubGraph(owner: string, label: string, branch: unknown): SubGraph {
  if (branch instanceof State) return { label, startState: branch };
  if (typeof branch === "object" && branch !== null && "startState" in branch && "states" in branch) {
    const graph = branch as GraphLike;
    if (graph.startState instanceof State && typeof graph.states === "object" && graph.states !== null) {
      const states = Object.values(graph.states);
      if (states.every((s) => s instanceof State)) {
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
