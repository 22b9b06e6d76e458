/**
 * Issue 9, class 2: the events AWS writes around a failing field and a failing attempt.
 * - `EvaluationFailed` (JSONata states only, as the API reference says) with `error`, `cause`,
 *   `location` and `state`, before the state's own failure event and `ExecutionFailed`; AWS
 *   chains it to the event before the state's Entered event (a Wait: to the Entered event).
 * - `MapStateStarted` before `MapRunStarted` in a Distributed Map, and before a Map fails on a
 *   bad MaxConcurrency/ToleratedFailure value (then no MapStateFailed).
 * - A Map or Parallel that is retried writes `MapStateStarted`/`ParallelStateStarted` per
 *   attempt and `MapStateFailed`/`ParallelStateFailed` once, after the last attempt.
 * Every sequence here is one recorded on AWS, with its ids and previous ids.
 */
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  // Retry intervals elapse at once.
  c = await conformance({ timeScale: 0 });
  c.engine.registerLambda("raise", () => {
    throw Object.assign(new Error("Some exception was raised."), { name: "Exception" });
  });
});
afterAll(() => c.close());

/** `id<previous:type` for each event, as the recordings are read. */
function chain(history: HistoryEvent[]): string[] {
  return history.map((event) => `${event.id}<${event.previousEventId}:${event.type}`);
}

const prefix = (state: string, entered: number): string =>
  `An error occurred while executing the state '${state}' (entered at the event id #${entered}). `;

