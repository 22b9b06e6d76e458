/**
 * The details of the events a run writes most: every state's Entered and Exited events, and a
 * task's scheduled and succeeded events. They are made with `new`, not as object literals, for
 * the garbage collector's sake: V8 watches each object literal's allocation site, and once most
 * objects of a site outlive a young-generation collection (a run keeps its events until it ends)
 * it allocates that site's objects in the old generation from then on. An event there costs a
 * write barrier for each young value it holds and stays until a full collection, and whether a
 * process crossed that line was decided by chance: the same chain of Lambda Tasks ran 10-20 %
 * slower in some processes than in others. Instances of a class are never allocated that way.
 *
 * Each class writes its fields in the order the API lists them; a writer may add optional
 * fields after them (a task's limits).
 */
import type { JsonObject, JsonValue } from "../../json.js";
import type { DeferredText, EventText } from "./deferred-text.js";
import type { EventDetails } from "./host.js";

/** `inputDetails` / `outputDetails` of every event: the engine never truncates. */
export const NOT_TRUNCATED: JsonObject = Object.freeze({ truncated: false });

/** What the classes below share: they are event details, whose writers may add fields. */
abstract class Details implements EventDetails {
  [key: string]: JsonValue | DeferredText;
}

/** `stateEnteredEventDetails`. */
export class StateEnteredDetails extends Details {
  readonly inputDetails = NOT_TRUNCATED;
  constructor(readonly name: string, readonly input: EventText) { super(); }
}

/** `stateExitedEventDetails` (a state that assigned variables adds `assignedVariables` and its details). */
export class StateExitedDetails extends Details {
  readonly outputDetails = NOT_TRUNCATED;
  constructor(readonly name: string, readonly output: EventText) { super(); }
}

/** `<prefix>ScheduledEventDetails` of an activity or Lambda function (the task's limits may follow). */
export class ResourceScheduledDetails extends Details {
  readonly inputDetails = NOT_TRUNCATED;
  constructor(readonly resource: string, readonly input: EventText) { super(); }
}

/** `<prefix>SucceededEventDetails` of an activity or Lambda function. */
export class ResourceSucceededDetails extends Details {
  readonly outputDetails = NOT_TRUNCATED;
  constructor(readonly output: EventText) { super(); }
}
