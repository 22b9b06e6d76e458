/** Wait: sleeps (through the host's clock) for `Seconds` or until `Timestamp`, then passes its input on. */
import type { JsonValue } from "../../../json.js";
import { parseTimestamp } from "../choice-rules.js";
import { StatesError, StatesErrorName } from "../errors.js";
import { jsonataExpressionOf, evaluateJsonata } from "../jsonata.js";
import type { StateOutcome, StateRun } from "../state-run.js";

async function waitMs(run: StateRun, effective: JsonValue): Promise<number> {
  const failure = run.language === "JSONata" ? StatesErrorName.QueryEvaluationError : StatesErrorName.Runtime;
  if (run.state["Seconds"] !== undefined || run.state["SecondsPath"] !== undefined) {
    const seconds = await run.resolveNumber("Seconds", effective, { integer: true, min: 0 });
    return seconds! * 1000;
  }
  let timestamp: JsonValue | undefined = run.state["Timestamp"];
  let field = "Timestamp";
  if (timestamp === undefined && run.state["TimestampPath"] !== undefined) {
    timestamp = run.readDynamic("TimestampPath", effective);
    field = "TimestampPath";
  } else if (jsonataExpressionOf(timestamp) !== undefined) {
    timestamp = await evaluateJsonata(jsonataExpressionOf(timestamp)!, run.jsonataEnv(), "Timestamp");
  }
  const at = timestamp === undefined ? undefined : parseTimestamp(timestamp);
  if (at === undefined) {
    throw new StatesError(failure, `The value of the field '${field}' must be an ISO-8601 timestamp but was ${JSON.stringify(timestamp)}`);
  }
  return Math.max(0, at - run.run.host.now());
}

/** Run a Wait state. */
export async function runWait(run: StateRun): Promise<StateOutcome> {
  run.enter();
  const jsonata = run.language === "JSONata";
  const effective = jsonata ? run.input : run.applyInputPath();
  const ms = await waitMs(run, effective);
  // TestState reports what the Wait would do without waiting, as AWS does.
  if (!run.run.testMode) await run.run.host.sleep(ms, run.frame.signal);
  const assigned = await run.evaluateAssign(run.state["Assign"], effective);
  let output: JsonValue;
  if (jsonata) {
    const template = run.state["Output"];
    output = template === undefined ? run.input : await run.evaluateField("Output", template, run.jsonataEnv());
  } else {
    output = run.applyOutputPath(effective);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: run.next };
}
