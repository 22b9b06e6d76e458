/**
 * Map: runs its item processor once per item, at most `MaxConcurrency` at a time (0 = all),
 * each iteration in its own thread of events and variable scope; the result is the array of
 * outputs in item order. Distributed mode runs the same way in-process: its iterations are
 * child executions on AWS, so their events stay out of this history, and `ResultWriter` is
 * not applied (the result is returned inline).
 */
import type { JsonObject, JsonValue } from "../../../json.js";
import { isJsonObject } from "../../../json.js";
import { StatesError, StatesErrorName, toStatesError } from "../errors.js";
import { readPath } from "../jsonpath.js";
import { withRetryAndCatch } from "../retry-catch.js";
import type { Frame, StateOutcome, StateRun } from "../state-run.js";
import { evaluateJsonataTemplate, evaluatePayloadTemplate } from "../templates.js";
import { runWorkflow } from "../workflow.js";
import { finishWithResult } from "./result.js";
import { branchLanguage, linkedController } from "./parallel.js";

/** Why an iteration was stopped: the Map failed. */
class MapStopped extends Error {}

interface Tolerance {
  count?: number;
  percentage?: number;
}

/** Run a Map state. */
export async function runMap(run: StateRun): Promise<StateOutcome> {
  run.enter();
  return withRetryAndCatch(run, async () => {
    const processor = (run.state["ItemProcessor"] ?? run.state["Iterator"]) as JsonObject;
    const distributed = isJsonObject(processor["ProcessorConfig"]) && processor["ProcessorConfig"]["Mode"] === "DISTRIBUTED";
    const jsonata = run.language === "JSONata";
    const effective = jsonata ? run.input : run.applyInputPath();
    const items = await readItems(run, effective);
    const maxConcurrency = (await run.resolveNumber("MaxConcurrency", effective, { integer: true, min: 0 })) ?? 0;
    const tolerance: Tolerance = {};
    const count = await run.resolveNumber("ToleratedFailureCount", effective, { integer: true, min: 0 });
    const percentage = await run.resolveNumber("ToleratedFailurePercentage", effective, { min: 0 });
    if (count !== undefined) tolerance.count = count;
    if (percentage !== undefined) tolerance.percentage = percentage;
    if (run.frame.inspection) {
      run.inspect("maxConcurrency", maxConcurrency, true);
      if (count !== undefined) run.inspect("toleratedFailureCount", count, true);
      if (percentage !== undefined) run.inspect("toleratedFailurePercentage", percentage, true);
    }
    const inputs = await iterationInputs(run, effective, items, distributed);
    const thread = run.thread;
    if (distributed) {
      thread.emit("MapRunStarted", { mapRunArn: mapRunArn(run) });
    } else {
      thread.emit("MapStateStarted", { length: inputs.length });
    }
    const { outputs, failure } = await runIterations(run, processor, inputs, maxConcurrency, tolerance, distributed);
    if (run.frame.signal.aborted) throw run.frame.signal.reason;
    if (failure) {
      if (distributed) thread.emit("MapRunFailed", { error: failure.error, cause: failure.errorCause });
      thread.emit("MapStateFailed");
      throw failure;
    }
    if (distributed) thread.emit("MapRunSucceeded");
    thread.emit("MapStateSucceeded");
    return finishWithResult(run, outputs);
  });
}

/** The items: `ItemReader` (host), JSONata `Items`, or JSONPath `ItemsPath` (default `$`). */
async function readItems(run: StateRun, effective: JsonValue): Promise<JsonValue[]> {
  const jsonata = run.language === "JSONata";
  let items: JsonValue;
  const reader = run.state["ItemReader"];
  if (isJsonObject(reader)) {
    const host = run.run.host;
    if (!host.readItems) {
      throw new StatesError(
        StatesErrorName.ItemReaderFailed,
        `The local engine cannot read items with the ItemReader of the state '${run.name}' (resource ${JSON.stringify(reader["Resource"])}); give the items inline with ${jsonata ? "Items" : "ItemsPath"} instead.`,
      );
    }
    try {
      items = await host.readItems(reader, run.frame.signal);
    } catch (thrown) {
      const failure = toStatesError(thrown);
      throw new StatesError(StatesErrorName.ItemReaderFailed, failure.errorCause || failure.message);
    }
  } else if (jsonata) {
    const template = run.state["Items"];
    items = template === undefined ? run.input : await run.evaluateField("Items", template, run.jsonataEnv());
  } else {
    const path = run.state["ItemsPath"];
    items = path === undefined || path === "$" ? effective : readPath(path as string, run.roots(effective), "ItemsPath");
  }
  if (!Array.isArray(items)) {
    throw new StatesError(
      jsonata ? StatesErrorName.QueryEvaluationError : StatesErrorName.Runtime,
      `The items of the Map state '${run.name}' must be a JSON array but were ${JSON.stringify(items)}`,
    );
  }
  run.inspect(jsonata ? "afterItems" : "afterItemsPath", items);
  return items;
}

