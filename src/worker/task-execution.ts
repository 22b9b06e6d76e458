import {
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
} from "@aws-sdk/client-sfn";
import type { CallableActivity, TaskContext } from "../activities/callable-activity.js";
import { awsErrorCode } from "../aws-call.js";
import { WorkerCancel } from "../errors.js";
import type { JsonValue } from "../json.js";
import type { AWSSession } from "../session.js";
import { backoffDelayMs, pause, retryPolicy, type RetryPolicy } from "./backoff.js";
import { TaskOutputNotJsonError, TaskOutputRefusedError, TaskOutputTooLargeError, TaskTokenDeadError } from "./errors.js";
import { cutToLength, TASK_LIMITS } from "./limits.js";
import { neverThrowing, silentLogger, type WorkerLogger } from "./logger.js";
import { isDeadTokenError, isOutputRefusedError, mayHaveLanded, wasRetried } from "./task-faults.js";

/** How a task ended, as far as this worker is concerned. */
export type TaskOutcome =
  /** SendTaskSuccess was accepted with this output (JSON text). */
  | {
      /** Which way the task ended. */
      readonly kind: "succeeded";
      /** The output sent, as JSON text. */
      readonly output: string;
    }
  /** SendTaskFailure was accepted with this error and cause. */
  | {
      /** Which way the task ended. */
      readonly kind: "failed";
      /** The `error` sent: the thrown error's name. */
      readonly error: string;
      /** The `cause` sent: the error's message and stack. */
      readonly cause: string;
    }
  /** The task was reported failed with `WorkerCancel` (or the cancel could not be delivered). */
  | {
      /** Which way the task ended. */
      readonly kind: "cancelled";
      /** Whether SFN accepted the `WorkerCancel` failure; false when it could not be sent. */
      readonly reported: boolean;
    }
  /**
   * The token died (heartbeat or report answered TaskTimedOut...): nothing more was sent.
   * `reportMayHaveLanded`: an earlier attempt of the report may have been applied and only its
   * answer lost, so the dead token most likely means the task was answered after all.
   */
  | {
      /** Which way the task ended. */
      readonly kind: "abandoned";
      /** The error that showed the token dead. */
      readonly reason: TaskTokenDeadError;
      /** Whether an earlier report attempt may have been applied with only its answer lost. */
      readonly reportMayHaveLanded: boolean;
    };

/** Callbacks a {@link TaskExecution} calls as things happen (the Worker turns them into events). */
export interface TaskExecutionHooks {
  /** A heartbeat failed for a reason other than a dead token; heartbeats go on. */
  heartbeatError?(error: unknown, taskToken: string): void;
  /** A SendTaskSuccess/Failure attempt failed and will be retried after `delayMs`. */
  reportError?(error: unknown, taskToken: string, attempt: number, delayMs: number): void;
}

/** Options of a {@link TaskExecution}. */
export interface TaskExecutionOptions {
  /** Session whose `sfn` client sends heartbeats and reports; default the activity's. */
  session?: AWSSession;
  /** Where to log; default silent. */
  logger?: WorkerLogger;
  /** Backoff of retried reports. */
  retry?: Partial<RetryPolicy>;
  /** Event callbacks. */
  hooks?: TaskExecutionHooks;
  /** Randomness of the backoff jitter (tests pin it). */
  random?: () => number;
  /**
   * Waits (one hold of the endpoint at most) for the task to be ended on the endpoint's side:
   * resolves `true` once it was (its heartbeat or timeout ran out, its execution stopped),
   * `false` to be asked again. Then a heartbeat at once hears `TaskTimedOut` and the signal
   * aborts, instead of at the next heartbeat. Only sfini's local engine can tell this; the
   * {@link Worker} passes it there and nowhere else (AWS tells only the next call).
   */
  watch?: (taskToken: string, signal: AbortSignal) => Promise<boolean>;
}

type Phase = "new" | "running" | "reporting" | "done";

