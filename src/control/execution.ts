import {
  DescribeExecutionCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  paginateGetExecutionHistory,
  type DescribeExecutionOutput,
  type ExecutionListItem,
  type ExecutionStatus,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { executionArn as buildExecutionArn, parseArn } from "../arn.js";
import {
  AwsCallError,
  ExecutionFailedError,
  ExecutionNotFinishedError,
  InvalidOptionError,
  SfiniError,
  WaitTimeoutError,
} from "../errors.js";
import type { JsonValue } from "../json.js";
import { MAX_PAYLOAD_BYTES } from "../asl/limits.js";
import { validateName } from "../names.js";
import { defaultSession, type AWSSession } from "../session.js";
import { callAws } from "../aws-call.js";
import { formatHistory, parseHistory, type ParsedEvent } from "./history.js";
import { pollIntervalMs, systemClock, type WaitClock } from "./wait-schedule.js";

/**
 * How far AWS's clock may be behind ours (after the SDK's own skew correction) when telling
 * an execution we started from an older one of the same name: SigV4's allowed skew.
 */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Statuses of an execution that has not ended yet. */
const UNFINISHED: ReadonlySet<string> = new Set(["RUNNING", "PENDING_REDRIVE"]);

/** The execution has no ARN yet: start it, or build it from an ARN. */
export class ExecutionNotStartedError extends SfiniError {}

/** Options of an {@link Execution}. */
export interface ExecutionOptions {
  /** Input of the execution (default `{}` when started). */
  input?: JsonValue;
  /** ARN, when the execution already exists. */
  arn?: string;
  /** Session the execution's AWS calls go through; default {@link defaultSession}. */
  session?: AWSSession;
}

/** Options of {@link Execution.wait}. */
export interface WaitOptions {
  /** Throw {@link ExecutionFailedError} when the execution ends other than SUCCEEDED (default true). */
  raiseOnFailure?: boolean;
  /** Seconds to wait at most; then {@link WaitTimeoutError}. Default: no limit. */
  timeout?: number;
  /** Stops waiting (rejecting with the signal's reason) once aborted. */
  signal?: AbortSignal;
  /** Clock and sleep to poll with; default the system clock. */
  clock?: WaitClock;
  /** Pause in ms after a given time waited in ms; default a schedule that starts at 50 ms and grows (`wait-schedule.ts`). */
  pollInterval?: (elapsedMs: number) => number;
}

/** Options of {@link Execution.stop}. */
export interface StopOptions {
  /** Error code recorded as the stop reason. */
  error?: string;
  /** Human-readable stop reason. */
  cause?: string;
}

/**
 * One execution of a state machine. `status`, `startDate`, `stopDate` and `output` read what
 * is known; {@link Execution.describe} refreshes them from AWS.
 *
 * `Output` is the type `output` is given (default any JSON): sfini does not check it, it is the
 * caller's word for what the machine returns (`sm.startExecution<In, Out>(input)`,
 * `execution.wait<Out>()`).
 */
export class Execution<Output = JsonValue> {
  /** Execution name. */
  readonly name: string;
  /** ARN of the state machine it runs. */
  readonly stateMachineArn: string;
  /** Input; undefined when not known (e.g. built from a list item, before `describe`). */
  input: JsonValue | undefined;
  /** ARN; known once started (or when built from an existing one). */
  arn: string | undefined;
  /** Session its AWS calls go through. */
  readonly session: AWSSession;
  private knownStatus: ExecutionStatus | undefined;
  private knownStartDate: Date | undefined;
  private knownStopDate: Date | undefined;
  private knownOutput: string | undefined;
  /** Whether a DescribeExecution (or our own start and stop) told `knownOutput` and the failure. */
  private described = false;
  private knownError: string | undefined;
  private knownCause: string | undefined;

  constructor(name: string, stateMachineArn: string, options: ExecutionOptions = {}) {
    this.name = name;
    this.stateMachineArn = stateMachineArn;
    this.input = options.input;
    this.arn = options.arn;
    this.session = options.session ?? defaultSession();
  }

  /** The existing execution of that ARN, described. */
  static async fromArn<Output = JsonValue>(arn: string, options: { session?: AWSSession } = {}): Promise<Execution<Output>> {
    const session = options.session ?? defaultSession();
    const described = await callAws("DescribeExecution", () =>
      session.sfn.send(new DescribeExecutionCommand({ executionArn: arn })),
    );
    const execution = new Execution<Output>(described.name ?? arn.split(":").pop()!, described.stateMachineArn ?? "", { arn, session });
    execution.absorb(described);
    return execution;
  }

  /**
   * An execution from a ListExecutions item, without a call: status and dates are the item's;
   * input, output and failure are unknown until {@link describe} (a list item has none).
   */
  static fromListItem(item: ExecutionListItem, options: { session?: AWSSession } = {}): Execution {
    if (!item.executionArn || !item.name || !item.stateMachineArn) {
      throw new InvalidOptionError(`list item lacks executionArn, name or stateMachineArn: ${JSON.stringify(item)}`);
    }
    const execution = new Execution(item.name, item.stateMachineArn, { arn: item.executionArn, session: options.session });
    execution.knownStatus = item.status;
    execution.knownStartDate = item.startDate;
    execution.knownStopDate = item.stopDate;
    return execution;
  }

  /** Last known status; undefined before the first describe of an execution built by name. */
  get status(): ExecutionStatus | undefined {
    return this.knownStatus;
  }

  /** When it started, if known. */
  get startDate(): Date | undefined {
    return this.knownStartDate;
  }

  /** When it ended, if known and ended. */
  get stopDate(): Date | undefined {
    return this.knownStopDate;
  }

  /** Error code it failed with, if it failed. */
  get error(): string | undefined {
    return this.knownError;
  }

  /** Cause it failed with, if it failed. */
  get cause(): string | undefined {
    return this.knownCause;
  }

  /** Whether it is known to have ended. */
  get finished(): boolean {
    return this.knownStatus !== undefined && !UNFINISHED.has(this.knownStatus);
  }

  /**
   * The output of a SUCCEEDED execution. Throws {@link ExecutionNotFinishedError} while it
   * runs (or before it was described), {@link ExecutionFailedError} when it did not succeed.
   */
  get output(): Output {
    if (!this.finished || (this.knownStatus === "SUCCEEDED" && !this.described)) {
      const status = this.knownStatus ?? "unknown";
      throw new ExecutionNotFinishedError(
        this.finished
          ? `execution ${JSON.stringify(this.name)} is ${status} but was not described: await describe() first`
          : `execution ${JSON.stringify(this.name)} has not finished (status ${status}): await describe() or wait() first`,
      );
    }
    if (this.knownStatus !== "SUCCEEDED") throw this.failure();
    return (this.knownOutput === undefined ? null : JSON.parse(this.knownOutput)) as Output;
  }

  /** Start it: StartExecution with its name and JSON input; sets `arn`. */
  async start(): Promise<this> {
    validateName(this.name, "execution name");
    const input = serializeInput(this.input ?? {}, this.name);
    this.input ??= {};
    const sentAt = Date.now() + this.session.sfn.config.systemClockOffset;
    let started;
    try {
      started = await callAws("StartExecution", () =>
        this.session.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: this.name, input })),
      );
    } catch (error) {
      if (await this.adoptAfterLostAnswer(error, input, sentAt)) return this;
      throw error;
    }
    this.arn = started.executionArn;
    this.knownStatus = "RUNNING";
    this.knownStartDate = started.startDate;
    return this;
  }

  /**
   * StartExecution is idempotent only while the execution runs: when the SDK retried a call
   * whose answer was lost and the execution had ended meanwhile, the retry is answered
   * ExecutionAlreadyExists although this very call started it. Then the execution of that name
   * is described and taken as ours when it runs our machine with the input we sent (the same
   * test AWS applies to a retry while it runs) and did not start before this call (an old
   * execution of a reused name is not). True when adopted.
   */
  private async adoptAfterLostAnswer(error: unknown, input: string, sentAt: number): Promise<boolean> {
    if (!(error instanceof AwsCallError) || error.code !== "ExecutionAlreadyExists" || sdkAttempts(error.cause) <= 1) return false;
    const arn = executionArnOf(this.stateMachineArn, this.name);
    if (arn === undefined) return false;
    let described: DescribeExecutionOutput;
    try {
      described = await callAws("DescribeExecution", () => this.session.sfn.send(new DescribeExecutionCommand({ executionArn: arn })));
    } catch {
      // Not knowing whether it is ours, the caller gets the answer AWS gave to the start.
      return false;
    }
    const machines = [described.stateMachineArn, described.stateMachineVersionArn, described.stateMachineAliasArn];
    if (described.input !== input || !machines.includes(this.stateMachineArn)) return false;
    if (!(described.startDate && described.startDate.getTime() >= sentAt - CLOCK_SKEW_MS)) return false;
    this.arn = described.executionArn ?? arn;
    this.absorb(described);
    return true;
  }

  /** Refresh status, dates, input, output and failure from DescribeExecution. */
  async describe(): Promise<this> {
    const executionArn = this.requireArn();
    const described = await callAws("DescribeExecution", () =>
      this.session.sfn.send(new DescribeExecutionCommand({ executionArn })),
    );
    this.absorb(described);
    return this;
  }

  /**
   * Poll until the execution ends: first after 50 ms, then less often as the wait grows
   * (from 50 ms, growing), never past `timeout`.
   */
  async wait<WaitedOutput = Output>(options: WaitOptions = {}): Promise<Execution<WaitedOutput>> {
    const { raiseOnFailure = true, timeout, signal, clock = systemClock, pollInterval = pollIntervalMs } = options;
    if (timeout !== undefined && !(Number.isFinite(timeout) && timeout >= 0)) {
      throw new RangeError(`wait timeout must be a number of seconds >= 0, got ${timeout}`);
    }
    const started = clock.now();
    const deadline = timeout === undefined ? undefined : started + timeout * 1000;
    for (;;) {
      signal?.throwIfAborted();
      await this.describe();
      if (this.finished) break;
      const now = clock.now();
      if (deadline !== undefined && now >= deadline) {
        throw new WaitTimeoutError(`execution ${JSON.stringify(this.name)} still ${this.knownStatus} after ${timeout} s`);
      }
      const pause = pollInterval(now - started);
      await clock.sleep(deadline === undefined ? pause : Math.min(pause, deadline - now), signal);
    }
    if (raiseOnFailure && this.knownStatus !== "SUCCEEDED") throw this.failure();
    return this as unknown as Execution<WaitedOutput>;
  }

  /** Stop it (StopExecution), recording `error` and `cause` as the reason. */
  async stop(options: StopOptions = {}): Promise<void> {
    const executionArn = this.requireArn();
    const stopped = await callAws("StopExecution", () =>
      this.session.sfn.send(
        new StopExecutionCommand({
          executionArn,
          ...(options.error === undefined ? {} : { error: options.error }),
          ...(options.cause === undefined ? {} : { cause: options.cause }),
        }),
      ),
    );
    this.knownStatus = "ABORTED";
    this.described = true;
    this.knownStopDate = stopped.stopDate;
    this.knownError = options.error;
    this.knownCause = options.cause;
  }

  /** Every history event (all pages of GetExecutionHistory), parsed. */
  async getHistory(): Promise<ParsedEvent[]> {
    const executionArn = this.requireArn();
    const events = await callAws("GetExecutionHistory", async () => {
      const all: HistoryEvent[] = [];
      for await (const page of paginateGetExecutionHistory({ client: this.session.sfn }, { executionArn })) {
        all.push(...(page.events ?? []));
      }
      return all;
    });
    return parseHistory(events);
  }

  /** sfini's history text, ending with `Output: <json>` once the execution succeeded. */
  async formatHistory(): Promise<string> {
    const events = await this.getHistory();
    if (!this.finished || !this.described) await this.describe();
    return formatHistory(events, this.knownStatus === "SUCCEEDED" ? (this.output as JsonValue) : undefined);
  }

  /** Name and last known status, e.g. `job_2024-01-01T00-00-00_1a2b3c4d [RUNNING]`. */
  toString(): string {
    return this.knownStatus ? `${this.name} [${this.knownStatus}]` : this.name;
  }

  private absorb(described: DescribeExecutionOutput): void {
    this.knownStatus = described.status;
    this.knownStartDate = described.startDate;
    this.knownStopDate = described.stopDate;
    this.knownOutput = described.output;
    this.described = true;
    this.knownError = described.error;
    this.knownCause = described.cause;
    if (this.input === undefined && described.input !== undefined) this.input = JSON.parse(described.input) as JsonValue;
  }

  private failure(): ExecutionFailedError {
    return new ExecutionFailedError(this.arn ?? this.name, this.knownStatus ?? "unknown", this.knownError, this.knownCause);
  }

  private requireArn(): string {
    if (this.arn === undefined) {
      throw new ExecutionNotStartedError(`execution ${JSON.stringify(this.name)} has no ARN: start() it first`);
    }
    return this.arn;
  }
}

