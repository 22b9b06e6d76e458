import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { runSfiniCommand, type SfiniCommandIo } from "../../src/cli/sfini-command.js";
import { aslPicture, AslPictureError } from "../../src/asl/picture/asl-picture.js";

const DEFINITION = {
  StartAt: "Add",
  States: {
    Add: { Type: "Task", Resource: "arn:aws:states:us-east-1:123456789012:activity:add", Next: "Big?", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Oops" }] },
    "Big?": { Type: "Choice", Choices: [{ Variable: "$.sum", NumericGreaterThan: 10, Next: "Done" }], Default: "Each" },
    Each: { Type: "Map", ItemProcessor: { StartAt: "One", States: { One: { Type: "Pass", End: true } } }, Next: "Done" },
    Oops: { Type: "Fail", Error: "X" },
    Done: { Type: "Succeed" },
  },
};

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const local: (readonly string[])[] = [];
  const streams: SfiniCommandIo = {
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    readFile: async (path) => {
      if (path in files) return files[path]!;
      throw new Error(`ENOENT: ${path}`);
    },
    local: async (argv) => {
      local.push(argv);
      return 0;
    },
  };
  return { streams, out: () => out.join(""), err: () => err.join(""), local };
}

describe("sfini binary", () => {
  it("graph prints the Mermaid picture of an ASL file", async () => {
    const t = io({ "adder.asl.json": JSON.stringify(DEFINITION) });
    await expect(runSfiniCommand(["graph", "adder.asl.json"], t.streams)).resolves.toBe(0);
    expect(t.out()).toBe(
      [
        "flowchart TD",
        "  start0((start))",
        '  s0["Add"]',
        '  s1{"Big?"}',
        '  s4[["Each"]]',
        '  s2(["Oops"])',
        '  s3(["Done"])',
        "  end0(((end)))",
        '  subgraph cluster0["Each / processor"]',
        "    start1((start))",
        '    s5["One"]',
        "    end1(((end)))",
        "  end",
        "  start0 --> s0",
        "  s0 --> s1",
        '  s0 -.->|"States.ALL"| s2',
        '  s1 -->|"$.sum > 10"| s3',
        '  s1 -->|"default"| s4',
        "  s4 --> s3",
        "  s2 --> end0",
        "  s3 --> end0",
        "  start1 --> s5",
        "  s4 -.-> start1",
        "  s5 --> end1",
        "",
      ].join("\n"),
    );
  });

  it("graph --format dot names the digraph after the file", async () => {
    const t = io({ "adder.json": JSON.stringify(DEFINITION) });
    await expect(runSfiniCommand(["graph", "adder.json", "--format", "dot"], t.streams)).resolves.toBe(0);
    expect(t.out()).toMatch(/^digraph "adder" \{\n  rankdir=TB;\n/);
    expect(t.out()).toContain('s0 -> s2 [label="States.ALL", style=dotted, color=red];');
  });

  it("graph --format svg and html draw the laid-out picture, one element per state", async () => {
    const t = io({ "adder.asl.json": JSON.stringify(DEFINITION) });
    await expect(runSfiniCommand(["graph", "adder.asl.json", "-f", "svg"], t.streams)).resolves.toBe(0);
    expect(t.out().startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="sfini-graph"')).toBe(true);
    expect([...t.out().matchAll(/data-state="([^"]*)"/g)].map((m) => m[1]).sort()).toEqual(["Add", "Big?", "Done", "Each", "One", "Oops"]);
    expect(t.out()).toContain("<title>adder</title>");
    const h = io({ "adder.asl.json": JSON.stringify(DEFINITION) });
    await expect(runSfiniCommand(["graph", "adder.asl.json", "--format", "html"], h.streams)).resolves.toBe(0);
    expect(h.out().startsWith("<!doctype html>")).toBe(true);
    expect(h.out()).toContain('<svg xmlns="http://www.w3.org/2000/svg" class="sfini-graph"');
    expect(h.out()).not.toContain("<script");
  });

  it("graph errors: unreadable file 1, bad format 2, malformed ASL 1 naming the place", async () => {
    let t = io({});
    await expect(runSfiniCommand(["graph", "missing.json"], t.streams)).resolves.toBe(1);
    expect(t.err()).toBe('sfini: error: cannot read "missing.json" as JSON: ENOENT: missing.json\n');
    t = io({ "a.json": "{}" });
    await expect(runSfiniCommand(["graph", "a.json", "--format", "png"], t.streams)).resolves.toBe(2);
    expect(t.err()).toContain("Allowed choices are mermaid, dot");
    t = io({ "a.json": JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "Nowhere" } } }) });
    await expect(runSfiniCommand(["graph", "a.json"], t.streams)).resolves.toBe(1);
    expect(t.err()).toBe('sfini: error: the definition: state "A" has Next "Nowhere", which is not a state\n');
  });

  it("graph - reads the definition from stdin", async () => {
    const t = io({});
    const text = JSON.stringify(DEFINITION);
    const stdin = (async function* () {
      yield Buffer.from(text.slice(0, 10));
      yield text.slice(10);
    })();
    await expect(runSfiniCommand(["graph", "-", "-f", "dot"], { ...t.streams, stdin })).resolves.toBe(0);
    const fromFile = io({ "definition.json": text });
    await runSfiniCommand(["graph", "definition.json", "-f", "dot"], fromFile.streams);
    expect(t.out()).toBe(fromFile.out());
    expect(t.out()).toMatch(/^digraph "definition" \{/);
  });

  it("--version (and -V) prints the package's version", async () => {
    const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const t = io({});
      await expect(runSfiniCommand([flag], t.streams)).resolves.toBe(0);
      expect(t.out()).toBe(`${version}\n`);
    }
  });

  it("local hands every later argument to the local engine's command", async () => {
    const t = io({});
    await expect(runSfiniCommand(["local", "--port", "0", "--help"], t.streams)).resolves.toBe(0);
    expect(t.local).toEqual([["--port", "0", "--help"]]);
  });

  it("aslPicture refuses what is not a definition", () => {
    expect(() => aslPicture([])).toThrow(AslPictureError);
    expect(() => aslPicture({ StartAt: "X", States: {} })).toThrow(/"StartAt" "X" is not one of its states/);
    expect(() => aslPicture({ StartAt: "A", States: { A: { Type: "Nope" } } })).toThrow(/state "A" has no known "Type"/);
  });
});
