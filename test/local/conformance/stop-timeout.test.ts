/**
 * Issue 9: how an execution ends from outside its states, as AWS records it. StopExecution
 * (test_stop_execution, recorded during a Wait) writes `ExecutionAborted` chained to no event
 * (`previousEventId` 0) and no `<Type>StateAborted`; a machine's `TimeoutSeconds`
 * (test_global_timeout) ends it TIMED_OUT, described with no error and no cause, redrivable.
 */
import { afterEach, describe, expect, it } from "vitest";
import { DescribeExecutionCommand, GetActivityTaskCommand, StopExecutionCommand, CreateActivityCommand } from "@aws-sdk/client-sfn";
import { chain, conformance, type Conformance } from "./harness.js";
import { untilEvent } from "../helpers.js";

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});


function waitThenPass(language: "JSONPath" | "JSONata"): object {
  return {
    QueryLanguage: language,
    StartAt: "State_1",
    States: {
      State_1: { Type: "Wait", Seconds: 60, Next: "State_2" },
      State_2: { Type: "Pass", End: true },
    },
  };
}

describe("StopExecution", () => {
  it.each(["JSONPath", "JSONata"] as const)("during a Wait (%s): ExecutionAborted follows event 0, no WaitStateAborted", async (language) => {
    c = await conformance();
    const executionArn = await c.start(waitThenPass(language));
    await untilEvent(c.sfn, executionArn, "WaitStateEntered");
    await c.sfn.send(new StopExecutionCommand({ executionArn }));
    await c.engine.whenExecutionEnds(executionArn);
    const outcome = await c.outcome(executionArn);
    expect(outcome.status).toBe("ABORTED");
    expect(outcome).not.toHaveProperty("error");
    expect(outcome).not.toHaveProperty("cause");
    expect(chain(outcome.history)).toEqual(["1<0:ExecutionStarted", "2<0:WaitStateEntered", "3<0:ExecutionAborted"]);
    expect(outcome.history[2]!.executionAbortedEventDetails).toEqual({});
  });

  it("during an activity Task, with error and cause: they are the event's details; no TaskStateAborted", async () => {
    c = await conformance();
    const { activityArn } = await c.sfn.send(new CreateActivityCommand({ name: "stopped" }));
    const executionArn = await c.start({ StartAt: "Work", States: { Work: { Type: "Task", Resource: activityArn, End: true } } });
    await c.sfn.send(new GetActivityTaskCommand({ activityArn }));
    await untilEvent(c.sfn, executionArn, "ActivityStarted");
    await c.sfn.send(new StopExecutionCommand({ executionArn, error: "Enough", cause: "stopped by the test" }));
    await c.engine.whenExecutionEnds(executionArn);
    const outcome = await c.outcome(executionArn);
    expect(outcome).toMatchObject({ status: "ABORTED", error: "Enough", cause: "stopped by the test" });
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:TaskStateEntered",
      "3<2:ActivityScheduled",
      "4<3:ActivityStarted",
      "5<0:ExecutionAborted",
    ]);
    expect(outcome.history[4]!.executionAbortedEventDetails).toEqual({ error: "Enough", cause: "stopped by the test" });
  });
});

describe("TimeoutSeconds", () => {
  it.each(["JSONPath", "JSONata"] as const)("ends it TIMED_OUT with no error or cause, redrivable (%s)", async (language) => {
    // Every timer fires at the next turn, in the order set: the machine's timeout before the Wait's.
    c = await conformance({ timeScale: 0 });
    const outcome = await c.run({ ...waitThenPass(language), TimeoutSeconds: 5 });
    expect(outcome.status).toBe("TIMED_OUT");
    expect(outcome).not.toHaveProperty("error");
    expect(outcome).not.toHaveProperty("cause");
    const described = await c.sfn.send(new DescribeExecutionCommand({ executionArn: outcome.executionArn }));
    expect(described.redriveStatus).toBe("REDRIVABLE");
    const last = outcome.history.at(-1)!;
    expect(last.type).toBe("ExecutionTimedOut");
    expect(last.executionTimedOutEventDetails).toEqual({});
  });
});
