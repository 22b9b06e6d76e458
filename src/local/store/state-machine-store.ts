/**
 * State machines, their published versions (`<machine arn>:<n>`) and aliases
 * (`<machine arn>:<alias>`). Each update makes a new revision; a version freezes one.
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "../api-error.js";
import type { EngineClock } from "../clock.js";
import type { JsonObject } from "../../json.js";
import type { MachineModel } from "../interpreter/compile/model.js";

/** STANDARD or EXPRESS. */
export type StateMachineType = "STANDARD" | "EXPRESS";

/** What a machine runs: one revision of its definition and settings. */
export interface MachineRevision {
  definition: string;
  roleArn: string;
  loggingConfiguration: JsonObject;
  tracingConfiguration: JsonObject;
  revisionId: string;
  updateDate: number;
  /** The definition parsed and compiled, at the revision's first execution (a revision never changes). */
  compiled?: CompiledRevision;
}

/** A revision's definition as the interpreter runs it. */
export interface CompiledRevision {
  definition: JsonObject;
  machine: MachineModel;
}

/** A published version. */
export interface VersionRecord {
  stateMachineVersionArn: string;
  version: number;
  description?: string;
  creationDate: number;
  revision: MachineRevision;
}

/** One entry of an alias's routing. */
export interface RoutingEntry {
  stateMachineVersionArn: string;
  weight: number;
}

/** An alias pointing at one or two versions. */
export interface AliasRecord {
  stateMachineAliasArn: string;
  name: string;
  description?: string;
  routingConfiguration: RoutingEntry[];
  creationDate: number;
  updateDate: number;
}

/** A stored state machine. */
export interface StateMachineRecord {
  stateMachineArn: string;
  name: string;
  type: StateMachineType;
  creationDate: number;
  /** Set once the machine was updated. */
  updated: boolean;
  current: MachineRevision;
  versions: Map<number, VersionRecord>;
  nextVersion: number;
  aliases: Map<string, AliasRecord>;
}

/** What an ARN given to StartExecution or DescribeStateMachine names. */
export interface ResolvedMachine {
  machine: StateMachineRecord;
  revision: MachineRevision;
  version?: VersionRecord;
  alias?: AliasRecord;
}

/** Settings a machine is created or updated with. */
export interface MachineSettings {
  definition: string;
  roleArn: string;
  loggingConfiguration?: JsonObject;
  tracingConfiguration?: JsonObject;
}

const DEFAULT_LOGGING: JsonObject = { level: "OFF", includeExecutionData: false };
const DEFAULT_TRACING: JsonObject = { enabled: false };

function sameRevision(a: MachineRevision, b: MachineRevision): boolean {
  return (
    a.definition === b.definition &&
    a.roleArn === b.roleArn &&
    JSON.stringify(a.loggingConfiguration) === JSON.stringify(b.loggingConfiguration) &&
    JSON.stringify(a.tracingConfiguration) === JSON.stringify(b.tracingConfiguration)
  );
}

/** State machines of one engine. */
export class StateMachineStore {
  private readonly machines = new Map<string, StateMachineRecord>();

  constructor(private readonly clock: EngineClock) {}

  private revision(settings: MachineSettings): MachineRevision {
    return {
      definition: settings.definition,
      roleArn: settings.roleArn,
      loggingConfiguration: settings.loggingConfiguration ?? DEFAULT_LOGGING,
      tracingConfiguration: settings.tracingConfiguration ?? DEFAULT_TRACING,
      revisionId: randomUUID(),
      updateDate: this.clock.now(),
    };
  }

  /**
   * CreateStateMachine. Asking again for the same name, type and settings returns the existing
   * machine (AWS's idempotency); different settings are `StateMachineAlreadyExists`.
   */
  create(arn: string, name: string, type: StateMachineType, settings: MachineSettings): { machine: StateMachineRecord; created: boolean } {
    const existing = this.machines.get(arn);
    const revision = this.revision(settings);
    if (existing) {
      if (existing.type === type && sameRevision(existing.current, revision)) return { machine: existing, created: false };
      throw new ApiError("StateMachineAlreadyExists", `State Machine Already Exists: '${arn}'`);
    }
    const machine: StateMachineRecord = {
      stateMachineArn: arn,
      name,
      type,
      creationDate: revision.updateDate,
      updated: false,
      current: revision,
      versions: new Map(),
      nextVersion: 1,
      aliases: new Map(),
    };
    this.machines.set(arn, machine);
    return { machine, created: true };
  }

