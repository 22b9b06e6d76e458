/**
 * sfini's "CLI" example: a program whose command line registers, runs and inspects its own
 * state machine and activities (`register`, `start`, `worker`, `executions`, ...).
 *
 *   npx tsx examples/cli.ts                  # a tour on the embedded local engine
 *   npx tsx examples/cli.ts --help
 *   npx tsx examples/cli.ts register         # against AWS, with the default credentials
 */
import { pathToFileURL } from "node:url";
import { ActivityRegistration, CLI, Task, Worker, constructStateMachine, type AWSSession, type CallableActivity, type CliIo, type JsonValue, type StateMachine } from "sfini";
import { LocalEngine } from "sfini/local";

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
  const activities = new ActivityRegistration({ prefix: "myPackage", session });
  const printActivity = activities.activity("printActivity", (data: JsonValue) => {
    print(data);
    return null;
  });
  const stateMachine = constructStateMachine("myStateMachine", new Task("print", printActivity), { session });
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

/** With no arguments: the program's own commands, one after the other, on the local engine. */
async function tour(): Promise<void> {
  const engine = await LocalEngine.start({ port: 0 });
  let stdinText = "";
  const stdin = { async *[Symbol.asyncIterator]() { yield stdinText; } };
  const print = (data: JsonValue) => console.log(`printActivity got ${JSON.stringify(data)}`);
  const { cli, printActivity } = buildCliExample({ session: engine.session, print, io: { stdin, exit: (code) => void (code !== 0 && console.log(`(exit ${code})`)) } });
  const run = async (argv: string[], input = "") => {
    console.log(`$ cli-example ${argv.join(" ")}${input ? ` <<< '${input}'` : ""}`);
    stdinText = input;
    await cli.parseArgs(argv);
  };
  const worker = new Worker(printActivity, { session: engine.session });
  await run(["register"]);
  worker.start();
  await run(["start", "-", "-w"], '{"hello": "world"}');
  await run(["executions", "-s", "SUCCEEDED"]);
  await worker.end();
  await run(["deregister"]);
  await engine.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  if (process.argv.length > 2) await buildCliExample().cli.parseArgs(process.argv.slice(2));
  else await tour();
}
