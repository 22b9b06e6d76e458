/** Pass: hands its input (or `Result`) on, through the usual input/output processing. */
import type { StateOutcome, StateRun } from "../state-run.js";
import { finishWithResult } from "./result.js";

/** Run a Pass state. */
export async function runPass(run: StateRun): Promise<StateOutcome> {
  run.enter();
  if (run.language === "JSONata") {
    // A JSONata Pass has no result: Assign and Output see only the input.
    const assigned = await run.evaluateAssign(run.state["Assign"], run.input);
    const template = run.state["Output"];
    const output = template === undefined ? run.input : await run.evaluateField("Output", template, run.jsonataEnv());
    run.applyAssign(assigned);
    run.exit(output, assigned);
    return { output, next: run.next };
  }
  const params = run.applyPayloadTemplate("Parameters", run.applyInputPath());
  if (run.state["Parameters"] !== undefined) run.inspect("afterParameters", params);
  // Its result is `Result`, else the (processed) input; from there on it is any state's result.
  return finishWithResult(run, "Result" in run.state ? run.state["Result"]! : params);
}
