/**
 * Load a mock configuration from a file (as `--mock-config` / `SFN_MOCK_CONFIG` give it) or an
 * object, and import the handler modules it names, so a bad file fails the start, not a run.
 */
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { LambdaHandler } from "../host/lambda-registry.js";
import { MockConfigError, parseMockConfig, type MockConfig, type ParsedMockConfig } from "./mock-config.js";

/** Import `modulePath` (relative to `baseDir`) and return its export `exportName`, which must be a function. */
export async function importHandler(modulePath: string, exportName: string, baseDir: string, where: string, source?: string): Promise<LambdaHandler> {
  const url = pathToFileURL(resolve(baseDir, modulePath)).href;
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new MockConfigError(where, `cannot import ${JSON.stringify(modulePath)}: ${(error as Error).message}`, source);
  }
  const handler = loaded[exportName];
  if (typeof handler !== "function") {
    throw new MockConfigError(where, `${JSON.stringify(modulePath)} has no function export ${JSON.stringify(exportName)}`, source);
  }
  return handler as LambdaHandler;
}

/**
 * A checked mock configuration with every handler module imported. `config` is a path (read as
 * JSON; module paths relative to its directory) or an object (module paths relative to the
 * working directory).
 */
export async function loadMockConfig(config: string | MockConfig): Promise<ParsedMockConfig> {
  let value: unknown = config;
  let source: string | undefined;
  let baseDir = process.cwd();
  if (typeof config === "string") {
    source = config;
    baseDir = dirname(resolve(config));
    let text: string;
    try {
      text = await readFile(config, "utf8");
    } catch (error) {
      throw new MockConfigError("(file)", `cannot read the mock configuration: ${(error as Error).message}`, source);
    }
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MockConfigError("(file)", `not JSON: ${(error as Error).message}`, source);
    }
  }
  const parsed = parseMockConfig(value, source);
  for (const [machine, cases] of parsed) {
    for (const [testCase, states] of cases) {
      for (const [state, mock] of states) {
        if (mock.kind !== "module") continue;
        const where = `StateMachines.${machine}.TestCases.${testCase}.${state}`;
        states.set(state, { kind: "function", handler: await importHandler(mock.module, mock.exportName, baseDir, where, source) });
      }
    }
  }
  return parsed;
}
