/** TestState over the wire: parse the request, run the interpreter's `testState`, answer in the API's shape. */
import { ApiError, constraintError } from "../api-error.js";
import { testState } from "../interpreter/index.js";
import type { StateMockOutcome } from "../interpreter/test-state-mock.js";
import { mockResultProblem, type FieldValidationMode } from "./mock-result-shapes.js";
import type { InterpreterHost } from "../interpreter/host.js";
import { definedFields, isJsonObject, type JsonObject, type JsonValue } from "../../json.js";

function parseJson(text: string, field: string, code: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    throw new ApiError(code, `Invalid ${field}: '${(error as Error).message}'`);
  }
}

const MOCKABLE_TYPES = new Set(["Task", "Map", "Parallel"]);
const VALIDATION_MODES: readonly FieldValidationMode[] = ["STRICT", "PRESENT", "NONE"];

function validation(message: string): ApiError {
  return new ApiError("ValidationException", message);
}

/** Names of every state inside a Map's processor or a Parallel's branches, at any depth. */
function innerStateNames(state: JsonObject, into = new Set<string>()): Set<string> {
  const workflows: JsonValue[] = [state["ItemProcessor"] ?? state["Iterator"] ?? null, ...(Array.isArray(state["Branches"]) ? state["Branches"] : [])];
  for (const workflow of workflows) {
    if (!isJsonObject(workflow) || !isJsonObject(workflow["States"])) continue;
    for (const [name, inner] of Object.entries(workflow["States"])) {
      into.add(name);
      if (isJsonObject(inner)) innerStateNames(inner, into);
    }
  }
  return into;
}

