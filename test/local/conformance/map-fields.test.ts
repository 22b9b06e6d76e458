/**
 * Issue 9, class 6: the Map state's numeric fields and its items as AWS reads and checks them.
 * Texts and event sequences from executions recorded on AWS (MaxConcurrencyPath {} / "NoNumber" /
 * 0 / 1; ToleratedFailureCountPath {} / "NoNumber" / -1 / 0 / 1; ToleratedFailurePercentagePath
 * {} / "NoNumber" / -1.1 / -1 / 0 / 1 / 1.1 / 100 / 100.1; non-array input to a JSONata Map with
 * and without `Items`). Inferred, not recorded: numeric strings ("1") accepted by the `...Path`
 * fields (AWS parses the value's text, hence "is not a valid integer"), a negative
 * MaxConcurrency failing (AWS stalls), the JSONPath non-array text and its events (MapStateFailed, as
 * the JSONata recordings write it), the JSONata field variants.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import { conformance, mapMachine, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
});
afterAll(() => c.close());

const PASS_PROCESSOR = { StartAt: "HandleItem", States: { HandleItem: { Type: "Pass", End: true } } };
const PREFIX = "An error occurred while executing the state 'MapState' (entered at the event id #2). ";

function inlineMap(fields: JsonObject, language: "JSONPath" | "JSONata" = "JSONPath"): object {
  return mapMachine({ ItemProcessor: PASS_PROCESSOR, ...fields }, { queryLanguage: language });
}

function distributedMap(fields: JsonObject): object {
  return mapMachine({
    ItemsPath: "$.Items",
    MaxConcurrency: 1,
    ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...PASS_PROCESSOR },
    ...fields,
  });
}

const INLINE_ONE_ITEM = [
  "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "PassStateEntered", "PassStateExited",
  "MapIterationSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
];
const DISTRIBUTED_SUCCEEDED = [
  "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
];
const FAILED_BEFORE_START = ["ExecutionStarted", "MapStateEntered", "ExecutionFailed"];
/** Inferred from the JSONata recordings (EvaluationFailed, MapStateFailed), which JSONPath states do not write the first of. */
const ITEMS_FAILED = ["ExecutionStarted", "MapStateEntered", "MapStateFailed", "ExecutionFailed"];
const FAILED_AFTER_START = ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "ExecutionFailed"];

describe("MaxConcurrencyPath (inline Map)", () => {
  const definition = inlineMap({ ItemsPath: "$.Values", MaxConcurrencyPath: "$.MaxConcurrencyValue" });

  it.each<[JsonValue, string]>([
    [{}, 'The MaxConcurrencyPath field refers to value "{}" which is not a valid integer: $.MaxConcurrencyValue'],
    ["NoNumber", 'The MaxConcurrencyPath field refers to value "NoNumber" which is not a valid integer: $.MaxConcurrencyValue'],
    [1.5, 'The MaxConcurrencyPath field refers to value "1.5" which is not a valid integer: $.MaxConcurrencyValue'],
    [-1, "MaxConcurrency cannot be negative."],
  ])("%j fails with States.Runtime", async (value, cause) => {
    const outcome = await c.run(definition, { MaxConcurrencyValue: value, Values: ["HelloWorld"] });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: PREFIX + cause });
    expect(outcome.events).toEqual(FAILED_BEFORE_START);
  });

  it.each<JsonValue>([0, 1, "1", "2"])("%j runs the Map", async (value) => {
    const outcome = await c.run(definition, { MaxConcurrencyValue: value, Values: ["HelloWorld"] });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: ["HelloWorld"] });
    expect(outcome.events).toEqual(INLINE_ONE_ITEM);
  });

  it("a path that matches nothing fails with States.Runtime naming the path", async () => {
    const outcome = await c.run(definition, { Values: ["HelloWorld"] });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime" });
    expect(outcome.cause).toContain(PREFIX);
    expect(outcome.cause).toContain("$.MaxConcurrencyValue");
  });
});

describe("ToleratedFailureCountPath (distributed Map)", () => {
  const definition = distributedMap({ ToleratedFailureCountPath: "$.ToleratedFailureCount" });

  it.each<[JsonValue, string]>([
    [{}, 'The ToleratedFailureCountPath field refers to value "{}" which is not a valid integer: $.ToleratedFailureCount'],
    ["NoNumber", 'The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: $.ToleratedFailureCount'],
    [-1, "ToleratedFailureCount cannot be negative."],
    ["-1", "ToleratedFailureCount cannot be negative."],
  ])("%j fails with States.Runtime", async (value, cause) => {
    const outcome = await c.run(definition, { Items: [0], ToleratedFailureCount: value });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: PREFIX + cause });
    expect(outcome.events).toEqual(FAILED_AFTER_START);
  });

  it.each<JsonValue>([0, 1, "1"])("%j runs the Map", async (value) => {
    const outcome = await c.run(definition, { Items: [0], ToleratedFailureCount: value });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: [0] });
    expect(outcome.events).toEqual(DISTRIBUTED_SUCCEEDED);
  });
});

