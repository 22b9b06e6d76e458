/**
 * Wait: sleeps (through the host's clock) for `Seconds` or until `Timestamp`, then passes its
 * input on. Bad delays fail with AWS's texts: States.Runtime for the JSONPath fields,
 * States.QueryEvaluationError for JSONata, both after AWS's "An error occurred while executing
 * the state ..." prefix.
 */
import type { JsonValue } from "../../../json.js";
import { parseTimestamp } from "../../../asl/timestamp.js";
import type { WaitModel } from "../compile/model.js";
import { StatesErrorName } from "../errors.js";
import { jsonTypeName } from "../json-util.js";
import type { StateOutcome, StateRun } from "../state-run.js";

/** AWS's longest Wait: its delay in seconds must fit a 32-bit signed integer (about 68 years). */
const MAX_WAIT_SECONDS = 2 ** 31 - 1;

/** A value as AWS prints it after `==` in its Wait causes: strings bare, the rest as JSON. */
function shown(value: JsonValue): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The delay in milliseconds, checked as AWS checks it. */
async function waitMs(run: StateRun<WaitModel>, effective: JsonValue): Promise<number> {
  const jsonata = run.language === "JSONata";
  const state = run.state;
  // JSONata failures are located at their field for the EvaluationFailed event.
  const field = state.seconds !== undefined ? "Seconds" : "Timestamp";
  const fail = (cause: string): never => {
    throw run.stateFailure(jsonata ? StatesErrorName.QueryEvaluationError : StatesErrorName.Runtime, cause, jsonata ? field : undefined);
  };
  let seconds: number | undefined;
  if (state.seconds !== undefined) {
    const { jsonata: compiled } = state.seconds;
    if (compiled === undefined) {
      seconds = state.seconds.literal as number;
    } else {
      const expression = compiled.text;
      const value = await compiled.evaluate(run.jsonataEnv(), "Seconds");
      if (value === undefined) fail(`The JSONata expression '${expression.trim()}' specified for the field 'Seconds' returned nothing (undefined).`);
      if (typeof value !== "number" || !Number.isInteger(value)) {
        fail(
          `The JSONata expression '${expression.trim()}' specified for the field 'Seconds' returned an unexpected result type. ` +
            `Expected 'integer', but was '${jsonTypeName(value!)}' for value: ${JSON.stringify(value)}`,
        );
      }
      if ((value as number) < 0) fail(`The Seconds field references a negative value: ${String(value)}`);
      seconds = value as number;
    }
  } else if (state.secondsPath !== undefined) {
    const path = state.secondsPath.text;
    const value = run.readPathOrUndefined(state.secondsPath.read, "SecondsPath", effective);
    if (value === undefined) fail(`The SecondsPath parameter does not reference an input value: ${path}`);
    if (typeof value !== "number" || !Number.isInteger(value)) {
      fail(`The SecondsPath parameter cannot be parsed as a long value: ${path} == ${shown(value!)}`);
    }
    if ((value as number) < 0) fail(`The SecondsPath parameter references a negative value: ${path} == ${String(value)}`);
    seconds = value as number;
  }
  if (seconds !== undefined) {
    if (seconds > MAX_WAIT_SECONDS) fail("Wait state delay is too long.");
    return seconds * 1000;
  }

  let at: number | undefined;
  if (state.timestampPath !== undefined) {
    const path = state.timestampPath.text;
    const value = run.readPathOrUndefined(state.timestampPath.read, "TimestampPath", effective);
    if (value === undefined) fail(`The TimestampPath parameter does not reference an input value: ${path}`);
    at = parseTimestamp(value)?.epochMillis;
    if (at === undefined) {
      fail(`The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${path} == ${shown(value!)}`);
    }
  } else {
    let value: JsonValue = state.timestamp?.literal as JsonValue;
    const compiled = state.timestamp?.jsonata;
    if (compiled !== undefined) {
      const expression = compiled.text;
      const result = await compiled.evaluate(run.jsonataEnv(), "Timestamp");
      if (result === undefined) fail(`The JSONata expression '${expression.trim()}' specified for the field 'Timestamp' returned nothing (undefined).`);
      value = result!;
    }
    at = parseTimestamp(value)?.epochMillis;
    if (at === undefined) fail(`The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: ${shown(value)}`);
  }
  const ms = Math.max(0, at! - run.run.host.now());
  if (ms / 1000 > MAX_WAIT_SECONDS) fail("Wait state delay is too long.");
  return ms;
}

/** Run a Wait state. */
export async function runWait(run: StateRun<WaitModel>): Promise<StateOutcome> {
  run.enter();
  const { state } = run;
  const jsonata = run.language === "JSONata";
  const effective = jsonata ? run.input : run.applyInputPath();
  const ms = await waitMs(run, effective);
  // TestState reports what the Wait would do without waiting, as AWS does.
  if (!run.run.testMode) await run.run.host.sleep(ms, run.frame.signal);
  const assigned = await run.evaluateAssign(state.assign, effective);
  let output: JsonValue;
  if (jsonata) {
    output = state.output === undefined ? run.input : await run.evaluateField("Output", state.output, run.jsonataEnv());
  } else {
    output = run.applyOutputPath(effective);
  }
  run.applyAssign(assigned);
  run.exit(output, assigned);
  return { output, next: run.next };
}
