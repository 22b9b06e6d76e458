import { InvalidOptionError } from "../../errors.js";
import { ServiceIntegration, type IntegrationPattern, type ServiceIntegrationOptions } from "./service-integration.js";

/**
 * The common integrations by name, one row each: service, action, and the patterns AWS
 * supports for it.
 */
const NAMED_INTEGRATIONS = {
  LambdaInvoke: { service: "lambda", action: "invoke", patterns: ["requestResponse", "waitForTaskToken"] },
  StartExecution: { service: "states", action: "startExecution", patterns: ["requestResponse", "sync", "sync:2", "waitForTaskToken"] },
  SnsPublish: { service: "sns", action: "publish", patterns: ["requestResponse", "waitForTaskToken"] },
  SqsSendMessage: { service: "sqs", action: "sendMessage", patterns: ["requestResponse", "waitForTaskToken"] },
  DynamoPutItem: { service: "dynamodb", action: "putItem", patterns: ["requestResponse"] },
} as const satisfies Record<string, { service: string; action: string; patterns: readonly IntegrationPattern[] }>;

type IntegrationName = keyof typeof NAMED_INTEGRATIONS;

/**
 * The class of one named integration: it takes only the options, and refuses a pattern the
 * row does not list. Each named class extends one, so it adds nothing to its row.
 */
function namedIntegration(name: IntegrationName): new (options?: ServiceIntegrationOptions) => ServiceIntegration {
  const row = NAMED_INTEGRATIONS[name];
  return class extends ServiceIntegration {
    constructor(options: ServiceIntegrationOptions = {}) {
      const pattern = options.pattern ?? "requestResponse";
      if (!(row.patterns as readonly string[]).includes(pattern)) {
        throw new InvalidOptionError(`${name} supports the patterns ${row.patterns.join(", ")}, not ${JSON.stringify(pattern)}`);
      }
      super(row.service, row.action, options);
    }
  };
}

/** `arn:aws:states:::lambda:invoke` (pass `FunctionName` and `Payload` in `parameters`). */
export class LambdaInvoke extends namedIntegration("LambdaInvoke") {}

/** `arn:aws:states:::states:startExecution` (a nested state machine; `.sync`, `.sync:2`). */
export class StartExecution extends namedIntegration("StartExecution") {}

/** `arn:aws:states:::sns:publish`. */
export class SnsPublish extends namedIntegration("SnsPublish") {}

/** `arn:aws:states:::sqs:sendMessage`. */
export class SqsSendMessage extends namedIntegration("SqsSendMessage") {}

/** `arn:aws:states:::dynamodb:putItem`. */
export class DynamoPutItem extends namedIntegration("DynamoPutItem") {}
