/**
 * What package.json promises a user: the Node versions (and that this run proves the lower
 * bound), SDK ranges that cannot resolve releases needing Node 22, entry points for import and
 * require alike, a build on pack and git install.
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";

interface Manifest {
  engines: { node: string };
  dependencies: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  scripts: Record<string, string>;
  bin: Record<string, string>;
}

const manifest = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as Manifest;
const lock = JSON.parse(await readFile(new URL("../../package-lock.json", import.meta.url), "utf8")) as {
  packages: Record<string, { version: string; dev?: boolean; engines?: { node?: string } }>;
};

/** [major, minor, patch] of "1.2.3" (a leading "v" or ">=" ignored). */
function version(text: string): number[] {
  return text.replace(/^[v>=\s]+/, "").split(".").map(Number);
}

function atLeast(have: number[], want: number[]): boolean {
  for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== (want[i] ?? 0)) return (have[i] ?? 0) > (want[i] ?? 0);
  return true;
}

/** Whether Node `node` satisfies a lock entry's simple `>=x.y.z` engines range. */
function satisfies(node: number[], range: string): boolean {
  const match = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(range.trim());
  if (!match) throw new Error(`engines range not understood: ${range}`);
  return atLeast(node, version(match[1]!));
}

describe("package.json", () => {
  it("supports Node >= 20.19 (require of ESM), and this run is on such a Node", () => {
    expect(manifest.engines.node).toBe(">=20.19");
    expect(atLeast(version(process.version), [20, 19, 0])).toBe(true);
  });

  it("bounds every AWS SDK dependency below the releases that need Node 22, from the version the lock pins", () => {
    const sdk = Object.entries(manifest.dependencies).filter(([name]) => name.startsWith("@aws-sdk/"));
    expect(sdk.length).toBeGreaterThan(0);
    for (const [name, range] of sdk) {
      const match = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range);
      expect(match, `${name}: ${range}`).not.toBeNull();
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(match![1]);
      expect(atLeast(version("3.1180.0"), version(match![2]!)), `${name} upper bound`).toBe(true);
    }
  });

  it("locks only runtime packages that run on Node 20.19 (the lower bound CI runs on)", () => {
    const tooNew = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== "" && !entry.dev && entry.engines?.node !== undefined)
      .filter(([, entry]) => !satisfies([20, 19, 0], entry.engines!.node!))
      .map(([path, entry]) => `${path} ${entry.engines!.node}`);
    expect(tooNew).toEqual([]);
  });

  it("exports every entry point with types first and a default that import and require both take", () => {
    for (const [entry, target] of Object.entries(manifest.exports)) {
      if (entry === "./package.json") continue;
      expect(Object.keys(target as object), entry).toEqual(["types", "default"]);
    }
  });

  it("builds on npm pack and git installs (prepare), into the files the bin and exports name", () => {
    expect(manifest.scripts["prepare"]).toBe("npm run build");
    expect(manifest.bin["sfini"]).toBe("./dist/src/cli/bin.js");
  });
});
