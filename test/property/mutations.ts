import type { JsonObject, JsonValue } from "../../src/json.js";
import { isJsonObject } from "../../src/json.js";
import { isTerminalJson, jsonGraphs, renameState, transitionSlots, type JsonGraph } from "./asl-json.js";
import type { Rng } from "./prng.js";

/**
 * One-shot corruptions of a valid rendered definition, each with the problem
 * `validateDefinition` must then report: the state it must name, its branch, and a pattern
 * its message must match.
 */

/** The corruptions, one row each. */
export const MUTATION_KINDS = ["missing-next", "no-terminal", "duplicate-name", "broken-path", "broken-jsonata", "orphan", "unknown-type"] as const;

/** One kind of corruption. */
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** What a corruption did and what must be reported. */
export interface Mutation {
  readonly kind: MutationKind;
  /** Words for a failure message. */
  readonly description: string;
  /** The state the problem must name; undefined for a problem of a whole graph. */
  readonly state: string | undefined;
  /** The branch paths the problem may carry (`[]` for the top level). */
  readonly branches: ReadonlyArray<readonly string[]>;
  /** What the message must say. */
  readonly message: RegExp;
}

const BROKEN_PATHS = ["a.b", "$.a[", "$.a.", "$ a", "$.list[?", "$.x]"];
const BROKEN_EXPRESSIONS = ["{% $states.input.( %}", "{% 1 + %}", "{% $x[ %}", "{% 'unterminated %}", "{% ) %}"];
const UNKNOWN_TYPES = ["Tusk", "pass", "", "Sequence", "Await"];

// Path fields a JSONPath state may carry, and whether JSON null is a valid value.
const PATH_FIELDS = ["InputPath", "OutputPath", "ResultPath", "ItemsPath", "TimestampPath", "SecondsPath", "TimeoutSecondsPath", "ErrorPath", "CausePath"];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

interface Located {
  readonly graph: JsonGraph;
  readonly name: string;
  readonly state: JsonObject;
}

function located(graphs: readonly JsonGraph[]): Located[] {
  return graphs.flatMap((graph) => Object.entries(graph.states).map(([name, state]) => ({ graph, name, state })));
}

function languageOf(definition: JsonObject, state: JsonObject): string {
  return (state["QueryLanguage"] as string | undefined) ?? (definition["QueryLanguage"] as string | undefined) ?? "JSONPath";
}