describe("ToleratedFailurePercentagePath (distributed Map)", () => {
  const definition = distributedMap({ ToleratedFailurePercentagePath: "$.ToleratedFailurePercentage" });

  it.each<[JsonValue, string]>([
    [{}, 'The ToleratedFailurePercentagePath field refers to value "{}" which is not a valid float: $.ToleratedFailurePercentage'],
    ["NoNumber", 'The ToleratedFailurePercentagePath field refers to value "NoNumber" which is not a valid float: $.ToleratedFailurePercentage'],
    [-1.1, "ToleratedFailurePercentage must be between 0 and 100."],
    [-1, "ToleratedFailurePercentage must be between 0 and 100."],
    [100.1, "ToleratedFailurePercentage must be between 0 and 100."],
    ["101", "ToleratedFailurePercentage must be between 0 and 100."],
  ])("%j fails with States.Runtime", async (value, cause) => {
    const outcome = await c.run(definition, { Items: [0], ToleratedFailurePercentage: value });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: PREFIX + cause });
    expect(outcome.events).toEqual(FAILED_AFTER_START);
  });

  it.each<JsonValue>([0, 1, 1.1, 100, "50", "1.5"])("%j runs the Map", async (value) => {
    const outcome = await c.run(definition, { Items: [0], ToleratedFailurePercentage: value });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: [0] });
    expect(outcome.events).toEqual(DISTRIBUTED_SUCCEEDED);
  });
});

describe("JSONata tolerances on an inline Map", () => {
  const failing = { StartAt: "Boom", States: { Boom: { Type: "Fail", Error: "Item.Failed", Cause: "bad item" } } };

  it("are accepted, and a failure within them is tolerated", async () => {
    const outcome = await c.run(
      inlineMap({ Items: "{% $states.input.items %}", ToleratedFailureCount: "{% 1 %}", ToleratedFailurePercentage: "{% 50 %}", ItemProcessor: failing }, "JSONata"),
      { items: [1, 2, 3, 4] },
    );
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("States.ExceedToleratedFailureThreshold");
    expect(outcome.cause).toBe("The specified tolerated failure threshold was exceeded");
  });

  it("an iteration failure under the count succeeds", async () => {
    const processor = {
      StartAt: "Check",
      States: {
        Check: { Type: "Choice", Choices: [{ Condition: "{% $states.input = 2 %}", Next: "Boom" }], Default: "Ok" },
        Boom: { Type: "Fail", Error: "Item.Failed", Cause: "bad item" },
        Ok: { Type: "Pass", End: true },
      },
    };
    const outcome = await c.run(inlineMap({ Items: [1, 2, 3], ToleratedFailureCount: "{% $states.input.tolerate %}", ItemProcessor: processor }, "JSONata"), { tolerate: 1 });
    expect(outcome.status).toBe("SUCCEEDED");
  });

  it.each<[string, string]>([
    ["ToleratedFailurePercentage", "ToleratedFailurePercentage must be between 0 and 100."],
    ["ToleratedFailureCount", "ToleratedFailureCount cannot be negative."],
  ])("%s out of range fails with States.QueryEvaluationError", async (field, cause) => {
    const value = field === "ToleratedFailureCount" ? -1 : 101;
    const outcome = await c.run(inlineMap({ Items: [1], [field]: `{% ${value} %}` }, "JSONata"));
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError", cause: PREFIX + cause });
  });
});

/** Values that are not arrays: the value, its JSON type, and how AWS shows it. */
const NON_ARRAYS: [JsonValue, string, string][] = [
  [1, "number", "1"],
  ["string", "string", '"string"'],
  [true, "boolean", "true"],
  [{ foo: "bar" }, "object", '{"foo":"bar"}'],
  [null, "null", "null"],
];

describe("Map input that is not an array", () => {
  it.each<[JsonValue, string]>([
    [1, "1"],
    ["string", '"string"'],
    [true, "true"],
    [{ foo: "bar" }, '{"foo":"bar"}'],
    [null, "null"],
  ])("JSONPath ItemsPath to %j fails with States.Runtime", async (value, shown) => {
    const outcome = await c.run(inlineMap({ ItemsPath: "$.items" }), { items: value });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Runtime", cause: PREFIX + `Map state input must be an array but was: ${shown}` });
    expect(outcome.events).toEqual(ITEMS_FAILED);
  });

  it.each(NON_ARRAYS)("JSONata state input %j without Items fails with States.QueryEvaluationError", async (value, _type, shown) => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "Setup",
      States: {
        Setup: { Type: "Pass", Output: "{% $states.input.value %}", Next: "MapIterateState" },
        MapIterateState: { Type: "Map", ItemProcessor: PASS_PROCESSOR, End: true },
      },
    };
    const outcome = await c.run(definition, { value });
    expect(outcome).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause: `An error occurred while executing the state 'MapIterateState' (entered at the event id #4). Map state input must be an array but was: ${shown}`,
    });
    expect(outcome.events).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"]);
  });

  it.each(NON_ARRAYS)("JSONata Items evaluating to %j fails with States.QueryEvaluationError", async (value, type, shown) => {
    const definition = {
      QueryLanguage: "JSONata",
      StartAt: "Setup",
      States: {
        Setup: { Type: "Pass", Assign: { ItemsVar: "{% $states.input.value %}" }, Next: "MapIterateState" },
        MapIterateState: { Type: "Map", Items: "{% $ItemsVar %}", ItemProcessor: PASS_PROCESSOR, End: true },
      },
    };
    const outcome = await c.run(definition, { value });
    expect(outcome).toMatchObject({
      status: "FAILED",
      error: "States.QueryEvaluationError",
      cause:
        "An error occurred while executing the state 'MapIterateState' (entered at the event id #4). " +
        `The JSONata expression '$ItemsVar' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${shown}`,
    });
    expect(outcome.events).toEqual(["ExecutionStarted", "PassStateEntered", "PassStateExited", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"]);
  });
});
