/**
 * Issue 9, classes 2 and 6 for a Distributed Map's `ItemReader` and `ItemBatcher`: when AWS
 * reads the items and its numeric fields, and its texts when a value is bad.
 *
 * Recorded on AWS (LocalStack's snapshots of real executions, tests/aws/services/stepfunctions/
 * v2/scenarios/test_base_scenarios.snapshot.json): MaxItemsPath -1 / 0 / 2 / 1.5 / 100000000 /
 * 100000001 (test_map_item_reader_csv_max_items_paths), JSONata MaxItems
 * (test_map_item_reader_base_json_max_items_jsonata), JSONata MaxItemsPerBatch and
 * MaxInputBytesPerBatch (test_map_item_batching_base_json_max_per_batch_jsonata), reader
 * failures (test_map_item_reader_csv_headers_decl_duplicate_headers), ItemsPath beside a reader
 * (test_map_item_reader_base_json_with_items_path): MapStateStarted (length 0)
 * and MapRunStarted come before the items are read; a reader failure is MapRunFailed,
 * MapStateFailed, ExecutionFailed.
 * Inferred, not recorded: the `...PerBatchPath` texts (the recorded class of MaxItemsPath and
 * the Map's other `...Path` fields), numeric strings, the JSONata variants' texts (class 1's).
 *
 * The engine reads no S3: the items come from the interpreter host's `readItems`, given here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import type { InterpreterHost } from "../../../src/local/interpreter/host.js";
import { runExecution } from "../../../src/local/interpreter/index.js";
import { conformance, mapMachine, type Conformance, type Outcome } from "./harness.js";

/** The object the next ItemReader reads: its items, or the failure of reading it. */
let file: JsonValue[] | Error = [];

let c: Conformance;
let unread: Conformance;
beforeAll(async () => {
  c = await conformance({
    runExecution: (options) => {
      const host: InterpreterHost = Object.create(options.host) as InterpreterHost;
      host.readItems = () => (file instanceof Error ? Promise.reject(file) : Promise.resolve(file));
      return runExecution({ ...options, host });
    },
  });
  unread = await conformance();
});
afterAll(async () => {
  await c.close();
  await unread.close();
});

const PREFIX = "An error occurred while executing the state 'MapState' (entered at the event id #2). ";
const CSV_ROWS = [1, 3, 5, 7].map((n) => ({ Col1: `Value${n}`, Col2: `Value${n + 1}` }));
const DISTRIBUTED = { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "PassItem", States: { PassItem: { Type: "Pass", End: true } } };

const SUCCEEDED = [
  "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
];
const RUN_FAILED = ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed"];
const FAILED_AFTER_START = ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "ExecutionFailed"];

/** The recorded machine: a CSV object read with `ReaderConfig` (`MaxItemsPath` or others). */
function csvReader(readerConfig: JsonObject): object {
  return mapMachine({
    MaxConcurrency: 1,
    ItemReader: {
      ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW", ...readerConfig },
      Resource: "arn:aws:states:::s3:getObject",
      Parameters: { "Bucket.$": "$.Bucket", "Key.$": "$.Key" },
    },
    ItemProcessor: DISTRIBUTED,
  });
}

function jsonataReader(readerConfig: JsonObject, fields: JsonObject = {}): object {
  const ItemReader = {
    ReaderConfig: { InputType: "JSON", ...readerConfig },
    Resource: "arn:aws:states:::s3:getObject",
    Arguments: { Bucket: "{% $states.input.Bucket %}", Key: "{% $states.input.Key %}" },
  };
  return mapMachine({ MaxConcurrency: 1, ItemReader, ItemProcessor: DISTRIBUTED, ...fields }, { queryLanguage: "JSONata" });
}

/** A JSONata field's failure, after MapStateStarted, as class 1 words it. */
function expectQueryEvaluationError(outcome: Outcome, field: string, expression: string, says: string): void {
  expect(outcome).toMatchObject({
    status: "FAILED",
    error: "States.QueryEvaluationError",
    cause: `${PREFIX}The JSONata expression '${expression}' specified for the field '${field}' ${says}`,
    events: ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "EvaluationFailed", "ExecutionFailed"],
  });
}

const INPUT = { Bucket: "bucket-name", Key: "file.csv" };

