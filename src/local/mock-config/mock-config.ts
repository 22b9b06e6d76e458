/**
 * Step Functions Local's mock configuration file (`MockConfigFile.json`), read unchanged:
 * `StateMachines.<machine>.TestCases.<testCase>.<state>` names an entry of `MockedResponses`,
 * whose keys are invocation numbers (`"0"`) or inclusive ranges (`"1-2"`) and whose values
 * hold exactly one of `Return` (the task's result) or `Throw` (`{ Error, Cause }`).
 *
 * Our extension: a test case may map a state to `{ "Module": "handlers.mjs", "Handler": "name" }`
 * (an ES module whose export answers every invocation, as a Lambda handler) instead of a
 * response name; through the API, to a handler function. Errors name the path in the file.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../../json.js";
import { SfiniError } from "../../errors.js";
import type { LambdaHandler } from "../host/lambda-registry.js";

/** One invocation's mocked outcome: a result, or an ASL error. */
export type MockedOutcome = { Return: JsonValue } | { Throw: { Error: string; Cause: string } };

/** `MockedResponses.<name>`: outcomes by invocation number (`"0"`) or inclusive range (`"1-2"`). */
export type MockedResponse = Record<string, MockedOutcome>;

/** Our extension: a handler module answers the state's every invocation (paths relative to the file). */
export interface MockedHandlerModule {
  /** Path of an ES module, relative to the mock file's directory (or the working directory). */
  Module: string;
  /** The export to call; default `handler`. */
  Handler?: string;
}

/**
 * What a test case maps a state to: the name of a `MockedResponses` entry (Step Functions
 * Local), a handler module, or (through the API) a handler function.
 */
export type MockedState = string | MockedHandlerModule | LambdaHandler;

/** The mock configuration, as the file holds it (plus handler functions through the API). */
export interface MockConfig {
  /** Machines by name, each with its test cases. */
  StateMachines: Record<string, { TestCases: Record<string, Record<string, MockedState>> }>;
  /** Responses by name. */
  MockedResponses?: Record<string, MockedResponse>;
}

/** A mock configuration that breaks the format; `path` says where, e.g. `MockedResponses.A."1-2"`. */
export class MockConfigError extends SfiniError {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly source?: string,
  ) {
    super(`${source === undefined ? "mock configuration" : source}: ${path}: ${problem}`);
  }
}

/** One range of invocations and what they get. */
export interface InvocationRange {
  from: number;
  to: number;
  outcome: { result: JsonValue } | { error: string; cause: string };
}

/** What a mocked state answers: responses by invocation, or a handler for every invocation. */
export type StateMock =
  | { kind: "responses"; responseName: string; ranges: InvocationRange[] }
  | { kind: "module"; module: string; exportName: string }
  | { kind: "function"; handler: LambdaHandler };

/** A checked configuration: machines → test cases → states → mock. */
export type ParsedMockConfig = Map<string, Map<string, Map<string, StateMock>>>;

const RANGE = /^(0|[1-9][0-9]*)(?:-(0|[1-9][0-9]*))?$/;

