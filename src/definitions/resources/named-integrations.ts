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

function checked(name: IntegrationName, options: ServiceIntegrationOptions): [string, string, ServiceIntegrationOptions] {
  const row = NAMED_INTEGRATIONS[name];
  const pattern = options.pattern ?? "requestResponse";
  if (!(row.patterns as readonly string[]).includes(pattern)) {
    throw new InvalidOptionError(`${name} supports the patterns ${row.patterns.join(", ")}, not ${JSON.stringify(pattern)}`);
  }
  return [row.service, row.action, options];
}

/** `arn:aws:states:::lambda:invoke` (pass `FunctionName` and `Payload` in `parameters`). */
export class LambdaInvoke extends ServiceIntegration {
  constructor(options: ServiceIntegrationOptions = {}) {
    super(...checked("LambdaInvoke", options));
  }
}

/** `arn:aws:states:::states:startExecution` (a nested state machine; `.sync`, `.sync:2`). */
export class StartExecution extends ServiceIntegration {
  constructor(options: ServiceIntegrationOptions = {}) {
    super(...checked("StartExecution", options));
  }
}

/** `arn:aws:states:::sns:publish`. */
export class SnsPublish extends ServiceIntegration {
  constructor(options: ServiceIntegrationOptions = {}) {
    super(...checked("SnsPublish", options));
  }
}

/** `arn:aws:states:::sqs:sendMessage`. */
export class SqsSendMessage extends ServiceIntegration {
  constructor(options: ServiceIntegrationOptions = {}) {
    super(...checked("SqsSendMessage", options));
  }
}

/** `arn:aws:states:::dynamodb:putItem`. */
export class DynamoPutItem extends ServiceIntegration {
  constructor(options: ServiceIntegrationOptions = {}) {
    super(...checked("DynamoPutItem", options));
  }
}
