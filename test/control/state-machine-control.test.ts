import { afterEach, describe, expect, it, vi } from "vitest";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  ListTagsForResourceCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
} from "@aws-sdk/client-sfn";
import { CreateRoleCommand, GetRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import {
  StateMachineExistsError,
  defaultRoleArn,
  deregisterStateMachine,
  ensureDefaultRole,
  executionName,
  isStateMachineRegistered,
  listExecutions,
  listStateMachineTags,
  registerStateMachine,
  startExecution,
  startSyncExecution,
  stateMachineArnOf,
  tagStateMachine,
  untagStateMachine,
} from "../../src/control/state-machine-control.js";
import { AwsCallError, InvalidNameError, InvalidOptionError } from "../../src/errors.js";
import { Activity } from "../../src/activities/activity.js";
import { Task } from "../../src/definitions/index.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { awsError, mockedSession, pages, standInMachine } from "./helpers.js";

const definition = {
  StartAt: "add",
  States: { add: { Type: "Task", Resource: "arn:aws:lambda:us-west-2:123456789012:function:add", End: true } },
};
const machineArn = "arn:aws:states:us-west-2:123456789012:stateMachine:testAdding";
const role = "arn:aws:iam::123456789012:role/sfiniGenerated";

describe("state machine ARNs", () => {
  it("builds the machine and default role ARNs, asking STS for the account once when unknown", async () => {
    const { session, sts } = mockedSession({ accountId: null });
    sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012" });
    const sm = standInMachine(session, definition);
    expect(await stateMachineArnOf(sm)).toBe(machineArn);
    expect(await defaultRoleArn(sm)).toBe(role);
    expect(sts.calls()).toHaveLength(1);
  });

  it("follows the partition of the region", async () => {
    const { AWSSession } = await import("../../src/session.js");
    const sm = standInMachine(new AWSSession({ region: "us-gov-west-1", accountId: "123456789012" }), definition);
    expect(await defaultRoleArn(sm)).toBe("arn:aws-us-gov:iam::123456789012:role/sfiniGenerated");
  });
});

describe("registerStateMachine", () => {
  it("validates, then creates with name, JSON definition, default role, type and tags", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateStateMachineCommand).resolves({ stateMachineArn: machineArn, creationDate: new Date(0) });
    const sm = standInMachine(session, definition, { tags: { team: "data" }, type: "EXPRESS" });
    await registerStateMachine(sm);
    expect(sm.validated).toBe(1);
    expect(sfn.commandCalls(CreateStateMachineCommand).map((c) => c.args[0].input)).toEqual([
      { name: "testAdding", definition: JSON.stringify(definition, null, 2), roleArn: role, type: "EXPRESS", tags: [{ key: "team", value: "data" }] },
    ]);
  });

  it("uses the role given, STANDARD by default, and sends no empty tags", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateStateMachineCommand).resolves({ stateMachineArn: machineArn });
    await registerStateMachine(standInMachine(session, definition), { roleArn: "arn:aws:iam::123456789012:role/mine" });
    expect(sfn.commandCalls(CreateStateMachineCommand)[0]!.args[0].input).toEqual({
      name: "testAdding",
      definition: JSON.stringify(definition, null, 2),
      roleArn: "arn:aws:iam::123456789012:role/mine",
      type: "STANDARD",
    });
  });

  it.each([{ roleArn: undefined }, { roleArn: "arn:aws:iam::123456789012:role/mine" }])(
    "with no account id given, asks STS before rendering, so activity ARNs in the definition resolve (role $roleArn)",
    async ({ roleArn }) => {
      const { session, sfn, sts } = mockedSession({ accountId: null });
      sts.on(GetCallerIdentityCommand).resolves({ Account: "123456789012" });
      sfn.on(CreateStateMachineCommand).resolves({ stateMachineArn: machineArn });
      const sm = constructStateMachine("testAdding", new Task("add", new Activity("testaddActivity", { session })), { session });
      await registerStateMachine(sm, roleArn ? { roleArn } : {});
      expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
      expect(sfn.commandCalls(CreateStateMachineCommand)[0]!.args[0].input).toMatchObject({
        definition: JSON.stringify({ StartAt: "add", States: { add: { Type: "Task", Resource: "arn:aws:states:us-west-2:123456789012:activity:testaddActivity", HeartbeatSeconds: 25, End: true } } }, null, 2),
        roleArn: roleArn ?? role,
      });
    },
  );

  it("sends nothing for an invalid definition or a bad name", async () => {
    const { session, sfn } = mockedSession();
    await expect(registerStateMachine(standInMachine(session, definition, { valid: false }))).rejects.toThrow("invalid definition");
    await expect(registerStateMachine(standInMachine(session, definition, { name: "a b" }))).rejects.toThrow(InvalidNameError);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("updates an existing machine when allowed, keeping its role unless one is given", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateStateMachineCommand).rejects(awsError("StateMachineAlreadyExists"));
    sfn.on(UpdateStateMachineCommand).resolves({ updateDate: new Date(0) });
    sfn.on(TagResourceCommand).resolves({});
    await registerStateMachine(standInMachine(session, definition), { allowUpdate: true });
    await registerStateMachine(standInMachine(session, definition, { tags: { a: "1" } }), { allowUpdate: true, roleArn: "arn:aws:iam::123456789012:role/r2" });
    expect(sfn.commandCalls(UpdateStateMachineCommand).map((c) => c.args[0].input)).toEqual([
      { stateMachineArn: machineArn, definition: JSON.stringify(definition, null, 2) },
      { stateMachineArn: machineArn, definition: JSON.stringify(definition, null, 2), roleArn: "arn:aws:iam::123456789012:role/r2" },
    ]);
    expect(sfn.commandCalls(TagResourceCommand).map((c) => c.args[0].input)).toEqual([{ resourceArn: machineArn, tags: [{ key: "a", value: "1" }] }]);
  });

  it("throws StateMachineExistsError for an existing machine when updating is not allowed", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateStateMachineCommand).rejects(awsError("StateMachineAlreadyExists"));
    await expect(registerStateMachine(standInMachine(session, definition))).rejects.toThrow(StateMachineExistsError);
    expect(sfn.commandCalls(UpdateStateMachineCommand)).toHaveLength(0);
  });

  it("passes other AWS errors on, typed, with their code", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(CreateStateMachineCommand).rejects(awsError("InvalidDefinition", "bad ASL"));
    await expect(registerStateMachine(standInMachine(session, definition))).rejects.toMatchObject({
      constructor: AwsCallError,
      code: "InvalidDefinition",
      operation: "CreateStateMachine",
    });
  });
});

