/**
 * Checks a definition before the engine stores it (CreateStateMachine, UpdateStateMachine,
 * ValidateStateMachineDefinition): the JSON, then the definitions layer's own validator,
 * its problems in the API's diagnostic shape. One set of ASL rules for the library and the engine.
 */
import { isJsonObject, type JsonValue } from "../json.js";
import { findDefinitionProblems, type DefinitionFinding } from "../asl/validate.js";

/** One finding, in ValidateStateMachineDefinition's shape. */
export interface DefinitionDiagnostic {
  /** `ERROR` refuses the definition; `WARNING` only informs. */
  severity: "ERROR" | "WARNING";
  /** AWS's diagnostic code, e.g. `SCHEMA_VALIDATION_FAILED`. */
  code: string;
  /** What is wrong. */
  message: string;
  /** JSON pointer-like place of the problem, e.g. `/States/a/Type`. */
  location?: string;
}

/** Parse and check `definition` (JSON text); an empty list means it passed. */
export function checkDefinition(definition: string): DefinitionDiagnostic[] {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(definition) as JsonValue;
  } catch (error) {
    return [{ severity: "ERROR", code: "INVALID_JSON_DESCRIPTION", message: `The definition is not valid JSON: ${(error as Error).message}` }];
  }
  if (!isJsonObject(parsed)) return [{ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", message: "The definition must be a JSON object", location: "/" }];
  return findDefinitionProblems(parsed).map(diagnostic);
}

function diagnostic(problem: DefinitionFinding): DefinitionDiagnostic {
  const where = [...(problem.branch ?? []), ...(problem.state !== undefined ? ["States", problem.state] : []), ...(problem.field !== undefined ? [problem.field] : [])];
  return {
    severity: "ERROR",
    code: problem.missingTarget ? "MISSING_TRANSITION_TARGET" : "SCHEMA_VALIDATION_FAILED",
    message: problem.message,
    location: `/${where.join("/")}`,
  };
}
