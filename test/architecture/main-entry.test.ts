import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The main entry `sfini` must not load the local engine (server, interpreter) nor commander:
// a Lambda that only builds definitions should not pay for them. Built the way tsc emits
// src/ (each file transpiled with the project's compiler options, next to the real
// node_modules), then imported in a fresh Node process whose resolve hook logs every module.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
let out: string;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? tsFiles(path) : entry.name.endsWith(".ts") ? [path] : [];
  });
}

beforeAll(() => {
  // Inside the project, so `node_modules` and `package.json` resolve as they do for dist/.
  const base = join(ROOT, "node_modules", ".cache");
  mkdirSync(base, { recursive: true });
  out = mkdtempSync(join(base, "main-entry-"));
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.build.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  // The package is "type": "module", so NodeNext emits ES modules; transpiling a lone file
  // cannot see package.json, so it is told so.
  const options = { ...config!.options, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, sourceMap: false, inlineSources: false, declaration: false };
  for (const file of tsFiles(join(ROOT, "src"))) {
    const { outputText } = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: options, fileName: file });
    const target = join(out, relative(ROOT, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  writeFileSync(join(out, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(out, "log-hooks.mjs"),
    `import { appendFileSync } from "node:fs";
let log;
export function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(log, result.url + "\\n");
  return result;
}
`,
  );
  writeFileSync(
    join(out, "load.mjs"),
    `import { register } from "node:module";
register("./log-hooks.mjs", import.meta.url, { data: { log: process.argv[2] } });
const entry = await import(process.argv[3]);
process.stdout.write(JSON.stringify(Object.keys(entry).sort()));
`,
  );
}, 120_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

function load(entry: string): { modules: string[]; exports: string[] } {
  const log = join(out, `loaded-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(log, "");
  const child = spawnSync(process.execPath, [join(out, "load.mjs"), log, pathToFileURL(join(out, entry)).href], { encoding: "utf8", timeout: 60_000 });
  expect(child.stderr).toBe("");
  expect(child.status).toBe(0);
  return { modules: readFileSync(log, "utf8").split("\n").filter((line) => line !== ""), exports: JSON.parse(child.stdout) as string[] };
}

describe("the main entry", () => {
  it("loads no module of the local engine and not commander", () => {
    const { modules, exports } = load("src/index.js");
    expect(modules.some((url) => url.includes("/src/definitions/"))).toBe(true);
    expect(modules.filter((url) => url.includes("/src/local/"))).toEqual([]);
    expect(modules.filter((url) => url.includes("/node_modules/commander/"))).toEqual([]);
    expect(exports).toContain("CLI");
    expect(exports).toContain("StateMachine");
  });

  it("is told apart from sfini/local, which does load the engine (so the check above can fail)", () => {
    const { modules } = load("src/local/index.js");
    expect(modules.some((url) => url.includes("/src/local/interpreter/"))).toBe(true);
  });
});
