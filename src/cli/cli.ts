import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { EXECUTION_STATUSES, type ExecutionStatus } from "../asl/execution-status.js";
import { readAll } from "./read-stream.js";
import type { Activity } from "../activities/activity.js";
import { SfiniError } from "../errors.js";
import type { JsonValue } from "../json.js";
import { createLogger, levelFromVerbosity, type WorkerLogger } from "../worker/logger.js";
import { runWorkersUntilSignal, type SignalSource } from "../worker/signals.js";
import { Worker, type WorkerOptions } from "../worker/worker.js";

/** What the CLI needs of an execution (sfini's `Execution`; `Execution` fits). */
export interface CliExecution {
  /** The execution's name; `start` prints it and `history` takes it. */
  readonly name: string;
  /** Resolve once the execution has ended; reject when it did not succeed. */
  wait(): Promise<unknown>;
  /** The execution's output, once {@link CliExecution.wait} has resolved. */
  readonly output: JsonValue;
  /** The execution's history as sfini's text, for `history`. */
  formatHistory(): Promise<string>;
}

/** What the CLI needs of a state machine (`StateMachine` fits). */
export interface CliStateMachine {
  /** The machine's name, shown in help and messages. */
  readonly name: string;
  /** Create the machine on AWS (`register`); `allowUpdate` updates one that differs. */
  register(options: { roleArn?: string; allowUpdate?: boolean }): Promise<unknown>;
  /** Delete the machine from AWS (`deregister`). */
  deregister(): Promise<unknown>;
  /** Start an execution with this input (`start`). */
  startExecution(input?: JsonValue): Promise<CliExecution>;
  /** The machine's executions (all pages), optionally only those of one status (`executions`). */
  listExecutions(options: { status?: ExecutionStatus }): Promise<readonly CliExecution[]>;
}

/** What the CLI needs of an activity group (`ActivityRegistration` fits). */
export interface CliActivities {
  /** The activities `worker` can poll, by registered name. */
  readonly activities: ReadonlyMap<string, Activity>;
  /** Prefix of the group's activity names; undefined for none. */
  readonly prefix?: string;
  /** Create every activity of the group on AWS (`register`). */
  register(): Promise<unknown>;
  /** Delete the group's activities from AWS (`deregister`). */
  deregister(): Promise<unknown>;
}

/** Where the CLI reads and writes; every field defaults to the process's own. */
export interface CliIo {
  /** Program output (execution names, outputs, histories). */
  stdout?: {
    /** Write text as is (it carries its own newlines). */
    write(text: string): unknown;
  };
  /** Help on errors, log lines, error messages. */
  stderr?: {
    /** Write text as is (it carries its own newlines). */
    write(text: string): unknown;
  };
  /** Read by `start -`. */
  stdin?: AsyncIterable<string | Uint8Array>;
  /** Called with the exit code when a command is done; default sets `process.exitCode`. */
  exit?: (code: number) => void;
  /** Signals that stop `worker` (default `process`). */
  signals?: SignalSource;
  /** Reads `start PATH` (default `fs.readFile` as UTF-8). */
  readFile?: (path: string) => Promise<string>;
}

/** Options of the {@link CLI}. */
export interface CLIOptions {
  /** The state machine the commands control. */
  stateMachine?: CliStateMachine;
  /** The activities the commands register and run workers for. */
  activities?: CliActivities;
  /** IAM role `register` gives the state machine; default its own default role. */
  roleArn?: string;
  /** Shown by `-V/--version`; without it there is no such flag (as sfini). */
  version?: string;
  /** Program name in help and errors; default the script's file name. */
  prog?: string;
  /** Injected streams, exit, signals (tests). */
  io?: CliIo;
  /** Further options of the workers `worker` runs (session, retry, pollTimeout...). */
  workerOptions?: Omit<WorkerOptions, "name" | "concurrency" | "logger">;
}

/** Exit codes of the CLI. */
export const EXIT = {
  /** The command did what it was asked. */
  ok: 0,
  /** The command failed (an AWS error, a failed execution, a bad input file...). */
  failure: 1,
  /** The command line was wrong (unknown command or option, missing argument). */
  usage: 2,
} as const;

/** A command failed for a reason the user can fix (bad input file, unknown activity...). */
export class CliInputError extends SfiniError {}

interface GlobalFlags {
  verbose: number;
  quiet: number;
}

function count(_value: string, previous: number): number {
  return previous + 1;
}

// Commander is loaded when a program parses its arguments, not when `sfini` is imported: a
// Lambda that only builds definitions does not load it.
type Commander = typeof import("commander");

