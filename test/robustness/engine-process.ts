/**
 * `sfini local` in a child process, for hostile cases that could crash or freeze it: each has
 * its own deadline (then SIGKILL), a client without retries, a cheap call to time, and the
 * child's resident memory read from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListActivitiesCommand,
  SFNClient,
  StartExecutionCommand,
  type DescribeExecutionCommandOutput,
} from "@aws-sdk/client-sfn";
import { LOCAL_CREDENTIALS } from "../../src/local/index.js";

const BIN = fileURLToPath(new URL("../../src/cli/bin.ts", import.meta.url));
const ROLE = "arn:aws:iam::123456789012:role/hostile";

/** A running `sfini local` child process. */
export class EngineProcess {
  private exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly deadline: ReturnType<typeof setTimeout>;
  private machines = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly endpoint: string,
    readonly sfn: SFNClient,
    deadlineMs: number,
  ) {
    this.exit = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    this.deadline = setTimeout(() => child.kill("SIGKILL"), deadlineMs);
  }

  /** Start `sfini local --port 0 ...args`; killed after `deadlineMs` whatever happens. */
  static async start(args: string[] = [], deadlineMs = 60_000): Promise<EngineProcess> {
    const child = spawn(process.execPath, ["--import", "tsx", BIN, "local", "--port", "0", ...args], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    });
    const endpoint = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error("sfini local did not start within 30 s"));
      }, 30_000);
      let text = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const found = /listening on (http:\/\/[0-9.]+:[0-9]+)/.exec(text);
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      });
      child.once("exit", (code) => reject(new Error(`sfini local exited (${String(code)}) before listening: ${text}`)));
    });
    child.stdout!.resume();
    child.stderr!.resume();
    const sfn = new SFNClient({ endpoint, region: "us-east-1", credentials: LOCAL_CREDENTIALS, maxAttempts: 1, disableHostPrefix: true });
    return new EngineProcess(child, endpoint, sfn, deadlineMs);
  }

  /** The child's process id. */
  get pid(): number {
    return this.child.pid!;
  }

  /** Resident memory of the child in MiB (Linux /proc; undefined elsewhere). */
  rssMiB(): number | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
      const kb = /VmRSS:\s+([0-9]+) kB/.exec(status)?.[1];
      return kb === undefined ? undefined : Number(kb) / 1024;
    } catch {
      return undefined;
    }
  }

  /** Real ms a ListActivities takes (rejects if it takes more than `limitMs`). */
  async cheapCallMs(limitMs = 5_000): Promise<number> {
    const started = performance.now();
    await this.sfn.send(new ListActivitiesCommand({}), { abortSignal: AbortSignal.timeout(limitMs) });
    return performance.now() - started;
  }

  /** Create a machine (a fresh name each time) and start one execution of it. */
  async startExecution(definition: object, input: unknown = {}, type: "STANDARD" | "EXPRESS" = "STANDARD"): Promise<string> {
    const { stateMachineArn } = await this.sfn.send(
      new CreateStateMachineCommand({ name: `hostile-${++this.machines}`, roleArn: ROLE, definition: JSON.stringify(definition), type }),
    );
    const { executionArn } = await this.sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    return executionArn!;
  }

  /**
   * Poll DescribeExecution until the execution ends; meanwhile time a cheap call every poll and
   * sample the RSS. Resolves with the description, the slowest cheap call and the highest RSS.
   */
  async untilEnded(executionArn: string, timeoutMs = 30_000): Promise<{ execution: DescribeExecutionCommandOutput; slowestCallMs: number; peakRssMiB: number }> {
    const deadline = performance.now() + timeoutMs;
    let slowestCallMs = 0;
    let peakRssMiB = 0;
    for (;;) {
      slowestCallMs = Math.max(slowestCallMs, await this.cheapCallMs());
      peakRssMiB = Math.max(peakRssMiB, this.rssMiB() ?? 0);
      const execution = await this.sfn.send(new DescribeExecutionCommand({ executionArn }), { abortSignal: AbortSignal.timeout(5_000) });
      if (execution.status !== "RUNNING") return { execution, slowestCallMs, peakRssMiB };
      if (performance.now() > deadline) throw new Error(`${executionArn} still RUNNING after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** SIGTERM, then wait for the exit (SIGKILL after `graceMs`); resolves with how it ended and how long it took. */
  async terminate(graceMs = 5_000): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const started = performance.now();
    this.child.kill("SIGTERM");
    const killer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
    const exit = await this.exit;
    clearTimeout(killer);
    clearTimeout(this.deadline);
    this.sfn.destroy();
    return { ...exit, ms: performance.now() - started };
  }

  /** Kill at once (after-test cleanup). */
  async kill(): Promise<void> {
    clearTimeout(this.deadline);
    this.sfn.destroy();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exit;
  }
}
