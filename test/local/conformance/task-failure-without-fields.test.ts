/**
 * Issue 9: SendTaskFailure with neither `error` nor `cause`, as AWS records it
 * (test_callback.py test_sqs_failure_in_wait_for_task_tok_no_error_field, SQS_WAIT_FOR_TASK_TOKEN_CATCH
 * and SQS_PARALLEL_WAIT_FOR_TASK_TOKEN): the TaskFailed event has only `resource` and
 * `resourceType`, `States.ALL` catches it, and the Catch's output is `{"Error": null, "Cause": null}`,
 * for a Task's own Catch and for a Parallel's whose branch failed so.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SendTaskFailureCommand } from "@aws-sdk/client-sfn";
import { chain, conformance, type Conformance } from "./harness.js";
import type { JsonValue } from "../../../src/json.js";

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const SEND = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";

const sendMessage = {
  Type: "Task",
  Resource: SEND,
  Parameters: { "QueueUrl.$": "$.QueueUrl", MessageBody: { "Context.$": "$", "TaskToken.$": "$$.Task.Token" } },
};
const catchers = [
  { ErrorEquals: ["States.Runtime"], ResultPath: "$.states_runtime_error", Next: "CaughtRuntimeError" },
  { ErrorEquals: ["States.ALL"], ResultPath: "$.states_all_error", Next: "CaughtStatesALL" },
];
const caughtStates = { CaughtRuntimeError: { Type: "Pass", End: true }, CaughtStatesALL: { Type: "Pass", End: true } };

const TASK_CATCH = { StartAt: "SendMessageWithWait", States: { SendMessageWithWait: { ...sendMessage, Catch: catchers, End: true }, ...caughtStates } };
const PARALLEL_CATCH = {
  StartAt: "ParallelJob",
  States: {
    ParallelJob: { Type: "Parallel", Branches: [{ StartAt: "SendMessageWithWait", States: { SendMessageWithWait: { ...sendMessage, End: true } } }], Catch: catchers, End: true },
    ...caughtStates,
  },
};
const INPUT = { QueueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/q", Message: "test_message_txt" };
const CAUGHT = { ...INPUT, states_all_error: { Error: null, Cause: null } };

/** Run `definition`, answering the message's token with a SendTaskFailure that gives no error and no cause. */
async function failWithoutFields(definition: object): Promise<Awaited<ReturnType<Conformance["run"]>>> {
  c = await conformance();
  const sfn = c.sfn;
  c.engine.mockServiceResponse(SEND, (input: JsonValue) => {
    const token = ((input as { MessageBody: { TaskToken: string } }).MessageBody).TaskToken;
    setImmediate(() => void sfn.send(new SendTaskFailureCommand({ taskToken: token })));
    return { MessageId: "m-1" };
  });
  return c.run(definition, INPUT);
}

describe("SendTaskFailure without error and cause", () => {
  it("is caught by States.ALL with Error and Cause null; its TaskFailed names only the resource", async () => {
    const outcome = await failWithoutFields(TASK_CATCH);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: CAUGHT });
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:TaskStateEntered",
      "3<2:TaskScheduled",
      "4<3:TaskStarted",
      "5<4:TaskSubmitted",
      "6<5:TaskFailed",
      "7<6:TaskStateExited",
      "8<7:PassStateEntered",
      "9<8:PassStateExited",
      "10<9:ExecutionSucceeded",
    ]);
    expect(outcome.history[5]!.taskFailedEventDetails).toEqual({ resource: "sendMessage.waitForTaskToken", resourceType: "sqs" });
  });

  it("in a Parallel branch: the Parallel's Catch gives the same null Error and Cause", async () => {
    const outcome = await failWithoutFields(PARALLEL_CATCH);
    expect(outcome).toMatchObject({ status: "SUCCEEDED", output: CAUGHT });
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted",
      "2<0:ParallelStateEntered",
      "3<2:ParallelStateStarted",
      "4<3:TaskStateEntered",
      "5<4:TaskScheduled",
      "6<5:TaskStarted",
      "7<6:TaskSubmitted",
      "8<7:TaskFailed",
      "9<8:TaskStateAborted",
      "10<8:ParallelStateFailed",
      "11<10:ParallelStateExited",
      "12<11:PassStateEntered",
      "13<12:PassStateExited",
      "14<13:ExecutionSucceeded",
    ]);
    expect(outcome.history[7]!.taskFailedEventDetails).toEqual({ resource: "sendMessage.waitForTaskToken", resourceType: "sqs" });
  });
});
