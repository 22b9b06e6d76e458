/**
 * Every program of examples/ run as a user runs it, `npx tsx examples/<name>.ts`, in its own
 * process on the embedded local engine: what it prints, and that it ends (each has a bounded
 * time; the README example must not wait out a long poll). The examples import only the
 * package's public names ("sfini", "sfini/local"), so they can be copied into a project.
 */
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { maskHistory, README_HISTORY } from "./helpers.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/tsx/dist/cli.mjs", import.meta.url));

/** Run `examples/<name>.ts` (with `args`); its stdout, once it exited 0 within `seconds`. */
async function example(name: string, seconds = 25, args: string[] = []): Promise<string> {
  const { stdout } = await run(process.execPath, [tsx, `examples/${name}.ts`, ...args], { cwd: root, timeout: seconds * 1000 });
  return stdout;
}

const PROGRAMS = ["add", "cli", "demo", "error-handling", "file-processing", "looping", "parallel"];

describe("the example programs", () => {
  it("are all run here, and import only the package's public names", async () => {
    const files = (await readdir(new URL("../../examples/", import.meta.url))).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"));
    expect(files.map((file) => file.replace(/\.ts$/, "")).sort()).toEqual(PROGRAMS);
    for (const file of files) {
      const text = await readFile(new URL(`../../examples/${file}`, import.meta.url), "utf8");
      const sources = [...text.matchAll(/^import [^;]*? from "([^"]+)";/gms)].map((match) => match[1]!);
      expect(sources.filter((source) => !/^(sfini(\/local|\/testing)?|node:[a-z/]+|\.\/[a-z-]+\.js)$/.test(source)), file).toEqual([]);
    }
  });

  it("add: the README program, as written, on the local engine; it ends once the task is answered", async () => {
    const out = await example("add");
    const [name, output, ...history] = out.trimEnd().split("\n");
    expect(name).toMatch(/^testAdding_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d_[0-9a-f]{8}$/);
    expect(output).toBe("45");
    expect(maskHistory(history.join("\n")).split("\n")).toEqual(README_HISTORY);
  });

  it("demo (npm run demo): the same README run", async () => {
    const out = await example("demo");
    expect(out).toMatch(/^testAdding_\S+\n45\nExecutionStarted \[1\]/);
    expect(out.trimEnd().endsWith("Output: 45")).toBe(true);
  });

  it("looping: the counter goes 0, 3, 6, 9, 12", async () => {
    const out = await example("looping");
    const lines = out.trimEnd().split("\n");
    expect(lines.slice(0, 4)).toEqual([
      'increment {"increment":3,"counter":0} -> 3',
      'increment {"increment":3,"counter":3} -> 6',
      'increment {"increment":3,"counter":6} -> 9',
      'increment {"increment":3,"counter":9} -> 12',
    ]);
    expect(lines[4]).toMatch(/^sfiniSM_\S+: SUCCEEDED, output 12$/);
  });

  it("parallel: both branches run, the Wait waits until the printed time", async () => {
    const lines = (await example("parallel")).trimEnd().split("\n");
    expect(lines.slice(0, 2).sort()).toEqual(["[20] hi there", "hi there"]);
    expect(lines[2]).toMatch(/^sfiniSM_\S+: SUCCEEDED, output \[\{"level":20,"message":"hi there"\},\{"level":20,"message":"hi there","until":"[\d-]+T[\d:.]+Z"\}\]$/);
  });

  it("error-handling: times out, is retried, raises MyError, ends in the Fail state", { timeout: 60_000 }, async () => {
    const lines = (await example("error-handling", 55)).trimEnd().split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "raiseActivity: sleeping 15 s, then raising MyError",
      "task abandoned: TaskTimedOut (the Task's 10-s timeout)",
      "raiseActivity: sleeping 5 s, then raising MyError",
      "task failed: MyError",
    ]);
    expect(lines[4]).toBe(
      "history: ExecutionStarted TaskStateEntered ActivityScheduled ActivityStarted ActivityTimedOut ActivityScheduled ActivityStarted ActivityFailed TaskStateExited FailStateEntered ExecutionFailed",
    );
    expect(lines[5]).toMatch(/^sfiniSM_\S+: FAILED WorkerError: MyError was raised$/);
  });

  it("file-processing: resizes three files, reads their centre bytes", async () => {
    expect((await example("file-processing")).trimEnd().split("\n")).toEqual(["resized: a.img, b.img, c.img", "centre pixels: [[2,2,2],[9,9,9],[42,42,42]]"]);
  });

  it("cli: register, start - -w, executions, deregister through the program's own command line", async () => {
    const lines = (await example("cli")).trimEnd().split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "$ cli-example register",
      "$ cli-example start - -w <<< '{\"hello\": \"world\"}'",
      'printActivity got {"hello":"world"}',
      "null",
      "$ cli-example executions -s SUCCEEDED",
    ]);
    expect(lines).toContain("Output: null");
    expect(lines.at(-1)).toBe("$ cli-example deregister");
    expect(await example("cli", 25, ["--version"])).toBe("1.0\n");
  });
});
