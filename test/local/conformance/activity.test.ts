/**
 * Issue 9: a Task whose activity does not exist (recorded on AWS: test_activity_task_on_deleted,
 * an activity deleted before the execution) writes no ActivityScheduleFailed: the execution
 * fails States.Runtime, "The activity <arn> does not exist.", right after TaskStateEntered.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateActivityCommand, DeleteActivityCommand } from "@aws-sdk/client-sfn";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
beforeAll(async () => {
  c = await conformance();
});
afterAll(() => c.close());

describe("an activity that does not exist", () => {
  it.each(["JSONPath", "JSONata"] as const)("fails the execution States.Runtime with AWS's text and no event (%s)", async (language) => {
    const { activityArn } = await c.sfn.send(new CreateActivityCommand({ name: `deleted-${language}` }));
    await c.sfn.send(new DeleteActivityCommand({ activityArn }));
    const machine = { QueryLanguage: language, StartAt: "ActivityTask", States: { ActivityTask: { Type: "Task", Resource: activityArn, End: true } } };
    const outcome = await c.run(machine, { Value1: "HelloWorld" });
    expect(outcome).toMatchObject({
      status: "FAILED",
      error: "States.Runtime",
      cause: `An error occurred while executing the state 'ActivityTask' (entered at the event id #2). The activity ${activityArn} does not exist.`,
    });
    expect(outcome.history.map((event) => `${event.id}<${event.previousEventId}:${event.type}`)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:TaskStateEntered",
      "3<2:ExecutionFailed",
    ]);
  });
});