/**
 * One task of an activity: runs the activity's function on the task input, heartbeats every
 * `activity.heartbeat` seconds until the task is answered, and answers it exactly once:
 * SendTaskSuccess with the JSON output, or SendTaskFailure with the error's name and its
 * message and stack as cause (both cut to the API limits).
 *
 * A heartbeat or report answered `TaskTimedOut`, `TaskDoesNotExist` or `InvalidToken` aborts
 * the function's signal and stops every further call for the task. Where the endpoint can say
 * when the task ends ({@link TaskExecutionOptions.watch}: sfini's local engine), that heartbeat
 * is sent the moment it does, so the signal aborts at once. Any other failure of a
 * report is retried with backoff until it is accepted or the token is known dead.
 */
export class TaskExecution {
  /** Session the calls go through. */
  readonly session: AWSSession;
  private readonly logger: WorkerLogger;
  private readonly retry: RetryPolicy;
  private readonly hooks: TaskExecutionHooks;
  private readonly random: () => number;
  private readonly watch: TaskExecutionOptions["watch"];
  private readonly controller = new AbortController();
  /** Ends the watch of the token (see {@link TaskExecutionOptions.watch}) once the task is over. */
  private readonly stopWatching = new AbortController();
  /** Aborts waits between report retries when the task is cancelled. */
  private readonly stopRetrying = new AbortController();
  private phase: Phase = "new";
  private dead: TaskTokenDeadError | undefined;
  // Set once an attempt of the report failed in a way that may still have applied it.
  private reportMayHaveLanded = false;
  private heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  private heartbeatInFlight: Promise<void> | undefined;
  private cancelOutcome: Promise<TaskOutcome> | undefined;
  private settle!: (outcome: TaskOutcome) => void;
  private readonly settled: Promise<TaskOutcome>;

  constructor(
    /** The activity whose function runs. */
    readonly activity: CallableActivity<never, unknown>,
    /** The task's token, from GetActivityTask. */
    readonly taskToken: string,
    /** The task's input, parsed. */
    readonly input: JsonValue,
    options: TaskExecutionOptions = {},
  ) {
    this.session = options.session ?? activity.session;
    this.logger = neverThrowing(options.logger ?? silentLogger);
    this.retry = retryPolicy(options.retry);
    this.hooks = options.hooks ?? {};
    this.random = options.random ?? Math.random;
    this.watch = options.watch;
    this.settled = new Promise((resolve) => (this.settle = resolve));
  }

  /** Aborted when the token dies or the task is cancelled; the function's `context.signal`. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Whether the task has been answered (or given up on). */
  get finished(): boolean {
    return this.phase === "done";
  }

  /**
   * `<activity> - <token>`, as sfini prints it, with the token shortened to its first and last
   * few characters: a whole token is a credential for answering the task, so logs never carry it.
   */
  toString(): string {
    return `${this.activity.name} - ${shortenToken(this.taskToken)}`;
  }

  /**
   * Run the function and answer the task. Resolves with the outcome once the answer is
   * accepted, the token is dead, or the task is cancelled; never rejects for anything the
   * function does. A function that ignores its aborted signal keeps running, but its result
   * is never sent.
   */
  async run(): Promise<TaskOutcome> {
    if (this.phase !== "new") throw new Error(`task ${this.toString()} was already run`);
    this.phase = "running";
    this.scheduleHeartbeat();
    void this.watchToken();
    void this.execute().then(
      (outcome) => this.finish(outcome),
      // A last resort: the task is still answered, with the fixed description.
      () => (this.phase === "running" ? this.reportFailure(undefined, UNDESCRIBED_FAILURE) : this.settled).then((outcome) => this.finish(outcome)),
    );
    return this.settled;
  }

  /**
   * Answer the task failed with `error` without running the function (e.g. its input is not
   * JSON); heartbeats and retries as for {@link run}.
   */
  async runFailing(error: unknown): Promise<TaskOutcome> {
    if (this.phase !== "new") throw new Error(`task ${this.toString()} was already run`);
    this.phase = "running";
    this.scheduleHeartbeat();
    void this.watchToken();
    void this.reportFailure(error).then((outcome) => this.finish(outcome));
    return this.settled;
  }

