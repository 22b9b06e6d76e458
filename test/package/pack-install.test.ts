/**
 * The package as a user gets it: `npm pack` (which builds, through `prepare`), the tarball
 * installed into a scratch project under the OS temp dir, then an ESM program, a CommonJS
 * program, the `sfini` binary and a TypeScript consumer (nodenext and bundler resolution) run
 * from there. Offline: the scratch project gets a lock derived from ours (the npm cache is warm
 * from `npm ci`), so it also installs exactly the versions the lock proves on Node 20.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const MINUTE = 60_000;

interface LockEntry {
  version: string;
  dev?: boolean;
  [field: string]: unknown;
}

let scratch: string;
let project: string;

/** Run `command` in the scratch project; its stdout. */
async function inProject(command: string, args: string[]): Promise<string> {
  const { stdout } = await run(command, args, { cwd: project, timeout: 3 * MINUTE, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "sfini-pack-"));
  project = join(scratch, "consumer");
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", scratch], { cwd: root, timeout: 4 * MINUTE, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout.slice(stdout.indexOf("["))) as { filename: string }[];
  const tarball = `file:../${packed!.filename}`;

  const ours = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string; license: string; dependencies: object; bin: object; engines: object };
  const lock = JSON.parse(await readFile(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockEntry> };
  const typesNode = lock.packages["node_modules/@types/node"]!;
  const dependencies = { sfini: tarball, "@types/node": typesNode.version };
  const packages: Record<string, object> = { "": { name: "consumer", dependencies } };
  const forTypes = new Set(["node_modules/@types/node", ...Object.keys(typesNode["dependencies"] ?? {}).map((name) => `node_modules/${name}`)]);
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== "" && (!entry.dev || forTypes.has(path))) packages[path] = { ...entry, dev: undefined };
  }
  packages["node_modules/sfini"] = { version: ours.version, resolved: tarball, license: ours.license, dependencies: ours.dependencies, bin: ours.bin, engines: ours.engines };
  await mkdir(project, { recursive: true });
  await writeFile(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module", dependencies }, null, 2));
  await writeFile(join(project, "package-lock.json"), JSON.stringify({ name: "consumer", lockfileVersion: 3, requires: true, packages }, null, 2));
  await inProject("npm", ["install", "--offline", "--no-audit", "--no-fund"]);
}, 8 * MINUTE);

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A program that runs a one-Pass machine on the local engine and prints its output. */
const PROGRAM = (hello: string) => `
  const engine = await LocalEngine.start({ port: 0 });
  const sm = constructStateMachine("packed", new Pass("hello", { result: { hello: "${hello}" } }), { session: engine.session });
  await sm.register({ roleArn: "arn:aws:iam::123456789012:role/local" });
  const execution = await sm.startExecution({});
  await execution.wait();
  console.log(JSON.stringify(execution.output));
  await engine.close();
`;

describe("the packed package, installed into a scratch project", () => {
  it("ships the built code, with source maps that carry their sources", async () => {
    const map = JSON.parse(await readFile(join(project, "node_modules", "sfini", "dist", "src", "index.js.map"), "utf8")) as { sources: string[]; sourcesContent?: string[] };
    expect(map.sourcesContent?.length).toBe(map.sources.length);
    expect(map.sourcesContent![0]).toContain('export * from "./control/index.js"');
  });

  it("runs from ESM: import from sfini and sfini/local", async () => {
    await writeFile(join(project, "esm.mjs"), `import { Pass, constructStateMachine } from "sfini";\nimport { LocalEngine } from "sfini/local";\n${PROGRAM("esm")}`);
    expect(await inProject("node", ["esm.mjs"])).toBe('{"hello":"esm"}\n');
  });

  it("runs from CommonJS: require(\"sfini\") and require(\"sfini/local\")", async () => {
    await writeFile(
      join(project, "cjs.cjs"),
      `const { Pass, constructStateMachine } = require("sfini");\nconst { LocalEngine } = require("sfini/local");\n(async () => {${PROGRAM("cjs")}})();`,
    );
    expect(await inProject("node", ["cjs.cjs"])).toBe('{"hello":"cjs"}\n');
  });

  it("has the sfini binary (npx sfini --help, --version)", async () => {
    const help = await inProject("npx", ["--offline", "sfini", "--help"]);
    expect(help).toMatch(/^Usage: sfini \[options\] \[command\]/);
    expect(help).toContain("local");
    // The version comes from the installed package.json, read through the package's own name.
    const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
    expect(await inProject("npx", ["--offline", "sfini", "--version"])).toBe(`${version}\n`);
  });

  it("type-checks a TypeScript consumer under nodenext and bundler resolution", { timeout: 6 * MINUTE }, async () => {
    await writeFile(
      join(project, "consumer.ts"),
      [
        'import { Pass, constructStateMachine, type Execution } from "sfini";',
        'import { LocalEngine } from "sfini/local";',
        "const engine: LocalEngine = await LocalEngine.start({ port: 0 });",
        'const sm = constructStateMachine("typed", new Pass("p"), { session: engine.session });',
        "const execution: Execution = await sm.startExecution({ a: 1 });",
        "export const status: string | undefined = execution.status;",
        "// @ts-expect-error -- a state machine needs a name (fails if the types resolved to any)",
        "constructStateMachine(42, new Pass(\"p\"));",
        'import { testStateMachine, type TestRun } from "sfini/testing";',
        "const t = await testStateMachine<{ a: number }, { sum: number }>(sm, { mocks: { Happy: { p: { Return: { sum: 1 } } } } });",
        'const run: TestRun<{ sum: number }> = await t.run({ a: 1 }, { testCase: "Happy" });',
        "export const sum: number | undefined = run.output?.sum;",
        "// @ts-expect-error -- the input type follows the machine (fails if the types resolved to any)",
        'await t.run({ a: "one" });',
        "",
      ].join("\n"),
    );
    // nodenext checks sfini's own declaration files too; bundler only resolution (faster).
    const configs = { nodenext: { module: "nodenext", moduleResolution: "nodenext", skipLibCheck: false }, bundler: { module: "esnext", moduleResolution: "bundler", skipLibCheck: true } };
    for (const [name, options] of Object.entries(configs)) {
      const compilerOptions = { target: "ES2022", strict: true, noEmit: true, types: ["node"], ...options };
      await writeFile(join(project, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
      await expect(inProject("node", [tsc, "-p", `tsconfig.${name}.json`]), name).resolves.toBe("");
    }
  });
});
