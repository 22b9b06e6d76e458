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
  let output: JsonValue;
  let assigned;
  if (run.language === "JSONata") {
    assigned = await run.evaluateAssign(run.state["Assign"], result, { result });
    const template = run.state["Output"];
    output = template === undefined ? result : await run.evaluateField("Output", template, run.jsonataEnv({ result }));
  } else {
    const selected = run.applyPayloadTemplate("ResultSelector", result);
    if (run.state["ResultSelector"] !== undefined) run.inspect("afterResultSelector", selected);
    assigned = await run.evaluateAssign(run.state["Assign"], selected);
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
  if (run.language === "JSONata") {
    const template = run.state["Arguments"];
    const args = template === undefined ? run.input : await run.evaluateField("Arguments", template, run.jsonataEnv());
    run.inspect("afterArguments", args);
    return { args, effective: run.input };
  }
  const effective = run.applyInputPath();
  const args = run.applyPayloadTemplate("Parameters", effective);
  if (run.state["Parameters"] !== undefined) run.inspect("afterParameters", args);
  return { args, effective };
}
