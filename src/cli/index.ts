/**
 * The command-line helper for users' programs (sfini's `CLI`), and the `sfini` binary's pieces.
 * @module
 */
export * from "./cli.js";
export * from "./sfini-command.js";
