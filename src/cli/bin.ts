#!/usr/bin/env node
/** The `sfini` binary: see {@link runSfiniCommand}. */
import { runSfiniCommand } from "./sfini-command.js";

process.exitCode = await runSfiniCommand(process.argv.slice(2));
