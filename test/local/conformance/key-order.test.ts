/**
 * The key order of objects a JSONPath payload template builds, as recorded on AWS: literal fields
 * as written, then the `.$` fields in Java HashMap order (AWS builds them in a HashMap). Found
 * while replaying recorded executions for issue 9; both cases below are recorded outputs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
});
afterAll(() => c.close());

describe("payload template key order", () => {
  it("an ItemSelector: the literal field first, then the .$ fields in HashMap order", async () => {
    const outcome = await c.run({
      StartAt: "MapState",
      States: {
        MapState: {
          Type: "Map",
          ItemsPath: "$.shipped",
          ItemSelector: {
            "original_input.$": "$",
            "iteration_input_value.$": "$$.Map.Item.Value",
            "iteration_index.$": "$$.Map.Item.Index",
            "from_input_constant.$": "$.delivery-partner",
            constant_value: "HelloWorld",
          },
          ItemProcessor: { StartAt: "HandleItem", States: { HandleItem: { Type: "Pass", End: true } } },
          End: true,
        },
      },
    }, { "delivery-partner": "UQS", shipped: ["A"] });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(Object.keys((outcome.output as object[])[0]!)).toEqual(["constant_value", "iteration_input_value", "from_input_constant", "iteration_index", "original_input"]);
  });

  it("Parameters of two .$ fields: Values before Iterations", async () => {
    const outcome = await c.run({
      StartAt: "P",
      States: { P: { Type: "Pass", Parameters: { "Iterations.$": "States.MathAdd($.Iterations, -1)", "Values.$": "$.Values" }, End: true } },
    }, { Iterations: 3, Values: [0, 1, 2, 3] });
    expect(JSON.stringify(outcome.output)).toBe('{"Values":[0,1,2,3],"Iterations":2}');
  });
});
