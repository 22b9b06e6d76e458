import { Activity } from "../activities/activity.js";
import type { DefinitionProblem } from "../errors.js";
import { describePath, type StateGraph } from "./graph.js";
import { ServiceIntegration } from "./resources/service-integration.js";
import type { StateMachine } from "./state-machine.js";
import type { State } from "./states/state.js";
import { Task } from "./states/task.js";

/**
 * Problems only the objects show, not the rendered JSON: an edge to a different state object
 * than the one of that name in the machine, and resources an EXPRESS machine cannot run.
 * `tree` is the machine's graph, when the caller has built it already.
 */
export function machineProblems(machine: StateMachine, tree: StateGraph = machine.graph()): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  for (const graph of tree.allGraphs()) {
    const branch = graph.path.length > 0 ? { branch: graph.path } : {};
    for (const state of graph.states.values()) {
      // Targets first: edges() labels every edge (a Choice describes each rule), which only
      // a report needs.
      if (goesToImpostor(state, graph)) {
        for (const edge of state.edges()) {
          const known = graph.states.get(edge.target.name);
          if (known !== undefined && known !== edge.target) {
            problems.push({
              state: state.name,
              ...branch,
              message: `its ${edge.kind} edge goes to ${edge.target.toString()}, a different state than ${known.toString()} of that name in ${describePath(graph.path)}`,
            });
          }
        }
      }
      if (machine.type === "EXPRESS" && state instanceof Task) {
        const resource = state.resource;
        if (resource instanceof Activity) {
          problems.push({ state: state.name, ...branch, message: "EXPRESS state machines cannot run activities" });
        } else if (resource instanceof ServiceIntegration && resource.pattern !== "requestResponse") {
          problems.push({ state: state.name, ...branch, message: `EXPRESS state machines do not support the ${resource.pattern} integration pattern` });
        }
      }
    }
  }
  return problems;
}

/** Whether a target of `state` is a different object than the state of that name in `graph`. */
function goesToImpostor(state: State, graph: StateGraph): boolean {
  for (const target of state.targets()) {
    const known = graph.states.get(target.name);
    if (known !== undefined && known !== target) return true;
  }
  return false;
}
