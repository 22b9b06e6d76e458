import { InvalidOptionError } from "../../errors.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { RenderContext } from "../graph.js";
import { TaskResource } from "../resources/task-resource.js";
import { isJsonataExpression } from "../../asl/state-types.js";
import { definedValues, describeValue } from "../../json.js";
import { toSubGraph, type Branch } from "./branch.js";
import { ErrorHandlingState } from "./error-handling-state.js";
import {
  optionalEnum,
  optionalIntegerOrExpression,
  optionalJson,
  optionalJsonObject,
  optionalJsonObjectOrExpression,
  optionalPath,
  optionalString,
} from "./options-check.js";
import { checkResultFields, renderResultFields, type ResultFields, type ResultSelectorOptions } from "./result-fields.js";
import type { StateOptions, SubGraph, SubGraphRenderer } from "./state.js";
import { MAX_PAYLOAD_BYTES } from "../../asl/limits.js";

/** Where a distributed Map reads its items from (`ItemReader`). */
export interface ItemReaderOptions {
  /** Resource ARN, e.g. `arn:aws:states:::s3:getObject` (or a service integration). */
  resource: TaskResource | string;
  /** `ReaderConfig` as ASL has it (`InputType`, `MaxItems`, `CSVHeaderLocation`, ...). */
  readerConfig?: JsonObject;
  /** JSONPath `Parameters` of the reader (`Bucket`, `Key`, ...). */
  parameters?: JsonObject;
  /** JSONata `Arguments` of the reader. */
  arguments?: JsonObject | string;
}

/** How a distributed Map batches items (`ItemBatcher`). */
export interface ItemBatcherOptions {
  /** Most items in one batch, at least 1, or a JSONata expression (`MaxItemsPerBatch`). */
  maxItemsPerBatch?: number | string;
  /** JSONPath to the most items in one batch (`MaxItemsPerBatchPath`). */
  maxItemsPerBatchPath?: string;
  /** Most bytes in one batch, 1 to 262,144, or a JSONata expression (`MaxInputBytesPerBatch`). */
  maxInputBytesPerBatch?: number | string;
  /** JSONPath to the most bytes in one batch (`MaxInputBytesPerBatchPath`). */
  maxInputBytesPerBatchPath?: string;
  /** Fixed JSON added to every batch (`BatchInput`). */
  batchInput?: JsonObject | string;
}

/** Where a distributed Map writes its results (`ResultWriter`). */
export interface ResultWriterOptions {
  /** Resource ARN, e.g. `arn:aws:states:::s3:putObject`; optional when only `writerConfig` is given. */
  resource?: TaskResource | string;
  /** JSONPath `Parameters` (`Bucket`, `Prefix`). */
  parameters?: JsonObject;
  /** JSONata `Arguments`. */
  arguments?: JsonObject | string;
  /** `WriterConfig` as ASL has it (`OutputType`, `Transformation`). */
  writerConfig?: JsonObject;
}

/** Options of a {@link Map} state. */
export interface MapOptions extends StateOptions, ResultSelectorOptions {
  /** JSONPath: the array to iterate (`ItemsPath`, default `$`). */
  itemsPath?: string;
  /** JSONata: the array to iterate (`Items`): an array or a `{% ... %}` expression. */
  items?: JsonValue;
  /** Reshapes each item (`ItemSelector`). */
  itemSelector?: JsonObject | string;
  /** Most iterations at once (`MaxConcurrency`; 0 = no limit). */
  maxConcurrency?: number | string;
  /** JSONPath to the concurrency limit (`MaxConcurrencyPath`). */
  maxConcurrencyPath?: string;
  /** Distributed mode: item source. */
  itemReader?: ItemReaderOptions;
  /** Distributed mode: batching. */
  itemBatcher?: ItemBatcherOptions;
  /** Distributed mode: result export. */
  resultWriter?: ResultWriterOptions;
  /** Distributed mode: failed items tolerated (`ToleratedFailureCount`). */
  toleratedFailureCount?: number | string;
  /** Distributed mode: `ToleratedFailureCountPath`. */
  toleratedFailureCountPath?: string;
  /** Distributed mode: percentage of failed items tolerated (`ToleratedFailurePercentage`). */
  toleratedFailurePercentage?: number | string;
  /** Distributed mode: `ToleratedFailurePercentagePath`. */
  toleratedFailurePercentagePath?: string;
  /** Distributed mode: label of the child executions (`Label`). */
  label?: string;
}

/** `ProcessorConfig` of a Map's item processor. */
export interface ItemProcessorConfig {
  /** `INLINE` (default) runs iterations in this execution; `DISTRIBUTED` in child executions. */
  mode?: "INLINE" | "DISTRIBUTED";
  /** Distributed mode: type of the child executions. */
  executionType?: "STANDARD" | "EXPRESS";
}

function resourceArn(owner: string, option: string, resource: unknown): string {
  if (resource instanceof TaskResource) return resource.arn;
  if (typeof resource === "string" && resource.startsWith("arn:")) return resource;
  throw new InvalidOptionError(`${owner}: ${option} must be a TaskResource or an ARN string, got ${describeValue(resource)}`);
}

/**
 * Runs an item processor for each item of an array (`Type: Map`), inline or, in distributed
 * mode, as child executions reading items from S3.
 */
export class Map extends ErrorHandlingState {
  readonly type = "Map";
  /** `ResultSelector`, `ResultPath`. */
  readonly io: ResultFields;
  /** The Map-specific fields, rendered as ASL (everything but the item processor). */
  private readonly fields: JsonObject;
  private processor: SubGraph | undefined;
  private processorConfig: ItemProcessorConfig = {};

