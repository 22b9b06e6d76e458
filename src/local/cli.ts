/**
 * `sfini local [--host 127.0.0.1] [--port 8083] [--region us-east-1] [--account 123456789012]
 * [--retain-executions 10000] [--lambdas MODULE] [--lambda-endpoint URL] [--mock-config FILE]
 * [--time-scale 1] [--activity-poll-timeout 60] [--no-console]`: run the local engine (and its web
 * console, on the same port) until SIGINT or SIGTERM.
 * The mock configuration is read as Step Functions Local reads it: `--mock-config`, else the
 * file `SFN_MOCK_CONFIG` names, else `MockConfigFile.json` in the working directory if there is
 * one; `LAMBDA_ENDPOINT` and `WAIT_TIME_SCALE` stand in for `--lambda-endpoint` and `--time-scale`.
 * Errors are one line each; exit codes are the CLI's (1 failed, e.g. port in use; 2 usage).
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Command, CommanderError, InvalidArgumentError } from "commander";
import { LocalEngine } from "./engine.js";
import { DEFAULT_RETAINED_EXECUTIONS } from "./store/execution-store.js";

/** The `sfini` CLI's exit codes (`EXIT` of src/cli, which sits above this module). */
const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Where `runLocalCommand` writes and which signals it waits for; injectable for tests. */
export interface LocalCommandIo {
  /** Write one line of output (no newline at its end); default `console.log`. */
  out(line: string): void;
  /** Write one line of error output (no newline at its end); default `out` when `io` is given, else `console.error`. */
  err?(line: string): void;
  /** Resolves when the process is asked to stop; default: SIGINT or SIGTERM. */
  stopRequested?: Promise<unknown>;
  /** Environment read for `SFN_MOCK_CONFIG`; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Directory searched for `MockConfigFile.json`; default `process.cwd()`. */
  cwd?: string;
}

function portOption(value: string): number {
  const port = Number(value);
  if (!/^[0-9]+$/.test(value) || port > 65_535) throw new InvalidArgumentError(`port must be an integer in 0-65535, got ${JSON.stringify(value)}`);
  return port;
}

