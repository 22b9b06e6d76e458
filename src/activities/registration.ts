import { DeleteActivityCommand, paginateListActivities } from "@aws-sdk/client-sfn";
import { InvalidNameError, SfiniError } from "../errors.js";
import type { JsonObject, JsonValue } from "../json.js";
import { validateName } from "../names.js";
import { defaultSession, type AWSSession } from "../session.js";
import { callAws } from "../aws-call.js";
import type { Activity } from "./activity.js";
import { CallableActivity, type ActivityFunction } from "./callable-activity.js";
import { SmartCallableActivity, type InputField } from "./smart-callable-activity.js";

/** Options of an {@link ActivityRegistration}. */
export interface ActivityRegistrationOptions {
  /** Prepended to every activity name of the group (default `""`). */
  prefix?: string;
  /** Session of every activity of the group; default {@link defaultSession}. */
  session?: AWSSession;
}

/** Options of {@link ActivityRegistration.activity}. */
export interface RegisteredActivityOptions {
  /** Seconds between heartbeats (default 20). */
  heartbeat?: number;
}

/** Options of {@link ActivityRegistration.smartActivity}. */
export interface RegisteredSmartActivityOptions extends RegisteredActivityOptions {
  /** The input keys the function takes: required names, or fields with defaults. */
  fields: readonly string[] | Readonly<Record<string, InputField>>;
}

/** An activity of that name is already in the group. */
export class DuplicateActivityError extends SfiniError {
  /** @param activityName - The registered name (prefix included) already taken in the group. */
  constructor(readonly activityName: string) {
    super(`activity ${JSON.stringify(activityName)} is already in the group`);
  }
}

/**
 * A group of activities sharing a name prefix and a session: builds them from functions,
 * registers them all, and removes them (and stale ones of the prefix) from AWS.
 */
export class ActivityRegistration {
  /** Prepended to every activity name of the group. */
  readonly prefix: string;
  /** Session shared by every activity of the group. */
  readonly session: AWSSession;
  private readonly byName = new Map<string, Activity>();

  constructor(options: ActivityRegistrationOptions = {}) {
    this.prefix = options.prefix ?? "";
    this.session = options.session ?? defaultSession();
    // A prefix AWS would refuse inside a name fails now, not at the first activity.
    if (this.prefix !== "") validateName(this.prefix, "activity prefix");
  }

  /** The activities of the group, by registered name (prefix included). */
  get activities(): ReadonlyMap<string, Activity> {
    return this.byName;
  }

  /** The activity of that registered name, or (failing that) of that name without the prefix. */
  get(name: string): Activity | undefined {
    return this.byName.get(name) ?? this.byName.get(this.prefix + name);
  }

  /** Add an activity; throws {@link DuplicateActivityError} if its name is taken. */
  addActivity<A extends Activity>(activity: A): A {
    if (this.byName.has(activity.name)) throw new DuplicateActivityError(activity.name);
    this.byName.set(activity.name, activity);
    return activity;
  }

  /**
   * Make a {@link CallableActivity} named `prefix + name` running `fn`, and add it.
   * `name` defaults to the function's own name.
   */
  activity<I = JsonValue, O = unknown>(
    name: string | undefined,
    fn: ActivityFunction<I, O>,
    options: RegisteredActivityOptions = {},
  ): CallableActivity<I, O> {
    const full = this.fullName(name, fn);
    this.assertFree(full);
    return this.addActivity(new CallableActivity(full, fn, { heartbeat: options.heartbeat, session: this.session }));
  }

  /**
   * Make a {@link SmartCallableActivity} named `prefix + name` running `fn` on the declared
   * input fields only, and add it.
   */
  smartActivity<I extends JsonObject = JsonObject, O = unknown>(
    name: string | undefined,
    fn: ActivityFunction<I, O>,
    options: RegisteredSmartActivityOptions,
  ): SmartCallableActivity<I, O> {
    const full = this.fullName(name, fn);
    this.assertFree(full);
    return this.addActivity(
      new SmartCallableActivity(full, fn, { heartbeat: options.heartbeat, fields: options.fields, session: this.session }),
    );
  }

  /** Create every activity of the group on AWS. */
  async register(): Promise<void> {
    for (const activity of this.byName.values()) await activity.register();
  }

  /**
   * Delete from AWS every listed activity whose name starts with the prefix or that is in the
   * group (sfini's rule). With an empty prefix only the group's own are deleted: an empty
   * prefix would otherwise match, and delete, every activity of the account.
   * @returns the ARNs deleted
   */
  async deregister(): Promise<string[]> {
    const doomed = await callAws("ListActivities", async () => {
      const arns: string[] = [];
      for await (const page of paginateListActivities({ client: this.session.sfn }, {})) {
        for (const listed of page.activities ?? []) {
          const name = listed.name ?? "";
          const byPrefix = this.prefix !== "" && name.startsWith(this.prefix);
          if ((byPrefix || this.byName.has(name)) && listed.activityArn) arns.push(listed.activityArn);
        }
      }
      return arns;
    });
    for (const activityArn of doomed) {
      await callAws("DeleteActivity", () => this.session.sfn.send(new DeleteActivityCommand({ activityArn })));
    }
    return doomed;
  }

  private fullName(name: string | undefined, fn: (...args: never[]) => unknown): string {
    const own = name ?? fn.name;
    if (!own) throw new InvalidNameError("", "an activity needs a name: give one, or pass a named function");
    return this.prefix + own;
  }

  private assertFree(name: string): void {
    if (this.byName.has(name)) throw new DuplicateActivityError(name);
  }
}
