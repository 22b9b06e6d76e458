/** Responses configured for service integrations the engine does not run itself. */
import type { JsonValue } from "../../json.js";

/**
 * A mocked service response: a JSON value, or a function of the task's effective input that
 * returns one (throw a `TaskFailed` to fail the task with an ASL error).
 */
export type MockedServiceResponse = JsonValue | ((input: JsonValue) => JsonValue | Promise<JsonValue>);

/** Mocks by resource: an exact match (e.g. `arn:aws:states:::sqs:sendMessage.waitForTaskToken`) wins over the resource without its `.sync` / `.waitForTaskToken` suffix. */
export class ServiceMocks {
  private readonly responses = new Map<string, MockedServiceResponse>();

  /** Set the response of `resource`. */
  set(resource: string, response: MockedServiceResponse): void {
    if (typeof resource !== "string" || !resource.startsWith("arn:")) {
      throw new TypeError(`a mocked resource must be an ARN such as "arn:aws:states:::sqs:sendMessage", got ${JSON.stringify(resource)}`);
    }
    this.responses.set(resource, response);
  }

  /** The mock of `resource`, or undefined. */
  find(resource: string): MockedServiceResponse | undefined {
    return this.responses.get(resource) ?? this.responses.get(resource.replace(/\.(sync(:2)?|waitForTaskToken)$/, ""));
  }
}
