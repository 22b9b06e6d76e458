/**
 * Map: runs its item processor once per item, at most `MaxConcurrency` at a time (0 = all),
 * each iteration in its own thread of events and variable scope; the result is the array of
 * outputs in item order. Distributed mode runs the same way in-process: its iterations are
 * child executions on AWS, so their events stay out of this history, and `ResultWriter` is
 * not applied (the result is returned inline). A distributed run is announced to the host
 * (`mapRunStarted`), which hears each iteration's changes and may change its settings
 * (UpdateMapRun) while it runs.
 */
import { SignalFanout } from "../signal-fanout.js";
import { randomUUID } from "node:crypto";
import type { JsonObject, JsonValue } from "../../../json.js";
import type { MapRunObserver, MapRunSettings } from "../host.js";
import { isJsonObject } from "../../../json.js";
import { linkedController, type LinkedController } from "../abort.js";
import type { MapModel, NumberField, WorkflowModel } from "../compile/model.js";
import { StatesError, StatesErrorName, toStatesError } from "../errors.js";
import { withRetryAndCatch } from "../retry-catch.js";
import type { Thread } from "../run.js";
import { nestedFrame, type IterationEvents, type StateOutcome, type StateRun } from "../state-run.js";
import { jsonTypeName } from "../json-util.js";
import { finishWithResult } from "./result.js";

/** Why an iteration was stopped: the Map failed. */
class MapStopped extends Error {}

/** Run a Map state. */
export async function runMap(run: StateRun<MapModel>): Promise<StateOutcome> {
  run.enter();
  const { state } = run;
  return withRetryAndCatch(run, async () => {
    const { processor, distributed } = state;
    const jsonata = run.language === "JSONata";
    const effective = jsonata ? run.input : run.applyInputPath();
    const reader = state.itemReader;
    // A failure reading the items ends with MapStateFailed, as AWS records it.
    run.failedEventType = "MapStateFailed";
    // Items given in the input are read before MapStateStarted (its length counts them); an
    // ItemReader reads them inside the map run, after MapRunStarted (recorded histories).
    const items = reader ? undefined : await inlineItems(run, effective);
    let inputs = items === undefined ? undefined : await iterationInputs(run, effective, items);
    const thread = run.thread;
    // A bad MaxConcurrency, ToleratedFailure*, MaxItems or ItemBatcher value fails the execution
    // with no MapStateFailed; an inline Map's MaxConcurrency fails before MapStateStarted (as recorded).
    run.failedEventType = undefined;
    const maxConcurrency = distributed ? undefined : await resolveMapNumber(run, effective, "MaxConcurrency", state.maxConcurrency);
    thread.emit("MapStateStarted", { length: items?.length ?? 0 });
    const settings: MapRunSettings = {
      maxConcurrency: (distributed ? await resolveMapNumber(run, effective, "MaxConcurrency", state.maxConcurrency) : maxConcurrency) ?? 0,
    };
    const count = await resolveMapNumber(run, effective, "ToleratedFailureCount", state.toleratedFailureCount);
    const percentage = await resolveMapNumber(run, effective, "ToleratedFailurePercentage", state.toleratedFailurePercentage);
    if (count !== undefined) settings.toleratedFailureCount = count;
    if (percentage !== undefined) settings.toleratedFailurePercentage = percentage;
    if (run.frame.inspection) {
      run.inspect("maxConcurrency", settings.maxConcurrency, true);
      if (count !== undefined) run.inspect("toleratedFailureCount", count, true);
      if (percentage !== undefined) run.inspect("toleratedFailurePercentage", percentage, true);
    }
    const maxItems = reader ? await resolveMapNumber(run, effective, "MaxItems", state.maxItems) : undefined;
    const batching = distributed && state.itemBatcher !== undefined ? await batchLimits(run, effective, state.itemBatcher) : undefined;
    run.failedEventType = "MapStateFailed";
    const arn = distributed ? mapRunArn(run) : undefined;
    if (arn !== undefined) thread.emit("MapRunStarted", { mapRunArn: arn });
    const runStartedId = thread.lastEventId;
    let pool: IterationPool;
    try {
      if (inputs === undefined) inputs = await iterationInputs(run, effective, await readerItems(run, maxItems));
      if (batching !== undefined) inputs = await batch(run, effective, batching, inputs);
      pool = new IterationPool(run, processor, inputs, settings, distributed);
    } catch (thrown) {
      // Inside the map run: the run fails first, as AWS records an ItemReader failure.
      if (arn !== undefined) {
        const failure = toStatesError(thrown);
        announceMapRun(run, arn, settings, [])?.ended("FAILED");
        thread.emit("MapRunFailed", { error: failure.error, cause: failure.errorCause });
      }
      throw thrown;
    }
    if (arn !== undefined) {
      pool.observer = announceMapRun(
        run,
        arn,
        settings,
        inputs.map(({ input }) => itemCount(input, batching !== undefined)),
        (changes) => pool.update(changes),
      );
    }
    let outcome: { outputs: JsonValue[]; failure?: StatesError };
    try {
      outcome = await pool.runAll();
    } catch (thrown) {
      pool.observer?.ended(run.frame.abortState.aborted ? "ABORTED" : "FAILED");
      throw thrown;
    }
    const { outputs, failure } = outcome;
    if (run.frame.abortState.aborted) {
      pool.observer?.ended("ABORTED");
      throw run.frame.signal.reason;
    }
    pool.observer?.ended(failure ? "FAILED" : "SUCCEEDED");
    if (failure) {
      if (distributed) thread.emit("MapRunFailed", { error: failure.error, cause: failure.errorCause });
      throw failure;
    }
    if (distributed) thread.emit("MapRunSucceeded");
    run.failedEventType = undefined;
    // MapStateSucceeded follows the last iteration's end (MapRunSucceeded in a Distributed Map);
    // MapStateExited follows it too in an inline Map, but MapRunStarted in a Distributed one:
    // every recording since November 2024 (16; the 36 older ones chain it to MapRunSucceeded).
    const last = thread.lastEventId;
    thread.emit("MapStateSucceeded");
    thread.lastEventId = distributed ? runStartedId : last;
    return finishWithResult(run, outputs);
  });
}

