/**
 * Issue 9: a Map whose iterations run at once, as AWS records it (test_timeouts.py
 * test_service_lambda_map_timeout: four `lambda:invoke` Tasks with TimeoutSeconds 5 on a function
 * that waits 60 s). Every iteration's MapIterationStarted comes first, chained to
 * MapStateStarted; then each iteration's TaskStateEntered and TaskScheduled together; then the
 * TaskStarted events. The first iteration to time out fails the Map and the others are aborted
 * after it (map-events.test.ts has that chaining).
 *
 * One difference is left, a matter of timing: AWS's four timeouts fell so close together that
 * all four wrote TaskTimedOut (events 20-23) before the Map failed; here the Map fails on the
 * first, and the others' Tasks are aborted before their timers fire. From event 21 on this
 * history is the recording's with those three events left out.
 */
import { afterEach, describe, expect, it } from "vitest";
import { chain, conformance, type Conformance } from "./harness.js";

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});


const DEFINITION = {
  StartAt: "MapWait",
  States: {
    MapWait: {
      Type: "Map",
      InputPath: "$.Inputs",
      ItemProcessor: {
        ProcessorConfig: { Mode: "INLINE" },
        StartAt: "LambdaInvoke",
        States: {
          LambdaInvoke: {
            Type: "Task",
            Resource: "arn:aws:states:::lambda:invoke",
            TimeoutSeconds: 5,
            Parameters: { "FunctionName.$": "$.FunctionName", "Payload.$": "$.Payload" },
            End: true,
          },
        },
      },
      End: true,
    },
  },
};

describe("an inline Map of concurrent iterations", () => {
  it("writes every MapIterationStarted first, then fails on the first timeout and aborts the rest after it", async () => {
    c = await conformance({ timeScale: 0.001 });
    // The function outlives the Tasks' timeout: it answers only when its call is given up.
    c.engine.registerLambda("wait60", (_event, context) => new Promise((resolve) => context.signal.addEventListener("abort", () => resolve(null))));
    const input = { Inputs: Array.from({ length: 4 }, () => ({ FunctionName: "wait60", Payload: null })) };
    const outcome = await c.run(DEFINITION, input);
    expect(outcome).toMatchObject({ status: "FAILED", error: "States.Timeout" });
    expect(chain(outcome.history)).toEqual([
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
      "21<20:MapIterationFailed",
      "22<20:TaskStateAborted",
      "23<20:MapIterationAborted",
      "24<20:TaskStateAborted",
      "25<20:MapIterationAborted",
      "26<20:TaskStateAborted",
      "27<20:MapIterationAborted",
      "28<20:TaskStateAborted",
      "29<20:MapStateFailed",
      "30<29:ExecutionFailed",
    ]);
    const iterations = outcome.history.filter((event) => event.type === "MapIterationStarted").map((event) => event.mapIterationStartedEventDetails);
    expect(iterations).toEqual([0, 1, 2, 3].map((index) => ({ index, name: "MapWait" })));
    expect(outcome.history[29]!.executionFailedEventDetails).toEqual({ error: "States.Timeout" });
    expect(outcome.history[19]!.taskTimedOutEventDetails).toEqual({ error: "States.Timeout", resource: "invoke", resourceType: "lambda" });
  });
});
