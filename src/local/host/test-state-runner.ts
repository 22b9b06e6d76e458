/** TestState over the wire: parse the request, run the interpreter's `testState`, answer in the API's shape. */
import { ApiError } from "../api-error.js";
import { testState } from "../interpreter/index.js";
import type { InterpreterHost } from "../interpreter/host.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";

function parseJson(text: string, field: string, code: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ApiError(code, `Invalid ${field}: '${(error as Error).message}'`);
  }
}

/** Answer a TestState request with `host` running any Task. */
export async function runTestState(request: JsonObject, host: InterpreterHost): Promise<JsonObject> {
  const definition = parseJson(String(request["definition"] ?? ""), "definition", "InvalidDefinition");
  if (!isJsonObject(definition)) throw new ApiError("InvalidDefinition", "Invalid State Machine Definition: the definition must be a JSON object");
  const stateName = typeof request["stateName"] === "string" ? request["stateName"] : undefined;
  let state: JsonObject = definition;
  let queryLanguage: JsonValue | undefined = definition["QueryLanguage"];
  if (isJsonObject(definition["States"])) {
    // A whole machine: test the named state (or the start state) within it.
    const name = stateName ?? (definition["StartAt"] as string | undefined);
    const found = name === undefined ? undefined : definition["States"][name];
    if (!isJsonObject(found)) throw new ApiError("InvalidDefinition", `Invalid State Machine Definition: no state ${JSON.stringify(name ?? null)} in the definition`);
    state = found;
    queryLanguage = found["QueryLanguage"] ?? queryLanguage;
  }
  if (typeof state["Type"] !== "string") throw new ApiError("InvalidDefinition", "Invalid State Machine Definition: the state has no Type");
  const input = parseJson(typeof request["input"] === "string" ? request["input"] : "{}", "input", "InvalidExecutionInput");
  const variables = typeof request["variables"] === "string" ? parseJson(request["variables"], "variables", "ValidationException") : undefined;
  const level = request["inspectionLevel"];
  const result = await testState({
    state,
    input,
    host,
    ...(level === "INFO" || level === "DEBUG" || level === "TRACE" ? { inspectionLevel: level } : {}),
    ...(isJsonObject(variables) ? { variables } : {}),
    ...(stateName !== undefined ? { stateName } : {}),
    ...(queryLanguage === "JSONata" ? { queryLanguage: "JSONata" as const } : {}),
  });
  const answer: JsonObject = { status: result.status };
  if (result.output !== undefined) answer["output"] = result.output;
  if (result.error !== undefined) answer["error"] = result.error;
  if (result.cause !== undefined) answer["cause"] = result.cause;
  if (result.nextState !== undefined) answer["nextState"] = result.nextState;
  if (result.inspectionData !== undefined) answer["inspectionData"] = result.inspectionData;
  return answer;
}
