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
  return startSoon(call, start, workerName);
}

/**
 * `then(call, arg)` at once when the call's Task runs alone, else after a turn of the queue.
 * The function and its argument are passed apart so that a Task alone (a Lambda chain runs one
 * per state) makes no closure.
 */
export function startSoon<A, T>(call: TaskCall, then: (call: TaskCall, arg: A) => T | Promise<T>, arg: A): T | Promise<T> {
  return call.request.runsAlone === true ? then(call, arg) : Promise.resolve().then(() => then(call, arg));
}

function start({ events, control }: TaskCall, workerName: string | undefined): void {
  events.started(workerName);
  control.throwIfAborted();
}