  /**
   * Report the task failed with {@link WorkerCancel} and stop all work on it: the signal
   * aborts, heartbeats stop, the function's result (if it ever comes) is dropped. Does nothing
   * if the task was already answered or its token is dead. A report already under way is
   * left to its current attempt.
   */
  reportCancelled(): Promise<TaskOutcome> {
    if (this.phase === "done") return this.settled;
    this.cancelOutcome ??= this.cancel();
    return this.cancelOutcome;
  }

  private async cancel(): Promise<TaskOutcome> {
    const wasReporting = this.phase === "reporting";
    const cancel = new WorkerCancel("activity task cancelled: the worker was told to stop");
    this.stopRetrying.abort();
    if (!this.signal.aborted) this.controller.abort(cancel);
    if (wasReporting) return this.settled;
    this.phase = "reporting";
    this.stopHeartbeats();
    this.logger.info(`task ${this.toString()}: reporting it cancelled`);
    let reported = false;
    try {
      await this.send(new SendTaskFailureCommand({ taskToken: this.taskToken, error: WorkerCancel.name, cause: cancel.message }));
      reported = true;
    } catch (error) {
      this.logger.warn(`task ${this.toString()}: could not report the cancel`, error);
    }
    const outcome: TaskOutcome = { kind: "cancelled", reported };
    this.finish(outcome);
    return outcome;
  }

  private async execute(): Promise<TaskOutcome> {
    const context: TaskContext = {
      taskToken: this.taskToken,
      signal: this.signal,
      heartbeat: () => this.heartbeatNow(),
    };
    let result: unknown;
    try {
      result = await this.raceSignal(Promise.resolve().then(() => this.activity.call(this.input, context)));
    } catch (error) {
      if (this.phase !== "running") return this.settled; // cancelled or dead meanwhile
      return this.reportFailure(error);
    }
    if (this.phase !== "running") return this.settled;
    let output: string;
    try {
      output = serializeOutput(result);
    } catch (error) {
      return this.reportFailure(error);
    }
    return this.reportSuccess(output);
  }