describe("EvaluationFailed", () => {
  it("a Pass that is the first state: chained to event 0, then ExecutionFailed", async () => {
    const outcome = await c.run({ QueryLanguage: "JSONata", StartAt: "State0", States: { State0: { Type: "Pass", Output: "{% $doesNotExist %}", End: true } } });
    expect(chain(outcome.history)).toEqual(["1<0:ExecutionStarted", "2<0:PassStateEntered", "3<0:EvaluationFailed", "4<3:ExecutionFailed"]);
  });

  it("a Wait's Timestamp: chained to the Entered event, located at Timestamp", async () => {
    const outcome = await c.run({ QueryLanguage: "JSONata", StartAt: "WaitState", States: { WaitState: { Type: "Wait", Timestamp: "{% '2016-12-05 21:29:29Z' %}", End: true } } });
    expect(chain(outcome.history)).toEqual(["1<0:ExecutionStarted", "2<0:WaitStateEntered", "3<2:EvaluationFailed", "4<3:ExecutionFailed"]);
    const cause = `${prefix("WaitState", 2)}The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: 2016-12-05 21:29:29Z`;
    expect(outcome.history[2]!.evaluationFailedEventDetails).toEqual({ error: "States.QueryEvaluationError", cause, location: "Timestamp", state: "WaitState" });
    expect(outcome.cause).toBe(cause);
  });

  it("a Map whose input is not an array: no location, then MapStateFailed", async () => {
    const outcome = await c.run(
      {
        QueryLanguage: "JSONata",
        StartAt: "Start",
        States: {
          Start: { Type: "Pass", Output: "{% $states.input.items %}", Next: "MapIterateState" },
          MapIterateState: { Type: "Map", MaxConcurrency: 1, ItemProcessor: { StartAt: "Pass", States: { Pass: { Type: "Pass", End: true } } }, End: true },
        },
      },
      { items: 1 },
    );
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:PassStateEntered",
      "3<2:PassStateExited",
      "4<3:MapStateEntered",
      "5<3:EvaluationFailed",
      "6<5:MapStateFailed",
      "7<6:ExecutionFailed",
    ]);
    const cause = `${prefix("MapIterateState", 4)}Map state input must be an array but was: 1`;
    expect(outcome.history[4]!.evaluationFailedEventDetails).toEqual({ error: "States.QueryEvaluationError", cause, state: "MapIterateState" });
  });

  it("a state in a Map iteration after a retried, caught Task: EvaluationFailed, MapIterationFailed, MapStateFailed", async () => {
    const outcome = await c.run(
      {
        QueryLanguage: "JSONata",
        StartAt: "ProcessItems",
        States: {
          ProcessItems: {
            Type: "Map",
            Items: "{% $states.input.items %}",
            MaxConcurrency: 1,
            ItemProcessor: {
              ProcessorConfig: { Mode: "INLINE" },
              StartAt: "ProcessItem",
              States: {
                ProcessItem: {
                  Type: "Task",
                  Resource: "arn:aws:states:::lambda:invoke",
                  Arguments: { FunctionName: "raise", Payload: { foo: "foobar" } },
                  Retry: [{ ErrorEquals: ["States.ALL"], IntervalSeconds: 1, MaxAttempts: 1 }],
                  Catch: [{ ErrorEquals: ["States.ALL"], Output: { stateInput: "{% $states.input %}", stateError: "{% $states.errorOutput %}" }, Next: "Fallback" }],
                  Output: { stateInput: "{% $states.input %}", stateResult: "{% $states.result %}" },
                  Next: "Finish",
                },
                Fallback: { Type: "Pass", Output: { error: "{% $stateError %}" }, End: true },
                Finish: { Type: "Pass", Output: { result: "{% $stateResult %}" }, End: true },
              },
            },
            End: true,
          },
        },
      },
      { items: [1] },
    );
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:MapStateEntered",
      "3<2:MapStateStarted",
      "4<3:MapIterationStarted",
      "5<4:TaskStateEntered",
      "6<5:TaskScheduled",
      "7<6:TaskStarted",
      "8<7:TaskFailed",
      "9<8:TaskScheduled",
      "10<9:TaskStarted",
      "11<10:TaskFailed",
      "12<11:TaskStateExited",
      "13<12:PassStateEntered",
      "14<12:EvaluationFailed",
      "15<14:MapIterationFailed",
      "16<14:MapStateFailed",
      "17<16:ExecutionFailed",
    ]);
    const cause = `${prefix("Fallback", 13)}The JSONata expression '$stateError' specified for the field 'Output/error' returned nothing (undefined).`;
    expect(outcome.history[13]!.evaluationFailedEventDetails).toEqual({ error: "States.QueryEvaluationError", cause, location: "Output/error", state: "Fallback" });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.QueryEvaluationError", cause });
  });

  it("is not written for JSONPath states (their bad paths fail with States.Runtime only)", async () => {
    const outcome = await c.run({ StartAt: "pass", States: { pass: { Type: "Pass", InputPath: "$.NoSuchInputPath", End: true } } });
    expect(outcome.events).toEqual(["ExecutionStarted", "PassStateEntered", "ExecutionFailed"]);
  });
});

describe("MapStateStarted", () => {
  const distributed = (fields: object) => ({
    StartAt: "MapState",
    States: {
      MapState: {
        Type: "Map",
        ItemsPath: "$.items",
        ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "p", States: { p: { Type: "Pass", End: true } } },
        ...fields,
        End: true,
      },
    },
  });

  // Its length counts the items given in the input (recorded: map_state_config_distributed_items_path_from_previous).
  it("comes before MapRunStarted in a Distributed Map, with the number of items", async () => {
    const outcome = await c.run(distributed({ ToleratedFailureCount: 0 }), { items: [0] });
    expect(chain(outcome.history).slice(0, 4)).toEqual(["1<0:ExecutionStarted", "2<0:MapStateEntered", "3<2:MapStateStarted", "4<3:MapRunStarted"]);
    expect(outcome.history[2]!.mapStateStartedEventDetails).toEqual({ length: 1 });
    expect(outcome.events.slice(4)).toEqual(["MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"]);
  });

  it("comes before a bad ToleratedFailureCountPath value fails the execution, with no MapStateFailed", async () => {
    const outcome = await c.run(distributed({ ToleratedFailureCountPath: "$.ToleratedFailureCount" }), { items: [0], ToleratedFailureCount: "NoNumber" });
    expect(chain(outcome.history)).toEqual(["1<0:ExecutionStarted", "2<0:MapStateEntered", "3<2:MapStateStarted", "4<3:ExecutionFailed"]);
    expect(outcome.cause).toBe(`${prefix("MapState", 2)}The ToleratedFailureCountPath field refers to value "NoNumber" which is not a valid integer: $.ToleratedFailureCount`);
  });
});