function countOption(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError(`must be an integer >= 0, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** One line saying why the server could not listen, for the errors a user can cause. */
function listenProblem(error: unknown, host: string, port: number): string | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === "EADDRINUSE") return `port ${port} on ${host} is already in use (choose another with --port, or --port 0 for any free one)`;
  if (code === "EADDRNOTAVAIL") return `address ${host} is not available on this machine (--host)`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `host ${JSON.stringify(host)} cannot be resolved (--host)`;
  if (code === "EACCES") return `no permission to listen on ${host}:${port} (ports below 1024 need privileges)`;
  return undefined;
}

function nonNegativeNumberOption(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`must be a number >= 0, got ${JSON.stringify(value)}`);
  return number;
}

/** The mock configuration file to load, as Step Functions Local picks it. */
function mockConfigFile(given: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  if (given !== undefined) return given;
  const fromEnv = env["SFN_MOCK_CONFIG"];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const inCwd = resolve(cwd, "MockConfigFile.json");
  return existsSync(inCwd) ? inCwd : undefined;
}

/** Register every function export of the ES module at `path` as a Lambda function of its export name. */
async function registerLambdaModule(engine: LocalEngine, path: string): Promise<string[]> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolve(path)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`--lambdas: cannot import ${JSON.stringify(path)}: ${(error as Error).message}`);
  }
  const names = Object.keys(loaded).filter((name) => name !== "default" && typeof loaded[name] === "function");
  if (names.length === 0) throw new Error(`--lambdas: ${JSON.stringify(path)} exports no function (export one handler per Lambda function name)`);
  for (const name of names) engine.registerLambda(name, loaded[name] as Parameters<LocalEngine["registerLambda"]>[1]);
  return names;
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
export async function runLocalCommand(argv: readonly string[], io: LocalCommandIo = { out: (line) => console.log(line), err: (line) => console.error(line) }): Promise<number> {
  const program = new Command("sfini local")
    .description("Run the embedded Step Functions engine on a local port")
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--port <port>", "TCP port (0: any free one)", portOption, 8083)
    .option("--region <region>", "region in ARNs", "us-east-1")
    .option("--account <account>", "account id in ARNs", accountOption, "123456789012")
    .option("--retain-executions <count>", "ended executions kept (the newest; older ones are dropped)", countOption, DEFAULT_RETAINED_EXECUTIONS)
    .option("--lambdas <module>", "ES module whose function exports are Lambda handlers, by function name (run in-process)")
    .option("--lambda-endpoint <url>", "forward other Lambda invocations to this Lambda-API endpoint (e.g. sam local start-lambda)")
    .option("--mock-config <file>", "Step Functions Local mock configuration (default: $SFN_MOCK_CONFIG, else ./MockConfigFile.json if present)")
    .option("--time-scale <factor>", "real time per ASL time: 0.01 makes Waits, retries and timeouts 100x shorter, 0 instant", nonNegativeNumberOption, 1)
    .option("--activity-poll-timeout <seconds>", "how long GetActivityTask waits for a task", nonNegativeNumberOption, 60)
    .option("--no-console", "do not serve the web console (GET /console/)")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => err(text.trimEnd()) });
  const err = io.err ?? io.out;
  try {
    program.parse([...argv], { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError && (error.code === "commander.helpDisplayed" || error.code === "commander.version")) return EXIT.ok;
    return EXIT.usage;
  }
  const options = program.opts<{
    host: string;
    port: number;
    region: string;
    account: string;
    retainExecutions: number;
    lambdas?: string;
    lambdaEndpoint?: string;
    mockConfig?: string;
    timeScale: number;
    activityPollTimeout: number;
    console: boolean;
  }>();
  const env = io.env ?? process.env;
  const mockConfig = mockConfigFile(options.mockConfig, env, io.cwd ?? process.cwd());
  // Step Functions Local's own variables, when the flag is not given.
  const lambdaEndpointUrl = options.lambdaEndpoint ?? (env["LAMBDA_ENDPOINT"] || undefined);
  let timeScale = options.timeScale;
  if (program.getOptionValueSource("timeScale") === "default" && env["WAIT_TIME_SCALE"]) {
    try {
      timeScale = nonNegativeNumberOption(env["WAIT_TIME_SCALE"]);
    } catch (error) {
      err(`sfini local: error: WAIT_TIME_SCALE ${(error as Error).message}`);
      return EXIT.usage;
    }
  }
  let engine: LocalEngine;
  let lambdaNames: string[] = [];
  try {
    engine = await LocalEngine.start({
      host: options.host,
      port: options.port,
      region: options.region,
      accountId: options.account,
      retention: { endedExecutions: options.retainExecutions },
      timeScale,
      activityPollTimeoutSeconds: options.activityPollTimeout,
      ...(lambdaEndpointUrl !== undefined ? { lambdaEndpoint: lambdaEndpointUrl } : {}),
      ...(mockConfig !== undefined ? { mockConfig } : {}),
      console: options.console,
    });
  } catch (error) {
    const problem = listenProblem(error, options.host, options.port);
    err(`sfini local: error: ${problem ?? (error instanceof Error ? error.message : String(error))}`);
    return EXIT.failure;
  }
  if (options.lambdas !== undefined) {
    try {
      lambdaNames = await registerLambdaModule(engine, options.lambdas);
    } catch (error) {
      err(`sfini local: error: ${(error as Error).message}`);
      await engine.close();
      return EXIT.failure;
    }
  }
  io.out(`sfini local engine listening on ${engine.endpoint} (region ${engine.region}, account ${engine.accountId})`);
  if (lambdaNames.length > 0) io.out(`Lambda functions from ${options.lambdas}: ${lambdaNames.join(", ")}`);
  if (lambdaEndpointUrl !== undefined) io.out(`other Lambda functions are invoked at ${lambdaEndpointUrl}`);
  if (mockConfig !== undefined) io.out(`mock configuration: ${mockConfig} (start executions on <stateMachineArn>#<TestCase>)`);
  io.out(`e.g. aws stepfunctions list-state-machines --endpoint-url ${engine.endpoint}`);
  if (engine.consoleUrl !== undefined) io.out(`web console: ${engine.consoleUrl}`);
  await (io.stopRequested ?? signalled());
  await engine.close();
  return 0;
}