describe("ItemReader: the items are read inside the map run", () => {
  it("MapStateStarted (length 0) and MapRunStarted come first, then the run", async () => {
    file = CSV_ROWS;
    const outcome = await c.run(csvReader({}), INPUT);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: CSV_ROWS, events: SUCCEEDED });
    expect(outcome.history[2]!.mapStateStartedEventDetails).toEqual({ length: 0 });
    expect(outcome.history.map((event) => event.previousEventId).slice(0, 5)).toEqual([0, 0, 2, 3, 4]);
  });

  it("a failure reading them fails the map run: MapRunFailed, MapStateFailed, ExecutionFailed", async () => {
    file = new Error("CSV headers cannot contain duplicates.");
    const outcome = await c.run(csvReader({}), INPUT);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.ItemReaderFailed", cause: "CSV headers cannot contain duplicates.", events: RUN_FAILED });
    expect(outcome.history[4]!.mapRunFailedEventDetails).toEqual({ error: "States.ItemReaderFailed", cause: "CSV headers cannot contain duplicates." });
    expect(outcome.history.map((event) => event.previousEventId)).toEqual([0, 0, 2, 3, 4, 5, 6]);
  });

  // Recorded: test_map_item_reader_base_json_with_items_path, the same output for all three paths.
  it.each(["$.from_previous", "$[0]", "$.no_such_path_in_bucket_result"])("ItemsPath %s is not applied to them", async (itemsPath) => {
    file = [["from-bucket-item-0"]];
    const definition = csvReader({}) as { States: { MapState: JsonObject } };
    definition.States.MapState["ItemsPath"] = itemsPath;
    const outcome = await c.run(definition, { ...INPUT, from_previous: ["from-previous-item-0"] });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: [["from-bucket-item-0"]], events: SUCCEEDED });
  });

  it("an engine that cannot read them fails the same way, saying so", async () => {
    const outcome = await unread.run(csvReader({}), INPUT);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.ItemReaderFailed", events: RUN_FAILED });
    expect(outcome.cause).toBe(
      `The local engine cannot read items with the ItemReader of the state 'MapState' (resource "arn:aws:states:::s3:getObject"); give the items inline with ItemsPath instead.`,
    );
  });

  it("is caught by a Catch on the Map like any error of the state", async () => {
    file = new Error("Attempting to map over non-iterable node.");
    const definition = csvReader({}) as { States: { MapState: JsonObject } };
    definition.States.MapState["Catch"] = [{ ErrorEquals: ["States.ItemReaderFailed"], Next: "Caught" }];
    delete definition.States.MapState["End"];
    definition.States.MapState["Next"] = "Caught";
    (definition.States as JsonObject)["Caught"] = { Type: "Pass", End: true };
    const outcome = await c.run(definition, INPUT);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { Error: "States.ItemReaderFailed", Cause: "Attempting to map over non-iterable node." } });
    expect(outcome.events).toEqual([...RUN_FAILED.slice(0, -1), "MapStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });
});

