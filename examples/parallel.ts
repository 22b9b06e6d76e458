/**
 * sfini's "Parallel" example: one branch logs a message, the other prints it and waits until
 * a time the print activity computes (5 s per character of the message).
 *
 * sfini's print activity takes `message` but is given the whole input (`{level, message}`), so
 * sfini's example fails as written. Here it is a smart activity declaring the one field it
 * takes, which keeps the definition exactly sfini's and makes the example run.
 *
 *   npx tsx examples/parallel.ts     # local engine at 100x speed: the 40-s Wait lasts 0.4 s
 */
import { pathToFileURL } from "node:url";
import {
  ActivityRegistration,
  Parallel,
  Task,
  Wait,
  Worker,
  constructStateMachine,
  type AWSSession,
  type CallableActivity,
  type SmartCallableActivity,
  type StateMachine,
} from "sfini";
import { LocalEngine } from "sfini/local";

/** Input of the log activity: a Python-style logging level and a message. */
export interface LogInput {
  level: number;
  message: string;
}

/** Where the example's activities write; console by default. */
export interface ExampleOutput {
  log(level: number, message: string): void;
  print(message: string): void;
}

const consoleOutput: ExampleOutput = {
  log: (level, message) => console.log(`[${level}] ${message}`),
  print: (message) => console.log(message),
};

/** What the parallel example is made of. */
export interface ParallelExample {
  stateMachine: StateMachine;
  activities: ActivityRegistration;
  logActivity: CallableActivity<LogInput, null>;
  printActivity: SmartCallableActivity<{ message: string }, string>;
}

/**
 * Build the example: activities `sfiniActslogActivity` and `sfiniActsprintActivity`, machine
 * `sfiniSM`. `now` and `output` are injectable so runs can be checked without a real clock.
 */
export function buildParallelExample(
  { session, now = () => new Date(), output = consoleOutput }: { session?: AWSSession; now?: () => Date; output?: ExampleOutput } = {},
): ParallelExample {
  const activities = new ActivityRegistration({ prefix: "sfiniActs", session });
  const logActivity = activities.activity("logActivity", (data: LogInput) => {
    output.log(data.level, data.message);
    return null;
  });
  const printActivity = activities.smartActivity(
    "printActivity",
    ({ message }: { message: string }) => {
      output.print(message);
      return new Date(now().getTime() + message.length * 5_000).toISOString();
    },
    { fields: ["message"] },
  );

  const printAndLog = new Parallel("printAndLog", { resultPath: "$.parallel", outputPath: "$.parallel" });

  const log = new Task("log", logActivity, { resultPath: null });
  const logSM = constructStateMachine("logSM", log, { session });

  const print = new Task("print", printActivity, { resultPath: "$.until" });
  print.goesTo(new Wait("wait", "$.until"));
  const printSM = constructStateMachine("printSM", print, { session });

  printAndLog.add(logSM);
  printAndLog.add(printSM);

  const stateMachine = constructStateMachine("sfiniSM", printAndLog, { session });
  return { stateMachine, activities, logActivity, printActivity };
}

/** Run it on the local engine, its clock 100 times faster (timeScale 0.01). */
async function main(): Promise<void> {
  const engine = await LocalEngine.start({ port: 0, timeScale: 0.01 });
  const { stateMachine, activities, logActivity, printActivity } = buildParallelExample({ session: engine.session });
  const workers = [logActivity, printActivity].map((activity) => new Worker(activity, { session: engine.session }));
  await activities.register();
  await stateMachine.register();
  for (const worker of workers) worker.start();
  const execution = await stateMachine.startExecution({ level: 20, message: "hi there" });
  await execution.wait();
  console.log(`${execution.name}: ${execution.status}, output ${JSON.stringify(execution.output)}`);
  await Promise.all(workers.map((worker) => worker.end()));
  await stateMachine.deregister();
  await activities.deregister();
  await engine.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
