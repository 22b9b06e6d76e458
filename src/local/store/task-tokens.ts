/**
 * Task tokens handed out for activity tasks and `.waitForTaskToken` resources, and what
 * SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat do with them. A token that timed out or
 * was already answered is remembered, so a late answer gets `TaskTimedOut` as on AWS.
 */
import { randomBytes } from "node:crypto";
import { ApiError } from "../api-error.js";
import type { JsonValue } from "../../json.js";

/** What a live token resolves into. */
export interface TokenWaiter {
  succeed(output: JsonValue): void;
  /** SendTaskFailure; `error` / `cause` undefined when the call left them out. */
  fail(error: string | undefined, cause: string | undefined): void;
  heartbeat(): void;
}

const TOKEN_FORMAT = /^[A-Za-z0-9+/=_-]{1,1024}$/;

/** A fresh task token: long, random, base64url, as AWS's look. */
export function newTaskToken(): string {
  return `AQ${randomBytes(96).toString("base64url")}`;
}

/**
 * How many finished tokens an engine remembers (about 200 bytes each): a late answer to one
 * gets `TaskTimedOut`; to one forgotten, as to any token never issued, `TaskDoesNotExist`. A
 * bound, so an engine that runs for weeks of tasks does not keep every token it ever made.
 */
export const FINISHED_TOKENS_KEPT = 100_000;

/** Live and finished task tokens of one engine. */
export class TaskTokens {
  private readonly live = new Map<string, TokenWaiter>();
  /** The finished tokens, oldest first (a Set keeps insertion order). */
  private readonly finished = new Set<string>();
  /** Who waits for a live token to end (sfini's task watch). */
  private readonly watchers = new Map<string, Set<() => void>>();

  constructor(private readonly finishedKept = FINISHED_TOKENS_KEPT) {}

  /** Make `token` answerable; SendTask* calls reach `waiter` until {@link finish}. */
  register(token: string, waiter: TokenWaiter): void {
    this.live.set(token, waiter);
  }

  /** The token is answered, timed out or aborted: later answers get `TaskTimedOut`. */
  finish(token: string): void {
    if (!this.live.delete(token)) return;
    this.finished.add(token);
    if (this.finished.size > this.finishedKept) this.finished.delete(this.finished.values().next().value!);
    const watchers = this.watchers.get(token);
    this.watchers.delete(token);
    for (const ended of watchers ?? []) ended();
  }

  /**
   * Resolves `true` once `token` can no longer be answered (at once when it cannot now: ended,
   * or never issued), `false` if `signal` aborts first.
   */
  whenEnded(token: string, signal: AbortSignal): Promise<boolean> {
    if (!this.live.has(token)) return Promise.resolve(true);
    if (signal.aborted) return Promise.resolve(false);
    let watchers = this.watchers.get(token);
    if (!watchers) this.watchers.set(token, (watchers = new Set()));
    const waiting = watchers;
    return new Promise((resolve) => {
      const ended = (): void => {
        signal.removeEventListener("abort", given);
        resolve(true);
      };
      const given = (): void => {
        waiting.delete(ended);
        if (waiting.size === 0 && this.watchers.get(token) === waiting) this.watchers.delete(token);
        resolve(false);
      };
      waiting.add(ended);
      signal.addEventListener("abort", given, { once: true });
    });
  }

  /** True while the token can still be answered. */
  isLive(token: string): boolean {
    return this.live.has(token);
  }

  /** SendTaskSuccess. */
  succeed(token: string, output: JsonValue): void {
    const waiter = this.take(token);
    waiter.succeed(output);
  }

  /** SendTaskFailure (`error` / `cause` undefined: left out of the call). */
  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const waiter = this.take(token);
    waiter.fail(error, cause);
  }

  /** SendTaskHeartbeat. */
  heartbeat(token: string): void {
    this.waiterOf(token).heartbeat();
  }

  private take(token: string): TokenWaiter {
    const waiter = this.waiterOf(token);
    this.finish(token);
    return waiter;
  }

  private waiterOf(token: string): TokenWaiter {
    const waiter = this.live.get(token);
    if (waiter) return waiter;
    if (this.finished.has(token)) {
      throw new ApiError("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");
    }
    if (!TOKEN_FORMAT.test(token)) throw new ApiError("InvalidToken", `Invalid token: '${token.slice(0, 100)}'`);
    throw new ApiError("TaskDoesNotExist", "Task does not exist: 'Provided task does not exist'");
  }
}
