/**
 * Issue 9, class 2: how AWS chains the events of a Map that succeeds, of a Map whose iteration
 * fails while its siblings run, and of a Parallel whose branch fails.
 *
 * Recorded on AWS (test_base_scenarios.snapshot.json, test_map_state and every Map that succeeds
 * there): the next iteration follows the last state event of the one before, not its
 * MapIterationSucceeded; MapStateSucceeded and MapStateExited both follow the last
 * MapIterationSucceeded. A Distributed Map's MapStateSucceeded follows MapRunSucceeded, its
 * MapStateExited MapRunStarted (every recording since November 2024).
 *
 * Recorded on AWS (LocalStack's snapshot tests/aws/services/stepfunctions/v2/timeouts/
 * test_timeouts.snapshot.json, test_service_lambda_map_timeout): after the event that failed
 * iteration 0 (its TaskTimedOut), AWS writes MapIterationFailed, then for each running sibling
 * in index order its TaskStateAborted and MapIterationAborted, then the TaskStateAborted of the
 * Task that failed, then MapStateFailed, every one of them chained to that failing event.
 * Before that failure, the iterations running together: every MapIterationStarted first,
 * chained to MapStateStarted, then each iteration's TaskStateEntered and TaskScheduled
 * together, then the TaskStarted events; a timed-out task's event has no cause. (After its
 * 20th event the recording has three more TaskTimedOut: AWS's four timeouts fell together
 * before the Map failed. Here only the first times out: that is timing, not order.)
 * (A failed Task writing TaskStateAborted when its Parallel fails is recorded too:
 * v2/callback/test_callback.snapshot.json.) Inferred, not recorded: a Fail state writes no
 * aborted event (none is recorded after a Fail state in an iteration), and the same order when
 * the failure is a TaskFailed.
 */
import type { HistoryEvent } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject } from "../../../src/json.js";
import { chain, conformance, mapMachine, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  // 5 s is 5 ms; an hour is 3.6 s, longer than any of these runs.
  c = await conformance({ timeScale: 0.001 });
  c.engine.registerLambda("hang", () => new Promise<never>(() => undefined));
  c.engine.registerLambda("raise", () => {
    throw Object.assign(new Error("Some exception was raised."), { name: "Exception" });
  });
});
afterAll(() => c.close());

/** `id<previous:type` of every event from the first MapIterationFailed on. */
function fromIterationFailed(history: HistoryEvent[]): string[] {
  const first = history.findIndex((event) => event.type === "MapIterationFailed");
  return chain(history.slice(first));
}

/**
 * The events AWS writes after the event (id `at`) that failed iteration 0 of four, from
 * MapIterationFailed (id `first`) on.
 */
function afterFailure(at: number, first: number, failedStateAborted: boolean): string[] {
  const types = ["MapIterationFailed", "TaskStateAborted", "MapIterationAborted", "TaskStateAborted", "MapIterationAborted", "TaskStateAborted", "MapIterationAborted"];
  if (failedStateAborted) types.push("TaskStateAborted");
  types.push("MapStateFailed");
  const events = types.map((type, i) => `${first + i}<${at}:${type}`);
  return [...events, `${first + types.length}<${first + types.length - 1}:ExecutionFailed`];
}

/** The id of the first event of `type`. */
const idOf = (history: HistoryEvent[], type: string): number => history.find((event) => event.type === type)!.id!;

const ITERATION_INDEXES = (history: HistoryEvent[]): [string, number][] =>
  history
    .filter((event) => event.type === "MapIterationFailed" || event.type === "MapIterationAborted")
    .map((event) => [event.type!, (event.mapIterationFailedEventDetails ?? event.mapIterationAbortedEventDetails)!.index!]);

