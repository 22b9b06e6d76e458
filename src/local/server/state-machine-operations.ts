/**
 * State machines and their versions and aliases: Create, Update, Delete, Describe, List,
 * DescribeStateMachineForExecution, PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion, and the alias operations.
 */
import { ApiError } from "../api-error.js";
import { stateMachineArn } from "../../arn.js";
import { epochSeconds, type EngineState, type OperationTable } from "./operation.js";
import { checkName } from "./names-input.js";
import { readTags } from "./tag-input.js";
import { pageOf } from "./paging.js";
import type { OperationInput } from "./input.js";
import { StateMachineStore, type MachineRevision, type RoutingEntry, type StateMachineRecord, type StateMachineType } from "../store/state-machine-store.js";
import { isJsonObject, type JsonObject } from "../../json.js";
import { MAX_NAME_LENGTH } from "../../asl/limits.js";

/** AWS's limit on a definition: 1 MiB of characters. */
export const MAX_DEFINITION_LENGTH = 1_048_576;

const ROLE_ARN = /^arn:[a-z-]+:iam::[0-9]{12}:role\/.+$/;
const MACHINE_KINDS = ["stateMachine"];

/** The `definition` field, checked: too long is `ValidationException`, invalid `InvalidDefinition`. */
function readDefinition(input: OperationInput, engine: EngineState, required: true): string;
function readDefinition(input: OperationInput, engine: EngineState, required: false): string | undefined;
function readDefinition(input: OperationInput, engine: EngineState, required: boolean): string | undefined {
  const definition = required
    ? input.requiredString("definition", MAX_DEFINITION_LENGTH)
    : input.optionalString("definition", MAX_DEFINITION_LENGTH);
  if (definition === undefined) return undefined;
  const errors = engine.checkDefinition(definition).filter((d) => d.severity === "ERROR");
  if (errors.length > 0) {
    const shown = errors.map((d) => `${d.code}: ${d.message}${d.location ? ` at ${d.location}` : ""}`).join(", ");
    throw new ApiError("InvalidDefinition", `Invalid State Machine Definition: '${shown}'`);
  }
  return definition;
}

function readRoleArn(input: OperationInput, required: boolean): string | undefined {
  const role = required ? input.requiredString("roleArn", 256) : input.optionalString("roleArn", 256);
  if (role !== undefined && !ROLE_ARN.test(role)) throw new ApiError("InvalidArn", `Invalid Arn: 'Invalid role ARN: ${role}'`);
  return role;
}

function readLogging(input: OperationInput): JsonObject | undefined {
  const logging = input.optionalObject("loggingConfiguration");
  if (logging === undefined) return undefined;
  const level = logging["level"] ?? "OFF";
  if (typeof level !== "string" || !["ALL", "ERROR", "FATAL", "OFF"].includes(level)) {
    throw new ApiError("InvalidLoggingConfiguration", `Invalid Logging Configuration: level ${JSON.stringify(level)}`);
  }
  return { level, includeExecutionData: logging["includeExecutionData"] === true, ...(logging["destinations"] ? { destinations: logging["destinations"] } : {}) };
}

function readTracing(input: OperationInput): JsonObject | undefined {
  const tracing = input.optionalObject("tracingConfiguration");
  return tracing === undefined ? undefined : { enabled: tracing["enabled"] === true };
}

function readRouting(input: OperationInput, required: boolean): RoutingEntry[] | undefined {
  if (!required && input.body["routingConfiguration"] === undefined) return undefined;
  return input.array("routingConfiguration").map((entry) => {
    const arn = isJsonObject(entry) ? entry["stateMachineVersionArn"] : undefined;
    const weight = isJsonObject(entry) ? entry["weight"] : undefined;
    if (typeof arn !== "string" || typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 100) {
      throw new ApiError("ValidationException", `invalid routing entry ${JSON.stringify(entry)}: { stateMachineVersionArn, weight: 0-100 }`);
    }
    return { stateMachineVersionArn: arn, weight };
  });
}

function revisionFields(revision: MachineRevision): JsonObject {
  return {
    definition: revision.definition,
    roleArn: revision.roleArn,
    loggingConfiguration: revision.loggingConfiguration,
    tracingConfiguration: revision.tracingConfiguration,
    revisionId: revision.revisionId,
  };
}

