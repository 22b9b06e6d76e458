/** Succeed: ends its workflow (the execution, a branch or an iteration) successfully. */
import type { SucceedModel } from "../compile/model.js";
import type { MaybeAsync, StateOutcome, StateRun } from "../state-run.js";

/** Run a Succeed state (JSONPath: at once). */
export function runSucceed(run: StateRun<SucceedModel>): MaybeAsync<StateOutcome> {
  run.enter();
  return run.afterEntered(succeedBody);
}

function succeedBody(run: StateRun<SucceedModel>): MaybeAsync<StateOutcome> {
  const template = run.state.output;
  if (run.language === "JSONata" && template !== undefined) return runJsonataSucceed(run, template);
  const output = run.language === "JSONata" ? run.input : run.applyOutputPath(run.applyInputPath());
  run.exit(output);
  return { output };
}

async function runJsonataSucceed(run: StateRun<SucceedModel>, template: NonNullable<SucceedModel["output"]>): Promise<StateOutcome> {
  const output = await run.evaluateField("Output", template, run.jsonataEnv());
  run.exit(output);
  return { output };
}