describe("a Map whose iteration fails while the others run", () => {
  it("the recorded Lambda timeout: each aborted sibling, then the failed Task's TaskStateAborted, all after the failure", async () => {
    const definition = mapMachine(
      {
        InputPath: "$.Inputs",
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "LambdaInvoke",
          States: {
            LambdaInvoke: {
              Type: "Task",
              Resource: "arn:aws:states:::lambda:invoke",
              // AWS timed all four out at 5 s and failed on the first; here only the first times out.
              TimeoutSecondsPath: "$.Timeout",
              Parameters: { "FunctionName.$": "$.FunctionName", "Payload.$": "$.Payload" },
              End: true,
            },
          },
        },
      },
      { name: "MapWait" },
    );
    const inputs: JsonObject[] = [5, 3600, 3600, 3600].map((Timeout) => ({ FunctionName: "hang", Payload: null, Timeout }));
    const outcome = await c.run(definition, { Inputs: inputs });
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    const h = outcome.history;
    expect(chain(h).slice(0, 20)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:MapStateEntered",
      "3<2:MapStateStarted",
      "4<3:MapIterationStarted",
      "5<3:MapIterationStarted",
      "6<3:MapIterationStarted",
      "7<3:MapIterationStarted",
      "8<4:TaskStateEntered",
      "9<8:TaskScheduled",
      "10<5:TaskStateEntered",
      "11<10:TaskScheduled",
      "12<6:TaskStateEntered",
      "13<12:TaskScheduled",
      "14<7:TaskStateEntered",
      "15<14:TaskScheduled",
      "16<9:TaskStarted",
      "17<11:TaskStarted",
      "18<13:TaskStarted",
      "19<15:TaskStarted",
      "20<16:TaskTimedOut",
    ]);
    expect(h.filter((event) => event.type === "MapIterationStarted").map((event) => event.mapIterationStartedEventDetails)).toEqual(
      [0, 1, 2, 3].map((index) => ({ index, name: "MapWait" })),
    );
    expect(h[19]!.taskTimedOutEventDetails).toEqual({ error: "States.Timeout", resource: "invoke", resourceType: "lambda" });
    expect(h.at(-1)!.executionFailedEventDetails).toEqual({ error: "States.Timeout" });
    expect(fromIterationFailed(h)).toEqual(afterFailure(idOf(h, "TaskTimedOut"), idOf(h, "MapIterationFailed"), true));
    expect(ITERATION_INDEXES(outcome.history)).toEqual([
      ["MapIterationFailed", 0],
      ["MapIterationAborted", 1],
      ["MapIterationAborted", 2],
      ["MapIterationAborted", 3],
    ]);
  });

  const choosing = (first: JsonObject): object =>
    mapMachine({
      ItemProcessor: {
        StartAt: "Choose",
        States: {
          Choose: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 0, Next: "First" }], Default: "Hang" },
          First: first,
          Hang: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "hang" }, End: true },
        },
      },
    });

  it("a TaskFailed: the same order", async () => {
    const outcome = await c.run(choosing({ Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "raise" }, End: true }), [0, 1, 2, 3]);
    expect(outcome).toMatchObject({ status: "FAILED", error: "Exception" });
    const h = outcome.history;
    expect(fromIterationFailed(h)).toEqual(afterFailure(idOf(h, "TaskFailed"), idOf(h, "MapIterationFailed"), true));
  });

  it("a Fail state: no aborted event of its own", async () => {
    const outcome = await c.run(choosing({ Type: "Fail", Error: "Item.Failed", Cause: "bad item" }), [0, 1, 2, 3]);
    expect(outcome).toMatchObject({ status: "FAILED", error: "Item.Failed", cause: "bad item" });
    const h = outcome.history;
    expect(fromIterationFailed(h)).toEqual(afterFailure(idOf(h, "FailStateEntered"), idOf(h, "MapIterationFailed"), false));
  });

  it("caught: MapStateExited follows MapStateFailed, as recorded (test_map_state_catch)", async () => {
    const definition = choosing({ Type: "Fail", Error: "Item.Failed", Cause: "bad item" }) as { States: { MapState: JsonObject } };
    Object.assign(definition.States.MapState, { Catch: [{ ErrorEquals: ["States.ALL"], Next: "Caught" }], End: undefined, Next: "Caught" });
    (definition.States as JsonObject)["Caught"] = { Type: "Pass", End: true };
    const outcome = await c.run(definition, [0, 1]);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: { Error: "Item.Failed", Cause: "bad item" } });
    const h = outcome.history;
    const at = idOf(h, "FailStateEntered");
    const first = idOf(h, "MapIterationFailed");
    expect(fromIterationFailed(h)).toEqual([
      `${first}<${at}:MapIterationFailed`,
      `${first + 1}<${at}:TaskStateAborted`,
      `${first + 2}<${at}:MapIterationAborted`,
      `${first + 3}<${at}:MapStateFailed`,
      `${first + 4}<${first + 3}:MapStateExited`,
      `${first + 5}<${first + 4}:PassStateEntered`,
      `${first + 6}<${first + 5}:PassStateExited`,
      `${first + 7}<${first + 6}:ExecutionSucceeded`,
    ]);
  });
});

