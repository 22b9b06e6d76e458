/**
 * Checks a definition before the engine stores it (CreateStateMachine, UpdateStateMachine,
 * ValidateStateMachineDefinition): JSON, `StartAt`, `States`, known `Type`s, and that every
 * `Next`, `Default` and `Catch` target exists. Deliberately structural: the full ASL rules live
 * in the definitions layer's validator.
 */
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { validateDefinition } from "../definitions/validate.js";

/** One finding, in ValidateStateMachineDefinition's shape. */
export interface DefinitionDiagnostic {
  severity: "ERROR" | "WARNING";
  code: string;
  message: string;
  location?: string;
}

const STATE_TYPES = new Set(["Task", "Pass", "Wait", "Choice", "Parallel", "Map", "Succeed", "Fail"]);

/** Parse and check `definition` (JSON text); an empty list means it passed. */
export function checkDefinition(definition: string): DefinitionDiagnostic[] {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(definition) as JsonValue;
  } catch (error) {
    return [{ severity: "ERROR", code: "INVALID_JSON_DESCRIPTION", message: `The definition is not valid JSON: ${(error as Error).message}` }];
  }
  const problems: DefinitionDiagnostic[] = [];
  checkMachine(parsed, "", problems);
  // The structure holds: now the definitions layer's full ASL rules (paths, fields, error names).
  if (problems.length === 0 && isJsonObject(parsed)) {
    for (const problem of validateDefinition(parsed)) {
      const where = [...(problem.branch ?? []), ...(problem.state !== undefined ? ["States", problem.state] : [])];
      problems.push(error("SCHEMA_VALIDATION_FAILED", problem.message, `/${where.join("/")}`));
    }
  }
  return problems;
}

function error(code: string, message: string, location: string): DefinitionDiagnostic {
  return { severity: "ERROR", code, message, location };
}

function checkMachine(machine: JsonValue, where: string, problems: DefinitionDiagnostic[]): void {
  if (!isJsonObject(machine)) {
    problems.push(error("SCHEMA_VALIDATION_FAILED", "The definition must be a JSON object", where || "/"));
    return;
  }
  const states = machine["States"];
  const startAt = machine["StartAt"];
  if (!isJsonObject(states) || Object.keys(states).length === 0) {
    problems.push(error("SCHEMA_VALIDATION_FAILED", "The field 'States' must be a non-empty object", `${where}/States`));
    return;
  }
  if (typeof startAt !== "string") {
    problems.push(error("SCHEMA_VALIDATION_FAILED", "The field 'StartAt' must be a string", `${where}/StartAt`));
  } else if (!(startAt in states)) {
    problems.push(error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${startAt}`, `${where}/StartAt`));
  }
  for (const [name, state] of Object.entries(states)) {
    checkState(name, state, states, `${where}/States/${name}`, problems);
  }
}

function checkState(name: string, state: JsonValue, states: JsonObject, where: string, problems: DefinitionDiagnostic[]): void {
  if (!isJsonObject(state)) {
    problems.push(error("SCHEMA_VALIDATION_FAILED", `State ${name} must be an object`, where));
    return;
  }
  const type = state["Type"];
  if (typeof type !== "string" || !STATE_TYPES.has(type)) {
    problems.push(error("SCHEMA_VALIDATION_FAILED", `State ${name} has an unknown Type ${JSON.stringify(type ?? null)}`, `${where}/Type`));
    return;
  }
  const target = (value: JsonValue | undefined, field: string): void => {
    if (value === undefined) return;
    if (typeof value !== "string" || !(value in states)) {
      problems.push(error("MISSING_TRANSITION_TARGET", `Missing 'Next' target: ${JSON.stringify(value)}`, `${where}/${field}`));
    }
  };
  target(state["Next"], "Next");
  target(state["Default"], "Default");
  const terminal = type === "Succeed" || type === "Fail" || type === "Choice";
  if (!terminal && state["Next"] === undefined && state["End"] !== true) {
    problems.push(error("SCHEMA_VALIDATION_FAILED", `State ${name} must have 'Next' or 'End: true'`, where));
  }
  if (type === "Task" && state["Resource"] === undefined) {
    problems.push(error("SCHEMA_VALIDATION_FAILED", `Task ${name} has no 'Resource'`, `${where}/Resource`));
  }
  if (type === "Choice") {
    const choices = state["Choices"];
    if (!Array.isArray(choices) || choices.length === 0) {
      problems.push(error("SCHEMA_VALIDATION_FAILED", `Choice ${name} must have a non-empty 'Choices'`, `${where}/Choices`));
    } else {
      choices.forEach((rule, index) => target(isJsonObject(rule) ? rule["Next"] : undefined, `Choices/${index}/Next`));
    }
  }
  const catchers = state["Catch"];
  if (Array.isArray(catchers)) {
    catchers.forEach((catcher, index) => target(isJsonObject(catcher) ? catcher["Next"] : undefined, `Catch/${index}/Next`));
  }
  const branches = state["Branches"];
  if (type === "Parallel" && Array.isArray(branches)) {
    branches.forEach((branch, index) => checkMachine(branch, `${where}/Branches/${index}`, problems));
  }
  const processor = state["ItemProcessor"] ?? state["Iterator"];
  if (type === "Map" && processor !== undefined) checkMachine(processor, `${where}/ItemProcessor`, problems);
}
