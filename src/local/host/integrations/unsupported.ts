/** Resources the engine does not run: a service integration with no mock, and anything not an ARN it knows. */
import { TaskFailed } from "../../interpreter/host.js";
import { ReportedTaskFailure } from "../task-supervisor.js";
import type { TaskIntegration } from "./integration.js";
import { scheduleAndStart } from "./task-start.js";

/** Error of a Task whose service integration the engine neither runs nor has a mock for. */
export const UNSUPPORTED_INTEGRATION_ERROR = "Local.UnsupportedIntegration";

/** A service integration the engine has neither built in nor mocked. */
export const unsupportedService: TaskIntegration = {
  events: "Task",
  async run(call) {
    const { request } = call;
    await scheduleAndStart(call);
    throw new TaskFailed(
      UNSUPPORTED_INTEGRATION_ERROR,
      `the local engine does not run ${request.resource}; give it a response with engine.mockServiceResponse(${JSON.stringify(request.resource)}, response)`,
    );
  },
};

/** A `Resource` that is no activity, Lambda function or service integration ARN. */
export const unknownResource: TaskIntegration = {
  events: "Task",
  async run({ request, events }) {
    const { resource } = request;
    events.scheduleFailed("States.Runtime", `the resource ${JSON.stringify(resource)} is not an activity, Lambda function or service integration ARN`);
    throw new ReportedTaskFailure("States.Runtime", `unsupported resource ${resource}`);
  },
};
