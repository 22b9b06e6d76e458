/**
 * Issue 9, class 9: `arn:aws:states:::lambda:invoke` as recorded on AWS with an identity
 * function: a string `Payload` is the JSON text it holds, `null` or no payload is `{}`; the
 * result carries `ExecutedVersion`, `Payload`, `SdkHttpMetadata` (`AllHttpHeaders` in Lambda's
 * order as lists, `HttpHeaders` sorted, `HttpStatusCode`), `SdkResponseMetadata`, `StatusCode`,
 * and `LogResult` (also as the `X-Amz-Log-Result` header) with `LogType: Tail`; a missing
 * function fails `Lambda.ResourceNotFoundException` naming its `:$LATEST` ARN.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import { conformance, type Conformance } from "./harness.js";

let c: Conformance;
const received: JsonValue[] = [];
beforeAll(async () => {
  c = await conformance();
  c.engine.registerLambda("identity", (event) => {
    received.push(event);
    return event;
  });
});
afterAll(() => c.close());

const LAMBDA_INVOKE = {
  StartAt: "Start",
  States: {
    Start: {
      Type: "Task",
      Resource: "arn:aws:states:::lambda:invoke",
      Parameters: { "FunctionName.$": "$.FunctionName", "Payload.$": "$.Payload" },
      Next: "EndWithFinal",
    },
    EndWithFinal: { Type: "Pass", End: true },
  },
};
const EVENTS = ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"];

async function invoke(definition: object, input: JsonValue): Promise<JsonObject> {
  const outcome = await c.run(definition, input);
  expect(outcome.status).toBe("SUCCEEDED");
  expect(outcome.events).toEqual(EVENTS);
  return outcome.output as JsonObject;
}

describe("the Payload Lambda receives", () => {
  it.each<[JsonValue, JsonValue]>([
    ["\"HelloWorld\"", "HelloWorld"],
    ["0.0", 0],
    ["0", 0],
    ["true", true],
    ["{}", {}],
    ["[]", []],
    ["null", null],
    [null, {}],
    [{ a: [1, "x"] }, { a: [1, "x"] }],
  ])("Payload %j arrives as %j", async (payload, event) => {
    received.length = 0;
    const output = await invoke(LAMBDA_INVOKE, { FunctionName: "identity", Payload: payload });
    expect(received).toEqual([event]);
    expect(output["Payload"]).toEqual(event);
  });

  it("a string Payload that is not JSON fails Lambda.InvalidRequestContentException (inferred: Lambda refuses the body)", async () => {
    const outcome = await c.run(LAMBDA_INVOKE, { FunctionName: "identity", Payload: "not json" });
    expect(outcome).toMatchObject({ status: "FAILED", error: "Lambda.InvalidRequestContentException" });
    expect(outcome.cause).toMatch(/^Could not parse request body into json: .* \(Service: Lambda, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/);
  });
});

describe("the result", () => {
  it("has Lambda's Invoke response as Step Functions passes it on", async () => {
    const output = await invoke(LAMBDA_INVOKE, { FunctionName: "identity", Payload: "null" });
    expect(Object.keys(output)).toEqual(["ExecutedVersion", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"]);
    expect(output).toMatchObject({ ExecutedVersion: "$LATEST", Payload: null, StatusCode: 200 });
    const metadata = output["SdkHttpMetadata"] as JsonObject;
    const all = metadata["AllHttpHeaders"] as Record<string, string[]>;
    const single = metadata["HttpHeaders"] as Record<string, string>;
    expect(metadata["HttpStatusCode"]).toBe(200);
    expect(Object.keys(all)).toEqual([
      "X-Amz-Executed-Version", "x-amzn-Remapped-Content-Length", "Connection", "x-amzn-RequestId", "Content-Length", "Date", "X-Amzn-Trace-Id", "Content-Type",
    ]);
    expect(Object.keys(single)).toEqual([
      "Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version", "x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id",
    ]);
    expect(all).toMatchObject({
      "X-Amz-Executed-Version": ["$LATEST"],
      "x-amzn-Remapped-Content-Length": ["0"],
      Connection: ["keep-alive"],
      "Content-Length": ["4"],
      "Content-Type": ["application/json"],
    });
    for (const [name, values] of Object.entries(all)) expect(single[name]).toBe(values[0]);
    const requestId = (output["SdkResponseMetadata"] as JsonObject)["RequestId"];
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(single["x-amzn-RequestId"]).toBe(requestId);
    expect(new Date(single["Date"]!).toUTCString()).toBe(single["Date"]);
    expect(single["X-Amzn-Trace-Id"]).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};/);
  });

  it("Content-Length is the byte length of the payload's JSON", async () => {
    const output = await invoke(LAMBDA_INVOKE, { FunctionName: "identity", Payload: { text: "héllo" } });
    const single = (output["SdkHttpMetadata"] as JsonObject)["HttpHeaders"] as Record<string, string>;
    expect(single["Content-Length"]).toBe(String(Buffer.byteLength(JSON.stringify({ text: "héllo" }))));
  });

  it("with LogType Tail, LogResult (and its X-Amz-Log-Result header) holds the log's tail in base64", async () => {
    const definition = structuredClone(LAMBDA_INVOKE) as { States: { Start: { Parameters: JsonObject } } };
    definition.States.Start.Parameters["LogType.$"] = "$.LogType";
    const output = await invoke(definition, { FunctionName: "identity", Payload: null, LogType: "Tail" });
    expect(Object.keys(output)).toEqual(["ExecutedVersion", "LogResult", "Payload", "SdkHttpMetadata", "SdkResponseMetadata", "StatusCode"]);
    const tail = output["LogResult"] as string;
    const requestId = (output["SdkResponseMetadata"] as JsonObject)["RequestId"] as string;
    expect(Buffer.from(tail, "base64").toString("utf8")).toMatch(new RegExp(`^START RequestId: ${requestId} Version: \\$LATEST\\nEND RequestId: ${requestId}\\nREPORT RequestId: ${requestId}\\t`));
    const metadata = output["SdkHttpMetadata"] as { AllHttpHeaders: Record<string, string[]>; HttpHeaders: Record<string, string> };
    expect(Object.keys(metadata.AllHttpHeaders)[0]).toBe("X-Amz-Log-Result");
    expect(metadata.AllHttpHeaders["X-Amz-Log-Result"]).toEqual([tail]);
    expect(Object.keys(metadata.HttpHeaders).indexOf("X-Amz-Log-Result")).toBe(Object.keys(metadata.HttpHeaders).indexOf("X-Amz-Executed-Version") + 1);
  });
});

describe("a function that throws", () => {
  it("fails the Task with the error's name and the Node.js runtime's error document as cause", async () => {
    class CustomException extends Error {
      override name = "CustomException";
    }
    c.engine.registerLambda("thrower", () => {
      throw new CustomException("Some exception was raised.");
    });
    const outcome = await c.run(LAMBDA_INVOKE, { FunctionName: "thrower", Payload: null });
    expect(outcome).toMatchObject({ status: "FAILED", error: "CustomException" });
    const cause = JSON.parse(outcome.cause!) as { errorType: string; errorMessage: string; trace: string[] };
    expect(Object.keys(cause)).toEqual(["errorType", "errorMessage", "trace"]);
    expect(cause).toMatchObject({ errorType: "CustomException", errorMessage: "Some exception was raised." });
    expect(cause.trace[0]).toBe("CustomException: Some exception was raised.");
    expect(outcome.events).toEqual(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed"]);
  });
});

describe("a function that does not exist", () => {
  it.each<[string, string]>([
    ["no_such_function", "arn:aws:lambda:us-east-1:123456789012:function:no_such_function:$LATEST"],
    ["arn:aws:lambda:eu-west-1:111111111111:function:no_such_function", "arn:aws:lambda:eu-west-1:111111111111:function:no_such_function:$LATEST"],
    ["no_such_function:prod", "arn:aws:lambda:us-east-1:123456789012:function:no_such_function:prod"],
  ])("%s fails Lambda.ResourceNotFoundException with AWS's cause", async (functionName, arn) => {
    const outcome = await c.run(LAMBDA_INVOKE, { FunctionName: functionName, Payload: null });
    expect(outcome.status).toBe("FAILED");
    expect(outcome.error).toBe("Lambda.ResourceNotFoundException");
    expect(outcome.cause).toMatch(new RegExp(`^Function not found: ${arn.replace(/\$/g, "\\$")} \\(Service: Lambda, Status Code: 404, Request ID: [0-9a-f-]{36}\\)$`));
    expect(outcome.events).toEqual(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "ExecutionFailed"]);
  });

  it("Catch handles it and the execution goes on", async () => {
    const definition = structuredClone(LAMBDA_INVOKE) as { States: { Start: JsonObject } };
    definition.States.Start["Catch"] = [{ ErrorEquals: ["States.ALL"], Next: "EndWithFinal" }];
    const outcome = await c.run(definition, { FunctionName: "no_such_function", Payload: null });
    expect(outcome.status).toBe("SUCCEEDED");
    expect(outcome.events).toEqual(["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskFailed", "TaskStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]);
  });
});
