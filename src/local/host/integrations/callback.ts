/**
 * Callbacks: a task that waits for SendTaskSuccess / SendTaskFailure on its token (activities,
 * and every `.waitForTaskToken` integration). Heartbeats on the token reach the task's clock.
 */
import { TaskFailed, type TaskRequest } from "../../interpreter/host.js";
import { newTaskToken, type TaskTokens } from "../../store/task-tokens.js";
import type { TaskControl } from "../task-supervisor.js";
import type { JsonValue } from "../../../json.js";
import type { TaskCall } from "./integration.js";

/** The answer SendTaskSuccess / SendTaskFailure give to `token`; heartbeats reach `control`. */
export function awaitToken(tokens: TaskTokens, token: string, control: TaskControl): Promise<JsonValue> {
  return new Promise<JsonValue>((resolve, reject) => {
    tokens.register(token, {
      succeed: resolve,
      fail: (error, cause) => reject(new TaskFailed(error ?? "", cause ?? "", { error: error === undefined, cause: cause === undefined })),
      heartbeat: () => control.heartbeat(),
    });
    const forget = (): void => {
      tokens.finish(token);
      reject(control.signal.reason);
    };
    // A task that ended while its token was being made (e.g. its execution failed) leaves no live token.
    if (control.signal.aborted) forget();
    else control.signal.addEventListener("abort", forget, { once: true });
  });
}

/** The token of a `.waitForTaskToken` task (the interpreter made it for `$$.Task.Token`). */
export function tokenOf(request: TaskRequest): string {
  return request.taskToken ?? newTaskToken();
}

/**
 * A callback in flight: registered before the call is made (an answer may come before the
 * call returns), then {@link CallbackWait.submitted} once the call is out.
 */
export interface CallbackWait {
  /** The call was made with `output`: write `TaskSubmitted`, start the heartbeat clock, wait for the answer. */
  submitted(output: JsonValue): Promise<JsonValue>;
}

/** Start waiting for the token of `call` (`.waitForTaskToken`). */
export function startCallback(call: TaskCall): CallbackWait {
  const answer = awaitToken(call.parts.tokens, tokenOf(call.request), call.control);
  // Keep an early answer's rejection from going unhandled while the call runs.
  answer.catch(() => undefined);
  return {
    submitted: (output) => {
      call.events.submitted(JSON.stringify(output));
      call.control.startHeartbeatClock();
      return answer;
    },
  };
}

/** `.waitForTaskToken` on `call`'s resource: a callback to start, else undefined. */
export function callbackOf(call: TaskCall): CallbackWait | undefined {
  return call.target.kind === "service" && call.target.pattern === "waitForTaskToken" ? startCallback(call) : undefined;
}