/** Tell the host a map run started (when it records runs); returns its observer. */
function announceMapRun(
  run: StateRun<MapModel>,
  mapRunArn: string,
  settings: MapRunSettings,
  itemsPerIteration: number[],
  update: (changes: Partial<MapRunSettings>) => void = () => undefined,
): MapRunObserver | undefined {
  return run.run.host.mapRunStarted?.({
    mapRunArn,
    executionArn: run.run.context.Execution.Id,
    stateName: run.name,
    settings: { ...settings },
    itemsPerIteration,
    update,
  });
}

/**
 * The items of an `ItemReader`, read by the host, at most `MaxItems` of them (0: all). A
 * negative MaxItems fails the map run as AWS fails it, as the items are read.
 */
async function readerItems(run: StateRun<MapModel>, maxItems: number | undefined): Promise<JsonValue[]> {
  const reader = run.state.itemReader!;
  if (maxItems !== undefined && maxItems < 0) throw new StatesError(StatesErrorName.ItemReaderFailed, "field MaxItems must be positive");
  const host = run.run.host;
  if (!host.readItems) {
    throw new StatesError(
      StatesErrorName.ItemReaderFailed,
      `The local engine cannot read items with the ItemReader of the state '${run.name}' (resource ${JSON.stringify(reader["Resource"])}); give the items inline with ${run.language === "JSONata" ? "Items" : "ItemsPath"} instead.`,
    );
  }
  let items: JsonValue[];
  try {
    items = await host.readItems(reader, run.frame.signal);
  } catch (thrown) {
    const failure = toStatesError(thrown);
    throw new StatesError(StatesErrorName.ItemReaderFailed, failure.errorCause || failure.message);
  }
  return maxItems ? items.slice(0, maxItems) : items;
}

/** The items given in the input: JSONata `Items`, or JSONPath `ItemsPath` (default `$`). */
async function inlineItems(run: StateRun<MapModel>, effective: JsonValue): Promise<JsonValue[]> {
  const jsonata = run.language === "JSONata";
  const { state } = run;
  const items: JsonValue = jsonata
    ? state.items === undefined
      ? run.input
      : await run.evaluateField("Items", state.items.evaluate, run.jsonataEnv())
    : state.itemsPath === undefined
      ? effective
      : state.itemsPath.read(run.roots(effective), "ItemsPath");
  if (!Array.isArray(items)) {
    const expression = jsonata ? state.items?.expression : undefined;
    throw run.stateFailure(
      jsonata ? StatesErrorName.QueryEvaluationError : StatesErrorName.Runtime,
      expression === undefined
        ? `Map state input must be an array but was: ${JSON.stringify(items)}`
        : `The JSONata expression '${expression.trim()}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${jsonTypeName(items)}' for value: ${JSON.stringify(items)}`,
      expression === undefined ? undefined : "Items",
    );
  }
  run.inspect(jsonata ? "afterItems" : "afterItemsPath", items);
  return items;
}

