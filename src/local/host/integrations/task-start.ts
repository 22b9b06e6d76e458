/** The first two events of a Task: scheduled as it is asked for, then started. */
import type { TaskCall } from "./integration.js";

/**
 * Write `*Scheduled`, then `*Started`, for an integration that has nothing to check between
 * them. Writing an event can end the task (a run that reaches the history's limit fails and
 * aborts its tasks), so each event is followed by an abort check.
 *
 * A Task that runs alone starts at once (nothing is returned). Beside other threads (a
 * Parallel branch, a Map iteration) it starts after a turn of the queue (the promise): its
 * siblings are then entered and scheduled first, as AWS records concurrent iterations, each
 * one's Entered and Scheduled together and their Started events after them.
 */
export function scheduleAndStart(call: TaskCall, workerName?: string): void | Promise<void> {
  call.events.scheduled();
  call.control.throwIfAborted();
  return startSoon(call, () => start(call, workerName));
}

/** `then` at once when the call's Task runs alone, else after a turn of the queue. */
export function startSoon<T>({ request }: TaskCall, then: () => T | Promise<T>): T | Promise<T> {
  return request.runsAlone === true ? then() : Promise.resolve().then(then);
}

function start({ events, control }: TaskCall, workerName: string | undefined): void {
  events.started(workerName);
  control.throwIfAborted();
}
