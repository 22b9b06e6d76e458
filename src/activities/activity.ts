import { CreateActivityCommand, DeleteActivityCommand, paginateListActivities } from "@aws-sdk/client-sfn";
import { activityArn } from "../arn.js";
import { TaskResource, type TaskResourceOptions } from "../definitions/resources/task-resource.js";
import { callAws } from "../aws-call.js";

/** Options of an {@link Activity}. */
export interface ActivityOptions extends TaskResourceOptions {
  /**
   * Seconds between the heartbeats a worker sends while it runs a task (default 20). The
   * Task state's `HeartbeatSeconds` is this plus 5, as in sfini, to absorb network delay.
   */
  heartbeat?: number;
}

/**
 * An SFN activity: a named queue of tasks that workers poll. Register it before a state
 * machine that uses it runs.
 */
export class Activity extends TaskResource {
  readonly service = "activity";
  /** Seconds between heartbeats. */
  readonly heartbeat: number;

  constructor(name: string, options: ActivityOptions = {}) {
    super(name, options);
    this.heartbeat = options.heartbeat ?? 20;
    if (!Number.isInteger(this.heartbeat) || this.heartbeat < 1) {
      throw new RangeError(`activity ${JSON.stringify(name)}: heartbeat must be a whole number of seconds >= 1, got ${this.heartbeat}`);
    }
  }

  get arn(): string {
    return activityArn(this.session.arnScope, this.name);
  }

  override get workerHeartbeat(): number {
    return this.heartbeat;
  }

  /** Create the activity on AWS (CreateActivity is idempotent for an existing name). */
  async register(): Promise<void> {
    await this.session.accountId();
    await callAws("CreateActivity", () => this.session.sfn.send(new CreateActivityCommand({ name: this.name })));
  }

  /** Whether an activity with this ARN exists (pages through ListActivities). */
  async isRegistered(): Promise<boolean> {
    const arn = activityArn(await this.session.resolveArnScope(), this.name);
    return callAws("ListActivities", async () => {
      for await (const page of paginateListActivities({ client: this.session.sfn }, {})) {
        if (page.activities?.some((a) => a.activityArn === arn)) return true;
      }
      return false;
    });
  }

  /** Delete the activity from AWS. */
  async deregister(): Promise<void> {
    await this.session.accountId();
    await callAws("DeleteActivity", () => this.session.sfn.send(new DeleteActivityCommand({ activityArn: this.arn })));
  }
}

