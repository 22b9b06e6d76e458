/** Choice: the first rule that matches picks `Next`; else `Default`; else `States.NoChoiceMatched`. */
import type { JsonObject, JsonValue } from "../../../json.js";
import { evaluateJsonataCondition, evaluateJsonPathRule } from "../choice-rules.js";
import { StatesError, StatesErrorName } from "../errors.js";
import type { StateOutcome, StateRun } from "../state-run.js";

/** Run a Choice state. */
export async function runChoice(run: StateRun): Promise<StateOutcome> {
  run.enter();
  const rules = (run.state["Choices"] as JsonObject[] | undefined) ?? [];
  const jsonata = run.language === "JSONata";
  const effective = jsonata ? run.input : run.applyInputPath();
  let matched: JsonObject | undefined;
  const roots = run.roots(effective);
  const env = jsonata ? run.jsonataEnv() : undefined;
  for (const rule of rules) {
    const passes = env ? await evaluateJsonataCondition(rule, env) : evaluateJsonPathRule(rule, roots);
    if (passes) {
      matched = rule;
      break;
    }
  }
  const next = (matched?.["Next"] ?? run.state["Default"]) as string | undefined;
  if (next === undefined) {
    throw new StatesError(
      StatesErrorName.NoChoiceMatched,
      `No Choice rule matched and no Default is set in the state '${run.name}'.`,
    );
  }
  // A matched rule's own Assign/Output win; the Default path uses the state's.
  const source = matched && (matched["Assign"] !== undefined || matched["Output"] !== undefined) ? matched : run.state;
  const assigned = await run.evaluateAssign(source["Assign"], effective);
  let output: JsonValue;
  if (jsonata) {
    const template = source["Output"];
    output = template === undefined ? run.input : await run.evaluateField("Output", template, env!);
  } else {
    output = run.applyOutputPath(effective);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next };
}
