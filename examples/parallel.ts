/**
 * sfini's "Parallel" example: one branch logs a message, the other prints it and waits until
 * a time the print activity computes (5 s per character of the message).
 *
 * sfini's print activity takes `message` but is given the whole input (`{level, message}`), so
 * sfini's example fails as written. Here it is a smart activity declaring the one field it
 * takes, which keeps the definition exactly sfini's and makes the example run.
 */
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import type { SmartCallableActivity } from "../src/activities/smart-callable-activity.js";
import { Parallel, Task, Wait } from "../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../src/control/state-machine.js";
import type { AWSSession } from "../src/session.js";

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
  const activities = new ActivityRegistration({ prefix: "sfiniActs", ...(session ? { session } : {}) });
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
  const logSM = constructStateMachine("logSM", log, session ? { session } : {});

  const print = new Task("print", printActivity, { resultPath: "$.until" });
  print.goesTo(new Wait("wait", "$.until"));
  const printSM = constructStateMachine("printSM", print, session ? { session } : {});

  printAndLog.add(logSM);
  printAndLog.add(printSM);

  const stateMachine = constructStateMachine("sfiniSM", printAndLog, session ? { session } : {});
  return { stateMachine, activities, logActivity, printActivity };
}