/** `mock` of a TestState request, checked as AWS checks it against the state. */
function parseMock(request: JsonObject, state: JsonObject): StateMockOutcome | undefined {
  const mock = request["mock"];
  const type = state["Type"] as string;
  if (mock === undefined || mock === null) {
    if (type === "Map" || type === "Parallel") {
      throw new ApiError("InvalidDefinition", "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
    }
    if (request["context"] !== undefined) throw validation("TestState accepts a context only when a mock is specified.");
    // Without a mock these would wait for a worker or a callback that a test never sends: AWS refuses them too.
    const resource = typeof state["Resource"] === "string" ? state["Resource"] : "";
    if (type === "Task" && /^arn:[^:]+:states:[^:]*:[^:]*:activity:/.test(resource)) {
      throw validation("TestState runs an activity Task only with a mock (mock.result or mock.errorOutput): no worker answers a test.");
    }
    if (type === "Task" && /\.(sync(:2)?|waitForTaskToken)$/.test(resource)) {
      throw new ApiError("InvalidDefinition", "TestState runs the .sync and .waitForTaskToken integration patterns only with a mock (mock.result or mock.errorOutput).");
    }
    return undefined;
  }
  if (!isJsonObject(mock)) throw validation("mock must be an object with result or errorOutput");
  if (request["revealSecrets"] === true) throw validation("TestState does not support RevealSecrets when a mock is specified.");
  if (!MOCKABLE_TYPES.has(type)) throw validation(`State type '${type}' is not supported when a mock is specified`);
  const hasResult = mock["result"] !== undefined;
  const hasError = mock["errorOutput"] !== undefined;
  if (hasResult === hasError) throw validation("A test mock should have only one of the following fields: [result, errorOutput].");
  const mode = mock["fieldValidationMode"] ?? "STRICT";
  if (!VALIDATION_MODES.includes(mode as FieldValidationMode)) {
    throw validation(`1 validation error detected: Value '${String(mode)}' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set: [STRICT, PRESENT, NONE]`);
  }
  if (hasError) {
    const errorOutput = mock["errorOutput"];
    if (!isJsonObject(errorOutput) || typeof errorOutput["error"] !== "string") throw validation("mock.errorOutput.error is required when mock.errorOutput is specified.");
    const causedBy = isJsonObject(request["stateConfiguration"]) ? request["stateConfiguration"]["errorCausedByState"] : undefined;
    if (typeof causedBy === "string" && (type === "Map" || type === "Parallel") && !innerStateNames(state).has(causedBy)) {
      throw validation(`stateConfiguration.errorCausedByState names no state inside the ${type} state: '${causedBy}'`);
    }
    return { error: errorOutput["error"], cause: typeof errorOutput["cause"] === "string" ? errorOutput["cause"] : "" };
  }
  if (typeof mock["result"] !== "string") throw validation("mock.result must be a JSON string");
  let result: JsonValue;
  try {
    result = JSON.parse(mock["result"]) as JsonValue;
  } catch {
    // AWS's words (test_base_lambda_service_task_mock_is_not_json_string).
    throw validation("Mocked result must be valid JSON");
  }
  if (type === "Map") {
    if (isJsonObject(state["ResultWriter"])) {
      if (!isJsonObject(result)) throw validation("Mocked result must be a JSON object.");
    } else if (!Array.isArray(result)) throw validation("Mocked result must be an array.");
  } else if (type === "Parallel") {
    if (!Array.isArray(result)) throw validation("Mocked result must be an array.");
    const branches = Array.isArray(state["Branches"]) ? state["Branches"].length : 0;
    if (result.length !== branches) throw validation("Mocked result must contain the same number of items as number of Parallel branches.");
  } else if (typeof state["Resource"] === "string") {
    const problem = mockResultProblem(state["Resource"], result, mode as FieldValidationMode);
    if (problem) throw validation(problem);
  }
  return { result };
}

function nonNegativeInteger(configuration: JsonObject, field: string): number | undefined {
  const value = configuration[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw constraintError(`stateConfiguration.${field}`, value, "Member must have value greater than or equal to 0");
  }
  return value;
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
  const configuration = isJsonObject(request["stateConfiguration"]) ? request["stateConfiguration"] : {};
  // AWS's words (test_map_iteration_failure_count_without_mock: a Map with no mock is refused so
  // before it is refused for having no mock).
  if (request["mock"] === undefined && configuration["mapIterationFailureCount"] !== undefined) {
    throw validation("TestState does not support MapIterationFailureCount when a mock is not specified.");
  }
  const mock = parseMock(request, state);
  // AWS's words (test_base_lambda_service_task_state_no_role_arn_validation): a Task that really
  // calls its resource runs as a role; a mocked one calls nothing.
  if (state["Type"] === "Task" && !mock && typeof request["roleArn"] !== "string") throw validation("RoleArn must be specified when testing a Task state");
  const retrierRetryCount = nonNegativeInteger(configuration, "retrierRetryCount");
  const mapIterationFailureCount = nonNegativeInteger(configuration, "mapIterationFailureCount");
  // AWS's words (test_map_iteration_failure_count_exceeds_mock_result_items).
  if (mapIterationFailureCount !== undefined && mock && "result" in mock && Array.isArray(mock.result) && mapIterationFailureCount > mock.result.length) {
    throw validation("Map iteration failure count must be less than or equal to the number of Map iterations");
  }
  if (typeof configuration["mapItemReaderData"] === "string") parseJson(configuration["mapItemReaderData"], "stateConfiguration.mapItemReaderData", "ValidationException");
  const context = typeof request["context"] === "string" ? parseJson(request["context"], "context", "ValidationException") : undefined;
  if (context !== undefined && !isJsonObject(context)) throw validation("context must be a JSON object (the Context object of the state)");
  const level = request["inspectionLevel"];
  const result = await testState({
    state,
    input,
    host,
    ...(level === "INFO" || level === "DEBUG" || level === "TRACE" ? { inspectionLevel: level } : {}),
    ...(isJsonObject(variables) ? { variables } : {}),
    ...(stateName !== undefined ? { stateName } : {}),
    ...(queryLanguage === "JSONata" ? { queryLanguage: "JSONata" as const } : {}),
    ...(mock ? { mock } : {}),
    ...(context !== undefined ? { contextObject: context } : {}),
    ...(retrierRetryCount !== undefined ? { retrierRetryCount } : {}),
    ...(mapIterationFailureCount !== undefined ? { mapIterationFailureCount } : {}),
  });
  return definedFields(result, ["status", "output", "error", "cause", "nextState", "inspectionData"]);
}
