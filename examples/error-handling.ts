/**
 * sfini's "Error-handling" example: a task that first times out (and is retried after 3 s),
 * then raises `MyError`, which is caught and turned into a Fail state.
 *
 * As in sfini, the Task has `TimeoutSeconds: 10` and, from the activity's default heartbeat
 * of 20 s, `HeartbeatSeconds: 25`. The ASL specification wants the heartbeat below the
 * timeout, so `stateMachine.validate()` reports it; pass `heartbeat` (e.g. 4) to get a
 * definition AWS accepts.
 */
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import { Fail, Task } from "../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../src/control/state-machine.js";
import type { JsonValue } from "../src/json.js";
import type { AWSSession } from "../src/session.js";

/** The error the activity raises; its class name is the error name the Catch matches. */
export class MyError extends Error {
  override name = "MyError";
}

/** What the error-handling example is made of. */
export interface ErrorHandlingExample {
  stateMachine: StateMachine;
  activities: ActivityRegistration;
  raiseActivity: CallableActivity<JsonValue, never>;
}

/**
 * Build the example: activity `sfiniActsraiseActivity`, machine `sfiniSM`. The activity
 * sleeps `sleepSeconds` (15, then 10 less on each call, as in sfini) and raises MyError;
 * `sleep` is injectable.
 */
export function buildErrorHandlingExample(
  {
    session,
    heartbeat,
    sleep = (seconds: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000);
        signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
      }),
  }: { session?: AWSSession; heartbeat?: number; sleep?: (seconds: number, signal: AbortSignal) => Promise<void> } = {},
): ErrorHandlingExample {
  const activities = new ActivityRegistration({ prefix: "sfiniActs", ...(session ? { session } : {}) });
  let sleepSeconds = 15;
  const raiseActivity = activities.activity(
    "raiseActivity",
    async (_data: JsonValue, context): Promise<never> => {
      const seconds = sleepSeconds;
      sleepSeconds -= 10;
      if (seconds > 0) await sleep(seconds, context.signal);
      throw new MyError("foobar");
    },
    heartbeat !== undefined ? { heartbeat } : {},
  );

  const raise = new Task("raise", raiseActivity, { timeout: 10 });
  raise.retryFor(["States.Timeout"], { interval: 3 });

  const fail = new Fail("fail", { error: "WorkerError", cause: "MyError was raised" });
  raise.catch(["MyError"], fail, { resultPath: "$.error-info" });

  const stateMachine = constructStateMachine("sfiniSM", raise, session ? { session } : {});
  return { stateMachine, activities, raiseActivity };
}
