/**
 * The tail every state with a result shares (Task, Parallel, Map): ResultSelector →
 * Assign → ResultPath → OutputPath in JSONPath, or Assign + Output (default
 * `$states.result`) in JSONata; then the Exited event. JSONPath needs no waiting, so its
 * outcome comes at once.
 */
import type { JsonObject, JsonValue } from "../../../json.js";
import type { MaybeAsync, StateOutcome, StateRun } from "../state-run.js";

/**
 * Finish a state that produced `result`. `at`: the time of the moment the result came, when
 * the caller knows it is still that moment (JSONPath needs no waiting, so its Exited event may
 * carry it).
 */
export function finishWithResult(run: StateRun, result: JsonValue, at?: number): MaybeAsync<StateOutcome> {
  run.inspect("result", result);
  if (run.language === "JSONata") return finishJsonata(run, result);
  const { state } = run;
  const selected = run.applyPayloadTemplate(state.resultSelector, "ResultSelector", result);
  if (state.resultSelector !== undefined) run.inspect("afterResultSelector", selected);
  const assigned = run.evaluateAssign(state.assign, selected);
  return assigned instanceof Promise ? assigned.then((values) => finishJsonPath(run, selected, values)) : finishJsonPath(run, selected, assigned, at);
}

function finishJsonPath(run: StateRun, selected: JsonValue, assigned: JsonObject | undefined, at?: number): StateOutcome {
  const afterResultPath = run.applyResultPath(selected);
  run.inspect("afterResultPath", afterResultPath);
  const output = run.applyOutputPath(afterResultPath);
  run.applyAssign(assigned);
  run.exit(output, assigned, at);
  return { output, next: run.next };
}

async function finishJsonata(run: StateRun, result: JsonValue): Promise<StateOutcome> {
  const { state } = run;
  const assigned = await run.evaluateAssign(state.assign, result, { result });
  const output = state.output === undefined ? result : await run.evaluateField("Output", state.output, run.jsonataEnv({ result }));
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: run.next };
}

/**
 * The input a Task or Parallel hands on: InputPath + Parameters (JSONPath) or `Arguments`
 * (JSONata; the raw input when absent), and the input `...Path` fields read from.
 */
export function effectiveArguments(run: StateRun): MaybeAsync<{ args: JsonValue; effective: JsonValue }> {
  const { state } = run;
  if (run.language === "JSONata") return jsonataArguments(run);
  const effective = run.applyInputPath();
  const args = run.applyPayloadTemplate(state.parameters, "Parameters", effective);
  if (state.parameters !== undefined) run.inspect("afterParameters", args);
  return { args, effective };
}

async function jsonataArguments(run: StateRun): Promise<{ args: JsonValue; effective: JsonValue }> {
  const { state } = run;
  const args = state.arguments === undefined ? run.input : await run.evaluateField("Arguments", state.arguments, run.jsonataEnv());
  run.inspect("afterArguments", args);
  return { args, effective: run.input };
}
