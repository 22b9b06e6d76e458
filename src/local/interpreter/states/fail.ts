/** Fail: ends its workflow with `Error` and `Cause` (literal, by path or intrinsic, or JSONata). */
import { jsonataExpressionOf } from "../jsonata.js";
import { evaluateTemplatePath } from "../templates.js";
import { StatesError, StatesErrorName } from "../errors.js";
import type { StateOutcome, StateRun } from "../state-run.js";

async function resolveText(run: StateRun, field: "Error" | "Cause"): Promise<string> {
  const value = run.state[field];
  if (run.language === "JSONata") {
    if (value === undefined) return "";
    const result = jsonataExpressionOf(value) === undefined ? value : await run.evaluateField(field, value, run.jsonataEnv());
    if (typeof result !== "string") {
      throw new StatesError(StatesErrorName.QueryEvaluationError, `The field '${field}' must be a string but was ${JSON.stringify(result)}`);
    }
    return result;
  }
  if (value !== undefined) return value as string;
  if (run.state[`${field}Path`] === undefined) return "";
  const result = evaluateTemplatePath(run.state[`${field}Path`] as string, run.roots(run.input), run.run, `${field}Path`);
  if (typeof result !== "string") {
    throw new StatesError(StatesErrorName.Runtime, `The value of '${field}Path' must be a string but was ${JSON.stringify(result)}`);
  }
  return result;
}

/** Run a Fail state: always throws the state's error. */
export async function runFail(run: StateRun): Promise<StateOutcome> {
  run.enter();
  const error = await resolveText(run, "Error");
  const cause = await resolveText(run, "Cause");
  throw new StatesError(error, cause);
}
