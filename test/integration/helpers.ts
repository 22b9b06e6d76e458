/**
 * Shared pieces of the end-to-end tests: workers for every activity of a registration, a
 * graceful shutdown that does not wait out a 60 s long poll, and history summaries.
 */
import { expect } from "vitest";
import type { ActivityRegistration } from "../../src/activities/registration.js";
import { CallableActivity } from "../../src/activities/callable-activity.js";
import type { ParsedEvent } from "../../src/control/history.js";
import type { AWSSession } from "../../src/session.js";
import { Worker, type WorkerOptions } from "../../src/worker/index.js";

/** sfini's default worker name: `<hostname>-<8 hex>`. */
export const WORKER_NAME = /^[A-Za-z0-9._-]+-[0-9a-f]{8}$/;

/** A started worker for every callable activity of `activities`, in registration order. */
export function startWorkers(activities: ActivityRegistration, session: AWSSession, options: WorkerOptions = {}): Worker[] {
  const workers: Worker[] = [];
  for (const activity of activities.activities.values()) {
    if (!(activity instanceof CallableActivity)) continue;
    const worker = new Worker(activity, { session, ...options });
    worker.start();
    workers.push(worker);
  }
  return workers;
}

/**
 * sfini's README order: stop the workers, then deregister. `end()` keeps open long polls
 * (SFN may be handing them a task); deleting the activities ends those polls empty, so the
 * workers stop without waiting out the 60 s poll.
 */
export async function endAndDeregister(
  workers: readonly Worker[],
  deregister: { stateMachine: { deregister(): Promise<void> }; activities: ActivityRegistration },
): Promise<string[]> {
  const ended = Promise.all(workers.map((worker) => worker.end()));
  await deregister.stateMachine.deregister();
  const deleted = await deregister.activities.deregister();
  await ended;
  for (const worker of workers) expect(worker.state).toBe("stopped");
  return deleted;
}

/** `Type` or `Type:detail` per event: the state name, resource or error that matters. */
export function summary(events: readonly ParsedEvent[]): string[] {
  return events.map((event) => {
    switch (event.shape) {
      case "StateEntered":
      case "StateExited":
        return `${event.type}:${event.stateName}`;
      case "ActivityScheduled":
        return `${event.type}:${event.resource.split(":").pop()!}`;
      case "Failed":
        return event.error === undefined ? event.type : `${event.type}:${event.error}`;
      default:
        return event.type;
    }
  });
}

/** Worker names of the ActivityStarted events. */
export function workerNames(events: readonly ParsedEvent[]): string[] {
  return events.flatMap((event) => (event.shape === "ActivityStarted" ? [event.workerName ?? "?"] : []));
}

/** Every event's `previousEventId` points to an earlier event (ids count 1, 2, 3...). */
export function expectWellLinked(events: readonly ParsedEvent[]): void {
  events.forEach((event, index) => {
    expect(event.id).toBe(index + 1);
    if (index > 0) expect(event.previousEventId).toBeLessThan(event.id);
  });
}

/**
 * The events of one thread (a Parallel branch, a Map iteration) from its first event, by
 * following `previousEventId` links until the thread joins its Parallel or Map again.
 */
export function thread(events: readonly ParsedEvent[], firstId: number): ParsedEvent[] {
  const next = new Map<number, ParsedEvent>();
  for (const event of events) {
    if (event.previousEventId !== undefined && !/^(Parallel|Map)State/.test(event.type)) {
      // The first successor is the one in the same thread: a fork's other branches start later.
      if (!next.has(event.previousEventId)) next.set(event.previousEventId, event);
    }
  }
  const first = events.find((event) => event.id === firstId);
  const chain: ParsedEvent[] = first ? [first] : [];
  for (let at = next.get(firstId); at; at = next.get(at.id)) chain.push(at);
  return chain;
}

/** sfini's README history of the add example, its timestamps and worker suffix masked ({@link maskHistory}). */
export const README_HISTORY = [
  "ExecutionStarted [1] @ <time>",
  "TaskStateEntered [2] @ <time>:",
  "  name: add",
  "ActivityScheduled [3] @ <time>:",
  "  resource: arn:aws:states:us-west-2:123456789012:activity:testaddActivity",
  "ActivityStarted [4] @ <time>:",
  "  worker: <host>-<hex>",
  "ActivitySucceeded [5] @ <time>",
  "TaskStateExited [6] @ <time>:",
  "  name: add",
  "ExecutionSucceeded [7] @ <time>",
  "Output: 45",
];

/** formatHistory text with its timestamps and the worker name's suffix masked. */
export function maskHistory(text: string): string {
  return text.replace(/ @ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, " @ <time>").replace(/worker: .+-[0-9a-f]{8}$/m, "worker: <host>-<hex>");
}
