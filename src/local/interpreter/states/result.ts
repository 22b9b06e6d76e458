/**
 * The tail every state with a result shares (Task, Parallel, Map): ResultSelector →
 * Assign → ResultPath → OutputPath in JSONPath, or Assign + Output (default
 * `$states.result`) in JSONata; then the Exited event.
 */
import type { JsonValue } from "../../../json.js";
import type { StateOutcome, StateRun } from "../state-run.js";

/** Finish a state that produced `result`. */
export async function finishWithResult(run: StateRun, result: JsonValue): Promise<StateOutcome> {
  run.inspect("result", result);
  const { state } = run;
  let output: JsonValue;
  let assigned;
  if (run.language === "JSONata") {
    assigned = await run.evaluateAssign(state.assign, result, { result });
    output = state.output === undefined ? result : await run.evaluateField("Output", state.output, run.jsonataEnv({ result }));
  } else {
    const selected = run.applyPayloadTemplate(state.resultSelector, "ResultSelector", result);
    if (state.resultSelector !== undefined) run.inspect("afterResultSelector", selected);
    assigned = await run.evaluateAssign(state.assign, selected);
    const afterResultPath = run.applyResultPath(selected);
    run.inspect("afterResultPath", afterResultPath);
    output = run.applyOutputPath(afterResultPath);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: run.next };
}

/**
 * The input a Task or Parallel hands on: InputPath + Parameters (JSONPath) or `Arguments`
 * (JSONata; the raw input when absent), and the input `...Path` fields read from.
 */
export async function effectiveArguments(run: StateRun): Promise<{ args: JsonValue; effective: JsonValue }> {
  const { state } = run;
  if (run.language === "JSONata") {
    const args = state.arguments === undefined ? run.input : await run.evaluateField("Arguments", state.arguments, run.jsonataEnv());
    run.inspect("afterArguments", args);
    return { args, effective: run.input };
  }
  const effective = run.applyInputPath();
  const args = run.applyPayloadTemplate(state.parameters, "Parameters", effective);
  if (state.parameters !== undefined) run.inspect("afterParameters", args);
  return { args, effective };
}
