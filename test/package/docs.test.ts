/**
 * The API reference (`npm run docs`) builds without a warning: every type the public API names is
 * documented, every `{@link}` resolves. Checked with the same typedoc.json, nothing written.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run docs", () => {
  it("builds the API reference with no warning", { timeout: 180_000 }, async () => {
    const typedoc = fileURLToPath(new URL("../../node_modules/typedoc/bin/typedoc", import.meta.url));
    const result = await run("node", [typedoc, "--emit", "none", "--treatWarningsAsErrors"], { cwd: root, timeout: 170_000 }).then(
      ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code ?? 1, output: `${error.stdout ?? ""}${error.stderr ?? ""}` }),
    );
    expect(result.output.split("\n").filter((line) => /warning|error/i.test(line) && !/Found 0 errors and 0 warnings/.test(line))).toEqual([]);
    expect(result.code).toBe(0);
  });
});
