/** Service integrations answered by `engine.mockServiceResponse` (a mock wins over a built-in integration). */
import type { JsonValue } from "../../../json.js";
import { callbackOf } from "./callback.js";
import type { TaskIntegration } from "./integration.js";
import { scheduleAndStart } from "./task-start.js";
import { jsonCopy } from "./json-copy.js";

/** A mocked service call: the mock's response, or with `.waitForTaskToken` the token's answer. */
export const mockedService: TaskIntegration = {
  events: "Task",
  async run(call) {
    const { request, parts } = call;
    await scheduleAndStart(call);
    const mock = parts.mocks.find(request.resource);
    // The mock is the user's: it gets a copy of the input, and its response is copied as the service's JSON.
    const callMock = async (): Promise<JsonValue> => jsonCopy(typeof mock === "function" ? await mock(jsonCopy(request.input)) : mock);
    const callback = callbackOf(call);
    return callback ? callback.submitted(await callMock()) : callMock();
  },
};
