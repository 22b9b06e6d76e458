/** Pass: hands its input (or `Result`) on, through the usual input/output processing. */
import type { JsonValue } from "../../../json.js";
import type { StateOutcome, StateRun } from "../state-run.js";

/** Run a Pass state. */
export async function runPass(run: StateRun): Promise<StateOutcome> {
  run.enter();
  let output: JsonValue;
  let assigned;
  if (run.language === "JSONata") {
    assigned = await run.evaluateAssign(run.state["Assign"], run.input);
    const template = run.state["Output"];
    output = template === undefined ? run.input : await run.evaluateField("Output", template, run.jsonataEnv());
  } else {
    const effective = run.applyInputPath();
    const params = run.applyPayloadTemplate("Parameters", effective);
    if (run.state["Parameters"] !== undefined) run.inspect("afterParameters", params);
    const result = "Result" in run.state ? run.state["Result"]! : params;
    run.inspect("result", result);
    assigned = await run.evaluateAssign(run.state["Assign"], result);
    const afterResultPath = run.applyResultPath(result);
    run.inspect("afterResultPath", afterResultPath);
    output = run.applyOutputPath(afterResultPath);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: run.next };
}
