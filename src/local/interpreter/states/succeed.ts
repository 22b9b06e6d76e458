/** Succeed: ends its workflow (the execution, a branch or an iteration) successfully. */
import type { JsonValue } from "../../../json.js";
import type { SucceedModel } from "../compile/model.js";
import type { StateOutcome, StateRun } from "../state-run.js";

/** Run a Succeed state. */
export async function runSucceed(run: StateRun<SucceedModel>): Promise<StateOutcome> {
  run.enter();
  let output: JsonValue;
  if (run.language === "JSONata") {
    const template = run.state.output;
    output = template === undefined ? run.input : await run.evaluateField("Output", template, run.jsonataEnv());
  } else {
    output = run.applyOutputPath(run.applyInputPath());
  }
  run.exit(output);
  return { output };
}