/** How AWS reads and checks each numeric field of a Map, and its texts when the value is bad. */
const MAP_NUMBERS: { readonly [field: string]: { kind: "integer" | "float"; outOfRange(n: number): string | undefined } } = {
  MaxConcurrency: { kind: "integer", outOfRange: (n) => (n < 0 ? "MaxConcurrency cannot be negative." : undefined) },
  ToleratedFailureCount: { kind: "integer", outOfRange: (n) => (n < 0 ? "ToleratedFailureCount cannot be negative." : undefined) },
  ToleratedFailurePercentage: {
    kind: "float",
    outOfRange: (n) => (n < 0 || n > 100 ? "ToleratedFailurePercentage must be between 0 and 100." : undefined),
  },
  // Checked as the items are read, inside the map run (see readerItems).
  MaxItems: { kind: "integer", outOfRange: () => undefined },
  // AWS's range texts for these two are not known: ours.
  MaxItemsPerBatch: { kind: "integer", outOfRange: (n) => (n < 1 ? `The value of the field 'MaxItemsPerBatch' must be an integer of at least 1 but was ${n}` : undefined) },
  MaxInputBytesPerBatch: {
    kind: "integer",
    outOfRange: (n) => (n < 1 ? `The value of the field 'MaxInputBytesPerBatch' must be an integer of at least 1 but was ${n}` : undefined),
  },
};

/** Java's Integer.parseInt / Float.parseFloat on the text of a value, as AWS reads `...Path` fields. */
const NUMBER_TEXT = { integer: /^[+-]?\d+$/, float: /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/ } as const;

/**
 * A numeric Map field: the literal, its `...Path` (JSONPath: numbers or numeric strings, as AWS
 * parses the value's text) or a JSONata expression; undefined when the state has none.
 */
async function resolveMapNumber(
  run: StateRun<MapModel>,
  effective: JsonValue,
  field: string,
  given: NumberField | undefined,
): Promise<number | undefined> {
  const spec = MAP_NUMBERS[field]!;
  const jsonata = run.language === "JSONata";
  const errorName = jsonata ? StatesErrorName.QueryEvaluationError : StatesErrorName.Runtime;
  const location = jsonata ? field : undefined;
  let value: number;
  const pathField = `${field}Path`;
  if (given === undefined) return undefined;
  if (given.path) {
    const path = given.path.text;
    const found = run.readDynamic(given.path.read, pathField, effective);
    const text = typeof found === "string" ? found.trim() : JSON.stringify(found);
    const parsed = NUMBER_TEXT[spec.kind].test(text) ? Number(text.replace(/[fFdD]$/, "")) : NaN;
    if (!Number.isFinite(parsed) || (spec.kind === "integer" && Math.abs(parsed) > 2 ** 31 - 1)) {
      throw run.stateFailure(errorName, `The ${pathField} field refers to value "${typeof found === "string" ? found : text}" which is not a valid ${spec.kind}: ${path}`);
    }
    value = parsed;
  } else {
    const expression = given.jsonata?.text;
    const result = given.jsonata ? await given.jsonata.evaluate(run.jsonataEnv(), field) : given.literal;
    const source = `The JSONata expression '${expression?.trim() ?? ""}' specified for the field '${field}'`;
    if (result === undefined) throw run.stateFailure(errorName, `${source} returned nothing (undefined).`, location);
    if (typeof result !== "number" || (spec.kind === "integer" && !Number.isInteger(result))) {
      const expected = spec.kind === "integer" ? "integer" : "number";
      throw run.stateFailure(
        errorName,
        expression === undefined
          ? `The value of the field '${field}' must be ${spec.kind === "integer" ? "an integer" : "a number"} but was ${JSON.stringify(result)}`
          : `${source} returned an unexpected result type. Expected '${expected}', but was '${jsonTypeName(result)}' for value: ${JSON.stringify(result)}`,
        location,
      );
    }
    value = result;
  }
  const problem = spec.outOfRange(value);
  if (problem !== undefined) throw run.stateFailure(errorName, problem, location);
  return value;
}

