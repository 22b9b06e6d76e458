/**
 * Reproduction (run in a child process by found-bugs.test.ts): the history-event limit is
 * crossed by a task's own resource event. A one-Task machine with the limit lowered to 3:
 * ExecutionStarted is 1, TaskStateEntered 2, and 3 is kept for ExecutionFailed, so the
 * task's `ActivityScheduled` (or `LambdaFunctionScheduled`) is the event that crosses it, as
 * it is at AWS's 25,000 in any machine whose 25,000th event is one. Expected: FAILED with
 * States.Runtime.
 *
 *   npx tsx test/integration/repro/task-at-history-limit.ts [activity|lambda] [maxHistoryEvents=3]
 *
 * Prints one JSON line: unhandled rejections and uncaught exceptions (without the handlers
 * installed here, the first one kills the process) and how the execution ended.
 */
import { CreateActivityCommand, CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../../src/local/index.js";
import { runExecution } from "../../../src/local/interpreter/index.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
const kind = process.argv[2] ?? "activity";
const maxHistoryEvents = Number(process.argv[3] ?? 3);

const unhandled: string[] = [];
const record = (label: string) => (reason: unknown) => void unhandled.push(`${label}: ${reason instanceof Error ? reason.message : String(reason)}`);
process.on("unhandledRejection", record("unhandledRejection"));
process.on("uncaughtException", record("uncaughtException"));

const engine = await LocalEngine.start({ port: 0, runExecution: (options) => runExecution({ ...options, maxHistoryEvents }) });
try {
  const sfn = engine.session.sfn;
  let resource: string;
  if (kind === "lambda") {
    engine.registerLambda("echo", (event) => event);
    resource = `arn:aws:lambda:${engine.region}:${engine.accountId}:function:echo`;
  } else {
    resource = (await sfn.send(new CreateActivityCommand({ name: "work" }))).activityArn!;
  }
  const definition = { StartAt: "work", States: { work: { Type: "Task", Resource: resource, End: true } } };
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: "limit", roleArn: "arn:aws:iam::123456789012:role/r", definition: JSON.stringify(definition) }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
  // A hang cannot be waited out: give the execution 3 s (it needs milliseconds), then look.
  const watchdog = new AbortController();
  const timer = setTimeout(() => watchdog.abort(), 3_000);
  const end = await engine.whenExecutionEnds(executionArn!, watchdog.signal).catch(() => ({ status: "RUNNING after 3 s", error: undefined }));
  clearTimeout(timer);
  console.log(JSON.stringify({ unhandled, status: end.status, error: end.error }));
} finally {
  await engine.close();
}
