/** ValidateStateMachineDefinition and TestState. */
import type { OperationTable } from "./operation.js";
import { MAX_DEFINITION_LENGTH } from "./state-machine-operations.js";
import type { JsonObject } from "../../json.js";

/** Definition operations. */
export const definitionOperations: OperationTable = {
  ValidateStateMachineDefinition({ input, engine }) {
    const definition = input.requiredString("definition", MAX_DEFINITION_LENGTH);
    input.optionalEnum("type", ["STANDARD", "EXPRESS"]);
    const severity = input.optionalEnum("severity", ["ERROR", "WARNING"]) ?? "ERROR";
    const maxResults = input.optionalInteger("maxResults", 0, 100) ?? 0;
    const limit = maxResults === 0 ? 100 : maxResults;
    const all = engine.checkDefinition(definition).filter((d) => severity === "WARNING" || d.severity === "ERROR");
    const diagnostics = all.slice(0, limit).map((d) => {
      const wire: JsonObject = { severity: d.severity, code: d.code, message: d.message };
      if (d.location !== undefined) wire["location"] = d.location;
      return wire;
    });
    return {
      result: all.some((d) => d.severity === "ERROR") ? "FAIL" : "OK",
      diagnostics,
      truncated: all.length > limit,
    };
  },

  TestState({ input, engine }) {
    input.requiredString("definition", MAX_DEFINITION_LENGTH);
    return engine.testState(input.body);
  },
};