describe("a retried Map or Parallel writes its Failed event after the last attempt only", () => {
  it("Map: MapStateStarted per attempt, one MapStateFailed", async () => {
    const outcome = await c.run({
      StartAt: "StartState",
      States: {
        StartState: { Type: "Pass", Result: [1], ResultPath: "$.arr", Next: "MapState" },
        MapState: {
          Type: "Map",
          ResultPath: null,
          InputPath: "$.arr",
          MaxConcurrency: 1,
          ItemProcessor: {
            ProcessorConfig: { Mode: "INLINE" },
            StartAt: "HandleItemFail",
            States: { HandleItemFail: { Type: "Fail", Error: "HandleItemFailError", Cause: "HandleItemFailCause" } },
          },
          Retry: [{ ErrorEquals: ["HandleItemFailError"], MaxAttempts: 2 }],
          Next: "Final",
        },
        Final: { Type: "Pass", End: true },
      },
    });
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:PassStateEntered",
      "3<2:PassStateExited",
      "4<3:MapStateEntered",
      "5<4:MapStateStarted",
      "6<5:MapIterationStarted",
      "7<6:FailStateEntered",
      "8<7:MapIterationFailed",
      "9<7:MapStateStarted",
      "10<9:MapIterationStarted",
      "11<10:FailStateEntered",
      "12<11:MapIterationFailed",
      "13<11:MapStateStarted",
      "14<13:MapIterationStarted",
      "15<14:FailStateEntered",
      "16<15:MapIterationFailed",
      "17<15:MapStateFailed",
      "18<17:ExecutionFailed",
    ]);
    expect(outcome).toMatchObject({ error: "HandleItemFailError", cause: "HandleItemFailCause" });
  });

  it("Parallel: ParallelStateStarted per attempt, one ParallelStateFailed", async () => {
    const outcome = await c.run({
      StartAt: "ParallelState",
      States: {
        ParallelState: {
          Type: "Parallel",
          Branches: [{ StartAt: "Branch1", States: { Branch1: { Type: "Fail", Error: "FailureType", Cause: "Cause description" } } }],
          Retry: [{ ErrorEquals: ["FailureType"], MaxAttempts: 2 }],
          Next: "Final",
        },
        Final: { Type: "Pass", End: true },
      },
    });
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:ParallelStateEntered",
      "3<2:ParallelStateStarted",
      "4<3:FailStateEntered",
      "5<4:ParallelStateStarted",
      "6<5:FailStateEntered",
      "7<6:ParallelStateStarted",
      "8<7:FailStateEntered",
      "9<8:ParallelStateFailed",
      "10<9:ExecutionFailed",
    ]);
  });

  it("Parallel caught: ParallelStateFailed, then ParallelStateExited and the catcher's state", async () => {
    const outcome = await c.run({
      StartAt: "ParallelState",
      States: {
        ParallelState: {
          Type: "Parallel",
          Branches: [{ StartAt: "Branch1", States: { Branch1: { Type: "Fail", Error: "FailureType", Cause: "Cause description" } } }],
          Catch: [{ ErrorEquals: ["FailureType"], Next: "Caught" }],
          Next: "Caught",
        },
        Caught: { Type: "Pass", End: true },
      },
    });
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:ParallelStateEntered",
      "3<2:ParallelStateStarted",
      "4<3:FailStateEntered",
      "5<4:ParallelStateFailed",
      "6<5:ParallelStateExited",
      "7<6:PassStateEntered",
      "8<7:PassStateExited",
      "9<8:ExecutionSucceeded",
    ]);
    expect(outcome.output).toEqual({ Error: "FailureType", Cause: "Cause description" });
  });
});
