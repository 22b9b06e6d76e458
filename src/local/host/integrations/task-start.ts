/** The first two events of a service integration's Task. */
import type { TaskCall } from "./integration.js";

/**
 * Write `TaskScheduled`, then `TaskStarted`, for an integration that has nothing to check
 * between them. Writing an event can end the task (a run that reaches the history's limit
 * fails and aborts its tasks), so each event is followed by an abort check.
 */
export function scheduleAndStart({ events, control }: TaskCall): void {
  events.scheduled();
  control.throwIfAborted();
  events.started();
  control.throwIfAborted();
}
