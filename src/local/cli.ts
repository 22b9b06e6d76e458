/**
 * `sfini local [--host 127.0.0.1] [--port 8083] [--region us-east-1] [--account 123456789012]`:
 * run the local engine until SIGINT or SIGTERM.
 */
import { Command, InvalidArgumentError } from "commander";
import { LocalEngine } from "./engine.js";

/** Where `runLocalCommand` writes and which signals it waits for; injectable for tests. */
export interface LocalCommandIo {
  /** Write one line of output (no newline at its end); default `console.log`. */
  out(line: string): void;
  /** Resolves when the process is asked to stop; default: SIGINT or SIGTERM. */
  stopRequested?: Promise<unknown>;
}

function portOption(value: string): number {
  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port > 65_535) throw new InvalidArgumentError(`port must be an integer in 0-65535, got ${JSON.stringify(value)}`);
  return port;
}

function accountOption(value: string): string {
  if (!/^[0-9]{12}$/.test(value)) throw new InvalidArgumentError(`account must be 12 digits, got ${JSON.stringify(value)}`);
  return value;
}

function signalled(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string): void => {
      process.off("SIGINT", on);
      process.off("SIGTERM", on);
      resolve(signal);
    };
    process.once("SIGINT", on);
    process.once("SIGTERM", on);
  });
}

/**
 * Run `sfini local` with `argv` (the arguments after `local`): prints the endpoint, serves
 * until stopped, then closes the engine. Resolves with the process exit code.
 */
export async function runLocalCommand(argv: readonly string[], io: LocalCommandIo = { out: (line) => console.log(line) }): Promise<number> {
  const program = new Command("sfini local")
    .description("Run the embedded Step Functions engine on a local port")
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--port <port>", "TCP port (0: any free one)", portOption, 8083)
    .option("--region <region>", "region in ARNs", "us-east-1")
    .option("--account <account>", "account id in ARNs", accountOption, "123456789012")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.out(text.trimEnd()) });
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return typeof code === "number" ? code : 2;
  }
  const options = program.opts<{ host: string; port: number; region: string; account: string }>();
  const engine = await LocalEngine.start({ host: options.host, port: options.port, region: options.region, accountId: options.account });
  io.out(`sfini local engine listening on ${engine.endpoint} (region ${engine.region}, account ${engine.accountId})`);
  io.out(`e.g. aws stepfunctions list-state-machines --endpoint-url ${engine.endpoint}`);
  await (io.stopRequested ?? signalled());
  await engine.close();
  return 0;
}