  constructor(name: string, options: MapOptions = {}) {
    super(name, options);
    const owner = this.describeOwner();
    this.io = checkResultFields(owner, { resultPath: options.resultPath, resultSelector: options.resultSelector });
    this.fields = this.checkFields(owner, options);
  }

  private checkFields(owner: string, options: MapOptions): JsonObject {
    const items = optionalJson(owner, "items", options.items);
    if (items !== undefined && !Array.isArray(items) && !isJsonataExpression(items)) {
      throw new InvalidOptionError(`${owner}: items must be an array or a JSONata expression, got ${describeValue(items)}`);
    }
    return definedValues({
      ItemsPath: optionalPath(owner, "itemsPath", options.itemsPath),
      Items: items,
      ItemSelector: optionalJsonObjectOrExpression(owner, "itemSelector", options.itemSelector),
      MaxConcurrency: optionalIntegerOrExpression(owner, "maxConcurrency", options.maxConcurrency, 0),
      MaxConcurrencyPath: optionalPath(owner, "maxConcurrencyPath", options.maxConcurrencyPath),
      ItemReader: options.itemReader === undefined ? undefined : this.checkReader(owner, options.itemReader),
      ItemBatcher: options.itemBatcher === undefined ? undefined : this.checkBatcher(owner, options.itemBatcher),
      ResultWriter: options.resultWriter === undefined ? undefined : this.checkWriter(owner, options.resultWriter),
      ToleratedFailureCount: optionalIntegerOrExpression(owner, "toleratedFailureCount", options.toleratedFailureCount, 0),
      ToleratedFailureCountPath: optionalPath(owner, "toleratedFailureCountPath", options.toleratedFailureCountPath),
      ToleratedFailurePercentage: optionalIntegerOrExpression(owner, "toleratedFailurePercentage", options.toleratedFailurePercentage, 0, 100),
      ToleratedFailurePercentagePath: optionalPath(owner, "toleratedFailurePercentagePath", options.toleratedFailurePercentagePath),
      Label: optionalString(owner, "label", options.label),
    });
  }

  private checkReader(owner: string, reader: ItemReaderOptions): JsonObject {
    return definedValues({
      Resource: resourceArn(owner, "itemReader.resource", reader?.resource),
      ReaderConfig: optionalJsonObject(owner, "itemReader.readerConfig", reader.readerConfig),
      Parameters: optionalJsonObject(owner, "itemReader.parameters", reader.parameters),
      Arguments: optionalJsonObjectOrExpression(owner, "itemReader.arguments", reader.arguments),
    });
  }

  private checkBatcher(owner: string, batcher: ItemBatcherOptions): JsonObject {
    return definedValues({
      MaxItemsPerBatch: optionalIntegerOrExpression(owner, "itemBatcher.maxItemsPerBatch", batcher.maxItemsPerBatch, 1),
      MaxItemsPerBatchPath: optionalPath(owner, "itemBatcher.maxItemsPerBatchPath", batcher.maxItemsPerBatchPath),
      MaxInputBytesPerBatch: optionalIntegerOrExpression(owner, "itemBatcher.maxInputBytesPerBatch", batcher.maxInputBytesPerBatch, 1, MAX_PAYLOAD_BYTES),
      MaxInputBytesPerBatchPath: optionalPath(owner, "itemBatcher.maxInputBytesPerBatchPath", batcher.maxInputBytesPerBatchPath),
      BatchInput: optionalJsonObjectOrExpression(owner, "itemBatcher.batchInput", batcher.batchInput),
    });
  }

  private checkWriter(owner: string, writer: ResultWriterOptions): JsonObject {
    return definedValues({
      Resource: writer?.resource === undefined ? undefined : resourceArn(owner, "resultWriter.resource", writer.resource),
      Parameters: optionalJsonObject(owner, "resultWriter.parameters", writer.parameters),
      Arguments: optionalJsonObjectOrExpression(owner, "resultWriter.arguments", writer.arguments),
      WriterConfig: optionalJsonObject(owner, "resultWriter.writerConfig", writer.writerConfig),
    });
  }

  /**
   * Set the graph run for each item: a start state or a StateMachine; `config` sets the
   * `ProcessorConfig` (`INLINE` unless told).
   */
  itemProcessor(branch: Branch, config: ItemProcessorConfig = {}): this {
    const owner = this.describeOwner();
    this.processor = toSubGraph(owner, "item processor", branch);
    this.processorConfig = {
      mode: optionalEnum(owner, "item processor mode", config.mode, ["INLINE", "DISTRIBUTED"] as const),
      executionType: optionalEnum(owner, "item processor executionType", config.executionType, ["STANDARD", "EXPRESS"] as const),
    };
    return this;
  }

  override subGraphs(): SubGraph[] {
    return this.processor === undefined ? [] : [this.processor];
  }

  protected override renderFields(asl: JsonObject, renderer: SubGraphRenderer = new RenderContext()): void {
    Object.assign(asl, this.fields);
    if (this.processor !== undefined) {
      const config: JsonObject = { Mode: this.processorConfig.mode ?? "INLINE" };
      if (this.processorConfig.executionType !== undefined) config["ExecutionType"] = this.processorConfig.executionType;
      asl["ItemProcessor"] = { ProcessorConfig: config, ...renderer.renderSubGraph(this.processor, [this.name, this.processor.label]) };
    }
    renderResultFields(asl, this.io);
  }
}
