import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** The package's own entry points, mapped to their sources (tsconfig.json `paths` says the same). */
const SELF = { sfini: "./src/index.ts", "sfini/local": "./src/local/index.ts", "sfini/testing": "./src/testing/index.ts" };

export default defineConfig({
  resolve: {
    alias: Object.entries(SELF).map(([name, path]) => ({ find: new RegExp(`^${name}$`), replacement: fileURLToPath(new URL(path, import.meta.url)) })),
  },
  test: {
    // examples/*.test.ts are the documented example tests (sfini/testing): they run with the suite.
    include: ["test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ["default"],
    // The SDK warns that its 2027 releases need Node 22; the lock pins releases that run on 20.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
