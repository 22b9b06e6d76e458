/**
 * Retention of ended executions: the newest N are kept, older ones are dropped whole and their
 * ARNs answer ExecutionDoesNotExist; running executions are never dropped.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  StartExecutionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { oneTask, PASS_DEFINITION, rejectionOf, ROLE, startEngine } from "../local/helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

describe("retention of ended executions", () => {
  it("keeps the newest N ended executions; the oldest are dropped whole; running ones stay", async () => {
    ({ engine, sfn } = await startEngine({ retention: { endedExecutions: 2 } }));
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "never-polled" }));
    const waiting = await sfn.send(new CreateStateMachineCommand({ name: "waiting", roleArn: ROLE, definition: oneTask(activityArn!) }));
    const running = await sfn.send(new StartExecutionCommand({ stateMachineArn: waiting.stateMachineArn, name: "running" }));
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "pass", roleArn: ROLE, definition: PASS_DEFINITION }));
    const arns: string[] = [];
    for (const name of ["e1", "e2", "e3"]) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name }));
      await engine.whenExecutionEnds(executionArn!);
      arns.push(executionArn!);
    }
    for (const call of [new DescribeExecutionCommand({ executionArn: arns[0] }), new GetExecutionHistoryCommand({ executionArn: arns[0] })]) {
      const error = await rejectionOf(sfn.send(call as DescribeExecutionCommand));
      expect({ name: error.name, message: error.message }).toEqual({ name: "ExecutionDoesNotExist", message: `Execution Does Not Exist: '${arns[0]}'` });
    }
    const listed = await sfn.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions!.map((execution) => execution.name)).toEqual(["e3", "e2"]);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: running.executionArn }))).status).toBe("RUNNING");
    // The name of a dropped execution is free again.
    const again = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "e1" }));
    expect(again.executionArn).toBe(arns[0]);
  });

  it("refuses a retention that is not an integer >= 0", async () => {
    ({ engine, sfn } = await startEngine());
    await expect(startEngine({ retention: { endedExecutions: -1 } })).rejects.toThrow("retention.endedExecutions must be an integer >= 0, got -1");
  });
});

describe("Express executions", () => {
  it("ListExecutions of an EXPRESS machine is StateMachineTypeNotSupported, as on AWS", async () => {
    ({ engine, sfn } = await startEngine());
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "fast", roleArn: ROLE, definition: PASS_DEFINITION, type: "EXPRESS" }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    const error = await rejectionOf(sfn.send(new ListExecutionsCommand({ stateMachineArn })));
    expect({ name: error.name, message: error.message }).toEqual({
      name: "StateMachineTypeNotSupported",
      message: `ListExecutions does not support EXPRESS state machines: '${stateMachineArn}'`,
    });
  });
});
