/**
 * Issue 9: `arn:aws:states:::states:startExecution` answers as AWS records it
 * (test_sfn_task_service test_start_execution; test_base_callbacks test_sfn_start_execution_sync
 * [SFN_SYNC], [SFN_SYNC2], recorded 2025): StartExecution's answer carries the API call's
 * `SdkHttpMetadata` and `SdkResponseMetadata` (so does a `.sync` Task's `TaskSubmitted`), and a
 * `.sync` child's description ends with DescribeExecution's `RedriveCount`, `RedriveStatus`
 * and `RedriveStatusReason`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStateMachineCommand } from "@aws-sdk/client-sfn";
import type { JsonObject } from "../../../src/json.js";
import { ROLE } from "../helpers.js";
import { chain, conformance, type Conformance } from "./harness.js";

let c: Conformance;
let child: string;
beforeAll(async () => {
  c = await conformance();
  const definition = { StartAt: "State_1", States: { State_1: { Type: "Pass", Result: { Arg1: "argument1" }, End: true } } };
  ({ stateMachineArn: child } = (await c.sfn.send(new CreateStateMachineCommand({ name: "target", roleArn: ROLE, definition: JSON.stringify(definition) }))) as { stateMachineArn: string });
});
afterAll(() => c.close());

type Language = "JSONPath" | "JSONata";

function parent(resource: string, language: Language): object {
  const fields =
    language === "JSONPath"
      ? { Parameters: { "StateMachineArn.$": "$.StateMachineArn", "Input.$": "$.Input", "Name.$": "$.Name" } }
      : { Arguments: { StateMachineArn: "{% $states.input.StateMachineArn %}", Input: "{% $states.input.Input %}", Name: "{% $states.input.Name %}" } };
  return { QueryLanguage: language, StartAt: "StartExecution", States: { StartExecution: { Type: "Task", Resource: `arn:aws:states:::states:${resource}`, ...fields, End: true } } };
}


/** StartExecution's answer: its ARN and date, and the HTTP metadata of the call. */
function expectStartAnswer(answer: JsonObject, executionArn: string): void {
  expect(Object.keys(answer)).toEqual(["ExecutionArn", "SdkHttpMetadata", "SdkResponseMetadata", "StartDate"]);
  expect(answer["ExecutionArn"]).toBe(executionArn);
  const http = answer["SdkHttpMetadata"] as { AllHttpHeaders: Record<string, string[]>; HttpHeaders: Record<string, string>; HttpStatusCode: number };
  expect(Object.keys(http.AllHttpHeaders)).toEqual(["x-amzn-RequestId", "connection", "Content-Length", "Date", "Content-Type"]);
  expect(Object.keys(http.HttpHeaders)).toEqual(["connection", "Content-Length", "Content-Type", "Date", "x-amzn-RequestId"]);
  expect(http.AllHttpHeaders["Content-Type"]).toEqual(["application/x-amz-json-1.0"]);
  expect(http.HttpHeaders["connection"]).toBe("keep-alive");
  expect(http.HttpHeaders["Content-Length"]).toMatch(/^\d+$/);
  expect(http.HttpStatusCode).toBe(200);
  expect(answer["SdkResponseMetadata"]).toEqual({ RequestId: http.HttpHeaders["x-amzn-RequestId"] });
}

describe.each<Language>(["JSONPath", "JSONata"])("startExecution (%s)", (language) => {
  it("answers StartExecution's response with its HTTP metadata", async () => {
    const outcome = await c.run(parent("startExecution", language), { StateMachineArn: child, Input: null, Name: `fire-${language}` });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted", "2<0:TaskStateEntered", "3<2:TaskScheduled", "4<3:TaskStarted", "5<4:TaskSucceeded", "6<5:TaskStateExited", "7<6:ExecutionSucceeded",
    ]);
    expectStartAnswer(outcome.output as JsonObject, `${child.replace(":stateMachine:", ":execution:")}:fire-${language}`);
  });

  it.each([
    ["startExecution.sync", "{}", '{"Arg1":"argument1"}'],
    ["startExecution.sync:2", {}, { Arg1: "argument1" }],
  ] as const)("%s: TaskSubmitted has the start answer, the result the child's description with its redrive status", async (resource, input, output) => {
    const name = `sync-${resource.length}-${language}`;
    const outcome = await c.run(parent(resource, language), { StateMachineArn: child, Input: null, Name: name });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(chain(outcome.history)).toEqual([
      "1<0:ExecutionStarted", "2<0:TaskStateEntered", "3<2:TaskScheduled", "4<3:TaskStarted", "5<4:TaskSubmitted", "6<5:TaskSucceeded", "7<6:TaskStateExited", "8<7:ExecutionSucceeded",
    ]);
    const executionArn = `${child.replace(":stateMachine:", ":execution:")}:${name}`;
    expectStartAnswer(JSON.parse(outcome.history[4]!.taskSubmittedEventDetails!.output!) as JsonObject, executionArn);
    expect(outcome.output).toMatchObject({
      ExecutionArn: executionArn,
      Input: input,
      InputDetails: { Included: true },
      Name: name,
      Output: output,
      OutputDetails: { Included: true },
      RedriveCount: 0,
      RedriveStatus: "NOT_REDRIVABLE",
      RedriveStatusReason: "Execution is SUCCEEDED and cannot be redriven",
      StateMachineArn: child,
      Status: "SUCCEEDED",
    });
  });
});
