import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findCycles, readImportGraph } from "./import-graph.js";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const graph = readImportGraph(SRC);

/**
 * The layers of src/, lowest first: a module may import its own layer and the layers below.
 * `render` draws the picture model (Mermaid, DOT, SVG). `local` (the embedded engine) stands
 * beside the library: it uses the language core, the drawings and the shared pieces, never
 * the definition builders, the AWS control layer or the worker; only the CLI and the
 * `sfini/testing` entry sit above it.
 */
const LAYERS: ReadonlyArray<{ name: string; modules: RegExp; rank: number }> = [
  { name: "base", modules: /^(errors|json|random|set-key)\.ts$/, rank: 0 },
  { name: "asl", modules: /^asl\//, rank: 1 },
  { name: "shared", modules: /^(names|arn|session|aws-call|local-engine-protocol)\.ts$/, rank: 2 },
  { name: "render", modules: /^render\//, rank: 2 },
  { name: "definitions", modules: /^definitions\//, rank: 3 },
  { name: "activities", modules: /^activities\//, rank: 4 },
  { name: "control", modules: /^control\//, rank: 4 },
  { name: "worker", modules: /^worker\//, rank: 5 },
  { name: "local", modules: /^local\//, rank: 6 },
  { name: "cli", modules: /^cli\//, rank: 7 },
  { name: "testing", modules: /^testing\//, rank: 7 },
  { name: "entry", modules: /^index\.ts$/, rank: 8 },
];

/** What `local` may import besides itself. */
const LOCAL_MAY_IMPORT = new Set(["base", "asl", "shared", "render"]);

function layerOf(module: string): { name: string; rank: number } {
  const layer = LAYERS.find((l) => l.modules.test(module));
  if (!layer) throw new Error(`${module} is in no layer: add it to LAYERS`);
  return layer;
}

function violations(): string[] {
  const found: string[] = [];
  for (const [from, { modules }] of graph) {
    const source = layerOf(from);
    for (const to of modules) {
      const target = layerOf(to);
      if (target.name === source.name) continue;
      const upward = target.rank > source.rank;
      const localBreach = source.name === "local" && !LOCAL_MAY_IMPORT.has(target.name);
      const intoLocal = target.name === "local" && source.name !== "cli" && source.name !== "testing";
      if (upward || localBreach || intoLocal) found.push(`${from} (${source.name}) imports ${to} (${target.name})`);
    }
  }
  return found.sort();
}

describe("the import graph of src/", () => {
  it("is read from every module", () => {
    // A sanity check that the reader sees imports at all, so the tests below can fail.
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("asl/validate.ts")?.modules).toContain("asl/state-fields.ts");
    expect(graph.get("asl/validate.ts")?.packages).toContain("jsonata");
  });

  it("only points downwards: asl ← definitions ← activities/control ← worker ← cli, local beside on asl", () => {
    expect(violations()).toEqual([]);
  });

  it("has no cycle", () => {
    expect(findCycles(graph)).toEqual([]);
  });

  it("keeps the language core free of every other layer", () => {
    const outside = [...graph]
      .filter(([from]) => from.startsWith("asl/"))
      .flatMap(([from, { modules }]) => modules.filter((to) => layerOf(to).rank > 1).map((to) => `${from} → ${to}`));
    expect(outside).toEqual([]);
  });
});

describe("the import-graph checks themselves", () => {
  it("find a cycle and an upward import in a made-up graph", () => {
    const made = new Map([
      ["a.ts", { modules: ["b.ts"], packages: [] }],
      ["b.ts", { modules: ["c.ts"], packages: [] }],
      ["c.ts", { modules: ["a.ts"], packages: [] }],
      ["d.ts", { modules: ["a.ts"], packages: [] }],
    ]);
    expect(findCycles(made)).toEqual([["a.ts", "b.ts", "c.ts"]]);
    expect(findCycles(new Map([["a.ts", { modules: ["a.ts"], packages: [] }]]))).toEqual([["a.ts"]]);
  });
});