/** Each iteration's input: `ItemSelector` (or legacy `Parameters`) per item. */
async function iterationInputs(run: StateRun<MapModel>, effective: JsonValue, items: JsonValue[]): Promise<{ input: JsonValue; item: JsonObject }[]> {
  const selector = run.state.itemSelector;
  const baseContext = selector === undefined ? undefined : run.contextObject();
  const selected: { input: JsonValue; item: JsonObject }[] = [];
  for (let index = 0; index < items.length; index++) {
    const item: JsonObject = { Index: index, Value: items[index]! };
    let input: JsonValue = items[index]!;
    if (selector !== undefined) {
      const context: JsonObject = { ...baseContext!, Map: { Item: item } };
      input = await run.evaluateTemplate(selector, "ItemSelector", effective, { context });
    }
    selected.push({ input, item });
  }
  if (selector !== undefined) run.inspect("afterItemSelector", selected.map((s) => s.input));
  return selected;
}

/** ItemBatcher's limits, resolved with the Map's other numeric fields. */
interface BatchLimits {
  maxItems: number;
  maxBytes: number;
  batcher: NonNullable<MapModel["itemBatcher"]>;
}

async function batchLimits(run: StateRun<MapModel>, effective: JsonValue, batcher: NonNullable<MapModel["itemBatcher"]>): Promise<BatchLimits> {
  return {
    maxItems: (await resolveMapNumber(run, effective, "MaxItemsPerBatch", batcher.maxItemsPerBatch)) ?? Infinity,
    maxBytes: (await resolveMapNumber(run, effective, "MaxInputBytesPerBatch", batcher.maxInputBytesPerBatch)) ?? Infinity,
    batcher,
  };
}

/** ItemBatcher: `{ Items: [...], BatchInput }` per batch, by item count and/or bytes. */
async function batch(
  run: StateRun<MapModel>,
  effective: JsonValue,
  { maxItems, maxBytes, batcher }: BatchLimits,
  selected: { input: JsonValue; item: JsonObject }[],
): Promise<{ input: JsonValue; item: JsonObject }[]> {
  const batchInput = batcher.batchInput === undefined ? undefined : await run.evaluateTemplate(batcher.batchInput, "BatchInput", effective);
  const batches: { input: JsonValue; item: JsonObject }[] = [];
  let current: JsonValue[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    // BatchInput first, as AWS writes a batch (recorded: map_item_batcher_base_max_per_batch_jsonata).
    const input: JsonObject = batchInput === undefined ? { Items: current } : { BatchInput: batchInput, Items: current };
    batches.push({ input, item: { Index: batches.length, Value: current } });
    current = [];
    bytes = 0;
  };
  for (const { input } of selected) {
    const size = Buffer.byteLength(JSON.stringify(input), "utf8");
    if (current.length >= maxItems || (current.length > 0 && bytes + size > maxBytes)) flush();
    current.push(input);
    bytes += size;
  }
  flush();
  run.inspect("afterItemBatcher", batches.map((b) => b.input));
  return batches;
}

/** Items one child execution processes: a batch's `Items`, else 1. */
function itemCount(input: JsonValue, batched: boolean): number {
  return batched && isJsonObject(input) && Array.isArray(input["Items"]) ? input["Items"].length : 1;
}

/**
 * `arn:...:execution:<machine>:<name>` → `arn:...:mapRun:<machine>/<Label or state>:<uuid>`,
 * AWS's shape: each run (each attempt of the state) is a new map run.
 */
function mapRunArn(run: StateRun<MapModel>): string {
  const label = run.state.label ?? run.name;
  const parts = run.run.context.Execution.Id.split(":");
  if (parts.length < 8) return `${run.run.context.Execution.Id}/${label}:${randomUUID()}`;
  return [...parts.slice(0, 5), "mapRun", `${parts[6]}/${label}`, randomUUID()].join(":");
}

/** Iterations started before the pump yields to the event loop. */
const ITERATIONS_PER_SLICE = 200;

/**
 * Runs the iterations, at most `maxConcurrency` at a time, starting the next one as one ends;
 * stops all on an intolerable failure. Its settings can change while it runs (UpdateMapRun).
 */
