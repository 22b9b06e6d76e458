import { describe, expect, it } from "vitest";
import type { DefinitionProblem } from "../../src/errors.js";
import { isJsonObject, type JsonObject } from "../../src/json.js";
import { StateMachine } from "../../src/control/state-machine.js";
import { validateDefinition } from "../../src/asl/index.js";
import { expectAslValid } from "../definitions/helpers.js";
import { allStrings, jsonGraphs, reachableNames, transitionSlots } from "./asl-json.js";
import { PARTITION_OF_REGION, generateMachine } from "./generator.js";
import { MUTATION_KINDS, mutate, type Mutation, type MutationKind } from "./mutations.js";
import { Rng } from "./prng.js";
import { SEEDS, forEverySeed, sample, withSeed, type Sample } from "./seeds.js";

/**
 * Properties of the definition layer over a few hundred generated machines (test layer 3).
 * Every failure names its seed; `PROPERTY_SEED=<n>` replays one.
 */

const sorted = (names: Iterable<string>): string[] => [...names].sort();
const pathKey = (path: readonly string[]): string => JSON.stringify(path);
// The coverage check only means something over many seeds, not when replaying one.
const manySeeds = SEEDS.length >= 100;
// Machines per asl-validator call: its cost is mostly per call, not per state.
const ASL_BATCH = 200;

