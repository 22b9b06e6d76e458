import { isJsonObject, type JsonObject, type JsonValue } from "../../src/json.js";

/**
 * Reading rendered ASL as plain JSON, written apart from the library's own graph code so the
 * properties compare two independent answers.
 */

/** One graph of a definition: the top level, a Parallel branch or a Map item processor. */
export interface JsonGraph {
  /** Path as the library spells it: `[]`, then `[state, "branch 0"]`, `[state, "item processor"]`, ... */
  readonly path: readonly string[];
  /** The graph object itself (`StartAt`, `States`); mutable, for the mutations. */
  readonly asl: JsonObject;
  readonly states: Record<string, JsonObject>;
}

/** Every graph of a definition, the top level first. */
export function jsonGraphs(definition: JsonObject): JsonGraph[] {
  const graphs: JsonGraph[] = [];
  const pending: Array<{ asl: JsonObject; path: readonly string[] }> = [{ asl: definition, path: [] }];
  while (pending.length > 0) {
    const { asl, path } = pending.shift()!;
    const states = asl["States"] as Record<string, JsonObject>;
    graphs.push({ path, asl, states });
    for (const [name, state] of Object.entries(states)) {
      if (Array.isArray(state["Branches"])) {
        state["Branches"].forEach((branch, i) => pending.push({ asl: branch as JsonObject, path: [...path, name, `branch ${i}`] }));
      }
      if (isJsonObject(state["ItemProcessor"])) pending.push({ asl: state["ItemProcessor"], path: [...path, name, "item processor"] });
    }
  }
  return graphs;
}

/** A place in a state that names the next state: read and rewrite it. */
export interface TransitionSlot {
  readonly field: string;
  get(): string;
  set(target: string): void;
}

/** The transitions of one state: Next, Default, each top-level rule's Next, each Catch's Next. */
export function transitionSlots(state: JsonObject): TransitionSlot[] {
  const slots: TransitionSlot[] = [];
  const holder = (object: JsonObject, key: string, field: string): void => {
    if (typeof object[key] === "string") {
      slots.push({ field, get: () => object[key] as string, set: (target) => (object[key] = target) });
    }
  };
  holder(state, "Next", "Next");
  holder(state, "Default", "Default");
  for (const list of ["Choices", "Catch"]) {
    const entries = state[list];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (isJsonObject(entry)) holder(entry, "Next", `${list}[${i}].Next`);
    });
  }
  return slots;
}

/** The names reachable from `StartAt` in one graph, by breadth-first search. */
export function reachableNames(graph: JsonGraph): Set<string> {
  const start = graph.asl["StartAt"] as string;
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const state = graph.states[queue.shift()!];
    if (state === undefined) continue;
    for (const slot of transitionSlots(state)) {
      const target = slot.get();
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/** Whether a state ends its graph: Succeed, Fail, or End: true. */
export function isTerminalJson(state: JsonObject): boolean {
  return state["Type"] === "Succeed" || state["Type"] === "Fail" || state["End"] === true;
}

/** Rename a state of one graph: its key, StartAt and every transition to it. */
export function renameState(graph: JsonGraph, from: string, to: string): void {
  const renamed: Record<string, JsonObject> = {};
  for (const [name, state] of Object.entries(graph.states)) {
    renamed[name === from ? to : name] = state;
    for (const slot of transitionSlots(state)) if (slot.get() === from) slot.set(to);
  }
  if (graph.asl["StartAt"] === from) graph.asl["StartAt"] = to;
  graph.asl["States"] = renamed;
}

/** Every string in a JSON value, with where it is (for ARN and expression scans). */
export function allStrings(value: JsonValue): string[] {
  const strings: string[] = [];
  const stack: JsonValue[] = [value];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === "string") strings.push(item);
    else if (Array.isArray(item)) stack.push(...item);
    else if (isJsonObject(item)) for (const [key, child] of Object.entries(item)) stack.push(key, child);
  }
  return strings;
}