function positiveInteger(lib: Commander): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
      throw new lib.InvalidArgumentError(`expected a whole number >= 1, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}

function defaultExit(code: number): void {
  process.exitCode = code;
}

/**
 * sfini's command-line helper: give it your state machine and/or activities, call
 * `parseArgs()` from your program's entry point, and users get `register`, `deregister`,
 * `start`, `worker` and `executions` commands (only those that make sense for what was
 * given), with `-v/--verbose`, `-q/--quiet` and `-V/--version`.
 *
 * Exit codes: 0 done, 1 the command failed (printed as one line; the stack too with
 * `--verbose`), 2 usage error (unknown command or flag, bad value). A `worker` stopped by a
 * second signal exits 128 + the signal's number.
 */
export class CLI {
  /** The state machine the commands control. */
  readonly stateMachine: CliStateMachine | undefined;
  /** The activities the commands control. */
  readonly activities: CliActivities | undefined;
  /** IAM role used by `register`. */
  readonly roleArn: string | undefined;
  /** Version shown by `-V`. */
  readonly version: string | undefined;
  /** Program name. */
  readonly prog: string;
  private readonly io: Required<CliIo>;
  private readonly workerOptions: CLIOptions["workerOptions"];
  /** Set by a command whose exit code is not simply 0 (a cancelled `worker`). */
  private exitCode: number | undefined;

  constructor(options: CLIOptions) {
    if (!options.stateMachine && !options.activities) {
      throw new TypeError("CLI needs a stateMachine, activities, or both");
    }
    this.stateMachine = options.stateMachine;
    this.activities = options.activities;
    this.roleArn = options.roleArn;
    this.version = options.version;
    this.prog = options.prog ?? (process.argv[1]?.split(/[\\/]/).pop() || "sfini");
    this.workerOptions = options.workerOptions;
    const io = options.io ?? {};
    this.io = {
      stdout: io.stdout ?? process.stdout,
      stderr: io.stderr ?? process.stderr,
      stdin: io.stdin ?? process.stdin,
      exit: io.exit ?? defaultExit,
      signals: io.signals ?? process,
      readFile: io.readFile ?? ((path) => readFile(path, "utf8")),
    };
  }

  /** What the program controls, for the help text. */
  private get subject(): string {
    const parts: string[] = [];
    if (this.stateMachine) parts.push(`state machine ${JSON.stringify(this.stateMachine.name)}`);
    if (this.activities) parts.push(`${this.activities.activities.size} activit${this.activities.activities.size === 1 ? "y" : "ies"}`);
    return parts.join(" and ");
  }

  /**
   * Parse the arguments (those after the program name: `process.argv.slice(2)` by default),
   * run the command, and resolve with its exit code (also passed to `io.exit`).
   */
  async parseArgs(argv: readonly string[] = process.argv.slice(2)): Promise<number> {
    const flags: GlobalFlags = { verbose: 0, quiet: 0 };
    this.exitCode = undefined;
    const lib = await import("commander");
    const program = this.buildProgram(lib, flags);
    let code: number;
    try {
      await program.parseAsync([...argv], { from: "user" });
      code = this.exitCode ?? EXIT.ok;
    } catch (error) {
      code = this.report(lib, error, flags);
    }
    this.io.exit(code);
    return code;
  }

  private report(lib: Commander, error: unknown, flags: GlobalFlags): number {
    if (error instanceof lib.CommanderError) {
      // Commander has already printed help, the version, or its one-line usage error.
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT.ok;
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    this.io.stderr.write(`${this.prog}: error: ${message}\n`);
    if (flags.verbose > 0 && error instanceof Error && error.stack) this.io.stderr.write(`${error.stack}\n`);
    return EXIT.failure;
  }

  private logger(flags: GlobalFlags): WorkerLogger {
    return createLogger(levelFromVerbosity(flags.verbose, flags.quiet), (line) => this.io.stderr.write(line));
  }

  private buildProgram(lib: Commander, flags: GlobalFlags): Command {
    const program = new lib.Command(this.prog)
      .description(`Control ${this.subject} on AWS Step Functions.`)
      .exitOverride()
      .configureOutput({
        writeOut: (text) => this.io.stdout.write(text),
        writeErr: (text) => this.io.stderr.write(text),
      })
      .showHelpAfterError(`(run '${this.prog} --help' for usage)`)
      .addHelpText("after", "\nExit codes: 0 done, 1 the command failed, 2 usage error.")
      .option("-v, --verbose", "more log output (repeat for more); errors show their stack", count, 0)
      .option("-q, --quiet", "less log output (repeat for less)", count, 0)
      .hook("preAction", (root) => {
        const opts = root.opts<GlobalFlags>();
        flags.verbose = opts.verbose;
        flags.quiet = opts.quiet;
      });
    if (this.version !== undefined) program.version(this.version, "-V, --version", "print the version and exit");
    const both = this.stateMachine !== undefined && this.activities !== undefined;
    const what = both ? "the state machine and/or activities" : this.stateMachine ? "the state machine" : "the activities";
    this.addRegister(lib, program, what, both);
    this.addDeregister(lib, program, what, both);
    if (this.stateMachine) this.addStart(program, this.stateMachine, flags);
    if (this.activities) this.addWorker(lib, program, this.activities, flags);
    if (this.stateMachine) this.addExecutions(lib, program, this.stateMachine);
    return program;
  }

  private addRegister(lib: Commander, program: Command, what: string, both: boolean): void {
    const command = program.command("register").description(`register ${what} with Step Functions`);
    if (this.stateMachine) command.option("-u, --allow-update", "update the state machine if it exists");
    if (both) this.addOnlyFlags(lib, command, "register (or update)", "register");
    command.action(async (opts: { allowUpdate?: boolean; stateMachineOnly?: boolean; activitiesOnly?: boolean }) => {
      const machine = !opts.activitiesOnly ? this.stateMachine : undefined;
      const activities = !opts.stateMachineOnly ? this.activities : undefined;
      if (machine) {
        await machine.register({ ...(this.roleArn !== undefined ? { roleArn: this.roleArn } : {}), allowUpdate: opts.allowUpdate ?? false });
        this.io.stderr.write(`registered state machine ${machine.name}\n`);
      }
      if (activities) {
        await activities.register();
        this.io.stderr.write(`registered ${activities.activities.size} activities\n`);
      }
    });
  }

  private addDeregister(lib: Commander, program: Command, what: string, both: boolean): void {
    const command = program.command("deregister").description(`deregister ${what} from Step Functions`);
    if (both) this.addOnlyFlags(lib, command, "deregister", "deregister");
    command.action(async (opts: { stateMachineOnly?: boolean; activitiesOnly?: boolean }) => {
      const machine = !opts.activitiesOnly ? this.stateMachine : undefined;
      const activities = !opts.stateMachineOnly ? this.activities : undefined;
      if (machine) {
        await machine.deregister();
        this.io.stderr.write(`deregistered state machine ${machine.name}\n`);
      }
      if (activities) {
        await activities.deregister();
        this.io.stderr.write(`deregistered activities\n`);
      }
    });
  }

  private addOnlyFlags(lib: Commander, command: Command, machineVerb: string, activitiesVerb: string): void {
    command
      .addOption(new lib.Option("-s, --state-machine-only", `only ${machineVerb} the state machine`).conflicts("activitiesOnly"))
      .addOption(new lib.Option("-a, --activities-only", `only ${activitiesVerb} the activities`).conflicts("stateMachineOnly"));
  }

  private addStart(program: Command, machine: CliStateMachine, flags: GlobalFlags): void {
    program
      .command("start")
      .description("start an execution; prints its name (with --wait: its output as JSON, the name goes to stderr)")
      .argument("<PATH>", "file of the execution's input JSON, or '-' for standard input")
      .option("-w, --wait", "wait for the execution to finish, and print its output")
      .action(async (path: string, opts: { wait?: boolean }) => {
        const input = await this.readInput(path);
        const execution = await machine.startExecution(input);
        if (!opts.wait) {
          this.io.stdout.write(`${execution.name}\n`);
          return;
        }
        if (flags.quiet === 0) this.io.stderr.write(`started execution ${execution.name}\n`);
        await execution.wait();
        this.io.stdout.write(`${JSON.stringify(execution.output)}\n`);
      });
  }

  private async readInput(path: string): Promise<JsonValue> {
    let text: string;
    if (path === "-") {
      text = await readAll(this.io.stdin);
    } else {
      try {
        text = await this.io.readFile(path);
      } catch (error) {
        throw new CliInputError(`cannot read input file ${JSON.stringify(path)}: ${(error as Error).message}`, { cause: error });
      }
    }
    try {
      return JSON.parse(text) as JsonValue;
    } catch (error) {
      const where = path === "-" ? "standard input" : `input file ${JSON.stringify(path)}`;
      throw new CliInputError(`${where} is not JSON: ${(error as Error).message}`, { cause: error });
    }
  }

  private addWorker(lib: Commander, program: Command, group: CliActivities, flags: GlobalFlags): void {
    const names = [...group.activities.keys()];
    program
      .command("worker")
      .description("run an activity worker until SIGINT/SIGTERM (a second signal cancels running tasks)")
      .addArgument(program.createArgument("<NAME>", `activity to poll: ${names.join(", ")}`).choices(names))
      .option("--concurrency <N>", "tasks run at once", positiveInteger(lib), 1)
      .action(async (name: string, opts: { concurrency: number }) => {
        const activity = group.activities.get(name)!;
        const logger = this.logger(flags);
        const worker = new Worker(activity, { ...this.workerOptions, concurrency: opts.concurrency, logger });
        logger.info(`worker ${worker.name} polling activity ${activity.name} (concurrency ${opts.concurrency}); Ctrl-C to stop`);
        this.exitCode = await runWorkersUntilSignal([worker], { source: this.io.signals, logger });
      });
  }

  private addExecutions(lib: Commander, program: Command, machine: CliStateMachine): void {
    program
      .command("executions")
      .description("list the executions, each with its history")
      .addOption(new lib.Option("-s, --status <STATUS>", "only executions of this status").choices(EXECUTION_STATUSES))
      .action(async (opts: { status?: ExecutionStatus }) => {
        const executions = await machine.listExecutions(opts.status !== undefined ? { status: opts.status } : {});
        for (const execution of executions) {
          this.io.stdout.write(`\nExecution '${execution.name}':\n${(await execution.formatHistory()).trimEnd()}\n`);
        }
      });
  }
}