describe(`generated state machines (${SEEDS.length} seeds)`, () => {
  it.runIf(manySeeds)("the generator covers every state type, both languages, every partition, loops and big machines", () => {
    const seen = new Set<string>();
    let largest = 0;
    let smallest = Number.MAX_SAFE_INTEGER;
    let decoys = 0;
    for (const seed of SEEDS) {
      const s = sample(seed);
      seen.add(`partition ${PARTITION_OF_REGION[s.region]}`).add(`language ${s.language}`);
      decoys += s.decoys.length;
      let size = 0;
      for (const graph of jsonGraphs(s.definition)) {
        const order = Object.keys(graph.states);
        size += order.length;
        if (graph.path.length > 0) seen.add("nested graph");
        for (const [name, state] of Object.entries(graph.states)) {
          seen.add(`type ${String(state["Type"])}`);
          if (state["QueryLanguage"] === "JSONata") seen.add("JSONata state");
          for (const field of ["Retry", "Catch", "Parameters", "Arguments", "Output", "Assign", "ResultPath", "InputPath", "OutputPath", "ResultSelector", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "ItemReader", "Credentials"]) {
            if (state[field] !== undefined) seen.add(`field ${field}`);
          }
          const processor = state["ItemProcessor"];
          if (isJsonObject(processor) && isJsonObject(processor["ProcessorConfig"])) seen.add(`map ${String(processor["ProcessorConfig"]["Mode"])}`);
          const text = JSON.stringify(state);
          for (const marker of ['"And":', '"Or":', '"Not":', '"Condition":', 'Path":"$', ":activity:", ":function:", ":::"]) if (text.includes(marker)) seen.add(marker);
          // A transition to a state rendered earlier in the walk is a loop back.
          for (const slot of transitionSlots(state)) {
            if (order.indexOf(slot.get()) <= order.indexOf(name)) seen.add(state["Type"] === "Choice" ? "loop from a Choice" : "loop");
          }
        }
      }
      largest = Math.max(largest, size);
      smallest = Math.min(smallest, size);
    }
    const expected = [
      ...["Pass", "Task", "Wait", "Choice", "Parallel", "Map", "Succeed", "Fail"].map((t) => `type ${t}`),
      "partition aws", "partition aws-cn", "partition aws-us-gov", "language JSONPath", "language JSONata",
      "JSONata state", "nested graph", "map INLINE", "map DISTRIBUTED", "loop", "loop from a Choice",
      '"And":', '"Or":', '"Not":', '"Condition":', 'Path":"$', ":activity:", ":function:", ":::",
      ...["Retry", "Catch", "Parameters", "Arguments", "Output", "Assign", "ResultPath", "InputPath", "OutputPath", "ResultSelector", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "ItemReader", "Credentials"].map((f) => `field ${f}`),
    ];
    expect(expected.filter((item) => !seen.has(item))).toEqual([]);
    expect(largest).toBeGreaterThanOrEqual(100);
    expect(smallest).toBe(1);
    expect(decoys).toBeGreaterThan(0);
  });

  it("every definition passes asl-validator and sm.validate() (validateDefinition and the object checks)", () => {
    // sm.validate() is validateDefinition of the rendered definition (the same text, as the
    // determinism property shows) plus the checks only the objects allow.
    forEverySeed((s) => expect(s.machine.validate()).toEqual([]));
    // asl-validator builds its schemas on every call (~0.2 s to 1 s), so machines are checked
    // in batches, as the branches of one Parallel per query language; names carry their seed,
    // so they stay unique. A failing batch is re-checked machine by machine to name the seed.
    for (const language of ["JSONPath", "JSONata"]) {
      const batch = SEEDS.map(sample).filter((s) => (s.definition["QueryLanguage"] ?? "JSONPath") === language);
      for (let i = 0; i < batch.length; i += ASL_BATCH) {
        const chunk = batch.slice(i, i + ASL_BATCH);
        const wrapper: JsonObject = { QueryLanguage: language, StartAt: "batch", States: { batch: { Type: "Parallel", Branches: chunk.map((s) => s.definition), End: true } } };
        try {
          expectAslValid(wrapper);
        } catch (error) {
          for (const s of chunk) withSeed(s.seed, () => expectAslValid(s.definition));
          throw error;
        }
      }
    }
  });

  it("constructStateMachine collects exactly the states reachable from the start, in every graph", () => {
    forEverySeed((s) => {
      const graphs = jsonGraphs(s.definition);
      const expected = new Map(s.graphs.map((g) => [pathKey(g.path), g.names]));
      expect(sorted(graphs.map((g) => pathKey(g.path)))).toEqual(sorted(expected.keys()));
      for (const graph of graphs) {
        const names = sorted(Object.keys(graph.states));
        expect(names, `graph ${pathKey(graph.path)}`).toEqual(sorted(reachableNames(graph)));
        expect(names, `graph ${pathKey(graph.path)}`).toEqual(sorted(expected.get(pathKey(graph.path))!));
      }
      const rendered = new Set(graphs.flatMap((g) => Object.keys(g.states)));
      expect(s.decoys.filter((name) => rendered.has(name))).toEqual([]);
      expect(sorted(Object.keys(s.machine.states))).toEqual(sorted(Object.keys(graphs[0]!.states)));
      expect(s.definition["StartAt"]).toBe(s.start.name);
    });
  });

  it("rendering is deterministic, and JSON.stringify(sm) is the definition", () => {
    forEverySeed((s) => {
      const text = JSON.stringify(s.definition);
      expect(JSON.stringify(s.machine.toDefinition())).toBe(text);
      expect(JSON.parse(JSON.stringify(s.machine))).toEqual(s.machine.toDefinition());
      // The same seed builds the same machine, key order included.
      expect(JSON.stringify(generateMachine(s.seed).machine.toDefinition())).toBe(text);
    });
  });

  it("every ARN carries the partition, region and account of the session", () => {
    forEverySeed((s) => {
      const partition = PARTITION_OF_REGION[s.region]!;
      const arns = allStrings(s.definition).filter((text) => text.startsWith("arn:"));
      for (const arn of arns) {
        const [, arnPartition, , region, account] = arn.split(":");
        expect(arnPartition, arn).toBe(partition);
        expect(["", s.region], arn).toContain(region);
        expect(["", "123456789012"], arn).toContain(account);
      }
      // Every Task resource is one of those ARNs, so the check above is not vacuous.
      for (const graph of jsonGraphs(s.definition)) {
        for (const state of Object.values(graph.states)) {
          if (state["Type"] === "Task") expect(String(state["Resource"])).toMatch(new RegExp(`^arn:${partition}:(states|lambda):`));
        }
      }
    });
  });

  it("an EXPRESS machine reports exactly its activity and .sync/.waitForTaskToken tasks", () => {
    forEverySeed((s) => {
      const express = new StateMachine(`${s.machine.name}-express`, s.machine.states, s.machine.startState, {
        type: "EXPRESS",
        session: s.session,
        ...(s.machine.queryLanguage !== undefined ? { queryLanguage: s.machine.queryLanguage } : {}),
      });
      const expected: string[] = [];
      for (const graph of jsonGraphs(s.definition)) {
        for (const [name, state] of Object.entries(graph.states)) {
          const resource = String(state["Resource"]);
          // Raw ARN strings count too: the check reads the rendered Resource (found-bugs.test.ts, BUG 5).
          if (state["Type"] !== "Task") continue;
          if (/:activity:/.test(resource) || /\.(sync|sync:2|waitForTaskToken)$/.test(resource)) expected.push(name);
        }
      }
      const reported = express.validate().map((p) => p.state ?? "(machine)");
      expect(sorted(reported)).toEqual(sorted(expected));
    });
  });

  it("validateDefinition catches one random corruption and names the state it is in", () => {
    const applied = new Map<MutationKind, number>();
    forEverySeed((s) => {
      const rng = new Rng(s.seed ^ 0x5eed);
      const first = s.seed % MUTATION_KINDS.length;
      let mutation: Mutation | undefined;
      let mutant: JsonObject = s.definition;
      // Rotate through the kinds; skip those the machine gives nothing to corrupt.
      for (let k = 0; k < MUTATION_KINDS.length && mutation === undefined; k++) {
        mutant = structuredClone(s.definition);
        mutation = mutate(mutant, MUTATION_KINDS[(first + k) % MUTATION_KINDS.length]!, rng);
      }
      if (mutation === undefined) throw new Error("no mutation applies");
      applied.set(mutation.kind, (applied.get(mutation.kind) ?? 0) + 1);
      const problems = validateDefinition(mutant);
      const match = problems.find((p) => matches(mutation, p));
      expect(match, `${mutation.kind}: ${mutation.description}; expected a problem naming ${JSON.stringify(mutation.state)} in ${JSON.stringify(mutation.branches)} matching ${mutation.message}; got ${JSON.stringify(problems, null, 1)}`).toBeDefined();
    });
    if (manySeeds) expect(MUTATION_KINDS.filter((kind) => (applied.get(kind) ?? 0) < 5)).toEqual([]);
  });

  it("toMermaid() and toDot() draw every state as exactly one node, and every transition as an edge", () => {
    forEverySeed((s) => {
      const graphs = jsonGraphs(s.definition);
      const names = sorted(graphs.flatMap((g) => Object.keys(g.states)));
      const transitions = graphs.reduce((n, g) => n + Object.values(g.states).reduce((m, state) => m + transitionSlots(state).length, 0), 0);
      for (const [format, picture] of [["mermaid", pictureOfMermaid(s)], ["dot", pictureOfDot(s)]] as const) {
        expect(sorted(picture.nodes.values()), format).toEqual(names);
        const stateEdges = picture.edges.filter(([from, to]) => picture.nodes.has(from) && picture.nodes.has(to));
        expect(stateEdges.length, format).toBe(transitions);
        const undeclared = picture.edges.flat().filter((id) => /^s\d+$/.test(id) && !picture.nodes.has(id));
        expect(undeclared, format).toEqual([]);
      }
    });
  });
});

