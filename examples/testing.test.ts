/**
 * Testing a workflow with `sfini/testing`: the machine is built with sfini, each test case of
 * the mocks answers its Tasks (an activity with no worker, a Lambda function), `timeScale: 0`
 * (the default) makes the hour-long Wait and the retry intervals instant, and the assertions are
 * on the path the run took, its events and each state's output. Runs in `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Pass, Task, Wait } from "../src/definitions/index.js";
import { constructStateMachine } from "../src/control/state-machine.js";
import { testStateMachine, type StateMachineTest } from "../src/testing/index.js";

interface OrderIn {
  amount: number;
}
interface OrderOut {
  approval: { approvedBy: string };
  receipt: { total: number };
}

// approve (an activity: a person answers it) → cool-off (wait an hour) → charge (Lambda) → done
const approve = new Task("approve", "arn:aws:states:us-east-1:123456789012:activity:approve-order", { resultPath: "$.approval" });
approve.retryFor(["Approval.Busy"], { interval: 60, maxAttempts: 2 });
const coolOff = new Wait("cool-off", { seconds: 3600 });
const charge = new Task("charge", "arn:aws:lambda:us-east-1:123456789012:function:charge", { resultPath: "$.receipt" });
const done = new Pass("done", { outputPath: "$" });
approve.goesTo(coolOff).goesTo(charge).goesTo(done);
const orders = constructStateMachine("orders", approve);

let t: StateMachineTest<OrderIn, OrderOut>;
beforeAll(async () => {
  t = await testStateMachine<OrderIn, OrderOut>(orders, {
    lambdas: { charge: (event) => ({ total: (event as { amount: number }).amount * 1.2 }) },
    mocks: {
      Approved: { approve: { Return: { approvedBy: "alice" } } },
      BusyThenApproved: {
        approve: {
          "0-1": { Throw: { Error: "Approval.Busy", Cause: "nobody free" } },
          "2": { Return: { approvedBy: "bob" } },
        },
      },
      Rejected: { approve: { Throw: { Error: "Approval.Rejected", Cause: "over budget" } } },
    },
  });
});
afterAll(() => t.close());

describe("the orders workflow", () => {
  it("charges an approved order after the cool-off", async () => {
    const run = await t.run({ amount: 100 }, { testCase: "Approved" });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.path).toEqual(["approve", "cool-off", "charge", "done"]);
    expect(run.output).toEqual({ amount: 100, approval: { approvedBy: "alice" }, receipt: { total: 120 } });
    expect(run.stateOutput("charge")).toEqual({ amount: 100, approval: { approvedBy: "alice" }, receipt: { total: 120 } });
  });

  it("retries a busy approval: invocations 0-1 throw, the second retry is approved", async () => {
    const run = await t.run({ amount: 10 }, { testCase: "BusyThenApproved" });
    expect(run.status).toBe("SUCCEEDED");
    expect(run.events("ActivityFailed").map((e) => e.activityFailedEventDetails?.error)).toEqual(["Approval.Busy", "Approval.Busy"]);
    expect(run.output?.approval).toEqual({ approvedBy: "bob" });
  });

  it("fails a rejected order before anything is charged", async () => {
    const run = await t.run({ amount: 5000 }, { testCase: "Rejected" });
    expect(run).toMatchObject({ status: "FAILED", error: "Approval.Rejected", cause: "over budget" });
    expect(run.path).toEqual(["approve"]);
    expect(run.events("LambdaFunctionScheduled")).toEqual([]);
  });
});
