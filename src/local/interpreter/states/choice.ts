/** Choice: the first rule that matches picks `Next`; else `Default`; else `States.NoChoiceMatched`. */
import type { JsonObject, JsonValue } from "../../../json.js";
import type { ChoiceModel, ChoiceRuleModel } from "../compile/model.js";
import { StatesError, StatesErrorName } from "../errors.js";
import type { MaybeAsync, StateOutcome, StateRun } from "../state-run.js";

/** Run a Choice state (JSONPath: at once). */
export function runChoice(run: StateRun<ChoiceModel>): MaybeAsync<StateOutcome> {
  run.enter();
  return run.afterEntered(choiceBody);
}

function choiceBody(run: StateRun<ChoiceModel>): MaybeAsync<StateOutcome> {
  if (run.language === "JSONata") return runJsonataChoice(run);
  const effective = run.applyInputPath();
  const roots = run.roots(effective);
  let matched: ChoiceRuleModel | undefined;
  for (const rule of run.state.choices) {
    // A JSONPath state's rules are JSONPath rules (compile/compile.ts).
    if ("jsonPath" in rule.matches && rule.matches.jsonPath(roots)) {
      matched = rule;
      break;
    }
  }
  const { next, source } = chosen(run, matched);
  const assigned = run.evaluateAssign(source.assign, effective);
  return assigned instanceof Promise
    ? assigned.then((values) => leave(run, run.applyOutputPath(effective), values, next))
    : leave(run, run.applyOutputPath(effective), assigned, next, run.momentOfEntry());
}

async function runJsonataChoice(run: StateRun<ChoiceModel>): Promise<StateOutcome> {
  const { state } = run;
  const effective = run.input;
  let matched: ChoiceRuleModel | undefined;
  const roots = run.roots(effective);
  const env = run.jsonataEnv();
  for (const rule of state.choices) {
    const passes = "jsonata" in rule.matches ? await rule.matches.jsonata(env) : rule.matches.jsonPath(roots);
    if (passes) {
      matched = rule;
      break;
    }
  }
  const { next, source } = chosen(run, matched);
  const assigned = await run.evaluateAssign(source.assign, effective);
  const output = source.output === undefined ? run.input : await run.evaluateField("Output", source.output, env);
  return leave(run, output, assigned, next);
}

/** The next state and whose Assign/Output apply: a matched rule's own win; the Default path uses the state's. */
function chosen(run: StateRun<ChoiceModel>, matched: ChoiceRuleModel | undefined): { next: string; source: NonNullable<ChoiceRuleModel["own"]> } {
  const { state } = run;
  const next = matched?.next ?? state.default;
  if (next === undefined) {
    throw new StatesError(
      StatesErrorName.NoChoiceMatched,
      `No Choice rule matched and no Default is set in the state '${run.name}'.`,
    );
  }
  return { next, source: matched?.own ?? state };
}

function leave(run: StateRun<ChoiceModel>, output: JsonValue, assigned: JsonObject | undefined, next: string, at?: number): StateOutcome {
  run.applyAssign(assigned);
  run.exit(output, assigned, at);
  return { output, next };
}
