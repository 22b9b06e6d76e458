/**
 * A Task whose data flows through untouched is compiled as such (`TaskModel.passesResult`,
 * `TaskModel.direct`), and the interpreter then skips the steps it has not got. Any field that
 * shapes the input or the output must keep it off that path: each row runs a Task with one such
 * field on the engine and checks the output the field makes.
 */
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalEngine } from "../../../src/local/index.js";
import { compileState } from "../../../src/local/interpreter/compile/compile.js";
import type { TaskModel } from "../../../src/local/interpreter/compile/model.js";
import type { JsonObject } from "../../../src/json.js";
import { ROLE } from "../helpers.js";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:echo";

function taskModel(fields: JsonObject): TaskModel {
  return compileState("t", { Type: "Task", Resource: FUNCTION, End: true, ...fields }, "JSONPath") as TaskModel;
}

describe("the Task model", () => {
  it("is direct only with nothing to do to its input or result", () => {
    expect(taskModel({})).toMatchObject({ passesResult: true, direct: true });
    expect(taskModel({ Retry: [{ ErrorEquals: ["States.ALL"] }], Catch: [{ ErrorEquals: ["States.ALL"], Next: "t" }], Comment: "c" })).toMatchObject({ passesResult: true, direct: true });
    // ResultPath "$" and InputPath/OutputPath "$" are the defaults written out.
    expect(taskModel({ InputPath: "$", OutputPath: "$", ResultPath: "$" })).toMatchObject({ passesResult: true, direct: true });
  });

  it.each<[string, JsonObject, boolean]>([
    ["InputPath", { InputPath: "$.a" }, true],
    ["InputPath null", { InputPath: null }, true],
    ["Parameters", { Parameters: { "x.$": "$.a" } }, true],
    ["Credentials", { Credentials: { RoleArn: "arn:aws:iam::123456789012:role/other" } }, true],
    ["TimeoutSeconds", { TimeoutSeconds: 5 }, true],
    ["TimeoutSecondsPath", { TimeoutSecondsPath: "$.t" }, true],
    ["HeartbeatSeconds", { HeartbeatSeconds: 5 }, true],
    ["ResultSelector", { ResultSelector: { "y.$": "$.a" } }, false],
    ["ResultPath", { ResultPath: "$.r" }, false],
    ["ResultPath null", { ResultPath: null }, false],
    ["OutputPath", { OutputPath: "$.a" }, false],
    ["Assign", { Assign: { v: 1 } }, false],
  ])("is not direct with %s", (_, fields, passesResult) => {
    expect(taskModel(fields)).toMatchObject({ passesResult, direct: false });
  });

  it("is neither in JSONata, nor with a task token", () => {
    expect(taskModel({ QueryLanguage: "JSONata" })).toMatchObject({ passesResult: false, direct: false });
    expect(compileState("t", { Type: "Task", Resource: "arn:aws:states:::lambda:invoke.waitForTaskToken", End: true }, "JSONPath")).toMatchObject({ direct: false });
  });
});

describe("a Task with one field that shapes its data", () => {
  let engine: LocalEngine;
  beforeAll(async () => {
    engine = await LocalEngine.start();
    engine.registerLambda("echo", (event) => ({ got: event }));
  });
  afterAll(() => engine.close());

  let machines = 0;
  async function outputOf(fields: JsonObject, after: JsonObject = { Type: "Pass", End: true }): Promise<unknown> {
    const definition = { StartAt: "t", States: { t: { Type: "Task", Resource: FUNCTION, ...fields, Next: "after" }, after } };
    const sfn = engine.session.sfn;
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: `m${++machines}`, roleArn: ROLE, definition: JSON.stringify(definition) }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"a":{"b":1},"t":3}' }));
    const end = await engine.whenExecutionEnds(executionArn!);
    expect(end.status).toBe("SUCCEEDED");
    return JSON.parse(end.output!);
  }

  it.each<[string, JsonObject, unknown]>([
    ["none", {}, { got: { a: { b: 1 }, t: 3 } }],
    ["InputPath", { InputPath: "$.a" }, { got: { b: 1 } }],
    ["InputPath null", { InputPath: null }, { got: {} }],
    ["Parameters", { Parameters: { "x.$": "$.a.b" } }, { got: { x: 1 } }],
    ["TimeoutSecondsPath", { TimeoutSecondsPath: "$.t" }, { got: { a: { b: 1 }, t: 3 } }],
    ["ResultSelector", { ResultSelector: { "y.$": "$.got.t" } }, { y: 3 }],
    ["ResultPath", { ResultPath: "$.r" }, { a: { b: 1 }, t: 3, r: { got: { a: { b: 1 }, t: 3 } } }],
    ["ResultPath null", { ResultPath: null }, { a: { b: 1 }, t: 3 }],
    ["OutputPath", { OutputPath: "$.got.a" }, { b: 1 }],
  ])("%s", async (_, fields, expected) => {
    expect(await outputOf(fields)).toEqual(expected);
  });

  it("Assign", async () => {
    expect(await outputOf({ Assign: { "v.$": "$.got.t" } }, { Type: "Pass", Parameters: { "v.$": "$v" }, End: true })).toEqual({ v: 3 });
  });
});
