import { InvalidOptionError } from "../../errors.js";
import type { JsonObject } from "../../json.js";
import { TaskResource } from "../resources/task-resource.js";
import { ErrorHandlingState } from "./error-handling-state.js";
import { optionalIntegerOrExpression, optionalPath } from "./options-check.js";
import { describeValue } from "../../json.js";
import { checkResultFields, renderInputFields, renderResultFields, type ResultFields, type ResultFieldsOptions } from "./result-fields.js";
import type { StateOptions } from "./state.js";

/** Seconds added to an activity's heartbeat for the Task's `HeartbeatSeconds`, as in sfini. */
export const HEARTBEAT_EXTRA = 5;

/** Role the task assumes (`Credentials`): a role ARN or a path to one. */
export type TaskCredentials =
  | {
      /** ARN of the role to assume (`Credentials.RoleArn`). */
      readonly roleArn: string;
    }
  | {
      /** JSONPath to the role ARN in the input (`Credentials."RoleArn.$"`). */
      readonly roleArnPath: string;
    };

/** Options of a {@link Task} state. */
export interface TaskOptions extends StateOptions, ResultFieldsOptions {
  /** Seconds before the task times out (`TimeoutSeconds`); JSONata may give an expression. */
  timeout?: number | string;
  /** JSONPath to the timeout (`TimeoutSecondsPath`). */
  timeoutPath?: string;
  /**
   * Seconds without a heartbeat before the task fails (`HeartbeatSeconds`). Default for an
   * activity: its `heartbeat` plus 5, as sfini does.
   */
  heartbeat?: number | string;
  /** JSONPath to the heartbeat timeout (`HeartbeatSecondsPath`). */
  heartbeatPath?: string;
  /** Role to run the task as (`Credentials`). */
  credentials?: TaskCredentials;
}

/** What a Task runs: an activity, Lambda function, service integration, or a raw ARN. */
export type TaskResourceLike = TaskResource | string;

/** Largest timeout AWS accepts for a task, in seconds. */
const MAX_TASK_SECONDS = 99_999_999;

/** Runs a unit of work (`Type: Task`): an activity, a Lambda function or a service call. */
export class Task extends ErrorHandlingState {
  readonly type = "Task";
  /** What runs the task. */
  readonly resource: TaskResourceLike;
  /** `TimeoutSeconds`. */
  timeout: number | string | undefined;
  /** `TimeoutSecondsPath`. */
  timeoutPath: string | undefined;
  /** `HeartbeatSeconds` given explicitly. */
  heartbeat: number | string | undefined;
  /** `HeartbeatSecondsPath`. */
  heartbeatPath: string | undefined;
  /** `Credentials`. */
  credentials: TaskCredentials | undefined;
  /** `Parameters`, `Arguments`, `ResultSelector`, `ResultPath`. */
  readonly io: ResultFields;

  constructor(name: string, resource: TaskResourceLike, options: TaskOptions = {}) {
    super(name, options);
    const owner = this.describeOwner();
    if (!(resource instanceof TaskResource) && !(typeof resource === "string" && /^arn:[^:]+:[^:]+:/.test(resource))) {
      throw new InvalidOptionError(`${owner}: resource must be a TaskResource (activity, Lambda, service integration) or an ARN string, got ${describeValue(resource)}`);
    }
    this.resource = resource;
    this.timeout = optionalIntegerOrExpression(owner, "timeout", options.timeout, 1, MAX_TASK_SECONDS);
    this.timeoutPath = optionalPath(owner, "timeoutPath", options.timeoutPath);
    this.heartbeat = optionalIntegerOrExpression(owner, "heartbeat", options.heartbeat, 1, MAX_TASK_SECONDS);
    this.heartbeatPath = optionalPath(owner, "heartbeatPath", options.heartbeatPath);
    if (this.timeout !== undefined && this.timeoutPath !== undefined) {
      throw new InvalidOptionError(`${owner}: give timeout or timeoutPath, not both`);
    }
    if (this.heartbeat !== undefined && this.heartbeatPath !== undefined) {
      throw new InvalidOptionError(`${owner}: give heartbeat or heartbeatPath, not both`);
    }
    this.credentials = checkCredentials(owner, options.credentials);
    this.io = checkResultFields(owner, options);
  }

  /** The resource's ARN, as rendered in `Resource`. */
  get resourceArn(): string {
    return typeof this.resource === "string" ? this.resource : this.resource.arn;
  }

  /** `HeartbeatSeconds` as rendered: the explicit one, else an activity's heartbeat + 5. */
  get heartbeatSeconds(): number | string | undefined {
    if (this.heartbeat !== undefined || this.heartbeatPath !== undefined) return this.heartbeat;
    const heartbeat = this.resource instanceof TaskResource ? this.resource.workerHeartbeat : undefined;
    if (heartbeat !== undefined) return heartbeat + HEARTBEAT_EXTRA;
    return undefined;
  }

  protected override renderFields(asl: JsonObject): void {
    asl["Resource"] = this.resourceArn;
    renderInputFields(asl, this.io);
    if (this.credentials !== undefined) {
      asl["Credentials"] =
        "roleArn" in this.credentials ? { RoleArn: this.credentials.roleArn } : { "RoleArn.$": this.credentials.roleArnPath };
    }
    renderResultFields(asl, this.io);
    if (this.timeout !== undefined) asl["TimeoutSeconds"] = this.timeout;
    if (this.timeoutPath !== undefined) asl["TimeoutSecondsPath"] = this.timeoutPath;
    const heartbeat = this.heartbeatSeconds;
    if (heartbeat !== undefined) asl["HeartbeatSeconds"] = heartbeat;
    if (this.heartbeatPath !== undefined) asl["HeartbeatSecondsPath"] = this.heartbeatPath;
  }
}

function checkCredentials(owner: string, credentials: unknown): TaskCredentials | undefined {
  if (credentials === undefined) return undefined;
  if (typeof credentials === "object" && credentials !== null && Object.keys(credentials).length === 1) {
    const record = credentials as Record<string, unknown>;
    if (typeof record["roleArn"] === "string" && record["roleArn"]) return { roleArn: record["roleArn"] };
    if (typeof record["roleArnPath"] === "string" && record["roleArnPath"]) return { roleArnPath: record["roleArnPath"] };
  }
  throw new InvalidOptionError(`${owner}: credentials must be { roleArn } or { roleArnPath }, got ${describeValue(credentials)}`);
}