describe("registration state, deletion and tags", () => {
  it("pages ListStateMachines to find the machine", async () => {
    const { session, sfn } = mockedSession();
    const seen: object[] = [];
    sfn.on(ListStateMachinesCommand).callsFake(
      pages({ "": { stateMachines: [{ stateMachineArn: `${machineArn}X`, name: "x", type: "STANDARD", creationDate: new Date(0) }], nextToken: "n" }, n: { stateMachines: [{ stateMachineArn: machineArn, name: "testAdding", type: "STANDARD", creationDate: new Date(0) }] } }, seen),
    );
    expect(await isStateMachineRegistered(standInMachine(session, definition))).toBe(true);
    expect(seen).toEqual([{}, { nextToken: "n" }]);
    expect(await isStateMachineRegistered(standInMachine(session, definition, { name: "other" }))).toBe(false);
  });

  it("deletes by ARN and manages tags", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(DeleteStateMachineCommand).resolves({});
    sfn.on(TagResourceCommand).resolves({});
    sfn.on(UntagResourceCommand).resolves({});
    sfn.on(ListTagsForResourceCommand).resolves({ tags: [{ key: "team", value: "data" }] });
    const sm = standInMachine(session, definition);
    await deregisterStateMachine(sm);
    await tagStateMachine(sm, { team: "data", env: "dev" });
    await untagStateMachine(sm, ["env"]);
    expect(await listStateMachineTags(sm)).toEqual({ team: "data" });
    expect(sfn.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([
      ["DeleteStateMachineCommand", { stateMachineArn: machineArn }],
      ["TagResourceCommand", { resourceArn: machineArn, tags: [{ key: "team", value: "data" }, { key: "env", value: "dev" }] }],
      ["UntagResourceCommand", { resourceArn: machineArn, tagKeys: ["env"] }],
      ["ListTagsForResourceCommand", { resourceArn: machineArn }],
    ]);
  });
});