function matches(mutation: Mutation, problem: DefinitionProblem): boolean {
  if (problem.state !== mutation.state) return false;
  const branch = pathKey(problem.branch ?? []);
  return mutation.branches.some((b) => pathKey(b) === branch) && mutation.message.test(problem.message);
}

/** State nodes (id → label) and edges (from, to) of a picture. */
interface ParsedPicture {
  readonly nodes: Map<string, string>;
  readonly edges: Array<[string, string]>;
}

function collect(lines: readonly string[], node: RegExp, edge: RegExp, unquote: (label: string) => string): ParsedPicture {
  const nodes = new Map<string, string>();
  const edges: Array<[string, string]> = [];
  for (const line of lines) {
    const n = node.exec(line);
    if (n !== null) {
      if (nodes.has(n[1]!)) throw new Error(`node ${n[1]} drawn twice: ${line}`);
      nodes.set(n[1]!, unquote(n[2]!));
      continue;
    }
    const e = edge.exec(line);
    if (e !== null) edges.push([e[1]!, e[2]!]);
  }
  return { nodes, edges };
}

function pictureOfMermaid(s: Sample): ParsedPicture {
  const text = s.machine.toMermaid();
  expect(text.startsWith("flowchart TD\n")).toBe(true);
  return collect(
    text.split("\n"),
    /^\s*(s\d+)(?:\[\[|\(\[|\{|\[)"([^"]*)"(?:\]\]|\]\)|\}|\])$/,
    /^\s*(\w+) (?:-->|-\.->)(?:\|"[^"]*"\|)? (\w+)$/,
    (label) => label.replace(/#quot;/g, '"'),
  );
}

function pictureOfDot(s: Sample): ParsedPicture {
  const text = s.machine.toDot();
  expect(text.startsWith("digraph ")).toBe(true);
  return collect(
    text.split("\n"),
    /^\s*(s\d+) \[label="((?:[^"\\]|\\.)*)", /,
    /^\s*(\w+) -> (\w+)(?: \[.*\])?;$/,
    (label) => label.replace(/\\(.)/g, "$1"),
  );
}
