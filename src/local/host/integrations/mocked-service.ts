/** Service integrations answered by `engine.mockServiceResponse` (a mock wins over a built-in integration). */
import type { JsonValue } from "../../../json.js";
import { callbackOf } from "./callback.js";
import type { TaskIntegration } from "./integration.js";
import { scheduleAndStart } from "./task-start.js";

/** A mocked service call: the mock's response, or with `.waitForTaskToken` the token's answer. */
export const mockedService: TaskIntegration = {
  events: "Task",
  async run(call) {
    const { request, parts } = call;
    await scheduleAndStart(call);
    const mock = parts.mocks.find(request.resource);
    const callMock = async (): Promise<JsonValue> => (typeof mock === "function" ? await mock(request.input) : (mock ?? null));
    const callback = callbackOf(call);
    return callback ? callback.submitted(await callMock()) : callMock();
  },
};
