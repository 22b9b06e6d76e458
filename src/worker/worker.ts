import { EventEmitter } from "node:events";
import { DescribeActivityCommand, GetActivityTaskCommand, type GetActivityTaskCommandOutput } from "@aws-sdk/client-sfn";
import { learnEndpoint, releasePolls, watchTask, type LocalEngineTell } from "./local-engine.js";
import { CallableActivity } from "../activities/callable-activity.js";
import type { Activity } from "../activities/activity.js";
import { SfiniError } from "../errors.js";
import type { JsonValue } from "../json.js";
import { validateName } from "../names.js";
import type { AWSSession } from "../session.js";
import { backoffDelayMs, pause, retryPolicy, type RetryPolicy } from "./backoff.js";
import { TaskInputNotJsonError, type TaskTokenDeadError } from "./errors.js";
import { neverThrowing, silentLogger, type WorkerLogger } from "./logger.js";
import { TaskExecution, type TaskOutcome } from "./task-execution.js";
import { isAbortError } from "./task-faults.js";
import { defaultWorkerName } from "./worker-name.js";

/** Options of a {@link Worker}. */
export interface WorkerOptions {
  /** Worker name sent with each poll (shows in execution history); default `<hostname>-<8 hex>`. */
  name?: string;
  /** How many tasks run at once; as many long polls are kept open. Default 1. */
  concurrency?: number;
  /** Session whose `sfn` client polls and reports; default the activity's. */
  session?: AWSSession;
  /** Where to log; default silent (listen to the events instead). */
  logger?: WorkerLogger;
  /**
   * Seconds after which a poll that has not answered is given up on the client side (default
   * 65: SFN holds a long poll up to 60 s, and AWS advises clients to wait at least 65).
   */
  pollTimeout?: number;
  /** Backoff between failed polls and failed reports. */
  retry?: Partial<RetryPolicy>;
  /** Randomness of the backoff jitter (tests pin it). */
  random?: () => number;
}

/** What every task event carries. */
export interface TaskEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** The task's input. */
  readonly input: JsonValue;
}

/** The events a {@link Worker} emits, with their arguments. */
export interface WorkerEvents {
  /** A poll returned a task and its function starts. */
  taskStarted: [task: TaskEvent];
  /** SendTaskSuccess was accepted. */
  taskSucceeded: [
    task: TaskEvent & {
      /** The output sent with SendTaskSuccess, as JSON text. */
      readonly output: string;
    },
  ];
  /** SendTaskFailure was accepted. */
  taskFailed: [
    task: TaskEvent & {
      /** The `error` sent with SendTaskFailure: the thrown error's name. */
      readonly error: string;
      /** The `cause` sent with SendTaskFailure: the error's message and stack. */
      readonly cause: string;
    },
  ];
  /** The task was reported cancelled (`WorkerCancel`), or its cancel could not be sent. */
  taskCancelled: [
    task: TaskEvent & {
      /** Whether SFN accepted the `WorkerCancel` failure; false when it could not be sent. */
      readonly reported: boolean;
    },
  ];
  /** The task's token died (e.g. its heartbeat timed out); nothing more was sent for it. */
  taskAbandoned: [
    task: TaskEvent & {
      /** The error that showed the token dead. */
      readonly reason: TaskTokenDeadError;
      /** Whether an earlier report attempt may have been applied with only its answer lost. */
      readonly reportMayHaveLanded: boolean;
    },
  ];
  /** A poll failed; the worker waits `delayMs` and polls again. */
  pollError: [error: unknown, attempt: number, delayMs: number];
  /** A heartbeat failed for a reason other than a dead token; heartbeats go on. */
  heartbeatError: [error: unknown, taskToken: string];
  /** A report failed and will be retried after `delayMs`. */
  reportError: [error: unknown, taskToken: string, attempt: number, delayMs: number];
  /** Every poll and task is over after `end()` or `cancel()`. */
  stopped: [];
}

/** The worker event whose payload is exactly `P`. */
type EventCarrying<P> = { [E in keyof WorkerEvents]: [P] extends WorkerEvents[E] ? (WorkerEvents[E] extends [P] ? E : never) : never }[keyof WorkerEvents];

