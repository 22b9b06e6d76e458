/**
 * Issue 9, class 1: a JSONata expression that yields nothing where a value is needed, or a value
 * JSON cannot hold, or that throws, fails the state with `States.QueryEvaluationError`, AWS's
 * cause after AWS's "An error occurred while executing the state ..." prefix, and an
 * `EvaluationFailed` event before `ExecutionFailed`. Recorded on AWS: Output, Output/result,
 * Assign/result, Arguments, Arguments/FunctionName, Items (unsupported and unexpected result
 * types) and a JSONata error (`T1006`). Cases marked "inferred" apply the same rule to fields
 * no recording covers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
const calls: JsonValue[] = [];
beforeAll(async () => {
  c = await conformance();
  c.engine.registerLambda("echo", (event) => {
    calls.push(event);
    return event;
  });
});
afterAll(() => c.close());

const prefix = (state: string, entered: number): string =>
  `An error occurred while executing the state '${state}' (entered at the event id #${entered}). `;
const nothing = (expression: string, field: string): string =>
  `The JSONata expression '${expression}' specified for the field '${field}' returned nothing (undefined).`;

function jsonata(states: JsonObject, startAt = Object.keys(states)[0]!): object {
  return { QueryLanguage: "JSONata", StartAt: startAt, States: states };
}

async function expectEvaluationError(
  definition: object,
  expected: { state: string; entered: number; cause: string; location?: string; events: string[] },
  input: JsonValue = {},
): Promise<void> {
  const outcome = await c.run(definition, input);
  const cause = `${prefix(expected.state, expected.entered)}${expected.cause}`;
  expect(outcome.status).toBe("FAILED");
  expect(outcome.error).toBe("States.QueryEvaluationError");
  expect(outcome.cause).toBe(cause);
  expect(outcome.events).toEqual(expected.events);
  const evaluation = outcome.history.find((event) => event.type === "EvaluationFailed")!;
  const details: Record<string, string> = { error: "States.QueryEvaluationError", cause, state: expected.state };
  if (expected.location !== undefined) details["location"] = expected.location;
  expect(evaluation.evaluationFailedEventDetails).toEqual(details);
}

const PASS_EVENTS = ["ExecutionStarted", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"];
const TASK_EVENTS = ["ExecutionStarted", "TaskStateEntered", "EvaluationFailed", "ExecutionFailed"];

describe("an expression that returns nothing (undefined)", () => {
  it("Output (recorded)", async () => {
    await expectEvaluationError(jsonata({ State0: { Type: "Pass", Output: "{% $doesNotExist %}", End: true } }), {
      state: "State0",
      entered: 2,
      cause: nothing("$doesNotExist", "Output"),
      location: "Output",
      events: PASS_EVENTS,
    });
  });

  it("a key of Output (recorded)", async () => {
    await expectEvaluationError(jsonata({ State0: { Type: "Pass", Output: { result: "{% $doesNotExist %}" }, End: true } }), {
      state: "State0",
      entered: 2,
      cause: nothing("$doesNotExist", "Output/result"),
      location: "Output/result",
      events: PASS_EVENTS,
    });
  });

  it("a key of Output in the third state (recorded)", async () => {
    await expectEvaluationError(
      jsonata({
        State0: { Type: "Pass", Next: "State1" },
        State1: { Type: "Pass", Next: "State2" },
        State2: { Type: "Pass", Output: { result: "{% $doesNotExist %}" }, End: true },
      }),
      {
        state: "State2",
        entered: 6,
        cause: nothing("$doesNotExist", "Output/result"),
        location: "Output/result",
        events: ["ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited", "PassStateEntered", "EvaluationFailed", "ExecutionFailed"],
      },
    );
  });

  it("a key of Assign (recorded)", async () => {
    await expectEvaluationError(jsonata({ State0: { Type: "Pass", Assign: { result: "{% $doesNotExist %}" }, End: true } }), {
      state: "State0",
      entered: 2,
      cause: nothing("$doesNotExist", "Assign/result"),
      location: "Assign/result",
      events: PASS_EVENTS,
    });
  });

  it("Arguments of a Task: the task is never called (recorded)", async () => {
    const before = calls.length;
    await expectEvaluationError(jsonata({ State0: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: "{% $doesNotExist %}", End: true } }), {
      state: "State0",
      entered: 2,
      cause: nothing("$doesNotExist", "Arguments"),
      location: "Arguments",
      events: TASK_EVENTS,
    });
    expect(calls.length).toBe(before);
  });

  it("a key of Arguments: the task is never called with the key missing (recorded)", async () => {
    const before = calls.length;
    await expectEvaluationError(
      jsonata({ State0: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "{% $doesNotExist %}" }, End: true } }),
      { state: "State0", entered: 2, cause: nothing("$doesNotExist", "Arguments/FunctionName"), location: "Arguments/FunctionName", events: TASK_EVENTS },
    );
    expect(calls.length).toBe(before);
  });

  it("nested keys and array elements name their place (inferred)", async () => {
    await expectEvaluationError(jsonata({ s: { Type: "Pass", Output: { a: { b: ["x", "{% $states.input.none %}"] } }, End: true } }), {
      state: "s",
      entered: 2,
      cause: nothing("$states.input.none", "Output/a/b/1"),
      location: "Output/a/b/1",
      events: PASS_EVENTS,
    });
  });

  it("Items of a Map (inferred)", async () => {
    await expectEvaluationError(
      jsonata({ m: { Type: "Map", Items: "{% $states.input.none %}", ItemProcessor: { StartAt: "p", States: { p: { Type: "Pass", End: true } } }, End: true } }),
      {
        state: "m",
        entered: 2,
        cause: nothing("$states.input.none", "Items"),
        location: "Items",
        events: ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"],
      },
    );
  });

  it.each([
    ["TimeoutSeconds", "Task"],
    ["HeartbeatSeconds", "Task"],
  ])("%s of a Task (inferred)", async (field) => {
    await expectEvaluationError(
      jsonata({ t: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Arguments: { FunctionName: "echo" }, [field]: "{% $states.input.none %}", End: true } }),
      { state: "t", entered: 2, cause: nothing("$states.input.none", field), location: field, events: TASK_EVENTS },
    );
  });

  it("Choice Condition (inferred)", async () => {
    await expectEvaluationError(
      jsonata({ c: { Type: "Choice", Choices: [{ Condition: "{% $states.input.none %}", Next: "d" }], Default: "d" }, d: { Type: "Succeed" } }),
      {
        state: "c",
        entered: 2,
        cause: nothing("$states.input.none", "Condition"),
        location: "Condition",
        events: ["ExecutionStarted", "ChoiceStateEntered", "EvaluationFailed", "ExecutionFailed"],
      },
    );
  });

  it("the Output of a catcher (inferred)", async () => {
    await expectEvaluationError(
      jsonata({
        t: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "no-such-function" },
          Catch: [{ ErrorEquals: ["States.ALL"], Output: { e: "{% $states.input.none %}" }, Next: "d" }],
          Next: "d",
        },
        d: { Type: "Succeed" },
      }),
      {
        state: "t",
        entered: 2,
        cause: nothing("$states.input.none", "Output/e"),
        location: "Output/e",
        events: ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "EvaluationFailed", "ExecutionFailed"],
      },
    );
  });
});

describe("results JSON cannot hold, and expressions that throw", () => {
  it("a function as Items: an unsupported result type (recorded)", async () => {
    await expectEvaluationError(
      jsonata({
        MapIterateState: { Type: "Map", Items: "{% $fn := function($x){$x} %}", ItemProcessor: { StartAt: "Pass", States: { Pass: { Type: "Pass", End: true } } }, End: true },
      }),
      {
        state: "MapIterateState",
        entered: 2,
        cause: "The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an unsupported result type.",
        location: "Items",
        events: ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"],
      },
    );
  });

  it("a function as Output (inferred)", async () => {
    await expectEvaluationError(jsonata({ s: { Type: "Pass", Output: "{% function($x){$x} %}", End: true } }), {
      state: "s",
      entered: 2,
      cause: "The JSONata expression 'function($x){$x}' specified for the field 'Output' returned an unsupported result type.",
      location: "Output",
      events: PASS_EVENTS,
    });
  });

  it.each<[string, string, JsonValue]>([
    ["1", "number", 1],
    ["'string'", "string", "string"],
    ["true", "boolean", true],
    ["null", "null", null],
    ["{'foo': 'bar'}", "object", { foo: "bar" }],
  ])("Items %s: an unexpected result type (recorded)", async (expression, type, value) => {
    await expectEvaluationError(
      jsonata({ MapIterateState: { Type: "Map", Items: `{% ${expression} %}`, ItemProcessor: { StartAt: "Pass", States: { Pass: { Type: "Pass", End: true } } }, End: true } }),
      {
        state: "MapIterateState",
        entered: 2,
        cause: `The JSONata expression '${expression}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '${type}' for value: ${JSON.stringify(value)}`,
        location: "Items",
        events: ["ExecutionStarted", "MapStateEntered", "EvaluationFailed", "MapStateFailed", "ExecutionFailed"],
      },
    );
  });

  it("an expression that throws: 'threw an error during evaluation' with JSONata's code (recorded)", async () => {
    await expectEvaluationError(
      jsonata({ State_0: { Type: "Pass", Output: { FunctionResult: "{% $randomSeeded($states.input.FunctionInput.fst) %}" }, End: true } }),
      {
        state: "State_0",
        entered: 2,
        cause:
          "The JSONata expression '$randomSeeded($states.input.FunctionInput.fst)' specified for the field 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function",
        location: "Output/FunctionResult",
        events: PASS_EVENTS,
      },
      { FunctionInput: "fst" },
    );
  });

  it("a Choice Condition that is not a boolean (inferred)", async () => {
    await expectEvaluationError(
      jsonata({ c: { Type: "Choice", Choices: [{ Condition: "{% 'yes' %}", Next: "d" }], Default: "d" }, d: { Type: "Succeed" } }),
      {
        state: "c",
        entered: 2,
        cause: "The JSONata expression ''yes'' specified for the field 'Condition' returned an unexpected result type. Expected 'boolean', but was 'string' for value: \"yes\"",
        location: "Condition",
        events: ["ExecutionStarted", "ChoiceStateEntered", "EvaluationFailed", "ExecutionFailed"],
      },
    );
  });
});

describe("an evaluation error is an error like any other for Catch (inferred)", () => {
  it("States.ALL catches a Task's Arguments error; the catcher sees AWS's cause", async () => {
    const outcome = await c.run(
      jsonata({
        t: {
          Type: "Task",
          Resource: "arn:aws:states:::lambda:invoke",
          Arguments: { FunctionName: "{% $nope %}" },
          Catch: [{ ErrorEquals: ["States.QueryEvaluationError"], Output: "{% $states.errorOutput %}", Next: "d" }],
          Next: "d",
        },
        d: { Type: "Succeed" },
      }),
    );
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.output).toEqual({ Error: "States.QueryEvaluationError", Cause: `${prefix("t", 2)}${nothing("$nope", "Arguments/FunctionName")}` });
    expect(outcome.events).toEqual(["ExecutionStarted", "TaskStateEntered", "EvaluationFailed", "TaskStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"]);
  });
});
