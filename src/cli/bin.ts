#!/usr/bin/env node
/** The `sfini` binary: see {@link runSfiniCommand}. */
import { runSfiniCommand } from "./sfini-command.js";

// The SDK warns that its 2027 releases need Node 22; the binary's commands (graph, local) use
// the SDK only inside the engine, so the notice would say nothing about what the user runs.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
process.exitCode = await runSfiniCommand(process.argv.slice(2));
