/**
 * State machines and their versions and aliases: Create, Update, Delete, Describe, List,
 * DescribeStateMachineForExecution, PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion, and the alias operations.
 */
import { ApiError } from "../api-error.js";
import { stateMachineArn } from "../../arn.js";
import { epochSeconds, wireFields, type EngineState, type OperationTable } from "./operation.js";
import { checkName } from "./names-input.js";
import { readTags } from "./tag-input.js";
import { pageAnswer } from "./paging.js";
import type { OperationInput } from "./input.js";
import { StateMachineStore, type AliasRecord, type MachineRevision, type RoutingEntry, type StateMachineRecord, type StateMachineType, type VersionRecord } from "../store/state-machine-store.js";
import { isJsonObject, type JsonKeys, type JsonObject } from "../../json.js";
import { MAX_NAME_LENGTH } from "../../asl/limits.js";
import { standardExecutionArn } from "./execution-operations.js";

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

/** Create and UpdateStateMachine's `publish` and `versionDescription`. */
interface PublishRequest {
  readonly publish: boolean;
  readonly versionDescription: string | undefined;
}

function readPublish(input: OperationInput): PublishRequest {
  const publish = input.boolean("publish");
  const versionDescription = input.optionalString("versionDescription", 256);
  if (versionDescription !== undefined && !publish) {
    throw new ApiError("ValidationException", "Version description can only be set when publish is true");
  }
  return { publish, versionDescription };
}

/** The answer's `stateMachineVersionArn`, once the machine's revision is published as asked. */
function published(engine: EngineState, arn: string, { publish, versionDescription }: PublishRequest): JsonObject {
  return publish ? { stateMachineVersionArn: engine.machines.publish(arn, versionDescription).stateMachineVersionArn } : {};
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

// A listing's item; PublishStateMachineVersion and CreateStateMachineAlias answer the same fields.
const MACHINE_ITEM: readonly JsonKeys<StateMachineRecord>[] = ["stateMachineArn", "name", "type", "creationDate"];
const VERSION_ITEM: readonly JsonKeys<VersionRecord>[] = ["stateMachineVersionArn", "creationDate"];
const ALIAS_ITEM: readonly JsonKeys<AliasRecord>[] = ["stateMachineAliasArn", "creationDate"];

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
    const publish = readPublish(input);
    const { machine } = engine.machines.create(stateMachineArn(engine, name), name, type, {
      definition,
      roleArn,
      ...(loggingConfiguration ? { loggingConfiguration } : {}),
      ...(tracingConfiguration ? { tracingConfiguration } : {}),
    });
    if (tags.length > 0) engine.tags.tag(machine.stateMachineArn, tags);
    return { stateMachineArn: machine.stateMachineArn, creationDate: epochSeconds(machine.creationDate), ...published(engine, machine.stateMachineArn, publish) };
  },

  UpdateStateMachine({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const definition = readDefinition(input, engine, false);
    const roleArn = readRoleArn(input, false);
    const loggingConfiguration = readLogging(input);
    const tracingConfiguration = readTracing(input);
    const publish = readPublish(input);
    if (StateMachineStore.splitArn(arn).qualifier !== undefined) {
      throw new ApiError("ValidationException", `Only a state machine's own ARN can be updated, not a version or alias: ${arn}`);
    }
    if (definition === undefined && roleArn === undefined && loggingConfiguration === undefined && tracingConfiguration === undefined) {
      throw new ApiError("MissingRequiredParameter", "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
    }
    const machine = engine.machines.update(arn, {
      ...(definition !== undefined ? { definition } : {}),
      ...(roleArn !== undefined ? { roleArn } : {}),
      ...(loggingConfiguration ? { loggingConfiguration } : {}),
      ...(tracingConfiguration ? { tracingConfiguration } : {}),
    });
    return { updateDate: epochSeconds(machine.current.updateDate), revisionId: machine.current.revisionId, ...published(engine, arn, publish) };
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
    return pageAnswer("stateMachines", engine.machines.list(), input, "stateMachines", (machine) => wireFields(machine, MACHINE_ITEM));
  },

  DescribeStateMachineForExecution({ input, engine }) {
    const execution = engine.executions.get(standardExecutionArn(input));
    return {
      stateMachineArn: execution.stateMachineArn,
      name: execution.machineName,
      updateDate: epochSeconds(execution.revision.updateDate),
      ...revisionFields(execution.revision),
    };
  },

  PublishStateMachineVersion({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const description = input.optionalString("description", 256);
    const revisionId = input.optionalString("revisionId", 256);
    return wireFields(engine.machines.publish(arn, description, revisionId), VERSION_ITEM);
  },

  ListStateMachineVersions({ input, engine }) {
    const arn = input.arn("stateMachineArn", MACHINE_KINDS);
    const versions = [...engine.machines.get(arn).versions.values()].reverse();
    return pageAnswer("stateMachineVersions", versions, input, `versions:${arn}`, (version) => wireFields(version, VERSION_ITEM));
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
    return wireFields(engine.machines.createAlias(name, readRouting(input, true)!, description), ALIAS_ITEM);
  },

  DescribeStateMachineAlias({ input, engine }) {
    const alias = engine.machines.alias(input.arn("stateMachineAliasArn", MACHINE_KINDS));
    return {
      ...wireFields(alias, ["stateMachineAliasArn", "name"]),
      routingConfiguration: alias.routingConfiguration.map((entry) => ({ ...entry })),
      ...wireFields(alias, ["creationDate", "updateDate", "description"]),
    };
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
    return pageAnswer("stateMachineAliases", aliases, input, `aliases:${arn}`, (alias) => wireFields(alias, ALIAS_ITEM));
  },
};
