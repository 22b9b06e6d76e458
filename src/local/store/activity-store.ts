/**
 * Activities and their task queues. A scheduled task waits in its activity's queue until a
 * GetActivityTask long poll takes it; a poll waits (at most `pollTimeoutMs`) until a task comes.
 * A task is only handed to a poller whose connection is still open.
 */
import { ApiError } from "../api-error.js";
import type { CancelTimer, EngineClock } from "../clock.js";

/** An activity task waiting for, or taken by, a worker. */
export interface ActivityTask {
  taskToken: string;
  /** The task's input, as the JSON text GetActivityTask returns. */
  input: string;
  /** Called once the task's answer went out to a worker. */
  onTaken(workerName: string): void;
  /** False once the task timed out or its execution stopped: it must not be handed out again. */
  isLive(): boolean;
}

/** One long poll of GetActivityTask. */
export interface ActivityPoll {
  workerName: string;
  /** False once the poller's connection is gone: it must not be handed a task. */
  isConnected(): boolean;
}

interface WaitingPoll extends ActivityPoll {
  deliver(task: ActivityTask | undefined): void;
}

/** A stored activity. */
export interface ActivityRecord {
  activityArn: string;
  name: string;
  creationDate: number;
  queue: ActivityTask[];
  polls: WaitingPoll[];
  /** Workers whose polls end empty for now (they are ending); see {@link ActivityStore.release}. */
  released: Map<string, CancelTimer>;
}

/**
 * How long (real ms) a released worker's polls still end empty: a poll it sent before its
 * release may arrive just after it.
 */
const RELEASE_MS = 2_000;

/** Activities of one engine. */
export class ActivityStore {
  private readonly activities = new Map<string, ActivityRecord>();
  private closed = false;

  constructor(
    private readonly clock: EngineClock,
    private readonly pollTimeoutMs: number,
  ) {}

  /** CreateActivity: idempotent, an existing activity of the name is returned as it is. */
  create(activityArn: string, name: string): ActivityRecord {
    let record = this.activities.get(activityArn);
    if (!record) {
      record = { activityArn, name, creationDate: this.clock.now(), queue: [], polls: [], released: new Map() };
      this.activities.set(activityArn, record);
    }
    return record;
  }

  /** The activity, or `ActivityDoesNotExist`. */
  get(activityArn: string): ActivityRecord {
    const record = this.activities.get(activityArn);
    if (!record) throw new ApiError("ActivityDoesNotExist", `Activity Does Not Exist: '${activityArn}'`);
    return record;
  }

  /** True when the activity exists. */
  has(activityArn: string): boolean {
    return this.activities.has(activityArn);
  }

  /** DeleteActivity: idempotent; waiting polls end empty. */
  delete(activityArn: string): void {
    const record = this.activities.get(activityArn);
    if (!record) return;
    this.activities.delete(activityArn);
    for (const poll of record.polls.splice(0)) poll.deliver(undefined);
    for (const cancel of record.released.values()) cancel();
  }

  /**
   * An ending worker's polls: those waiting end empty now, those arriving in the next
   * {@link RELEASE_MS} end empty at once. Never loses a task: a poll is either handed one (and
   * answers it) or ends empty, and the task stays queued.
   */
  release(activityArn: string, workerName: string): void {
    const record = this.activities.get(activityArn);
    if (!record) return; // deleted: its polls already ended
    record.released.get(workerName)?.();
    record.released.set(workerName, this.clock.setTimer(() => record.released.delete(workerName), RELEASE_MS));
    const [theirs, others] = partition(record.polls, (poll) => poll.workerName === workerName);
    record.polls = others;
    for (const poll of theirs) poll.deliver(undefined);
  }

  /** All activities, oldest first. */
  list(): ActivityRecord[] {
    return [...this.activities.values()];
  }

  /** Queue a task; it goes straight to a waiting, connected poller if there is one. */
  enqueue(activityArn: string, task: ActivityTask): void {
    this.place(this.get(activityArn), task, false);
  }

  /**
   * Put back a task whose answer never reached its poller (the connection closed first), ahead
   * of the others; a task that is no longer live is dropped.
   */
  requeue(activityArn: string, task: ActivityTask): void {
    const record = this.activities.get(activityArn);
    if (record && task.isLive()) this.place(record, task, true);
  }

  private place(record: ActivityRecord, task: ActivityTask, first: boolean): void {
    if (!task.isLive()) return;
    while (record.polls.length > 0) {
      const poll = record.polls.shift()!;
      if (!poll.isConnected()) continue;
      poll.deliver(task);
      return;
    }
    if (first) record.queue.unshift(task);
    else record.queue.push(task);
  }

  /** Take a queued task out (its execution stopped or it timed out before a worker took it). */
  withdraw(activityArn: string, taskToken: string): void {
    const record = this.activities.get(activityArn);
    if (!record) return;
    const index = record.queue.findIndex((task) => task.taskToken === taskToken);
    if (index >= 0) record.queue.splice(index, 1);
  }

  /**
   * GetActivityTask: a queued task at once, else wait for one until the poll times out or
   * `signal` aborts (the client went away); undefined when no task came. The caller calls the
   * task's `onTaken` once the answer went out, or {@link requeue} if it could not.
   */
  poll(activityArn: string, poll: ActivityPoll, signal: AbortSignal): Promise<ActivityTask | undefined> {
    const record = this.get(activityArn);
    if (record.released.has(poll.workerName)) return Promise.resolve(undefined);
    // A task whose execution ended is withdrawn at once; skipping dead ones is the safety net.
    let queued = record.queue.shift();
    while (queued && !queued.isLive()) queued = record.queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.closed || signal.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiting: WaitingPoll = {
        ...poll,
        deliver: (task) => {
          cancelTimer();
          signal.removeEventListener("abort", onAbort);
          resolve(task);
        },
      };
      const leave = (): void => {
        const index = record.polls.indexOf(waiting);
        if (index >= 0) record.polls.splice(index, 1);
        waiting.deliver(undefined);
      };
      const onAbort = (): void => leave();
      const cancelTimer = this.clock.setRealTimer(leave, this.pollTimeoutMs);
      signal.addEventListener("abort", onAbort, { once: true });
      record.polls.push(waiting);
    });
  }

  /** End every waiting poll empty and refuse to wait from now on (engine shutdown). */
  close(): void {
    this.closed = true;
    for (const record of this.activities.values()) {
      for (const poll of record.polls.splice(0)) poll.deliver(undefined);
      for (const cancel of record.released.values()) cancel();
      record.released.clear();
    }
  }
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}
