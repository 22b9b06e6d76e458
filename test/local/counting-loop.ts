import type { JsonObject } from "../../src/json.js";

/** Count `$.n` up to `iterations`: a Pass and a Choice per iteration, 4 events each. */
export function countingLoop(iterations: number): JsonObject {
  return {
    StartAt: "Loop",
    States: {
      Loop: { Type: "Pass", Parameters: { "n.$": "States.MathAdd($.n, 1)" }, Next: "Check" },
      Check: { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThanEquals: iterations, Next: "Done" }], Default: "Loop" },
      Done: { Type: "Succeed" },
    },
  };
}