/** Each iteration's input: `ItemSelector` (or legacy `Parameters`) per item, then `ItemBatcher`. */
async function iterationInputs(
  run: StateRun,
  effective: JsonValue,
  items: JsonValue[],
  distributed: boolean,
): Promise<{ input: JsonValue; item: JsonObject }[]> {
  const selector = run.state["ItemSelector"] ?? run.state["Parameters"];
  const baseContext = selector === undefined ? undefined : run.contextObject();
  const selected: { input: JsonValue; item: JsonObject }[] = [];
  for (let index = 0; index < items.length; index++) {
    const item: JsonObject = { Index: index, Value: items[index]! };
    let input: JsonValue = items[index]!;
    if (selector !== undefined) {
      const context: JsonObject = { ...baseContext!, Map: { Item: item } };
      input =
        run.language === "JSONata"
          ? await evaluateJsonataTemplate(selector, run.jsonataEnv({ context }), "ItemSelector")
          : evaluatePayloadTemplate(selector, run.roots(effective, context), run.run, "ItemSelector");
    }
    selected.push({ input, item });
  }
  if (selector !== undefined) run.inspect("afterItemSelector", selected.map((s) => s.input));
  const batcher = run.state["ItemBatcher"];
  if (!isJsonObject(batcher) || !distributed) return selected;
  return batch(run, effective, batcher, selected);
}

/** ItemBatcher: `{ Items: [...], BatchInput }` per batch, by item count and/or bytes. */
async function batch(
  run: StateRun,
  effective: JsonValue,
  batcher: JsonObject,
  selected: { input: JsonValue; item: JsonObject }[],
): Promise<{ input: JsonValue; item: JsonObject }[]> {
  const batcherRun = Object.create(run, { state: { value: batcher } }) as StateRun;
  const maxItems = (await batcherRun.resolveNumber("MaxItemsPerBatch", effective, { integer: true, min: 1 })) ?? Infinity;
  const maxBytes = (await batcherRun.resolveNumber("MaxInputBytesPerBatch", effective, { integer: true, min: 1 })) ?? Infinity;
  let batchInput: JsonValue | undefined;
  if (batcher["BatchInput"] !== undefined) {
    batchInput =
      run.language === "JSONata"
        ? await evaluateJsonataTemplate(batcher["BatchInput"], run.jsonataEnv(), "BatchInput")
        : evaluatePayloadTemplate(batcher["BatchInput"], run.roots(effective), run.run, "BatchInput");
  }
  const batches: { input: JsonValue; item: JsonObject }[] = [];
  let current: JsonValue[] = [];
  let bytes = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    const input: JsonObject = { Items: current };
    if (batchInput !== undefined) input["BatchInput"] = batchInput;
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

/** `arn:...:execution:<machine>:<name>` → `arn:...:mapRun:<machine>/<state>:<entered event id>`, AWS's shape. */
function mapRunArn(run: StateRun): string {
  const parts = run.run.context.Execution.Id.split(":");
  if (parts.length < 8) return `${run.run.context.Execution.Id}/${run.name}:${run.enteredEventId}`;
  return [...parts.slice(0, 5), "mapRun", `${parts[6]}/${run.name}`, String(run.enteredEventId)].join(":");
}

/** Run the iterations with a pool of `maxConcurrency` workers; stop all on an intolerable failure. */
async function runIterations(
  run: StateRun,
  processor: JsonObject,
  inputs: { input: JsonValue; item: JsonObject }[],
  maxConcurrency: number,
  tolerance: Tolerance,
  distributed: boolean,
): Promise<{ outputs: JsonValue[]; failure?: StatesError }> {
  const outputs: JsonValue[] = new Array<JsonValue>(inputs.length).fill(null);
  const stop = linkedController(run.frame.signal);
  const thread = run.thread;
  const language = branchLanguage(processor, run.frame);
  let failures = 0;
  let failure: StatesError | undefined;
  let next = 0;
  let lastEventId = thread.lastEventId;
  const tolerated = (): boolean =>
    (tolerance.count !== undefined || tolerance.percentage !== undefined) &&
    (tolerance.count === undefined || failures <= tolerance.count) &&
    (tolerance.percentage === undefined || (failures / inputs.length) * 100 <= tolerance.percentage);

  const worker = async (): Promise<void> => {
    while (next < inputs.length && !stop.signal.aborted) {
      const index = next++;
      const { input, item } = inputs[index]!;
      const iterationThread = thread.fork(distributed);
      const details: JsonObject = { name: run.name, index };
      iterationThread.emit("MapIterationStarted", details);
      const frame: Frame = {
        ...run.frame,
        thread: iterationThread,
        scope: run.frame.scope.child(),
        queryLanguage: language,
        signal: stop.signal,
        mapItem: item,
      };
      delete frame.inspection;
      delete frame.onCaught;
      try {
        outputs[index] = await runWorkflow(processor, input, frame);
        iterationThread.emit("MapIterationSucceeded", details);
      } catch (thrown) {
        if (stop.signal.aborted) {
          iterationThread.emitOrDrop("MapIterationAborted", details);
        } else {
          const error = toStatesError(thrown);
          iterationThread.emit("MapIterationFailed", details);
          failures++;
          outputs[index] = { Error: error.error, Cause: error.errorCause };
          if (!tolerated() && failure === undefined) {
            failure =
              tolerance.count !== undefined || tolerance.percentage !== undefined
                ? new StatesError(
                    StatesErrorName.ExceedToleratedFailureThreshold,
                    `The specified tolerated failure threshold was exceeded: ${failures} of ${inputs.length} iterations failed.`,
                  )
                : error;
            stop.abort(new MapStopped());
          }
        }
      }
      lastEventId = Math.max(lastEventId, iterationThread.lastEventId);
    }
  };
  const poolSize = maxConcurrency === 0 ? inputs.length : Math.min(maxConcurrency, inputs.length);
  try {
    await Promise.all(Array.from({ length: poolSize }, worker));
  } finally {
    stop.dispose();
  }
  thread.lastEventId = lastEventId;
  return failure ? { outputs, failure } : { outputs };
}
