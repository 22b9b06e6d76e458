/**
 * The details of the events a run writes most are made by classes (interpreter/event-details.ts,
 * for the garbage collector's sake): what an emitter is given, and what its JSON says, must be
 * the API's fields in the API's order, as the object literals gave them, limits after them.
 */
import { expect, it } from "vitest";
import { compileMachine, runExecution, type EmitEvent } from "../../../src/local/interpreter/index.js";
import { LambdaRegistry } from "../../../src/local/host/lambda-registry.js";
import { standaloneTaskHost } from "../../../src/local/host/task-host.js";
import { EngineClock } from "../../../src/local/clock.js";
import type { JsonObject } from "../../../src/json.js";
import { CONTEXT } from "./test-host.js";

it("gives a plain emitter each event's details with the API's fields in order, as JSON", async () => {
  const lambdas = new LambdaRegistry();
  lambdas.register("f", (event) => ({ seen: event }));
  const host = standaloneTaskHost(lambdas, new EngineClock(1, () => 1_700_000_000_000));
  const definition: JsonObject = {
    StartAt: "call",
    States: {
      call: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", TimeoutSeconds: 5, Next: "keep" },
      keep: { Type: "Pass", Assign: { kept: 1 }, End: true },
    },
  };
  const written: string[] = [];
  // Event 1 is the host's ExecutionStarted.
  const emit: EmitEvent = (type, details) => written.push(`${type} ${JSON.stringify(details)}`) + 1;
  const result = await runExecution({ definition, machine: compileMachine(definition), input: { a: 1 }, context: CONTEXT, host, emit, startEventId: 1 });
  expect(result.status).toBe("SUCCEEDED");
  expect(written).toEqual([
    'TaskStateEntered {"name":"call","input":"{\\"a\\":1}","inputDetails":{"truncated":false}}',
    'LambdaFunctionScheduled {"resource":"arn:aws:lambda:us-east-1:123456789012:function:f","input":"{\\"a\\":1}","inputDetails":{"truncated":false},"timeoutInSeconds":5}',
    "LambdaFunctionStarted undefined",
    'LambdaFunctionSucceeded {"output":"{\\"seen\\":{\\"a\\":1}}","outputDetails":{"truncated":false}}',
    'TaskStateExited {"name":"call","output":"{\\"seen\\":{\\"a\\":1}}","outputDetails":{"truncated":false}}',
    'PassStateEntered {"name":"keep","input":"{\\"seen\\":{\\"a\\":1}}","inputDetails":{"truncated":false}}',
    'PassStateExited {"name":"keep","output":"{\\"seen\\":{\\"a\\":1}}","outputDetails":{"truncated":false},"assignedVariables":{"kept":"1"},"assignedVariablesDetails":{"truncated":false}}',
  ]);
});