/** Every `{% ... %}` string under `object[key]`, as a place to overwrite. */
function expressionHolders(object: JsonObject | JsonValue[], key: string | number, where = String(key)): Array<{ where: string; set(text: string): void }> {
  const value = (object as Record<string | number, JsonValue>)[key];
  if (typeof value === "string") {
    return value.startsWith("{%") ? [{ where, set: (text) => ((object as Record<string | number, JsonValue>)[key] = text) }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((_, i) => expressionHolders(value, i, `${where}[${i}]`));
  if (isJsonObject(value)) return Object.keys(value).flatMap((k) => expressionHolders(value, k, `${where}.${k}`));
  return [];
}

type Mutator = (definition: JsonObject, rng: Rng) => Mutation | undefined;

const MUTATORS: Readonly<Record<MutationKind, Mutator>> = {
  "missing-next": (definition, rng) => {
    const slots = located(jsonGraphs(definition)).flatMap((at) => transitionSlots(at.state).map((slot) => ({ at, slot })));
    if (slots.length === 0) return undefined;
    const { at, slot } = rng.pick(slots);
    const missing = `Missing${rng.int(0, 999)}`;
    slot.set(missing);
    return {
      kind: "missing-next",
      description: `${slot.field} of ${JSON.stringify(at.name)} set to ${missing}`,
      state: at.name,
      branches: [at.graph.path],
      message: new RegExp(escape(JSON.stringify(missing))),
    };
  },

  "no-terminal": (definition, rng) => {
    const graph = rng.pick(jsonGraphs(definition));
    const start = graph.asl["StartAt"] as string;
    for (const [name, state] of Object.entries(graph.states)) {
      if (!isTerminalJson(state)) continue;
      if (state["Type"] === "Succeed" || state["Type"] === "Fail") graph.states[name] = { Type: "Pass", Next: start };
      else {
        delete state["End"];
        state["Next"] = start;
      }
    }
    return {
      kind: "no-terminal",
      description: `every terminal of ${JSON.stringify(graph.path)} now loops to ${start}`,
      state: undefined,
      branches: [graph.path],
      message: /no terminal state/,
    };
  },

  "duplicate-name": (definition, rng) => {
    const graphs = jsonGraphs(definition);
    if (graphs.length < 2) return undefined;
    const first = rng.pick(graphs);
    const second = rng.pick(graphs.filter((g) => g !== first));
    const taken = rng.pick(Object.keys(first.states));
    // A state whose nested graphs hold `first` keeps its name, so `first`'s path stays true.
    const renamable = Object.keys(second.states).filter((name) => !first.path.includes(name));
    if (renamable.length === 0) return undefined;
    const renamed = rng.pick(renamable);
    renameState(second, renamed, taken);
    return {
      kind: "duplicate-name",
      description: `${JSON.stringify(renamed)} in ${JSON.stringify(second.path)} renamed to ${JSON.stringify(taken)} of ${JSON.stringify(first.path)}`,
      state: taken,
      branches: [first.path, second.path],
      message: /taken twice/,
    };
  },

  "broken-path": (definition, rng) => {
    const candidates: Array<{ at: Located; apply: (broken: string) => string }> = [];
    for (const at of located(jsonGraphs(definition))) {
      if (languageOf(definition, at.state) !== "JSONPath") continue;
      for (const field of PATH_FIELDS) {
        if (typeof at.state[field] === "string") candidates.push({ at, apply: (broken) => ((at.state[field] = broken), field) });
      }
      const parameters = at.state["Parameters"];
      if (isJsonObject(parameters)) {
        for (const key of Object.keys(parameters).filter((k) => k.endsWith(".$"))) {
          candidates.push({ at, apply: (broken) => ((parameters[key] = broken), `Parameters.${key}`) });
        }
      }
      const choices = at.state["Choices"];
      if (Array.isArray(choices)) {
        choices.forEach((rule, i) => {
          if (isJsonObject(rule) && typeof rule["Variable"] === "string") candidates.push({ at, apply: (broken) => ((rule["Variable"] = broken), `Choices[${i}].Variable`) });
        });
      }
      if (at.state["Type"] !== "Fail" && at.state["InputPath"] === undefined) {
        candidates.push({ at, apply: (broken) => ((at.state["InputPath"] = broken), "InputPath (added)") });
      }
    }
    if (candidates.length === 0) return undefined;
    const { at, apply } = rng.pick(candidates);
    const broken = rng.pick(BROKEN_PATHS);
    const field = apply(broken);
    return {
      kind: "broken-path",
      description: `${field} of ${JSON.stringify(at.name)} set to ${JSON.stringify(broken)}`,
      state: at.name,
      branches: [at.graph.path],
      message: new RegExp(escape(JSON.stringify(broken))),
    };
  },

  "broken-jsonata": (definition, rng) => {
    const candidates: Array<{ at: Located; apply: (broken: string) => string }> = [];
    for (const at of located(jsonGraphs(definition))) {
      if (languageOf(definition, at.state) !== "JSONata") continue;
      // Top-level fields holding an expression (nested graphs are their own states).
      for (const [key, value] of Object.entries(at.state)) {
        if (key === "Branches" || key === "ItemProcessor") continue;
        for (const holder of expressionHolders(at.state, key)) candidates.push({ at, apply: (broken) => (holder.set(broken), holder.where) });
      }
      if (at.state["Type"] !== "Fail") candidates.push({ at, apply: (broken) => ((at.state["Output"] = broken), "Output") });
      else candidates.push({ at, apply: (broken) => ((at.state["Error"] = broken), "Error") });
    }
    if (candidates.length === 0) return undefined;
    const { at, apply } = rng.pick(candidates);
    const broken = rng.pick(BROKEN_EXPRESSIONS);
    const field = apply(broken);
    return {
      kind: "broken-jsonata",
      description: `${field} of ${JSON.stringify(at.name)} set to ${JSON.stringify(broken)}`,
      state: at.name,
      branches: [at.graph.path],
      message: new RegExp(escape(JSON.stringify(broken))),
    };
  },

  orphan: (definition, rng) => {
    const graphs = jsonGraphs(definition).filter((g) => Object.keys(g.states).length > 1);
    if (graphs.length === 0) return undefined;
    const graph = rng.pick(graphs);
    const start = graph.asl["StartAt"] as string;
    const orphan = rng.pick(Object.keys(graph.states).filter((name) => name !== start));
    for (const state of Object.values(graph.states)) {
      for (const slot of transitionSlots(state)) if (slot.get() === orphan) slot.set(start);
    }
    return {
      kind: "orphan",
      description: `every transition to ${JSON.stringify(orphan)} in ${JSON.stringify(graph.path)} now goes to ${start}`,
      state: orphan,
      branches: [graph.path],
      message: /unreachable/,
    };
  },

  "unknown-type": (definition, rng) => {
    const at = rng.pick(located(jsonGraphs(definition)));
    const type = rng.pick(UNKNOWN_TYPES);
    at.state["Type"] = type;
    return {
      kind: "unknown-type",
      description: `Type of ${JSON.stringify(at.name)} set to ${JSON.stringify(type)}`,
      state: at.name,
      branches: [at.graph.path],
      message: /unknown Type/,
    };
  },
};

/**
 * Apply one corruption of `kind` to `definition` (in place); undefined when the definition
 * has nothing that kind can corrupt (no second graph to duplicate a name into, ...).
 */
export function mutate(definition: JsonObject, kind: MutationKind, rng: Rng): Mutation | undefined {
  return MUTATORS[kind](definition, rng);
}
