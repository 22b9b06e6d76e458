import { serviceIntegrationArn } from "../../arn.js";
import { InvalidOptionError } from "../../errors.js";
import { TaskResource, type TaskResourceOptions } from "./task-resource.js";

/**
 * How a Task waits on a service integration: `requestResponse` (the default, no suffix),
 * `sync` (`.sync`, run the job to completion), `sync:2` (`.sync:2`, JSON output),
 * `waitForTaskToken` (`.waitForTaskToken`, wait for a task token to come back).
 */
export type IntegrationPattern = "requestResponse" | "sync" | "sync:2" | "waitForTaskToken";

/** The suffix each integration pattern adds to the action. */
export const INTEGRATION_PATTERN_SUFFIX: Readonly<Record<IntegrationPattern, string>> = {
  requestResponse: "",
  sync: ".sync",
  "sync:2": ".sync:2",
  waitForTaskToken: ".waitForTaskToken",
};

/** Options of a {@link ServiceIntegration}. */
export interface ServiceIntegrationOptions extends TaskResourceOptions {
  /** How the Task waits on the call; default `requestResponse`. */
  pattern?: IntegrationPattern;
}

// A service as it appears in the ARN: `lambda`, `dynamodb`, or an SDK one, `aws-sdk:s3`.
const SERVICE = /^[a-z0-9][a-z0-9-]*(:[a-z0-9][a-z0-9-]*)?$/;
const ACTION = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * An optimised service integration run by a Task: `arn:<partition>:states:::<service>:<action>`
 * with the pattern's suffix. Needs no account id, so it renders offline.
 */
export class ServiceIntegration extends TaskResource {
  /** The service as in the ARN, e.g. `lambda` or `aws-sdk:s3`. */
  readonly service: string;
  /** The API action, e.g. `invoke`. */
  readonly action: string;
  /** How the Task waits on the call. */
  readonly pattern: IntegrationPattern;

  constructor(service: string, action: string, options: ServiceIntegrationOptions = {}) {
    if (typeof action !== "string" || !ACTION.test(action)) {
      throw new InvalidOptionError(`service integration action must be an API action name like "invoke", got ${JSON.stringify(action)}`);
    }
    super(action, options);
    if (typeof service !== "string" || !SERVICE.test(service)) {
      throw new InvalidOptionError(`service integration service must be like "lambda" or "aws-sdk:s3", got ${JSON.stringify(service)}`);
    }
    const pattern = options.pattern ?? "requestResponse";
    if (!Object.hasOwn(INTEGRATION_PATTERN_SUFFIX, pattern)) {
      throw new InvalidOptionError(
        `service integration ${service}:${action}: pattern must be one of ${Object.keys(INTEGRATION_PATTERN_SUFFIX).join(", ")}, got ${JSON.stringify(pattern)}`,
      );
    }
    this.service = service;
    this.action = action;
    this.pattern = pattern;
  }

  get arn(): string {
    return serviceIntegrationArn(this.session.region, this.service, this.action) + INTEGRATION_PATTERN_SUFFIX[this.pattern];
  }
}
