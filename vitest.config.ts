import { defineConfig } from "vitest/config";

export default defineConfig({
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
