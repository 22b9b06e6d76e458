/** Fail: ends its workflow with `Error` and `Cause` (literal, by path or intrinsic, or JSONata). */
import type { FailModel, TextField } from "../compile/model.js";
import { StatesError, StatesErrorName } from "../errors.js";
import type { StateOutcome, StateRun } from "../state-run.js";

async function resolveText(run: StateRun<FailModel>, text: TextField): Promise<string> {
  const { field } = text;
  if (run.language === "JSONata") {
    const result = text.jsonata ? await run.evaluateField(field, text.jsonata, run.jsonataEnv()) : text.literal;
    if (result === undefined) return "";
    if (typeof result !== "string") {
      throw new StatesError(StatesErrorName.QueryEvaluationError, `The field '${field}' must be a string but was ${JSON.stringify(result)}`);
    }
    return result;
  }
  if (text.literal !== undefined) return text.literal as string;
  if (text.path === undefined) return "";
  const result = run.readDynamic(text.path, `${field}Path`, run.input);
  if (typeof result !== "string") {
    throw new StatesError(StatesErrorName.Runtime, `The value of '${field}Path' must be a string but was ${JSON.stringify(result)}`);
  }
  return result;
}

/** Run a Fail state: always throws the state's error. */
export async function runFail(run: StateRun<FailModel>): Promise<StateOutcome> {
  run.enter();
  const error = await resolveText(run, run.state.error);
  const cause = await resolveText(run, run.state.cause);
  throw new StatesError(error, cause);
}
