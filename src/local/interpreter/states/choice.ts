/** Choice: the first rule that matches picks `Next`; else `Default`; else `States.NoChoiceMatched`. */
import type { JsonValue } from "../../../json.js";
import type { ChoiceModel, ChoiceRuleModel } from "../compile/model.js";
import { StatesError, StatesErrorName } from "../errors.js";
import type { StateOutcome, StateRun } from "../state-run.js";

/** Run a Choice state. */
export async function runChoice(run: StateRun<ChoiceModel>): Promise<StateOutcome> {
  run.enter();
  const { state } = run;
  const jsonata = run.language === "JSONata";
  const effective = jsonata ? run.input : run.applyInputPath();
  let matched: ChoiceRuleModel | undefined;
  const roots = run.roots(effective);
  const env = jsonata ? run.jsonataEnv() : undefined;
  for (const rule of state.choices) {
    const passes = "jsonata" in rule.matches ? await rule.matches.jsonata(env ?? run.jsonataEnv()) : rule.matches.jsonPath(roots);
    if (passes) {
      matched = rule;
      break;
    }
  }
  const next = matched?.next ?? state.default;
  if (next === undefined) {
    throw new StatesError(
      StatesErrorName.NoChoiceMatched,
      `No Choice rule matched and no Default is set in the state '${run.name}'.`,
    );
  }
  // A matched rule's own Assign/Output win; the Default path uses the state's.
  const source = matched?.own ?? state;
  const assigned = await run.evaluateAssign(source.assign, effective);
  let output: JsonValue;
  if (jsonata) {
    output = source.output === undefined ? run.input : await run.evaluateField("Output", source.output, env!);
  } else {
    output = run.applyOutputPath(effective);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next };
}