function key(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}.${JSON.stringify(name)}`;
}

function parseResponse(value: unknown, path: string, fail: (path: string, problem: string) => never): InvocationRange[] {
  if (!isJsonObject(value)) fail(path, "must be an object of invocation numbers (\"0\", \"1-2\") to Return or Throw");
  const ranges: InvocationRange[] = [];
  for (const [invocations, outcome] of Object.entries(value)) {
    const at = key(path, invocations);
    const match = RANGE.exec(invocations);
    if (!match) fail(at, `invocation key must be a number ("0") or an inclusive range ("1-2"), got ${JSON.stringify(invocations)}`);
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (to < from) fail(at, `the range ends before it starts`);
    if (!isJsonObject(outcome)) fail(at, "must be an object with Return or Throw");
    const fields = Object.keys(outcome);
    if (fields.length !== 1 || (fields[0] !== "Return" && fields[0] !== "Throw")) {
      fail(at, `must contain a single field named Return or Throw, got ${fields.length === 0 ? "none" : fields.map((f) => JSON.stringify(f)).join(", ")}`);
    }
    let parsed: InvocationRange["outcome"];
    if (fields[0] === "Return") parsed = { result: outcome["Return"]! };
    else {
      const thrown = outcome["Throw"];
      if (!isJsonObject(thrown)) fail(`${at}.Throw`, "must be an object with Error and Cause strings");
      for (const field of ["Error", "Cause"]) {
        if (typeof thrown[field] !== "string") fail(`${at}.Throw.${field}`, `must be a string, got ${JSON.stringify(thrown[field] ?? null)}`);
      }
      parsed = { error: thrown["Error"] as string, cause: thrown["Cause"] as string };
    }
    const overlap = ranges.find((r) => r.from <= to && from <= r.to);
    if (overlap) fail(at, `overlaps invocations ${overlap.from}-${overlap.to}`);
    ranges.push({ from, to, outcome: parsed });
  }
  return ranges.sort((a, b) => a.from - b.from);
}

function parseStateMock(value: unknown, path: string, responses: JsonObject, fail: (path: string, problem: string) => never): StateMock {
  if (typeof value === "function") return { kind: "function", handler: value as LambdaHandler };
  if (typeof value === "string") {
    if (!Object.hasOwn(responses, value)) fail(path, `names no entry of MockedResponses: ${JSON.stringify(value)}`);
    return { kind: "responses", responseName: value, ranges: parseResponse(responses[value], key("MockedResponses", value), fail) };
  }
  if (isJsonObject(value)) {
    const extra = Object.keys(value).filter((k) => k !== "Module" && k !== "Handler");
    if (extra.length > 0) fail(key(path, extra[0]!), "unknown field (a handler module has Module and Handler)");
    if (typeof value["Module"] !== "string" || value["Module"] === "") fail(`${path}.Module`, "must be the path of an ES module");
    const handler = value["Handler"] ?? "handler";
    if (typeof handler !== "string" || handler === "") fail(`${path}.Handler`, "must be the name of an export of the module");
    return { kind: "module", module: value["Module"], exportName: handler };
  }
  return fail(path, "must name an entry of MockedResponses (or be a handler module { Module, Handler })");
}

/**
 * Check a mock configuration and index it. Throws {@link MockConfigError} naming the path of
 * the first problem; `source` (the file's path) prefixes the message.
 */
export function parseMockConfig(config: unknown, source?: string): ParsedMockConfig {
  const fail: (path: string, problem: string) => never = (path, problem) => {
    throw new MockConfigError(path, problem, source);
  };
  if (!isJsonObject(config)) fail("(top level)", "a mock configuration must be a JSON object with StateMachines and MockedResponses");
  const top = config as JsonObject;
  const unknown = Object.keys(top).filter((k) => k !== "StateMachines" && k !== "MockedResponses");
  if (unknown.length > 0) fail(unknown[0]!, "unknown top-level field (expected StateMachines and MockedResponses)");
  const machines = top["StateMachines"];
  if (!isJsonObject(machines)) fail("StateMachines", "must be an object of state machine names");
  const responses = top["MockedResponses"] ?? {};
  if (!isJsonObject(responses)) fail("MockedResponses", "must be an object of mocked response names");
  const parsed: ParsedMockConfig = new Map();
  for (const [machineName, machine] of Object.entries(machines as JsonObject)) {
    const machinePath = key("StateMachines", machineName);
    if (!isJsonObject(machine)) fail(machinePath, "must be an object with TestCases");
    const extra = Object.keys(machine).filter((k) => k !== "TestCases");
    if (extra.length > 0) fail(key(machinePath, extra[0]!), "unknown field (a state machine has only TestCases)");
    const testCases = machine["TestCases"];
    if (!isJsonObject(testCases)) fail(`${machinePath}.TestCases`, "must be an object of test case names");
    const cases = new Map<string, Map<string, StateMock>>();
    for (const [caseName, states] of Object.entries(testCases)) {
      const casePath = key(`${machinePath}.TestCases`, caseName);
      if (!isJsonObject(states)) fail(casePath, "must be an object of state names to mocked responses");
      const mocks = new Map<string, StateMock>();
      for (const [stateName, mock] of Object.entries(states)) mocks.set(stateName, parseStateMock(mock, key(casePath, stateName), responses as JsonObject, fail));
      cases.set(caseName, mocks);
    }
    parsed.set(machineName, cases);
  }
  // Responses no test case uses are checked too, so a typo in one is found before it is needed.
  for (const [name, response] of Object.entries(responses as JsonObject)) parseResponse(response, key("MockedResponses", name), fail);
  return parsed;
}
