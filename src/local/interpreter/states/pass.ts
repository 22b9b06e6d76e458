/** Pass: hands its input (or `Result`) on, through the usual input/output processing. */
import type { PassModel } from "../compile/model.js";
import type { MaybeAsync, StateOutcome, StateRun } from "../state-run.js";
import { finishWithResult } from "./result.js";

/** Run a Pass state (JSONPath: at once). */
export function runPass(run: StateRun<PassModel>): MaybeAsync<StateOutcome> {
  run.enter();
  return run.afterEntered(passBody);
}

function passBody(run: StateRun<PassModel>): MaybeAsync<StateOutcome> {
  const { state } = run;
  if (run.language === "JSONata") return runJsonataPass(run);
  const params = run.applyPayloadTemplate(state.parameters, "Parameters", run.applyInputPath());
  if (state.parameters !== undefined) run.inspect("afterParameters", params);
  // Its result is `Result`, else the (processed) input; from there on it is any state's result.
  return finishWithResult(run, state.result ? state.result.value : params, run.momentOfEntry());
}

// A JSONata Pass has no result: Assign and Output see only the input.
async function runJsonataPass(run: StateRun<PassModel>): Promise<StateOutcome> {
  const { state } = run;
  const assigned = await run.evaluateAssign(state.assign, run.input);
  const output = state.output === undefined ? run.input : await run.evaluateField("Output", state.output, run.jsonataEnv());
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: run.next };
}