describe("ReaderConfig MaxItemsPath (JSONPath)", () => {
  it.each<[JsonValue, number]>([
    [0, 4],
    [2, 2],
    [100000000, 4],
    [100000001, 4],
    ["2", 2],
  ])("%j runs that many of the items (0: all)", async (value, count) => {
    file = CSV_ROWS;
    const outcome = await c.run(csvReader({ MaxItemsPath: "$.MaxItems" }), { ...INPUT, MaxItems: value });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: CSV_ROWS.slice(0, count), events: SUCCEEDED });
  });

  it.each<JsonValue>([-1, "-1"])("%j fails the map run with States.ItemReaderFailed", async (value) => {
    file = CSV_ROWS;
    const outcome = await c.run(csvReader({ MaxItemsPath: "$.MaxItems" }), { ...INPUT, MaxItems: value });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.ItemReaderFailed", cause: "field MaxItems must be positive", events: RUN_FAILED });
    expect(outcome.history[4]!.mapRunFailedEventDetails).toEqual({ error: "States.ItemReaderFailed", cause: "field MaxItems must be positive" });
  });

  it.each<[JsonValue, string]>([
    [1.5, "1.5"],
    ["NoNumber", "NoNumber"],
    [{}, "{}"],
    [true, "true"],
  ])("%j fails the execution with States.Runtime before MapRunStarted", async (value, shown) => {
    file = CSV_ROWS;
    const outcome = await c.run(csvReader({ MaxItemsPath: "$.MaxItems" }), { ...INPUT, MaxItems: value });
    expect(outcome).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: `${PREFIX}The MaxItemsPath field refers to value "${shown}" which is not a valid integer: $.MaxItems`,
      events: FAILED_AFTER_START,
    });
    expect(outcome.history.map((event) => event.previousEventId)).toEqual([0, 0, 2, 3]);
  });

  it("a path that matches nothing fails with States.Runtime after MapStateStarted", async () => {
    const outcome = await c.run(csvReader({ MaxItemsPath: "$.MaxItems" }), INPUT);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", events: FAILED_AFTER_START });
    expect(outcome.cause).toBe(`${PREFIX}Invalid path '$.MaxItems' : No results for path: $['MaxItems']`);
  });

  it("a literal MaxItems limits the items too", async () => {
    file = CSV_ROWS;
    const outcome = await c.run(csvReader({ MaxItems: 3 }), INPUT);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: CSV_ROWS.slice(0, 3), events: SUCCEEDED });
  });
});

describe("ReaderConfig MaxItems (JSONata)", () => {
  const STATEMENTS = [
    { verdict: "true", statement_date: "6/11/2008", statement_source: "speech" },
    { verdict: "false", statement_date: "6/7/2022", statement_source: "television" },
    { verdict: "mostly-true", statement_date: "5/18/2016", statement_source: "news" },
  ];
  const JSON_INPUT = { Bucket: "bucket-name", Key: "file.json", MaxItems: 2 };

  it("an expression gives the limit", async () => {
    file = STATEMENTS;
    const outcome = await c.run(jsonataReader({ MaxItems: "{% $maxItems := 2 %}" }), JSON_INPUT);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: STATEMENTS.slice(0, 2), events: SUCCEEDED });
  });

  it.each<[string, string]>([
    ["1.5", "returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5"],
    ['"2"', `returned an unexpected result type. Expected 'integer', but was 'string' for value: "2"`],
    ["$nothing", "returned nothing (undefined)."],
  ])("{%% %s %%} fails with States.QueryEvaluationError", async (expression, says) => {
    file = STATEMENTS;
    expectQueryEvaluationError(await c.run(jsonataReader({ MaxItems: `{% ${expression} %}` }), JSON_INPUT), "MaxItems", expression, says);
  });

  it("a negative value fails the map run with States.ItemReaderFailed", async () => {
    file = STATEMENTS;
    const outcome = await c.run(jsonataReader({ MaxItems: "{% -1 %}" }), JSON_INPUT);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.ItemReaderFailed", cause: "field MaxItems must be positive", events: RUN_FAILED });
  });
});