  /** UpdateStateMachine: a new revision from the fields given. */
  update(arn: string, changes: Partial<MachineSettings>): StateMachineRecord {
    const machine = this.get(arn);
    const settings: MachineSettings = {
      definition: changes.definition ?? machine.current.definition,
      roleArn: changes.roleArn ?? machine.current.roleArn,
      loggingConfiguration: changes.loggingConfiguration ?? machine.current.loggingConfiguration,
      tracingConfiguration: changes.tracingConfiguration ?? machine.current.tracingConfiguration,
    };
    const revision = this.revision(settings);
    if (!sameRevision(revision, machine.current)) machine.current = revision;
    else machine.current = { ...machine.current, updateDate: revision.updateDate };
    machine.updated = true;
    return machine;
  }

  /**
   * PublishStateMachineVersion: freeze the current revision. Publishing a revision that the
   * newest version already holds returns that version, as AWS does.
   */
  publish(arn: string, description?: string, expectedRevisionId?: string): VersionRecord {
    const machine = this.get(arn);
    if (expectedRevisionId !== undefined && expectedRevisionId !== machine.current.revisionId) {
      throw new ApiError(
        "ConflictException",
        `Failed to publish the State Machine version: revisionId '${expectedRevisionId}' is not the latest revision '${machine.current.revisionId}'`,
      );
    }
    const newest = [...machine.versions.values()].at(-1);
    if (newest && newest.revision.revisionId === machine.current.revisionId) return newest;
    const version = machine.nextVersion++;
    const record: VersionRecord = {
      stateMachineVersionArn: `${arn}:${version}`,
      version,
      creationDate: this.clock.now(),
      revision: machine.current,
    };
    if (description !== undefined) record.description = description;
    machine.versions.set(version, record);
    return record;
  }

  /** DeleteStateMachine: idempotent; versions and aliases go with it. */
  delete(arn: string): void {
    this.machines.delete(arn);
  }

