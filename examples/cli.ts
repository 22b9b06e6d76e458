/**
 * sfini's "CLI" example: a program whose command line registers, runs and inspects its own
 * state machine and activities (`register`, `start`, `worker`, `executions`, ...).
 *
 *   npx tsx examples/cli.ts --help
 *   npx tsx examples/cli.ts register         # against AWS, with the default credentials
 */
import { pathToFileURL } from "node:url";
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import { CLI, type CliIo } from "../src/cli/cli.js";
import { Task } from "../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../src/control/state-machine.js";
import type { JsonValue } from "../src/json.js";
import type { AWSSession } from "../src/session.js";

/** What the CLI example is made of. */
export interface CliExample {
  stateMachine: StateMachine;
  activities: ActivityRegistration;
  printActivity: CallableActivity<JsonValue, null>;
  cli: CLI;
}

/**
 * Build the example: activity `myPackageprintActivity`, machine `myStateMachine` (one Task,
 * `print`), and the program's CLI. `print` and `io` are injectable for tests.
 */
export function buildCliExample(
  { session, print = console.log, io }: { session?: AWSSession; print?: (data: JsonValue) => void; io?: CliIo } = {},
): CliExample {
  const activities = new ActivityRegistration({ prefix: "myPackage", ...(session ? { session } : {}) });
  const printActivity = activities.activity("printActivity", (data: JsonValue) => {
    print(data);
    return null;
  });
  const stateMachine = constructStateMachine("myStateMachine", new Task("print", printActivity), session ? { session } : {});
  const cli = new CLI({
    stateMachine,
    activities,
    roleArn: "arn:aws:iam::123456789012:role/myStateMachineRole",
    version: "1.0",
    prog: "cli-example",
    ...(io ? { io } : {}),
  });
  return { stateMachine, activities, printActivity, cli };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await buildCliExample().cli.parseArgs(process.argv.slice(2));
}