describe("ItemBatcher", () => {
  const ITEMS = [1, 2, 3];

  const batcherMap = (batcher: JsonObject): object => mapMachine({ ItemsPath: "$.Items", ItemBatcher: batcher, ItemProcessor: DISTRIBUTED });

  it("the recorded JSONata batcher: BatchInput first, then the batch's Items", async () => {
    const statements = [{ verdict: "true" }, { verdict: "false" }, { verdict: "mostly-true" }];
    file = statements;
    const definition = jsonataReader(
      { MaxItems: 2 },
      {
        ItemBatcher: {
          MaxItemsPerBatch: "{% $states.input.MaxItemsPerBatch %}",
          MaxInputBytesPerBatch: "{% $states.input.MaxInputBytesPerBatch %}",
          BatchInput: { BatchTimestamp: "date" },
        },
      },
    );
    const outcome = await c.run(definition, { Bucket: "bucket-name", Key: "file.json", MaxItemsPerBatch: 2, MaxInputBytesPerBatch: 150000 });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", events: SUCCEEDED });
    const exited = outcome.history.find((event) => event.type === "MapStateExited")!;
    expect(exited.stateExitedEventDetails!.output).toBe(JSON.stringify([{ BatchInput: { BatchTimestamp: "date" }, Items: statements.slice(0, 2) }]));
  });

  describe.each(["MaxItemsPerBatch", "MaxInputBytesPerBatch"])("%sPath", (field) => {
    it.each<[JsonValue, string]>([
      [1.5, "1.5"],
      ["NoNumber", "NoNumber"],
      [{}, "{}"],
    ])("%j fails the execution with States.Runtime after MapStateStarted", async (value, shown) => {
      const outcome = await c.run(batcherMap({ [`${field}Path`]: "$.Limit" }), { Items: ITEMS, Limit: value });
      expect(outcome).toMatchObject({
        status: "FAILED",
        error: "States.Runtime",
        cause: `${PREFIX}The ${field}Path field refers to value "${shown}" which is not a valid integer: $.Limit`,
        events: FAILED_AFTER_START,
      });
    });

    it.each<JsonValue>([0, -1])("%j fails the execution with States.Runtime", async (value) => {
      const outcome = await c.run(batcherMap({ [`${field}Path`]: "$.Limit" }), { Items: ITEMS, Limit: value });
      expect(outcome).toMatchObject({
        status: "FAILED",
        error: "States.Runtime",
        cause: `${PREFIX}The value of the field '${field}' must be an integer of at least 1 but was ${String(value)}`,
        events: FAILED_AFTER_START,
      });
    });

    it("a path that matches nothing fails with States.Runtime", async () => {
      const outcome = await c.run(batcherMap({ [`${field}Path`]: "$.Limit" }), { Items: ITEMS });
      expect(outcome).toMatchObject({
        status: "FAILED",
        error: "States.Runtime",
        cause: `${PREFIX}Invalid path '$.Limit' : No results for path: $['Limit']`,
        events: FAILED_AFTER_START,
      });
    });
  });

  it.each<[JsonValue, JsonValue]>([
    [2, [{ Items: [1, 2] }, { Items: [3] }]],
    ["2", [{ Items: [1, 2] }, { Items: [3] }]],
    [1, [{ Items: [1] }, { Items: [2] }, { Items: [3] }]],
  ])("MaxItemsPerBatchPath %j batches the items", async (value, output) => {
    const outcome = await c.run(batcherMap({ MaxItemsPerBatchPath: "$.Limit" }), { Items: ITEMS, Limit: value });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output, events: SUCCEEDED });
  });

  it("MaxInputBytesPerBatchPath \"2\" puts each one-byte item with at most one other", async () => {
    const outcome = await c.run(batcherMap({ MaxInputBytesPerBatchPath: "$.Limit" }), { Items: ITEMS, Limit: "2" });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: [{ Items: [1, 2] }, { Items: [3] }], events: SUCCEEDED });
  });

  describe.each(["MaxItemsPerBatch", "MaxInputBytesPerBatch"])("JSONata %s", (field) => {
    const jsonataBatcher = (expression: string): object =>
      mapMachine({ Items: "{% $states.input.Items %}", ItemBatcher: { [field]: expression }, ItemProcessor: DISTRIBUTED }, { queryLanguage: "JSONata" });

    it.each<[string, string]>([
      ["1.5", "returned an unexpected result type. Expected 'integer', but was 'number' for value: 1.5"],
      ['"2"', `returned an unexpected result type. Expected 'integer', but was 'string' for value: "2"`],
      ["$nothing", "returned nothing (undefined)."],
    ])("{%% %s %%} fails with States.QueryEvaluationError", async (expression, says) => {
      expectQueryEvaluationError(await c.run(jsonataBatcher(`{% ${expression} %}`), { Items: ITEMS }), field, expression, says);
    });

    it("{% 0 %} fails with States.QueryEvaluationError", async () => {
      const outcome = await c.run(jsonataBatcher("{% 0 %}"), { Items: ITEMS });
      expect(outcome).toMatchObject({
        status: "FAILED",
        error: "States.QueryEvaluationError",
        cause: `${PREFIX}The value of the field '${field}' must be an integer of at least 1 but was 0`,
      });
    });

    it("{% 2 %} batches the items", async () => {
      const outcome = await c.run(jsonataBatcher("{% 2 %}"), { Items: ITEMS });
      expect(outcome).toMatchObject({ status: "SUCCEEDED", output: [{ Items: [1, 2] }, { Items: [3] }], events: SUCCEEDED });
    });
  });
});