class IterationPool {
  /** The host's view of the run (distributed runs whose host records them). */
  observer: MapRunObserver | undefined;
  private readonly outputs: JsonValue[];
  private readonly stop: LinkedController;
  /** The iterations' own signals, aborted with `stop` (one listener on it, not one each). */
  private readonly fanout: SignalFanout;
  private failures = 0;
  private failure: StatesError | undefined;
  private next = 0;
  private running = 0;
  private lastEventId: number;
  /** The newest MapIterationSucceeded: no iteration follows it, the Map's success does. */
  private lastEndEventId = 0;
  private settle: { resolve(): void; reject(error: unknown): void } | undefined;
  private settled = false;
  private pumpScheduled = false;
  /**
   * The iteration whose failure failed the Map: the event its failure followed (every abort
   * event after it follows that one, as AWS chains them) and its failed Task, if one failed it.
   */
  private failedAt: { thread: Thread; eventId: number; taskFailed: boolean } | undefined;
  /** Aborted iterations' events, held until the failed iteration's end (AWS's order). */
  private readonly held: { index: number; thread: Thread; events: string[]; details: JsonObject }[] = [];

  constructor(
    private readonly run: StateRun,
    private readonly processor: WorkflowModel,
    private readonly inputs: { input: JsonValue; item: JsonObject }[],
    private readonly settings: MapRunSettings,
    private readonly distributed: boolean,
  ) {
    this.outputs = new Array<JsonValue>(inputs.length).fill(null);
    this.stop = linkedController(run.frame.signal);
    this.fanout = new SignalFanout(this.stop.signal);
    this.lastEventId = run.thread.lastEventId;
  }

  /** Run every iteration; resolves once none is running and none will start. */
  async runAll(): Promise<{ outputs: JsonValue[]; failure?: StatesError }> {
    try {
      await new Promise<void>((resolve, reject) => {
        this.settle = { resolve, reject };
        this.pump();
      });
    } finally {
      this.fanout.dispose();
      this.stop.dispose();
    }
    // The Map's own events follow the last iteration's end event when all succeeded.
    this.run.thread.lastEventId = this.failure ? this.lastEventId : Math.max(this.lastEventId, this.lastEndEventId);
    if (this.failedAt !== undefined) this.writeAbortsAfterFailure(this.failedAt);
    return this.failure ? { outputs: this.outputs, failure: this.failure } : { outputs: this.outputs };
  }

  /** UpdateMapRun: new settings take effect at once. */
  update(changes: Partial<MapRunSettings>): void {
    if (this.settled) return;
    if (changes.maxConcurrency !== undefined) this.settings.maxConcurrency = changes.maxConcurrency;
    if (changes.toleratedFailureCount !== undefined) this.settings.toleratedFailureCount = changes.toleratedFailureCount;
    if (changes.toleratedFailurePercentage !== undefined) this.settings.toleratedFailurePercentage = changes.toleratedFailurePercentage;
    if (this.failures > 0 && !this.tolerated()) this.failWith(this.thresholdExceeded());
    this.pump();
  }

  private tolerated(): boolean {
    const { toleratedFailureCount: count, toleratedFailurePercentage: percentage } = this.settings;
    return (
      (count !== undefined || percentage !== undefined) &&
      (count === undefined || this.failures <= count) &&
      (percentage === undefined || (this.failures / this.inputs.length) * 100 <= percentage)
    );
  }

