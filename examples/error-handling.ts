/**
 * sfini's "Error-handling" example: a task that first times out (and is retried after 3 s),
 * then raises `MyError`, which is caught and turned into a Fail state.
 *
 * As in sfini, the Task has `TimeoutSeconds: 10` and, from the activity's default heartbeat
 * of 20 s, `HeartbeatSeconds: 25`. The ASL specification wants the heartbeat below the
 * timeout, so `stateMachine.validate()` reports it; pass `heartbeat` (e.g. 4) to get a
 * definition AWS accepts.
 *
 *   npx tsx examples/error-handling.ts   # heartbeat 1 s, local engine at 2x speed: about 9 s
 */
import { pathToFileURL } from "node:url";
import {
  ActivityRegistration,
  Fail,
  Task,
  Worker,
  constructStateMachine,
  type AWSSession,
  type CallableActivity,
  type JsonValue,
  type StateMachine,
} from "sfini";
import { LocalEngine } from "sfini/local";

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
  const activities = new ActivityRegistration({ prefix: "sfiniActs", session });
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

  const stateMachine = constructStateMachine("sfiniSM", raise, { session });
  return { stateMachine, activities, raiseActivity };
}

/**
 * Run the valid variant (heartbeat 1 s, so HeartbeatSeconds 6 < TimeoutSeconds 10) on the local
 * engine at twice the speed; the activity's sleeps are halved alike. The worker's heartbeats are
 * real seconds, well inside the engine's 3 real seconds.
 */
async function main(): Promise<void> {
  const timeScale = 0.5;
  const engine = await LocalEngine.start({ port: 0, timeScale });
  const sleep = (seconds: number, signal: AbortSignal) =>
    new Promise<void>((resolve) => {
      console.log(`raiseActivity: sleeping ${seconds} s, then raising MyError`);
      const timer = setTimeout(resolve, seconds * 1000 * timeScale);
      signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
    });
  const { stateMachine, activities, raiseActivity } = buildErrorHandlingExample({ session: engine.session, heartbeat: 1, sleep });
  await activities.register();
  await stateMachine.register();
  const worker = new Worker(raiseActivity, { session: engine.session });
  worker.on("taskAbandoned", ({ reason }) => console.log(`task abandoned: ${reason.code} (the Task's 10-s timeout)`));
  worker.on("taskFailed", ({ error }) => console.log(`task failed: ${error}`));
  worker.start();
  const execution = await stateMachine.startExecution({});
  await execution.wait({ raiseOnFailure: false });
  const events = (await execution.getHistory()).map((event) => event.type);
  console.log(`history: ${events.join(" ")}`);
  console.log(`${execution.name}: ${execution.status} ${execution.error}: ${execution.cause}`);
  await worker.end();
  await stateMachine.deregister();
  await activities.deregister();
  await engine.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
