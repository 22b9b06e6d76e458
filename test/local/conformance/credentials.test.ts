/**
 * Issue 9: a Task's `Credentials`, as AWS records them (test_credentials_base.py,
 * test_cross_account_states_start_sync_execution): the role is evaluated on each attempt like
 * the Task's arguments (a literal, a path, a Context path, a variable, an intrinsic, JSONata)
 * and recorded in the scheduled event as `taskCredentials: { roleArn }`; Credentials without a
 * RoleArn are refused at creation with AWS's words (test_invalid_credentials_field).
 */
import { afterEach, describe, expect, it } from "vitest";
import { CreateStateMachineCommand } from "@aws-sdk/client-sfn";
import { conformance, type Conformance } from "./harness.js";
import { ROLE } from "../helpers.js";

let c: Conformance | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const TRUSTED = "arn:aws:iam::111111111111:role/trusted";
const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:echo";
const INPUT = { Payload: "PayloadFromTrustedAccount", CredentialsRoleArn: TRUSTED };

async function scheduledDetails(definition: object): Promise<Record<string, unknown>> {
  c = await conformance();
  c.engine.registerLambda("echo", (event) => event);
  c.engine.mockServiceResponse("arn:aws:states:::sqs:sendMessage", { MessageId: "m-1" });
  const outcome = await c.run(definition, INPUT);
  expect(outcome.status).toBe("SUCCEEDED");
  const scheduled = outcome.history.find((event) => event.type === "LambdaFunctionScheduled" || event.type === "TaskScheduled")!;
  return { ...(scheduled.lambdaFunctionScheduledEventDetails ?? scheduled.taskScheduledEventDetails) };
}

const task = (credentials: object, extra: object = {}): object => ({
  StartAt: "Start",
  States: { Start: { Type: "Pass", Assign: { "roleArn.$": "$.CredentialsRoleArn" }, Next: "Call" }, Call: { Type: "Task", Resource: FUNCTION, Credentials: credentials, ...extra, End: true } },
});

describe("Task Credentials", () => {
  it.each([
    ["a literal", { RoleArn: TRUSTED }],
    ["a path", { "RoleArn.$": "$.CredentialsRoleArn" }],
    ["a Context path", { "RoleArn.$": "$$.Execution.Input.CredentialsRoleArn" }],
    ["a variable", { "RoleArn.$": "$roleArn" }],
    ["an intrinsic", { "RoleArn.$": "States.Format('{}', $.CredentialsRoleArn)" }],
  ])("as %s (JSONPath): the scheduled event names the role as taskCredentials", async (_, credentials) => {
    const details = await scheduledDetails(task(credentials));
    expect(details["taskCredentials"]).toEqual({ roleArn: TRUSTED });
    // test_cross_account_lambda_task: the function's scheduled event, fields as recorded.
    expect(Object.keys(details).sort()).toEqual(["input", "inputDetails", "resource", "taskCredentials"]);
  });

  it("as JSONata, on a service integration: taskCredentials beside the parameters", async () => {
    const details = await scheduledDetails({
      QueryLanguage: "JSONata",
      StartAt: "Send",
      States: {
        Send: {
          Type: "Task",
          Resource: "arn:aws:states:::sqs:sendMessage",
          Arguments: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/111111111111/q", MessageBody: "{% $states.input.Payload %}" },
          Credentials: { RoleArn: "{% $states.input.CredentialsRoleArn %}" },
          End: true,
        },
      },
    });
    expect(details).toMatchObject({ resource: "sendMessage", resourceType: "sqs", taskCredentials: { roleArn: TRUSTED } });
  });

  it("without a RoleArn is refused at creation, in AWS's words", async () => {
    c = await conformance();
    for (const credentials of [{}, { InvalidField: "invalid" }]) {
      const definition = { StartAt: "State0", States: { State0: { Type: "Task", Resource: FUNCTION, Credentials: credentials, End: true } } };
      const refused = await c.sfn.send(new CreateStateMachineCommand({ name: "bad", roleArn: ROLE, definition: JSON.stringify(definition) })).catch((error: unknown) => error);
      expect(refused).toMatchObject({
        name: "InvalidDefinition",
        message: "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The field 'RoleArn' is required but was missing at /States/State0/Credentials'",
      });
    }
  });
});