/** How many attempts the SDK made for the call that failed with `error` (1 when not recorded). */
function sdkAttempts(error: unknown): number {
  if (typeof error !== "object" || error === null || !("$metadata" in error)) return 1;
  const metadata = (error as { $metadata?: { attempts?: unknown } }).$metadata;
  return typeof metadata?.attempts === "number" ? metadata.attempts : 1;
}

/** ARN of the standard execution `name` of a machine (plain, version or alias ARN); undefined if not a machine ARN. */
function executionArnOf(machineArn: string, name: string): string | undefined {
  const parsed = parseArn(machineArn);
  const [kind, machineName] = parsed?.resource.split(":") ?? [];
  if (parsed === undefined || parsed.service !== "states" || kind !== "stateMachine" || !machineName) return undefined;
  return buildExecutionArn({ region: parsed.region, accountId: parsed.accountId }, machineName, name);
}

/** JSON text of an execution input; throws before any call if it cannot be sent. */
export function serializeInput(input: JsonValue, executionName: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(input);
  } catch (error) {
    throw new InvalidOptionError(`input of execution ${JSON.stringify(executionName)} is not JSON-serialisable: ${(error as Error).message}`);
  }
  if (text === undefined) {
    throw new InvalidOptionError(`input of execution ${JSON.stringify(executionName)} is not JSON-serialisable: ${String(input)}`);
  }
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw new InvalidOptionError(`input of execution ${JSON.stringify(executionName)} is ${bytes} bytes, more than ${MAX_PAYLOAD_BYTES}`);
  }
  return text;
}
