import { AWSSession, defaultSession } from "../../session.js";
import { validateName } from "../../names.js";

/** Options every task resource takes. */
export interface TaskResourceOptions {
  /** Session whose region and account the ARN is built from; default {@link defaultSession}. */
  session?: AWSSession;
}

/**
 * Something a Task state runs: an activity, a Lambda function, or a service integration.
 * The ARN is computed from the session's region and account, never fetched.
 */
export abstract class TaskResource {
  /** Short service name, as in the ARN: `activity`, `lambda`, `states`. */
  abstract readonly service: string;
  /** The session whose region and account the ARN is built from. */
  readonly session: AWSSession;

  constructor(
    /** Resource name (activity or function name). */
    readonly name: string,
    options: TaskResourceOptions = {},
  ) {
    validateName(name, `${new.target.name} name`);
    this.session = options.session ?? defaultSession();
  }

  /** The resource's ARN; throws `AccountIdUnknownError` if the session's account is unknown. */
  abstract get arn(): string;

  /**
   * Seconds between the heartbeats the workers of this resource send, for a resource that
   * workers poll (an activity); undefined for the rest. A Task state derives its
   * `HeartbeatSeconds` from it, without knowing the resource's class.
   */
  get workerHeartbeat(): number | undefined {
    return undefined;
  }
}
