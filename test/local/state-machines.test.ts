import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineCommand,
  DeleteStateMachineVersionCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  InvalidArn,
  InvalidDefinition,
  ListStateMachineAliasesCommand,
  ListStateMachinesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  type SFNClient,
} from "@aws-sdk/client-sfn";
import type { LocalEngine } from "../../src/local/index.js";
import { PASS_DEFINITION, ROLE, rejectionOf, startEngine } from "./helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
beforeEach(async () => ({ engine, sfn } = await startEngine()));
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:m";
const PASS_2 = JSON.stringify({ StartAt: "q", States: { q: { Type: "Pass", Result: 2, End: true } } });

describe("state machine operations", () => {
  it("creates idempotently, describes, updates, lists and deletes", async () => {
    const created = await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: PASS_DEFINITION }));
    expect(created.stateMachineArn).toBe(MACHINE);
    const same = await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: PASS_DEFINITION }));
    expect(same.creationDate).toEqual(created.creationDate);
    const clash = await rejectionOf(sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: PASS_2 })));
    expect(clash).toBeInstanceOf(StateMachineAlreadyExists);

    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: MACHINE }));
    expect(described).toMatchObject({
      stateMachineArn: MACHINE,
      name: "m",
      status: "ACTIVE",
      type: "STANDARD",
      definition: PASS_DEFINITION,
      roleArn: ROLE,
      loggingConfiguration: { level: "OFF", includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    });

    const updated = await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: MACHINE, definition: PASS_2 }));
    expect(updated.revisionId).not.toBe(described.revisionId);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: MACHINE }))).definition).toBe(PASS_2);
    const nothing = await rejectionOf(sfn.send(new UpdateStateMachineCommand({ stateMachineArn: MACHINE })));
    expect(nothing.name).toBe("MissingRequiredParameter");

    expect((await sfn.send(new ListStateMachinesCommand({}))).stateMachines).toEqual([
      { stateMachineArn: MACHINE, name: "m", type: "STANDARD", creationDate: created.creationDate },
    ]);
    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: MACHINE }));
    expect(await rejectionOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: MACHINE })))).toBeInstanceOf(StateMachineDoesNotExist);
  });

  it("refuses bad definitions, roles and types with AWS's codes", async () => {
    const bad = await rejectionOf(
      sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: JSON.stringify({ StartAt: "x", States: { y: { Type: "Pass", End: true } } }) })),
    );
    expect(bad).toBeInstanceOf(InvalidDefinition);
    expect(bad.message).toContain("MISSING_TRANSITION_TARGET");
    const notJson = await rejectionOf(sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: "{" })));
    expect(notJson).toBeInstanceOf(InvalidDefinition);
    const role = await rejectionOf(sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: "role", definition: PASS_DEFINITION })));
    expect(role).toBeInstanceOf(InvalidArn);
    expect(role.message).toContain("role");
    const type = await rejectionOf(sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: PASS_DEFINITION, type: "FAST" as "STANDARD" })));
    expect(type.name).toBe("ValidationException");
    const huge = await rejectionOf(sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: " ".repeat(1_048_577) })));
    expect(huge.name).toBe("ValidationException");
    expect(huge.message).toContain("1048576");
  });

  it("validates definitions", async () => {
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: PASS_DEFINITION }));
    expect(ok).toMatchObject({ result: "OK", diagnostics: [], truncated: false });
    const fail = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: JSON.stringify({ StartAt: "a", States: { a: { Type: "Nope" } } }) }));
    expect(fail.result).toBe("FAIL");
    expect(fail.diagnostics![0]).toMatchObject({ severity: "ERROR", code: "SCHEMA_VALIDATION_FAILED", location: "/States/a/Type" });
  });

  it("publishes versions, routes aliases and starts executions through them", async () => {
    const created = await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: PASS_DEFINITION, publish: true, versionDescription: "first" }));
    expect(created.stateMachineVersionArn).toBe(`${MACHINE}:1`);
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn: MACHINE, definition: PASS_2 }));
    const v2 = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: MACHINE, description: "second" }));
    expect(v2.stateMachineVersionArn).toBe(`${MACHINE}:2`);
    const again = await sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: MACHINE }));
    expect(again.stateMachineVersionArn).toBe(`${MACHINE}:2`);
    const conflict = await rejectionOf(sfn.send(new PublishStateMachineVersionCommand({ stateMachineArn: MACHINE, revisionId: "old" })));
    expect(conflict.name).toBe("ConflictException");

    const versions = await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: MACHINE }));
    expect(versions.stateMachineVersions!.map((v) => v.stateMachineVersionArn)).toEqual([`${MACHINE}:2`, `${MACHINE}:1`]);
    const v1 = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: `${MACHINE}:1` }));
    expect(v1).toMatchObject({ stateMachineArn: `${MACHINE}:1`, definition: PASS_DEFINITION, description: "first" });

    const alias = await sfn.send(
      new CreateStateMachineAliasCommand({ name: "prod", routingConfiguration: [{ stateMachineVersionArn: `${MACHINE}:1`, weight: 100 }] }),
    );
    expect(alias.stateMachineAliasArn).toBe(`${MACHINE}:prod`);
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${MACHINE}:prod` }));
    await engine.whenExecutionEnds(executionArn!);
    const run = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect(run).toMatchObject({ stateMachineArn: MACHINE, stateMachineAliasArn: `${MACHINE}:prod`, stateMachineVersionArn: `${MACHINE}:1`, output: "{}" });

    const inUse = await rejectionOf(sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${MACHINE}:1` })));
    expect(inUse.name).toBe("ConflictException");
    await sfn.send(new UpdateStateMachineAliasCommand({ stateMachineAliasArn: `${MACHINE}:prod`, description: "now v2", routingConfiguration: [{ stateMachineVersionArn: `${MACHINE}:2`, weight: 100 }] }));
    expect(await sfn.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: `${MACHINE}:prod` }))).toMatchObject({
      name: "prod",
      description: "now v2",
      routingConfiguration: [{ stateMachineVersionArn: `${MACHINE}:2`, weight: 100 }],
    });
    const badWeights = await rejectionOf(
      sfn.send(new CreateStateMachineAliasCommand({ name: "half", routingConfiguration: [{ stateMachineVersionArn: `${MACHINE}:1`, weight: 50 }] })),
    );
    expect(badWeights.name).toBe("ValidationException");
    expect((await sfn.send(new ListStateMachineAliasesCommand({ stateMachineArn: MACHINE }))).stateMachineAliases!.map((a) => a.stateMachineAliasArn)).toEqual([`${MACHINE}:prod`]);
    await sfn.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: `${MACHINE}:prod` }));
    await sfn.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: `${MACHINE}:1` }));
    expect((await sfn.send(new ListStateMachineVersionsCommand({ stateMachineArn: MACHINE }))).stateMachineVersions).toHaveLength(1);
  });

  it("runs StartSyncExecution for EXPRESS machines only", async () => {
    await sfn.send(new CreateStateMachineCommand({ name: "m", roleArn: ROLE, definition: PASS_2, type: "EXPRESS" }));
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: MACHINE, input: '{"a":1}' }));
    expect(result).toMatchObject({ status: "SUCCEEDED", output: "2", input: '{"a":1}', stateMachineArn: MACHINE });
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:123456789012:express:m:/);
    await sfn.send(new CreateStateMachineCommand({ name: "std", roleArn: ROLE, definition: PASS_2 }));
    const refused = await rejectionOf(sfn.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE.slice(0, -1)}std` })));
    // AWS's words (test_start_sync_execution).
    expect({ name: refused.name, message: refused.message }).toEqual({ name: "StateMachineTypeNotSupported", message: "This operation is not supported by this type of state machine" });
  });
});