  /** Settles with the function, or rejects as soon as the task is cancelled or dies. */
  private raceSignal<T>(work: Promise<T>): Promise<T> {
    if (this.signal.aborted) return Promise.reject(this.signal.reason);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener("abort", onAbort, { once: true });
      work.then(
        (value) => {
          this.signal.removeEventListener("abort", onAbort);
          resolve(value);
        },
        (error: unknown) => {
          this.signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }

  private async reportSuccess(output: string): Promise<TaskOutcome> {
    this.phase = "reporting";
    this.logger.debug(`task ${this.toString()}: reporting success`);
    try {
      await this.sendUntilAccepted(new SendTaskSuccessCommand({ taskToken: this.taskToken, output }));
      return { kind: "succeeded", output };
    } catch (error) {
      if (error instanceof TaskOutputRefusedError) return this.reportFailure(error);
      return this.whenNotSent(error);
    }
  }

  private async reportFailure(thrown: unknown, described = describeFailure(thrown)): Promise<TaskOutcome> {
    this.phase = "reporting";
    const { error, cause } = described;
    this.logger.info(`task ${this.toString()}: reporting failure ${error}`);
    try {
      await this.sendUntilAccepted(new SendTaskFailureCommand({ taskToken: this.taskToken, error, cause }));
      return { kind: "failed", error, cause };
    } catch (reason) {
      return this.whenNotSent(reason);
    }
  }

  private whenNotSent(error: unknown): TaskOutcome {
    if (error instanceof TaskTokenDeadError) return { kind: "abandoned", reason: error, reportMayHaveLanded: this.reportMayHaveLanded };
    // Only a cancel stops the retry loop otherwise: the task was neither answered nor cancelled.
    return { kind: "cancelled", reported: false };
  }

  /** Send a report, retrying anything but a dead token (or refused output) until accepted. */
  private async sendUntilAccepted(command: SendTaskSuccessCommand | SendTaskFailureCommand): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.send(command);
        return;
      } catch (error) {
        // A dead token after an attempt that may have landed most likely means it did.
        if (error instanceof TaskTokenDeadError ? wasRetried(error.cause) : mayHaveLanded(error)) this.reportMayHaveLanded = true;
        if (this.dead) throw this.dead;
        if (command instanceof SendTaskSuccessCommand && isOutputRefusedError(error)) {
          throw new TaskOutputRefusedError(`Step Functions refused the task output: ${(error as Error).message}`, { cause: error });
        }
        if (this.stopRetrying.signal.aborted) throw error;
        const delayMs = backoffDelayMs(attempt, this.retry, this.random);
        this.hooks.reportError?.(error, this.taskToken, attempt, delayMs);
        this.logger.warn(`task ${this.toString()}: report failed (attempt ${attempt}), retrying in ${Math.round(delayMs)} ms`, error);
        await pause(delayMs, this.stopRetrying.signal);
        if (this.dead) throw this.dead;
        if (this.stopRetrying.signal.aborted) throw error;
      }
    }
  }

  /**
   * The one place calls leave: refuses once the token is dead, and turns a dead-token answer
   * into {@link TaskTokenDeadError} after aborting the signal and stopping heartbeats.
   */
  private async send(command: SendTaskSuccessCommand | SendTaskFailureCommand | SendTaskHeartbeatCommand): Promise<void> {
    if (this.dead) throw this.dead;
    try {
      // The union is narrowed by the client's overloads only one command type at a time.
      await this.session.sfn.send(command as SendTaskHeartbeatCommand);
    } catch (error) {
      if (isDeadTokenError(error)) throw this.markDead(error);
      throw error;
    }
  }

  private markDead(error: unknown): TaskTokenDeadError {
    if (!this.dead) {
      this.dead = new TaskTokenDeadError(awsErrorCode(error) ?? "unknown", (error as Error).message, { cause: error });
      if (this.phase === "reporting" && (this.reportMayHaveLanded || wasRetried(error))) {
        this.logger.warn(`task ${this.toString()}: ${this.dead.message} (an earlier attempt of the report may have been applied; its answer was lost)`);
      } else {
        this.logger.error(`task ${this.toString()}: ${this.dead.message}`);
      }
      this.stopHeartbeats();
      this.stopRetrying.abort();
      if (!this.signal.aborted) this.controller.abort(this.dead);
      if (this.phase === "running") this.finish({ kind: "abandoned", reason: this.dead, reportMayHaveLanded: false });
    }
    return this.dead;
  }

  private scheduleHeartbeat(): void {
    if (this.phase === "done" || this.dead) return;
    this.heartbeatTimer = setTimeout(() => {
      this.heartbeatTimer = undefined;
      void this.beat().then(() => this.scheduleHeartbeat());
    }, this.activity.heartbeat * 1000);
  }

  /**
   * While the function runs, ask the endpoint to tell when the task ends there; when it does,
   * heartbeat at once: the answer (`TaskTimedOut`) aborts the signal as AWS's would, through
   * the same path. A watch that fails is given up quietly: the periodic heartbeats still tell.
   */
  private async watchToken(): Promise<void> {
    const watch = this.watch;
    if (!watch) return;
    const stop = this.stopWatching.signal;
    try {
      while (this.phase === "running" && !stop.aborted) {
        if (!(await watch(this.taskToken, stop))) continue;
        if (this.phase === "running" && !stop.aborted) await this.beat();
        return;
      }
    } catch (error) {
      if (!stop.aborted) this.logger.debug(`task ${this.toString()}: not watching the task any more (heartbeats still tell when it ends)`, error);
    }
  }

  /** One heartbeat; a heartbeat already in flight is shared rather than doubled. */
  private beat(): Promise<void> {
    this.heartbeatInFlight ??= (async () => {
      try {
        this.logger.debug(`task ${this.toString()}: heartbeat`);
        await this.send(new SendTaskHeartbeatCommand({ taskToken: this.taskToken }));
      } catch (error) {
        if (!(error instanceof TaskTokenDeadError)) {
          this.hooks.heartbeatError?.(error, this.taskToken);
          this.logger.warn(`task ${this.toString()}: heartbeat failed`, error);
        }
      } finally {
        this.heartbeatInFlight = undefined;
      }
    })();
    return this.heartbeatInFlight;
  }

  /** `context.heartbeat()`: rejects only when the token is dead (other failures are logged). */
  private async heartbeatNow(): Promise<void> {
    if (this.dead) throw this.dead;
    if (this.phase === "done") return;
    await this.beat();
    if (this.dead) throw this.dead;
  }

  private stopHeartbeats(): void {
    if (this.heartbeatTimer !== undefined) clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
    this.stopWatching.abort();
  }

  private finish(outcome: TaskOutcome): void {
    if (this.phase === "done") return;
    this.phase = "done";
    this.stopHeartbeats();
    this.settle(outcome);
  }
}