/**
 * The event that announces each way a task ends, carrying the task and the outcome's fields;
 * its type checks that each event's payload is exactly that.
 */
const OUTCOME_EVENTS: { readonly [O in TaskOutcome as O["kind"]]: EventCarrying<TaskEvent & Omit<O, "kind">> } = {
  succeeded: "taskSucceeded",
  failed: "taskFailed",
  cancelled: "taskCancelled",
  abandoned: "taskAbandoned",
};

/** Options of {@link Worker.end}. */
export interface EndOptions {
  /**
   * On AWS, seconds to keep waiting for open long polls before aborting them (default: wait
   * them out, up to the 60 s SFN holds a poll). The risk: SFN may already have handed a task to
   * an aborted poll; nobody answers that task, and it fails only when its heartbeat or timeout
   * runs out (the execution's Retry then sees `States.Timeout`). Not used on sfini's local
   * engine, whose polls end at once and safely.
   */
  pollGraceSeconds?: number;
}

/** Where a worker is in its life. */
export type WorkerState = "idle" | "running" | "ending" | "cancelled" | "stopped";

/** `start()` was called on a worker that is not idle. */
export class WorkerStateError extends SfiniError {}

/**
 * Polls one activity for tasks and runs them, `concurrency` at a time (sfini's `Worker`).
 *
 * Each of the `concurrency` slots long-polls GetActivityTask, runs the task it gets through a
 * {@link TaskExecution}, waits until the task is answered, and polls again. A failed poll never
 * stops the worker: it waits with backoff and polls again.
 *
 * Ending: {@link end} takes no new task but does not cut open polls, because SFN may already
 * have handed a task to one (an aborted poll would leave that task unanswered until it times
 * out). A task such a poll returns after `end()` is run and answered like any other. So a
 * graceful end can take up to one long poll (60 s) after the last task. {@link cancel} is the
 * hurry-up: it aborts open polls, reports running tasks (and any a poll still returns) failed
 * with `WorkerCancel`, and accepts that a task in transit on an aborted poll times out.
 */
export class Worker extends EventEmitter<WorkerEvents> {
  /** The activity polled. */
  readonly activity: CallableActivity<never, unknown>;
  /** Name sent with each poll. */
  readonly name: string;
  /** Tasks run at once. */
  readonly concurrency: number;
  /** Session the calls go through. */
  readonly session: AWSSession;
  private readonly logger: WorkerLogger;
  private readonly pollTimeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private currentState: WorkerState = "idle";
  /** Aborted by end() and cancel(): wakes slots waiting out a poll backoff. */
  private readonly ending = new AbortController();
  /** Aborted by cancel(): cuts open polls. */
  private readonly cancelling = new AbortController();
  /** Aborted when end()'s `pollGraceSeconds` ran out: cuts open polls. */
  private readonly abandoning = new AbortController();
  /** The local engine's URL when the endpoint is one, null when not, undefined until an answer told. */
  private localEngine: string | null | undefined;
  private readonly tell: LocalEngineTell = (endpoint) => (this.localEngine = endpoint);
  private openPolls = 0;
  private readonly running = new Set<TaskExecution>();
  private slots: Promise<void>[] = [];
  private done: Promise<void> | undefined;