describe("executions of a machine", () => {
  afterEach(() => vi.useRealTimers());

  it("names executions <machine>_<UTC time>_<8 hex>, within 80 characters", () => {
    const at = new Date("2019-06-23T10:03:52.817Z");
    expect(executionName("testAdding", at, "0354d790")).toBe("testAdding_2019-06-23T10-03-52_0354d790");
    const long = executionName("m".repeat(80), at, "0354d790");
    expect(long).toHaveLength(80);
    expect(long).toBe(`${"m".repeat(51)}_2019-06-23T10-03-52_0354d790`);
    expect(executionName("x")).toMatch(/^x_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d_[0-9a-f]{8}$/);
  });

  it("starts an execution named from the machine and the clock", async () => {
    vi.useFakeTimers({ now: new Date("2024-03-01T08:09:10.500Z"), toFake: ["Date"] });
    const { session, sfn } = mockedSession();
    sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({ executionArn: `arn:aws:states:us-west-2:123456789012:execution:testAdding:${input.name}`, startDate: new Date() }));
    const execution = await startExecution(standInMachine(session, definition), { a: 3, b: 42 });
    const sent = sfn.commandCalls(StartExecutionCommand)[0]!.args[0].input;
    expect(sent).toEqual({ stateMachineArn: machineArn, name: execution.name, input: '{"a":3,"b":42}' });
    expect(execution.name).toMatch(/^testAdding_2024-03-01T08-09-10_[0-9a-f]{8}$/);
    expect(execution.arn).toBe(`arn:aws:states:us-west-2:123456789012:execution:testAdding:${execution.name}`);
  });

  it("lists executions over pages, with the status filter", async () => {
    const { session, sfn } = mockedSession();
    const item = (name: string) => ({ executionArn: `${machineArn}:${name}`, stateMachineArn: machineArn, name, status: "FAILED" as const, startDate: new Date(0) });
    const seen: object[] = [];
    sfn.on(ListExecutionsCommand).callsFake(pages({ "": { executions: [item("e1")], nextToken: "p2" }, p2: { executions: [item("e2")] } }, seen));
    sfn.on(DescribeExecutionCommand).callsFake((input: { executionArn: string }) => ({
      executionArn: input.executionArn, stateMachineArn: machineArn, status: "FAILED", startDate: new Date(0), input: "{}", error: "E", cause: input.executionArn.slice(-2),
    }));
    const executions = await listExecutions(standInMachine(session, definition), { status: "FAILED" });
    expect(executions.map((e) => [e.name, e.status, e.arn, e.error, e.cause])).toEqual([
      ["e1", "FAILED", `${machineArn}:e1`, "E", "e1"],
      ["e2", "FAILED", `${machineArn}:e2`, "E", "e2"],
    ]);
    expect(sfn.commandCalls(DescribeExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { executionArn: `${machineArn}:e1` },
      { executionArn: `${machineArn}:e2` },
    ]);
    expect(seen).toEqual([
      { stateMachineArn: machineArn, statusFilter: "FAILED" },
      { stateMachineArn: machineArn, statusFilter: "FAILED", nextToken: "p2" },
    ]);
  });

  it("refuses an unknown status before any call", async () => {
    const { session, sfn } = mockedSession();
    await expect(listExecutions(standInMachine(session, definition), { status: "DONE" as never })).rejects.toThrow(/unknown execution status "DONE"/);
    expect(sfn.calls()).toHaveLength(0);
  });

  it("runs an EXPRESS machine synchronously", async () => {
    const { session, sfn } = mockedSession();
    sfn.on(StartSyncExecutionCommand).resolves({ executionArn: "arn:x", status: "SUCCEEDED", output: "45", startDate: new Date(0), stopDate: new Date(0) });
    const result = await startSyncExecution(standInMachine(session, definition, { type: "EXPRESS" }), { a: 3 });
    expect(result).toEqual({ executionArn: "arn:x", status: "SUCCEEDED", output: 45 });
    const sent = sfn.commandCalls(StartSyncExecutionCommand)[0]!.args[0].input;
    expect(sent).toMatchObject({ stateMachineArn: machineArn, input: '{"a":3}' });
    expect(sent.name).toMatch(/^testAdding_/);
    await expect(startSyncExecution(standInMachine(session, definition), {})).rejects.toThrow(InvalidOptionError);
  });
});

describe("ensureDefaultRole", () => {
  const trust = {
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: "states.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } } },
    ],
  };
  const policy = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: ["arn:aws:lambda:us-west-2:123456789012:function:add"] }],
  };

  it("creates the missing role trusted by Step Functions, then puts the derived policy", async () => {
    const { session, iam } = mockedSession();
    iam.on(GetRoleCommand).rejects(awsError("NoSuchEntity"));
    iam.on(CreateRoleCommand).resolves({});
    iam.on(PutRolePolicyCommand).resolves({});
    expect(await ensureDefaultRole(standInMachine(session, definition))).toBe(role);
    expect(iam.calls().map((c) => [c.args[0].constructor.name, c.args[0].input])).toEqual([
      ["GetRoleCommand", { RoleName: "sfiniGenerated" }],
      ["CreateRoleCommand", { RoleName: "sfiniGenerated", AssumeRolePolicyDocument: JSON.stringify(trust), Description: "Role of state machines registered by sfini" }],
      ["PutRolePolicyCommand", { RoleName: "sfiniGenerated", PolicyName: "sfini-testAdding", PolicyDocument: JSON.stringify(policy) }],
    ]);
  });

  it("keeps an existing role, and puts no empty policy", async () => {
    const { session, iam } = mockedSession();
    iam.on(GetRoleCommand).resolves({ Role: { RoleName: "sfiniGenerated", Arn: role, Path: "/", RoleId: "r", CreateDate: new Date(0) } });
    await ensureDefaultRole(standInMachine(session, { StartAt: "p", States: { p: { Type: "Pass", End: true } } }));
    expect(iam.calls().map((c) => c.args[0].constructor.name)).toEqual(["GetRoleCommand"]);
  });

  it("passes on other IAM errors with their code", async () => {
    const { session, iam } = mockedSession();
    iam.on(GetRoleCommand).rejects(awsError("AccessDenied"));
    await expect(ensureDefaultRole(standInMachine(session, definition))).rejects.toMatchObject({ code: "AccessDenied", operation: "GetRole" });
  });
});