/**
 * The JSON text of a function's result: `undefined` is `null` (a function that returns
 * nothing), anything JSON cannot carry or larger than 256 KiB throws a typed error.
 */
export function serializeOutput(result: unknown): string {
  if (result === undefined) return "null";
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    throw new TaskOutputNotJsonError(`task output cannot be serialised as JSON: ${(error as Error).message}`, { cause: error });
  }
  if (text === undefined) {
    throw new TaskOutputNotJsonError(`task output cannot be serialised as JSON: a ${typeof result} has no JSON form`);
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > TASK_LIMITS.outputBytes) throw new TaskOutputTooLargeError(bytes, TASK_LIMITS.outputBytes);
  return text;
}

/** What SendTaskFailure carries for a thrown value that cannot be described (its describer threw). */
export const UNDESCRIBED_FAILURE: Readonly<{ error: string; cause: string }> = Object.freeze({
  error: "Error",
  cause: "the activity failed with a value that could not be described (reading its name, message or text threw)",
});

/**
 * SendTaskFailure's `error` and `cause` for a thrown value: the error's name, and its message
 * with the stack (then any `cause` chain), cut to 256 and 32,768 characters. Never throws:
 * a value whose description throws (a null-prototype or circular object, a throwing `toString`,
 * `toJSON` or getter, a revoked proxy) gets {@link UNDESCRIBED_FAILURE}.
 */
export function describeFailure(thrown: unknown): {
  /** SendTaskFailure's `error`: the error's name, at most 256 characters. */
  error: string;
  /** SendTaskFailure's `cause`: message, stack and cause chain, at most 32,768 characters. */
  cause: string;
} {
  try {
    return describeOrThrow(thrown);
  } catch {
    return { ...UNDESCRIBED_FAILURE };
  }
}

function describeOrThrow(thrown: unknown): { error: string; cause: string } {
  if (!(thrown instanceof Error)) {
    let text: string;
    try {
      text = typeof thrown === "string" ? thrown : (JSON.stringify(thrown) ?? String(thrown));
    } catch {
      text = String(thrown);
    }
    return { error: "Error", cause: cutToLength(`non-Error value thrown: ${text}`, TASK_LIMITS.causeChars) };
  }
  const parts: string[] = [];
  let current: unknown = thrown;
  for (let depth = 0; current instanceof Error && depth < 8; depth++) {
    const message = String(current.message);
    const head = `${String(current.name)}: ${message}`;
    const stack = typeof current.stack === "string" ? current.stack : "";
    parts.push((depth > 0 ? "Caused by: " : "") + (stack.includes(message) ? stack : `${head}\n${stack}`).trimEnd());
    current = current.cause;
  }
  const name = typeof thrown.name === "string" && thrown.name !== "" ? thrown.name : "Error";
  return {
    error: cutToLength(name, TASK_LIMITS.errorChars),
    cause: cutToLength(parts.join("\n"), TASK_LIMITS.causeChars),
  };
}

/** A task token as logs show it: its first and last few characters (a whole token answers the task). */
export function shortenToken(token: string): string {
  return token.length <= 16 ? `${token.slice(0, 4)}…` : `${token.slice(0, 6)}…${token.slice(-4)}`;
}