describe("a Parallel whose branch's Task fails", () => {
  it("the Task is aborted with the Parallel: TaskStateAborted, then ParallelStateFailed, both after the failure", async () => {
    // The recorded machine (test_callback, SQS_PARALLEL_WAIT_FOR_TASK_TOKEN) failed its Task through a callback; here Lambda fails it.
    const send = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "raise" }, End: true };
    const catcher = { ErrorEquals: ["States.ALL"], Next: "CaughtStatesALL", ResultPath: "$.states_all_error" };
    const job = { Type: "Parallel", Branches: [{ StartAt: "Send", States: { Send: send } }], Catch: [catcher], Next: "CaughtStatesALL" };
    const outcome = await c.run({ StartAt: "ParallelJob", States: { ParallelJob: job, CaughtStatesALL: { Type: "Pass", End: true } } });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:ParallelStateEntered",
      "3<2:ParallelStateStarted",
      "4<3:TaskStateEntered",
      "5<4:TaskScheduled",
      "6<5:TaskStarted",
      "7<6:TaskFailed",
      "8<7:TaskStateAborted",
      "9<7:ParallelStateFailed",
      "10<9:ParallelStateExited",
      "11<10:PassStateEntered",
      "12<11:PassStateExited",
      "13<12:ExecutionSucceeded",
    ]);
  });
});

describe("a Map that succeeds", () => {
  const processor = (mode: "INLINE" | "DISTRIBUTED"): JsonObject => ({
    ProcessorConfig: mode === "INLINE" ? { Mode: mode } : { Mode: mode, ExecutionType: "STANDARD" },
    StartAt: "HandleItem",
    States: { HandleItem: { Type: "Pass", End: true } },
  });

  it("inline (the recorded test_map_state): MapStateSucceeded and MapStateExited follow the last MapIterationSucceeded", async () => {
    const map = { Type: "Map", ResultPath: null, InputPath: "$.arr", MaxConcurrency: 1, ItemProcessor: processor("INLINE"), Next: "Final" };
    const start = { Type: "Pass", Result: [1, "Hello", {}, null, 3.3, 3, 4, 5], ResultPath: "$.arr", Next: "MapState" };
    const outcome = await c.run({ StartAt: "StartState", States: { StartState: start, MapState: map, Final: { Type: "Pass", End: true } } });
    expect(outcome.status).toBe("SUCCEEDED");
    const iterations = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => {
      const at = 6 + 4 * i;
      return [`${at}<${i === 0 ? 5 : at - 2}:MapIterationStarted`, `${at + 1}<${at}:PassStateEntered`, `${at + 2}<${at + 1}:PassStateExited`, `${at + 3}<${at + 2}:MapIterationSucceeded`];
    });
    expect(outcome.history.map((event) => `${event.id}<${event.previousEventId}:${event.type}`)).toEqual([
      "1<0:ExecutionStarted", "2<0:PassStateEntered", "3<2:PassStateExited", "4<3:MapStateEntered", "5<4:MapStateStarted",
      ...iterations,
      "38<37:MapStateSucceeded", "39<37:MapStateExited", "40<39:PassStateEntered", "41<40:PassStateExited", "42<41:ExecutionSucceeded",
    ]);
  });

  // AWS changed this chain: the 36 recordings up to August 2024 point MapStateExited at
  // MapRunSucceeded, all 16 since November 2024 at MapRunStarted (test_map_state_nested_config_distributed,
  // test_map_state_config_distributed_items_path_from_previous, ...), whatever the ResultWriter,
  // ToleratedFailure or output fields. The engine follows today's AWS.
  it.each([
    ["JSONPath", { ItemsPath: "$.Items" }],
    ["JSONata", { Items: "{% $states.input.Items %}" }],
  ] as const)("distributed (%s): MapStateSucceeded follows MapRunSucceeded, MapStateExited MapRunStarted", async (language, items) => {
    const machine = mapMachine({ ...items, MaxConcurrency: 1, ItemProcessor: processor("DISTRIBUTED") }, { queryLanguage: language });
    const outcome = await c.run(machine, { Items: [1, 2] });
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: [1, 2] });
    expect(outcome.history.map((event) => `${event.id}<${event.previousEventId}:${event.type}`)).toEqual([
      "1<0:ExecutionStarted", "2<0:MapStateEntered", "3<2:MapStateStarted", "4<3:MapRunStarted", "5<4:MapRunSucceeded",
      "6<5:MapStateSucceeded", "7<4:MapStateExited", "8<7:ExecutionSucceeded",
    ]);
  });
});
