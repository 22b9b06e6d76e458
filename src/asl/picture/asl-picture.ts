import { SfiniError } from "../../errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import type { Picture, PictureCluster, PictureEdge, PictureNode } from "./picture.js";
import type { StateType } from "../state-types.js";
import { describeAslRule } from "./describe-rule.js";

/** An ASL document that cannot be drawn (no States, a Next to nowhere...). */
export class AslPictureError extends SfiniError {}

const STATE_TYPES: ReadonlySet<string> = new Set<StateType>(["Task", "Pass", "Wait", "Choice", "Parallel", "Map", "Succeed", "Fail"]);

interface PendingGraph {
  asl: JsonObject;
  cluster: PictureCluster;
  where: string;
  from?: string;
}

/**
 * The picture model (the one the Mermaid and DOT renderers draw) of an ASL definition as
 * JSON, rendered by a StateMachine or read from a file: states, Next/Default/Choice/Catch edges, start and end
 * markers, and Parallel branches and Map processors as nested clusters. No recursion, so
 * deep nesting draws. Throws {@link AslPictureError} naming the place of a malformed part.
 */
export function aslPicture(definition: JsonValue): Picture {
  if (!isJsonObject(definition)) throw new AslPictureError("a state machine definition must be a JSON object");
  const root: PictureCluster = { id: "root", label: "", nodes: [], clusters: [] };
  const edges: PictureEdge[] = [];
  const pending: PendingGraph[] = [{ asl: definition, cluster: root, where: "the definition" }];
  let clusters = 0;
  let nodes = 0;
  // The queue is read by index: shift() on a long queue (a Parallel of many branches) moves
  // every entry, which would make the picture quadratic in the number of graphs.
  for (let n = 0; n < pending.length; n++) {
    const { asl, cluster, where, from } = pending[n]!;
    const states = asl["States"];
    const startAt = asl["StartAt"];
    if (!isJsonObject(states)) throw new AslPictureError(`${where} has no "States" object`);
    if (typeof startAt !== "string" || !(startAt in states)) {
      throw new AslPictureError(`${where}: "StartAt" ${JSON.stringify(startAt)} is not one of its states`);
    }
    // Numbered ids: names may hold any character and be 80 long, and a name can recur in
    // another graph of the machine only as a different node.
    const ids = new globalThis.Map<string, string>();
    const id = (name: string): string => {
      let known = ids.get(name);
      if (known === undefined) {
        known = `s${nodes++}`;
        ids.set(name, known);
      }
      return known;
    };
    const target = (name: JsonValue | undefined, state: string, field: string): string => {
      if (typeof name !== "string" || !(name in states)) {
        throw new AslPictureError(`${where}: state ${JSON.stringify(state)} has ${field} ${JSON.stringify(name)}, which is not a state`);
      }
      return id(name);
    };
    const start = `start${n}`;
    const end = `end${n}`;
    cluster.nodes.push({ id: start, label: "start", shape: "start" });
    edges.push({ from: start, to: id(startAt), kind: "start" });
    if (from !== undefined) edges.push({ from, to: start, kind: "branch" });
    let hasEnd = false;
    for (const [name, state] of Object.entries(states)) {
      if (!isJsonObject(state) || typeof state["Type"] !== "string" || !STATE_TYPES.has(state["Type"])) {
        throw new AslPictureError(`${where}: state ${JSON.stringify(name)} has no known "Type"`);
      }
      const type = state["Type"] as StateType;
      const self = id(name);
      cluster.nodes.push({ id: self, label: name, shape: type } satisfies PictureNode);
      if (state["Next"] !== undefined) edges.push({ from: self, to: target(state["Next"], name, "Next"), kind: "next" });
      if (Array.isArray(state["Choices"])) {
        for (const rule of state["Choices"]) {
          if (!isJsonObject(rule)) continue;
          edges.push({ from: self, to: target(rule["Next"], name, "a Choice rule to"), kind: "choice", label: describeAslRule(rule) });
        }
      }
      if (state["Default"] !== undefined) edges.push({ from: self, to: target(state["Default"], name, "Default"), kind: "default", label: "default" });
      if (Array.isArray(state["Catch"])) {
        for (const catcher of state["Catch"]) {
          if (!isJsonObject(catcher)) continue;
          const errors = Array.isArray(catcher["ErrorEquals"]) ? catcher["ErrorEquals"].join(", ") : "";
          edges.push({ from: self, to: target(catcher["Next"], name, "a Catch to"), kind: "catch", label: errors });
        }
      }
      if (state["End"] === true || type === "Succeed" || type === "Fail") {
        edges.push({ from: self, to: end, kind: "end" });
        hasEnd = true;
      }
      const nested: [string, JsonValue | undefined][] =
        type === "Parallel"
          ? (Array.isArray(state["Branches"]) ? state["Branches"] : []).map((branch, i) => [`branch ${i}`, branch])
          : type === "Map"
            ? [["processor", state["ItemProcessor"] ?? state["Iterator"]]]
            : [];
      for (const [label, asl] of nested) {
        if (!isJsonObject(asl)) throw new AslPictureError(`${where}: state ${JSON.stringify(name)} has a ${label} that is not a definition`);
        const child: PictureCluster = { id: `cluster${clusters++}`, label: `${name} / ${label}`, nodes: [], clusters: [] };
        cluster.clusters.push(child);
        pending.push({ asl, cluster: child, where: `${label} of state ${JSON.stringify(name)}`, from: self });
      }
    }
    if (hasEnd) cluster.nodes.push({ id: end, label: "end", shape: "end" });
  }
  return { root, edges };
}

