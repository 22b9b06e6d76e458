import { parseArn } from "../arn.js";
import type { DefinitionProblem } from "../errors.js";
import { describePath, type StateGraph } from "./graph.js";
import { INTEGRATION_PATTERN_SUFFIX, type IntegrationPattern } from "./resources/service-integration.js";
import type { State } from "./states/state.js";
import { Task } from "./states/task.js";
import { TaskResource } from "./resources/task-resource.js";

/**
 * Problems only the objects show, not the rendered JSON: an edge to a different state object
 * than the one of that name in the machine, resources an EXPRESS machine cannot run, and a
 * `HeartbeatSeconds` sfini defaulted (activity heartbeat + 5) that the Task's timeout rules out.
 * `type` is the machine's type, `tree` its graph.
 */
export function machineProblems(type: "STANDARD" | "EXPRESS" | undefined, tree: StateGraph): DefinitionProblem[] {
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
      if (state instanceof Task) {
        const message = defaultHeartbeatProblem(state);
        if (message !== undefined) problems.push({ state: state.name, ...branch, message });
      }
      if (type === "EXPRESS" && state instanceof Task) {
        const message = expressProblem(state.resourceArn);
        if (message !== undefined) problems.push({ state: state.name, ...branch, message });
      }
    }
  }
  return problems;
}

/**
 * Why the `HeartbeatSeconds` sfini gives an activity Task by default does not fit its
 * `timeout` (AWS wants it smaller); undefined when it fits or was given explicitly.
 */
function defaultHeartbeatProblem(task: Task): string | undefined {
  if (task.heartbeat !== undefined || task.heartbeatPath !== undefined || typeof task.timeout !== "number") return undefined;
  const workerHeartbeat = task.resource instanceof TaskResource ? task.resource.workerHeartbeat : undefined;
  const heartbeat = task.heartbeatSeconds;
  if (workerHeartbeat === undefined || typeof heartbeat !== "number" || heartbeat < task.timeout) return undefined;
  return (
    `HeartbeatSeconds defaults to the activity's heartbeat (${workerHeartbeat} s) + ${heartbeat - workerHeartbeat} = ${heartbeat} s, ` +
    `not smaller than the Task's timeout (${task.timeout} s): give the activity a smaller heartbeat, or the Task \`heartbeat\``
  );
}

/** Whether a target of `state` is a different object than the state of that name in `graph`. */
function goesToImpostor(state: State, graph: StateGraph): boolean {
  for (const target of state.targets()) {
    const known = graph.states.get(target.name);
    if (known !== undefined && known !== target) return true;
  }
  return false;
}

// The patterns with a suffix, longest suffix first so `.sync:2` is not read as `.sync`.
const WAITING_PATTERNS = (Object.entries(INTEGRATION_PATTERN_SUFFIX) as Array<[IntegrationPattern, string]>)
  .filter(([, suffix]) => suffix !== "")
  .sort(([, a], [, b]) => b.length - a.length);

/**
 * Why an EXPRESS machine cannot run a Task on `resource`; undefined when it can. Read from
 * the rendered ARN, so a resource given as an ARN string is judged as its object would be.
 */
function expressProblem(resource: string): string | undefined {
  const arn = parseArn(resource);
  if (arn === undefined || arn.service !== "states") return undefined;
  if (arn.resource.startsWith("activity:")) return "EXPRESS state machines cannot run activities";
  if (arn.region !== "" || arn.accountId !== "") return undefined;
  const waiting = WAITING_PATTERNS.find(([, suffix]) => arn.resource.endsWith(suffix));
  return waiting === undefined ? undefined : `EXPRESS state machines do not support the ${waiting[0]} integration pattern`;
}