  constructor(activity: Activity, options: WorkerOptions = {}) {
    super();
    if (!(activity instanceof CallableActivity)) {
      throw new TypeError(`activity ${JSON.stringify(activity.name)} has no function to run: a worker needs a CallableActivity`);
    }
    this.activity = activity as CallableActivity<never, unknown>;
    this.name = validateName(options.name ?? defaultWorkerName(), "worker name");
    this.concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`worker concurrency must be a whole number >= 1, got ${String(options.concurrency)}`);
    }
    const pollTimeout = options.pollTimeout ?? 65;
    if (typeof pollTimeout !== "number" || !(pollTimeout > 0)) {
      throw new RangeError(`worker pollTimeout must be a number of seconds > 0, got ${String(pollTimeout)}`);
    }
    this.pollTimeoutMs = pollTimeout * 1000;
    this.session = options.session ?? activity.session;
    this.logger = neverThrowing(options.logger ?? silentLogger);
    this.retry = retryPolicy(options.retry);
    this.random = options.random ?? Math.random;
  }

  /** Where the worker is in its life. */
  get state(): WorkerState {
    return this.currentState;
  }

  /** How many tasks are running (or being answered) now. */
  get runningTasks(): number {
    return this.running.size;
  }

  /** `<name> [<activity>]`, as sfini prints it. */
  override toString(): string {
    return `${this.name} [${this.activity.name}]`;
  }

  /** Start polling (returns at once; see {@link join}). */
  start(): void {
    if (this.currentState !== "idle") throw new WorkerStateError(`worker ${this.toString()} was already started (state ${this.currentState})`);
    this.currentState = "running";
    this.logger.info(`worker ${this.toString()}: polling with concurrency ${this.concurrency}`);
    this.slots = Array.from({ length: this.concurrency }, (_, index) => this.slot(index));
    this.done = Promise.all(this.slots).then(() => {
      this.currentState = "stopped";
      this.logger.info(`worker ${this.toString()}: stopped`);
      this.emit("stopped");
    });
  }

  /**
   * Take no new task: running tasks finish and are answered, open polls are waited for and a
   * task they return is run too. On the local engine open polls end at once (safely); on AWS
   * they are waited out unless `pollGraceSeconds` says otherwise. Resolves like {@link join}.
   */
  end(options: EndOptions = {}): Promise<void> {
    const grace = options.pollGraceSeconds;
    if (grace !== undefined && !(typeof grace === "number" && grace >= 0 && Number.isFinite(grace))) {
      throw new RangeError(`pollGraceSeconds must be a number of seconds >= 0, got ${String(grace)}`);
    }
    if (this.currentState === "running" || this.currentState === "idle") {
      const open = this.concurrency - this.running.size;
      this.logger.info(`worker ${this.toString()}: ending; waiting on ${this.running.size} task(s) and ${open} open poll(s)`);
      this.currentState = this.done ? "ending" : "stopped";
      this.ending.abort();
      if (this.done) void this.endOpenPolls(grace);
    }
    return this.join();
  }

  /** Ask the local engine to end this worker's polls; on AWS abort them after `grace` s, if given. */
  private async endOpenPolls(grace: number | undefined): Promise<void> {
    if (this.openPolls > 0) {
      try {
        // No answer told yet (no task came): one DescribeActivity asks; AWS answers it too.
        if (this.localEngine === undefined) {
          const probe = new DescribeActivityCommand({ activityArn: this.activity.arn });
          learnEndpoint(probe.middlewareStack, this.tell);
          await this.session.sfn.send(probe).catch(() => undefined);
        }
        if (this.localEngine) {
          await releasePolls(this.localEngine, this.activity.arn, this.name);
          return;
        }
      } catch (error) {
        this.logger.warn(`worker ${this.toString()}: could not end open polls early; waiting them out`, error);
      }
    }
    if (grace === undefined || this.currentState !== "ending") return;
    const timer = setTimeout(() => this.abandoning.abort(new Error("pollGraceSeconds ran out")), grace * 1000);
    void this.join().finally(() => clearTimeout(timer));
  }

  /**
   * Stop now: abort open polls, report every running task (and any a poll still returns)
   * failed with `WorkerCancel`, and drop the functions' results. Resolves like {@link join}.
   */
  cancel(): Promise<void> {
    if (this.currentState !== "stopped" && this.currentState !== "cancelled") {
      this.logger.warn(`worker ${this.toString()}: cancelling ${this.running.size} running task(s)`);
      this.currentState = this.done ? "cancelled" : "stopped";
      this.ending.abort();
      this.cancelling.abort(new Error("worker cancelled"));
      for (const task of this.running) void task.reportCancelled();
    }
    return this.join();
  }

  /** Resolves when every slot has stopped (after {@link end} or {@link cancel}). */
  join(): Promise<void> {
    return this.done ?? Promise.resolve();
  }

  /** {@link start}, then {@link join}. */
  run(): Promise<void> {
    this.start();
    return this.join();
  }

  private async slot(index: number): Promise<void> {
    let failures = 0;
    while (this.currentState === "running") {
      let response: GetActivityTaskCommandOutput;
      try {
        response = await this.poll();
        failures = 0;
      } catch (error) {
        if ((this.cancelling.signal.aborted || this.abandoning.signal.aborted) && isAbortError(error)) break;
        failures++;
        const delayMs = backoffDelayMs(failures, this.retry, this.random);
        this.logger.warn(`worker ${this.toString()} slot ${index}: poll failed (attempt ${failures}), polling again in ${Math.round(delayMs)} ms`, error);
        this.notify("pollError", error, failures, delayMs);
        await pause(delayMs, this.ending.signal);
        continue;
      }
      // An empty token is SFN's "no task this time". An endpoint that answers that at once
      // (not a long poll) must not starve the event loop of timers and I/O.
      if (response?.taskToken) await this.execute(response.taskToken, response.input);
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private async poll(): Promise<GetActivityTaskCommandOutput> {
    await this.activity.session.accountId(); // the activity ARN needs it
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new PollTimeoutError(this.pollTimeoutMs)), this.pollTimeoutMs);
    const abortSignal = AbortSignal.any([timeout.signal, this.cancelling.signal, this.abandoning.signal]);
    this.openPolls++;
    try {
      this.logger.debug(`worker ${this.toString()}: polling`);
      const command = new GetActivityTaskCommand({ activityArn: this.activity.arn, workerName: this.name });
      learnEndpoint(command.middlewareStack, this.tell);
      return await this.session.sfn.send(command, { abortSignal });
    } catch (error) {
      if (timeout.signal.aborted && !this.cancelling.signal.aborted && !this.abandoning.signal.aborted) throw timeout.signal.reason;
      throw error;
    } finally {
      this.openPolls--;
      clearTimeout(timer);
    }
  }

  private async execute(taskToken: string, inputText: string | undefined): Promise<void> {
    let input: JsonValue = null;
    let badInput: TaskInputNotJsonError | undefined;
    try {
      input = inputText === undefined ? null : (JSON.parse(inputText) as JsonValue);
    } catch (error) {
      badInput = new TaskInputNotJsonError(`task input is not JSON: ${(error as Error).message}`, { cause: error });
    }
    // The poll's answer told whether this is the local engine: only it is asked to watch the task.
    const engine = this.localEngine;
    const task = new TaskExecution(this.activity, taskToken, input, {
      ...(engine ? { watch: (token: string, signal: AbortSignal) => watchTask(engine, token, signal) } : {}),
      session: this.session,
      logger: this.logger,
      retry: this.retry,
      random: this.random,
      hooks: {
        heartbeatError: (error, token) => this.notify("heartbeatError", error, token),
        reportError: (error, token, attempt, delayMs) => this.notify("reportError", error, token, attempt, delayMs),
      },
    });
    this.running.add(task);
    try {
      let outcome: TaskOutcome;
      if (this.currentState === "cancelled") {
        outcome = await task.reportCancelled();
      } else if (badInput) {
        outcome = await task.runFailing(badInput);
      } else {
        this.notify("taskStarted", { taskToken, input });
        outcome = await task.run();
      }
      this.announce({ taskToken, input }, outcome);
    } finally {
      this.running.delete(task);
    }
  }

  /** Emit an event; a listener that throws is logged, never allowed to stop a task's answer. */
  private notify<K extends keyof WorkerEvents>(event: K, ...args: WorkerEvents[K]): void {
    try {
      (this.emit as (name: K, ...rest: WorkerEvents[K]) => boolean)(event, ...args);
    } catch (error) {
      this.logger.warn(`worker ${this.toString()}: a ${String(event)} listener threw`, error);
    }
  }

  private announce(task: TaskEvent, outcome: TaskOutcome): void {
    const { kind, ...fields } = outcome;
    const event = OUTCOME_EVENTS[kind];
    // OUTCOME_EVENTS' type has checked the payload; TypeScript cannot follow it through `kind`.
    this.notify(event, ...([{ ...task, ...fields }] as WorkerEvents[typeof event]));
  }
}

/** A poll got no answer within the worker's `pollTimeout`; the worker polls again. */
export class PollTimeoutError extends SfiniError {
  /** @param timeoutMs - How long the poll was given, in milliseconds. */
  constructor(readonly timeoutMs: number) {
    super(`GetActivityTask got no answer within ${timeoutMs / 1000} s`);
  }
}
