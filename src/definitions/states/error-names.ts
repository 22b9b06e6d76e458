import { STATES_ERRORS } from "../../asl/error-names.js";
import { InvalidErrorNameError } from "../../errors.js";

/**
 * Check the error names of one Retry or Catch entry: at least one, all strings, `States.ALL`
 * alone, and only known `States.*` names. `previous` are the entries before it: one with
 * `States.ALL` must be the last.
 */
export function checkErrorNames(owner: string, field: "Retry" | "Catch", errors: unknown, previous: readonly (readonly string[])[]): string[] {
  if (!Array.isArray(errors) || errors.length === 0) {
    throw new InvalidErrorNameError(`${owner}: a ${field} entry needs at least one error name, got ${JSON.stringify(errors) ?? String(errors)}`);
  }
  for (const error of errors as unknown[]) {
    if (typeof error !== "string" || error.length === 0) {
      throw new InvalidErrorNameError(`${owner}: ${field} error names must be non-empty strings, got ${JSON.stringify(error) ?? String(error)}`);
    }
    if (error.startsWith("States.") && !STATES_ERRORS.includes(error)) {
      throw new InvalidErrorNameError(`${owner}: ${field} error name ${JSON.stringify(error)} is not a States error; known: ${STATES_ERRORS.join(", ")}`);
    }
  }
  const names = errors as string[];
  if (names.includes("States.ALL") && names.length > 1) {
    throw new InvalidErrorNameError(`${owner}: ${field} error "States.ALL" cannot be combined with other errors (${JSON.stringify(names)})`);
  }
  if (previous.some((entry) => entry.includes("States.ALL"))) {
    throw new InvalidErrorNameError(`${owner}: a ${field} entry for "States.ALL" must be the last one, but ${JSON.stringify(names)} comes after it`);
  }
  return [...names];
}