function withToken<T extends JsonObject>(body: T, nextToken: string | undefined): T {
  return nextToken ? { ...body, nextToken } : body;
}

/** State-machine, version and alias operations. */
export const stateMachineOperations: OperationTable = {
  CreateStateMachine({ input, engine }) {
    const name = checkName(input.requiredString("name", MAX_NAME_LENGTH), "state machine name");
    const definition = readDefinition(input, engine, true);
    const roleArn = readRoleArn(input, true)!;
    const type = input.optionalEnum<StateMachineType>("type", ["STANDARD", "EXPRESS"]) ?? "STANDARD";
    const loggingConfiguration = readLogging(input);
    const tracingConfiguration = readTracing(input);
    const tags = readTags(input);
    const publish = input.boolean("publish");
    const versionDescription = input.optionalString("versionDescription", 256);
    if (versionDescription !== undefined && !publish) {
      throw new ApiError("ValidationException", "Version description can only be set when publish is true");
    }
    const { machine } = engine.machines.create(stateMachineArn(engine, name), name, type, {
      definition,
      roleArn,
      ...(loggingConfiguration ? { loggingConfiguration } : {}),
      ...(tracingConfiguration ? { tracingConfiguration } : {}),
    });
    if (tags.length > 0) engine.tags.tag(machine.stateMachineArn, tags);
    const answer: JsonObject = { stateMachineArn: machine.stateMachineArn, creationDate: epochSeconds(machine.creationDate) };
    if (publish) answer["stateMachineVersionArn"] = engine.machines.publish(machine.stateMachineArn, versionDescription).stateMachineVersionArn;
    return answer;
  },

  UpdateStateMachine({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const definition = readDefinition(input, engine, false);
    const roleArn = readRoleArn(input, false);
    const loggingConfiguration = readLogging(input);
    const tracingConfiguration = readTracing(input);
    const publish = input.boolean("publish");
    const versionDescription = input.optionalString("versionDescription", 256);
    if (versionDescription !== undefined && !publish) {
      throw new ApiError("ValidationException", "Version description can only be set when publish is true");
    }
    if (StateMachineStore.splitArn(arn).qualifier !== undefined) {
      throw new ApiError("ValidationException", `Only a state machine's own ARN can be updated, not a version or alias: ${arn}`);
    }
    if (definition === undefined && roleArn === undefined && loggingConfiguration === undefined && tracingConfiguration === undefined) {
      throw new ApiError("MissingRequiredParameter", "Either the definition, the role ARN, the logging configuration or the tracing configuration must be specified");
    }
    const machine = engine.machines.update(arn, {
      ...(definition !== undefined ? { definition } : {}),
      ...(roleArn !== undefined ? { roleArn } : {}),
      ...(loggingConfiguration ? { loggingConfiguration } : {}),
      ...(tracingConfiguration ? { tracingConfiguration } : {}),
    });
    const answer: JsonObject = { updateDate: epochSeconds(machine.current.updateDate), revisionId: machine.current.revisionId };
    if (publish) answer["stateMachineVersionArn"] = engine.machines.publish(arn, versionDescription).stateMachineVersionArn;
    return answer;
  },

  DeleteStateMachine({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    if (StateMachineStore.splitArn(arn).qualifier !== undefined) {
      throw new ApiError("ValidationException", `Use DeleteStateMachineVersion or DeleteStateMachineAlias for ${arn}`);
    }
    engine.machines.delete(arn);
    engine.tags.forget(arn);
    return {};
  },

  DescribeStateMachine({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const { qualifier } = StateMachineStore.splitArn(arn);
    if (qualifier !== undefined && !/^[0-9]+$/.test(qualifier)) {
      throw new ApiError("InvalidArn", `Invalid Arn: 'DescribeStateMachine takes a state machine or version ARN, not an alias: ${arn}'`);
    }
    const resolved = engine.machines.resolve(arn);
    const { machine } = resolved;
    const answer: JsonObject = {
      stateMachineArn: resolved.version?.stateMachineVersionArn ?? machine.stateMachineArn,
      name: machine.name,
      status: "ACTIVE",
      type: machine.type,
      creationDate: epochSeconds(resolved.version?.creationDate ?? machine.creationDate),
      ...revisionFields(resolved.revision),
    };
    if (resolved.version?.description !== undefined) answer["description"] = resolved.version.description;
    return answer;
  },

  ListStateMachines({ input, engine }) {
    const page = pageOf(engine.machines.list(), input, "stateMachines");
    return withToken(
      {
        stateMachines: page.items.map((machine: StateMachineRecord) => ({
          stateMachineArn: machine.stateMachineArn,
          name: machine.name,
          type: machine.type,
          creationDate: epochSeconds(machine.creationDate),
        })),
      },
      page.nextToken,
    );
  },

  DescribeStateMachineForExecution({ input, engine }) {
    const execution = engine.executions.get(input.arn("executionArn", ["execution", "express"]));
    const answer: JsonObject = {
      stateMachineArn: execution.stateMachineArn,
      name: execution.machineName,
      updateDate: epochSeconds(execution.revision.updateDate),
      ...revisionFields(execution.revision),
    };
    return answer;
  },

  PublishStateMachineVersion({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const description = input.optionalString("description", 256);
    const revisionId = input.optionalString("revisionId", 256);
    const version = engine.machines.publish(arn, description, revisionId);
    return { stateMachineVersionArn: version.stateMachineVersionArn, creationDate: epochSeconds(version.creationDate) };
  },

  ListStateMachineVersions({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const versions = [...engine.machines.get(arn).versions.values()].reverse();
    const page = pageOf(versions, input, `versions:${arn}`);
    return withToken(
      {
        stateMachineVersions: page.items.map((version) => ({
          stateMachineVersionArn: version.stateMachineVersionArn,
          creationDate: epochSeconds(version.creationDate),
        })),
      },
      page.nextToken,
    );
  },

  DeleteStateMachineVersion({ input, engine }) {
    const arn = input.arn("stateMachineVersionArn", MACHINE_KINDS);
    if (!/^[0-9]+$/.test(StateMachineStore.splitArn(arn).qualifier ?? "")) {
      throw new ApiError("ValidationException", `Not a state machine version ARN: ${arn}`);
    }
    engine.machines.deleteVersion(arn);
    return {};
  },

  CreateStateMachineAlias({ input, engine }) {
    const name = checkName(input.requiredString("name", MAX_NAME_LENGTH), "alias name");
    if (/^[0-9]+$/.test(name)) throw new ApiError("ValidationException", `An alias name must not be only digits (those name versions): ${name}`);
    const description = input.optionalString("description", 256);
    const alias = engine.machines.createAlias(name, readRouting(input, true)!, description);
    return { stateMachineAliasArn: alias.stateMachineAliasArn, creationDate: epochSeconds(alias.creationDate) };
  },

  DescribeStateMachineAlias({ input, engine }) {
    const alias = engine.machines.alias(input.arn("stateMachineAliasArn", MACHINE_KINDS));
    const answer: JsonObject = {
      stateMachineAliasArn: alias.stateMachineAliasArn,
      name: alias.name,
      routingConfiguration: alias.routingConfiguration.map((entry) => ({ ...entry })),
      creationDate: epochSeconds(alias.creationDate),
      updateDate: epochSeconds(alias.updateDate),
    };
    if (alias.description !== undefined) answer["description"] = alias.description;
    return answer;
  },

  UpdateStateMachineAlias({ input, engine }) {
    const arn = input.arn("stateMachineAliasArn", MACHINE_KINDS);
    const description = input.optionalString("description", 256);
    const routing = readRouting(input, false);
    if (description === undefined && routing === undefined) {
      throw new ApiError("ValidationException", "Either the description or the routing configuration must be specified");
    }
    const alias = engine.machines.updateAlias(arn, { ...(description !== undefined ? { description } : {}), ...(routing ? { routing } : {}) });
    return { updateDate: epochSeconds(alias.updateDate) };
  },

  DeleteStateMachineAlias({ input, engine }) {
    engine.machines.deleteAlias(input.arn("stateMachineAliasArn", MACHINE_KINDS));
    return {};
  },

  ListStateMachineAliases({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const aliases = [...engine.machines.get(StateMachineStore.splitArn(arn).machineArn).aliases.values()];
    const page = pageOf(aliases, input, `aliases:${arn}`);
    return withToken(
      {
        stateMachineAliases: page.items.map((alias) => ({
          stateMachineAliasArn: alias.stateMachineAliasArn,
          creationDate: epochSeconds(alias.creationDate),
        })),
      },
      page.nextToken,
    );
  },
};
