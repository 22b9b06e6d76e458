import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { Command, CommanderError, Option } from "commander";
import { toDot } from "../render/dot.js";
import { toMermaid } from "../render/mermaid.js";
import { toSvg, toSvgHtml } from "../render/svg.js";
import type { JsonValue } from "../json.js";
import { runLocalCommand } from "../local/cli.js";
import { EXIT } from "./cli.js";
import { packageVersion } from "./package-version.js";
import { readAll } from "./read-stream.js";

/** Where the `sfini` binary reads and writes; injectable for tests. */
export interface SfiniCommandIo {
  /** Program output: the picture `graph` draws, help (default `process.stdout`). */
  stdout?: {
    /** Write text as is (it carries its own newlines). */
    write(text: string): unknown;
  };
  /** Error messages (default `process.stderr`). */
  stderr?: {
    /** Write text as is (it carries its own newlines). */
    write(text: string): unknown;
  };
  /** Reads `graph FILE` (default `fs.readFile` as UTF-8). */
  readFile?: (path: string) => Promise<string>;
  /** Read by `graph -` (default `process.stdin`). */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Runs `sfini local ...` (default the local engine's {@link runLocalCommand}). */
  local?: (argv: readonly string[]) => Promise<number>;
}

/** Picture formats of `sfini graph`. */
export const GRAPH_FORMATS = ["mermaid", "dot", "svg", "html"] as const;

const GRAPH_WRITERS: Readonly<Record<(typeof GRAPH_FORMATS)[number], (definition: JsonValue, name: string) => string>> = {
  mermaid: (definition) => toMermaid(definition),
  dot: (definition, name) => toDot(definition, name),
  svg: (definition, name) => toSvg(definition, { title: name }),
  html: (definition, name) => toSvgHtml(definition, name),
};

/**
 * The `sfini` binary: `sfini graph FILE [--format mermaid|dot|svg|html]` prints the picture of an ASL
 * JSON definition; `sfini local ...` runs the embedded engine (its own flags follow `local`).
 * Resolves with the exit code (0 done, 1 failed, 2 usage).
 */
export async function runSfiniCommand(argv: readonly string[], io: SfiniCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  // Everything after `local` belongs to the local engine's own parser, --help included.
  if (argv[0] === "local") return (io.local ?? ((args) => runLocalCommand(args)))(argv.slice(1));
  const read = io.readFile ?? ((path: string) => readFile(path, "utf8"));
  const program = new Command("sfini")
    .description("Step Functions tools: draw a definition, run the local engine.")
    .version(packageVersion(), "-V, --version", "print the sfini version")
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) })
    .showHelpAfterError("(run 'sfini --help' for usage)");
  program
    .command("graph")
    .description("print the picture of an ASL definition")
    .argument("<FILE>", "the state machine definition, as ASL JSON ('-' reads stdin)")
    .addOption(new Option("-f, --format <FORMAT>", "picture format").choices(GRAPH_FORMATS).default("mermaid"))
    .action(async (file: string, opts: { format: (typeof GRAPH_FORMATS)[number] }) => {
      let definition: JsonValue;
      try {
        definition = JSON.parse(file === "-" ? await readAll(io.stdin ?? process.stdin) : await read(file)) as JsonValue;
      } catch (error) {
        throw new Error(`cannot read ${JSON.stringify(file)} as JSON: ${(error as Error).message}`);
      }
      const name = file === "-" ? "definition" : basename(file).replace(/\.(asl\.)?json$/i, "");
      stdout.write(GRAPH_WRITERS[opts.format](definition, name));
    });
  program.command("local").description("run the embedded Step Functions engine (see 'sfini local --help')");
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === "commander.helpDisplayed" || error.code === "commander.version" ? EXIT.ok : EXIT.usage;
    }
    stderr.write(`sfini: error: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
}
