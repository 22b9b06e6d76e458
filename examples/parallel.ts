/**
 * sfini's "Parallel" example: one branch logs a message, the other prints it and waits until
 * a time the print activity computes (5 s per character of the message).
 */
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import { Parallel, Task, Wait, constructStateMachine, type StateMachine } from "../src/definitions/index.js";
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
  printActivity: CallableActivity<string, string>;
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
  const printActivity = activities.activity("printActivity", (message: string) => {
    output.print(message);
    return new Date(now().getTime() + message.length * 5_000).toISOString();
  });

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