  /** The machine of a plain state-machine ARN, or `StateMachineDoesNotExist`. */
  get(arn: string): StateMachineRecord {
    const machine = this.machines.get(arn);
    if (!machine) throw new ApiError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** All machines, oldest first. */
  list(): StateMachineRecord[] {
    return [...this.machines.values()];
  }

  /** Split a machine, version or alias ARN into the machine ARN and the qualifier. */
  static splitArn(arn: string): { machineArn: string; qualifier?: string } {
    const parts = arn.split(":");
    if (parts.length <= 7) return { machineArn: arn };
    return { machineArn: parts.slice(0, 7).join(":"), qualifier: parts.slice(7).join(":") };
  }

  /** What a machine, version or alias ARN names; an alias picks one of its versions by weight. */
  resolve(arn: string, pick: () => number = Math.random): ResolvedMachine {
    const { machineArn, qualifier } = StateMachineStore.splitArn(arn);
    const machine = this.get(machineArn);
    if (qualifier === undefined) return { machine, revision: machine.current };
    if (/^[0-9]+$/.test(qualifier)) {
      const version = this.version(arn);
      return { machine, revision: version.revision, version };
    }
    const alias = this.alias(arn);
    let roll = pick() * 100;
    let chosen = alias.routingConfiguration[0]!;
    for (const entry of alias.routingConfiguration) {
      if (roll < entry.weight) {
        chosen = entry;
        break;
      }
      roll -= entry.weight;
    }
    const version = this.version(chosen.stateMachineVersionArn);
    return { machine, revision: version.revision, version, alias };
  }

  /** A version by its ARN, or `ResourceNotFound`. */
  version(versionArn: string): VersionRecord {
    const { machineArn, qualifier } = StateMachineStore.splitArn(versionArn);
    const version = this.machines.get(machineArn)?.versions.get(Number(qualifier));
    if (!version || qualifier === undefined || !/^[0-9]+$/.test(qualifier)) {
      throw new ApiError("ResourceNotFound", `Resource not found: '${versionArn}'`);
    }
    return version;
  }

  /** DeleteStateMachineVersion: idempotent; refused while an alias routes to it. */
  deleteVersion(versionArn: string): void {
    const { machineArn, qualifier } = StateMachineStore.splitArn(versionArn);
    const machine = this.machines.get(machineArn);
    if (!machine) return;
    const user = [...machine.aliases.values()].find((alias) =>
      alias.routingConfiguration.some((entry) => entry.stateMachineVersionArn === versionArn),
    );
    if (user) {
      throw new ApiError("ConflictException", `Version ${versionArn} is referenced by alias ${user.stateMachineAliasArn}`);
    }
    machine.versions.delete(Number(qualifier));
  }

  /** An alias by its ARN, or `ResourceNotFound`. */
  alias(aliasArn: string): AliasRecord {
    const { machineArn, qualifier } = StateMachineStore.splitArn(aliasArn);
    const alias = qualifier === undefined ? undefined : this.machines.get(machineArn)?.aliases.get(qualifier);
    if (!alias) throw new ApiError("ResourceNotFound", `Resource not found: '${aliasArn}'`);
    return alias;
  }

  /**
   * CreateStateMachineAlias: the same name, description and routing again returns the alias;
   * a different one is `ConflictException`.
   */
  createAlias(name: string, routing: RoutingEntry[], description?: string): AliasRecord {
    const machineArn = this.checkRouting(routing);
    const machine = this.get(machineArn);
    const aliasArn = `${machineArn}:${name}`;
    const existing = machine.aliases.get(name);
    if (existing) {
      if (existing.description === description && JSON.stringify(existing.routingConfiguration) === JSON.stringify(routing)) {
        return existing;
      }
      throw new ApiError("ConflictException", `Alias ${aliasArn} already exists with a different configuration`);
    }
    const now = this.clock.now();
    const alias: AliasRecord = { stateMachineAliasArn: aliasArn, name, routingConfiguration: routing, creationDate: now, updateDate: now };
    if (description !== undefined) alias.description = description;
    machine.aliases.set(name, alias);
    return alias;
  }

  /** UpdateStateMachineAlias. */
  updateAlias(aliasArn: string, changes: { description?: string; routing?: RoutingEntry[] }): AliasRecord {
    const alias = this.alias(aliasArn);
    if (changes.routing) {
      const machineArn = this.checkRouting(changes.routing);
      if (machineArn !== StateMachineStore.splitArn(aliasArn).machineArn) {
        throw new ApiError("ValidationException", "routingConfiguration must name versions of the alias's own state machine");
      }
      alias.routingConfiguration = changes.routing;
    }
    if (changes.description !== undefined) alias.description = changes.description;
    alias.updateDate = this.clock.now();
    return alias;
  }

  /** DeleteStateMachineAlias: idempotent. */
  deleteAlias(aliasArn: string): void {
    const { machineArn, qualifier } = StateMachineStore.splitArn(aliasArn);
    if (qualifier !== undefined) this.machines.get(machineArn)?.aliases.delete(qualifier);
  }

  /** Check a routing configuration; returns the machine ARN its versions belong to. */
  private checkRouting(routing: RoutingEntry[]): string {
    if (routing.length < 1 || routing.length > 2) {
      throw new ApiError("ValidationException", `routingConfiguration must have 1 or 2 entries, got ${routing.length}`);
    }
    const total = routing.reduce((sum, entry) => sum + entry.weight, 0);
    if (total !== 100) throw new ApiError("ValidationException", `routingConfiguration weights must add up to 100, got ${total}`);
    const machines = new Set(routing.map((entry) => StateMachineStore.splitArn(entry.stateMachineVersionArn).machineArn));
    if (machines.size !== 1) throw new ApiError("ValidationException", "routingConfiguration must name versions of one state machine");
    if (new Set(routing.map((entry) => entry.stateMachineVersionArn)).size !== routing.length) {
      throw new ApiError("ValidationException", "routingConfiguration must not name a version twice");
    }
    for (const entry of routing) this.version(entry.stateMachineVersionArn);
    return [...machines][0]!;
  }
}
