/**
 * What happened to each state of an execution, read from its history alone: the colours of
 * the console's graph. Pure: the same events give the same marks.
 */
import type { JsonObject } from "../../json.js";
import type { StateMark, StateStatus } from "../../render/svg.js";

/** The parts of a history event the marks are read from (a stored event fits). */
export interface MarkedEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly type: string;
  readonly details?: JsonObject;
}

interface Tally {
  type: string;
  open: number;
  exits: number;
  retried: boolean;
  caught: boolean;
  /** Per open entry: whether its newest own event is an error (a retry schedules again). */
  erroredEntries: number;
}

/** Iterations of inline Maps by the Map's name. */
interface IterationTally {
  started: number;
  failed: number;
}

/** Events of a state that are errors, beyond the `...Failed` / `...TimedOut` families. */
const ERROR_SUFFIXES = ["Failed", "TimedOut"];
/** Error events of the execution itself, not of a state. */
const EXECUTION_EVENTS = new Set(["ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"]);

function isError(type: string): boolean {
  return !EXECUTION_EVENTS.has(type) && ERROR_SUFFIXES.some((suffix) => type.endsWith(suffix));
}

function stateName(event: MarkedEvent): string | undefined {
  const name = event.details?.["name"];
  return typeof name === "string" ? name : undefined;
}

/**
 * The mark of every state the history entered, by name (states left out were not run):
 * `running` while entered and not left in a running execution, `failed` when left without
 * exit in an ended one (or a Fail state), `caught` when an error was the last word of the
 * state before it exited (a Catch took it), `succeeded` otherwise; `retried` when an error of
 * the state was followed by a new attempt. Over Map iterations the worst outcome wins.
 *
 * An event belongs to the state whose `...StateEntered` its `previousEventId` chain reaches
 * first, so interleaved Parallel branches are told apart. `ParallelStateFailed` and
 * `MapStateFailed` belong to the innermost Parallel or Map still open.
 */
export function stateMarks(events: readonly MarkedEvent[], executionRunning: boolean): Map<string, StateMark> {
  const tallies = new Map<string, Tally>();
  // The state each event belongs to, by event id (undefined: the execution's own events).
  const owner = new Map<number, string | undefined>();
  const openNested: string[] = [];
  const iterations = new Map<string, IterationTally>();
  for (const event of events) {
    const name = stateName(event);
    if ((event.type === "MapIterationStarted" || event.type === "MapIterationFailed") && name !== undefined) {
      const tally = iterations.get(name) ?? { started: 0, failed: 0 };
      if (event.type === "MapIterationStarted") tally.started++;
      else tally.failed++;
      iterations.set(name, tally);
    }
    if (event.type.endsWith("StateEntered") && name !== undefined) {
      owner.set(event.id, name);
      const type = event.type.slice(0, -"StateEntered".length);
      const tally = tallies.get(name) ?? { type, open: 0, exits: 0, retried: false, caught: false, erroredEntries: 0 };
      tally.open++;
      tallies.set(name, tally);
      if (type === "Parallel" || type === "Map") openNested.push(name);
      continue;
    }
    if (event.type.endsWith("StateExited") && name !== undefined) {
      owner.set(event.id, undefined);
      const tally = tallies.get(name);
      if (!tally) continue;
      const errored = tally.erroredEntries > 0;
      if (errored) {
        tally.caught = true;
        tally.erroredEntries--;
      }
      tally.open = Math.max(0, tally.open - 1);
      tally.exits++;
      const nested = openNested.lastIndexOf(name);
      if (nested >= 0) openNested.splice(nested, 1);
      continue;
    }
    const nestedError = event.type === "ParallelStateFailed" || event.type === "MapStateFailed";
    const belongsTo = nestedError ? openNested.at(-1) : owner.get(event.previousEventId);
    owner.set(event.id, belongsTo);
    if (belongsTo === undefined) continue;
    const tally = tallies.get(belongsTo)!;
    if (isError(event.type)) {
      if (tally.erroredEntries < tally.open) tally.erroredEntries++;
    } else if (tally.erroredEntries > 0 && !nestedError) {
      // A new attempt after an error: the Retry's doing.
      tally.retried = true;
      tally.erroredEntries--;
    }
  }
  const marks = new Map<string, StateMark>();
  for (const [name, tally] of tallies) {
    let status: StateStatus;
    if (tally.type === "Fail") status = "failed";
    else if (tally.open > 0) status = executionRunning ? "running" : "failed";
    else if (tally.caught) status = "caught";
    else status = "succeeded";
    const counted = iterations.get(name);
    marks.set(name, { status, ...(tally.retried ? { retried: true } : {}), ...(counted && tally.type === "Map" ? { iterations: counted } : {}) });
  }
  return marks;
}
