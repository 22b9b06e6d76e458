/** Activities: the task is queued for GetActivityTask; the worker answers on its token. */
import { ReportedTaskFailure } from "../task-supervisor.js";
import { newTaskToken } from "../../store/task-tokens.js";
import { awaitToken } from "./callback.js";
import type { TaskIntegration } from "./integration.js";
import { inputText } from "../task-events.js";
import { plainText } from "../../interpreter/deferred-text.js";

/** An activity ARN as `Resource`. */
export const activity: TaskIntegration = {
  events: "Activity",
  run({ request, events, control, parts }) {
    const { activities, tokens } = parts;
    if (!activities.has(request.resource)) {
      // AWS writes no event for it: the state fails States.Runtime (test_activity_task_on_deleted).
      throw new ReportedTaskFailure("States.Runtime", `The activity ${request.resource} does not exist.`);
    }
    events.scheduled();
    // The scheduled event may have been the one the execution failed on: then nothing is queued.
    control.signal.throwIfAborted();
    const token = newTaskToken();
    const result = awaitToken(tokens, token, control);
    activities.enqueue(request.resource, {
      taskToken: token,
      input: plainText(inputText(request)),
      // Called from the GetActivityTask answer's 'finish' listener.
      onTaken: control.guarded((workerName: string) => {
        if (control.signal.aborted) return;
        events.started(workerName);
        control.startHeartbeatClock();
      }),
      isLive: () => !control.signal.aborted && tokens.isLive(token),
    });
    control.signal.addEventListener("abort", () => activities.withdraw(request.resource, token), { once: true });
    return result;
  },
};