  /** AWS's error and cause (recorded from TestState of a Map) when failures pass the tolerance. */
  private thresholdExceeded(): StatesError {
    return new StatesError(StatesErrorName.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
  }

  /**
   * As AWS writes a failed Map: each aborted iteration's state abort events and its
   * MapIterationAborted, in index order, then the TaskStateAborted of the Task that failed,
   * all following the failure's event, as does the MapStateFailed after them.
   */
  private writeAbortsAfterFailure(failedAt: NonNullable<IterationPool["failedAt"]>): void {
    const after = (thread: Thread, type: string, details?: JsonObject): void => {
      thread.lastEventId = failedAt.eventId;
      thread.emitOrDrop(type, details);
    };
    for (const { thread, events, details } of this.held.sort((a, b) => a.index - b.index)) {
      for (const type of events) after(thread, type);
      after(thread, "MapIterationAborted", details);
    }
    if (failedAt.taskFailed) after(failedAt.thread, "TaskStateAborted");
    this.run.thread.lastEventId = failedAt.eventId;
  }

  private failWith(failure: StatesError): void {
    if (this.failure !== undefined) return;
    this.failure = failure;
    this.stop.abort(new MapStopped());
  }

  /** Start iterations up to the limit; settle once nothing runs and nothing more will start. */
  private pump(): void {
    if (this.settled || this.pumpScheduled) return;
    const limit = this.settings.maxConcurrency === 0 ? Infinity : this.settings.maxConcurrency;
    let started = 0;
    while (!this.stop.aborted && this.next < this.inputs.length && this.running < limit) {
      // Start a large Map in slices, yielding to the event loop between them, so the server
      // answers while 100,000 iterations are being started.
      if (++started > ITERATIONS_PER_SLICE) {
        this.pumpScheduled = true;
        setImmediate(() => {
          this.pumpScheduled = false;
          this.pump();
        });
        return;
      }
      const index = this.next++;
      this.running++;
      this.iterate(index).then(
        () => {
          this.running--;
          this.pump();
        },
        (error: unknown) => {
          // Only the run's own failure (the history limit) escapes an iteration: give it up at once.
          this.running--;
          this.settled = true;
          this.settle!.reject(error);
        },
      );
    }
    if (this.running === 0 && (this.stop.aborted || this.next >= this.inputs.length)) {
      this.settled = true;
      this.settle!.resolve();
    }
  }

  private async iterate(index: number): Promise<void> {
    const { run, stop } = this;
    const { input, item } = this.inputs[index]!;
    const iterationThread = run.thread.fork(this.distributed);
    const details: JsonObject = { name: run.name, index };
    iterationThread.emit("MapIterationStarted", details);
    this.observer?.iteration(index, "RUNNING");
    const iteration = this.fanout.child();
    const aborted: string[] = [];
    let failedStateType: string | undefined;
    const iterationEvents: IterationEvents = {
      aborted: (type) => aborted.push(type),
      failed: (stateType) => {
        failedStateType = stateType;
      },
    };
    const frame = nestedFrame(run.frame, iterationThread, iteration.controller, iterationEvents, item);
    try {
      // A turn of the queue before the iteration's first state: iterations started together all
      // write MapIterationStarted before any writes what follows, as AWS records them.
      await undefined;
      this.outputs[index] = await frame.runWorkflow(this.processor, input, frame);
      this.lastEndEventId = Math.max(this.lastEndEventId, emitIterationEnd(iterationThread, "MapIterationSucceeded", details));
      this.observer?.iteration(index, "SUCCEEDED");
    } catch (thrown) {
      if (stop.aborted) {
        this.observer?.iteration(index, "ABORTED");
        if (this.failedAt !== undefined) this.held.push({ index, thread: iterationThread, events: aborted, details });
        else {
          for (const type of aborted) iterationThread.emitOrDrop(type);
          iterationThread.emitOrDrop("MapIterationAborted", details);
        }
      } else {
        const error = toStatesError(thrown);
        this.observer?.iteration(index, "FAILED");
        // A Distributed Map iteration whose own history is full still ends, failed.
        emitIterationEnd(iterationThread, "MapIterationFailed", details, true);
        this.failures++;
        this.outputs[index] = { Error: error.error, Cause: error.errorCause };
        if (!this.tolerated()) {
          const { toleratedFailureCount, toleratedFailurePercentage } = this.settings;
          if (this.failure === undefined) {
            this.failedAt = { thread: iterationThread, eventId: iterationThread.lastEventId, taskFailed: failedStateType === "Task" };
          }
          this.failWith(toleratedFailureCount !== undefined || toleratedFailurePercentage !== undefined ? this.thresholdExceeded() : error);
        }
      }
    } finally {
      iteration.release();
      this.lastEventId = Math.max(this.lastEventId, iterationThread.lastEventId);
      // The next iteration, and the Map's own events after the last one, follow from here.
      run.thread.lastEventId = this.lastEventId;
    }
  }
}

/**
 * `MapIterationSucceeded`/`Failed`: chained to the iteration's last event, but, as AWS chains
 * them, no later iteration follows from it (the next one follows the iteration's last state
 * event); returns its id.
 */
function emitIterationEnd(thread: Thread, type: string, details: JsonObject, orDrop = false): number {
  const last = thread.lastEventId;
  const id = orDrop ? thread.emitOrDrop(type, details) : thread.emit(type, details);
  thread.lastEventId = last;
  return id;
}
