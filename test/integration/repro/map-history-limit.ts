/**
 * Reproduction (run in a child process by found-bugs.test.ts, because the bug kills the
 * process): an inline Map whose iterations run activity Tasks reaches the history-event limit.
 *
 *   npx tsx test/integration/repro/map-history-limit.ts [maxHistoryEvents=30] [items=10]
 *
 * Prints one JSON line: the unhandled rejections and uncaught exceptions (without the
 * handlers installed here, the first one kills the process), how the execution ended (or
 * that it still runs), and how many of its activity tasks GetActivityTask then still hands
 * out (none should be: a FAILED execution's tasks are gone on AWS).
 */
import { CreateActivityCommand, CreateStateMachineCommand, GetActivityTaskCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../../src/local/index.js";
import { runExecution } from "../../../src/local/interpreter/index.js";

process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";
const maxHistoryEvents = Number(process.argv[2] ?? 30);
const items = Number(process.argv[3] ?? 10);

const unhandled: string[] = [];
const record = (kind: string) => (reason: unknown) => void unhandled.push(`${kind}: ${reason instanceof Error ? reason.message : String(reason)}`);
process.on("unhandledRejection", record("unhandledRejection"));
process.on("uncaughtException", record("uncaughtException"));

const engine = await LocalEngine.start({
  port: 0,
  activityPollTimeoutSeconds: 0.2,
  runExecution: (options) => runExecution({ ...options, maxHistoryEvents }),
});
try {
  const sfn = engine.session.sfn;
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "work" }));
  const definition = {
    StartAt: "each",
    States: { each: { Type: "Map", ItemProcessor: { StartAt: "work", States: { work: { Type: "Task", Resource: activityArn, End: true } } }, End: true } },
  };
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: "limit", roleArn: "arn:aws:iam::123456789012:role/r", definition: JSON.stringify(definition) }),
  );
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(Array.from({ length: items }, (_, i) => i)) }));
  // A hang cannot be waited out: give the execution 3 s (it needs milliseconds), then look.
  const watchdog = new AbortController();
  const timer = setTimeout(() => watchdog.abort(), 3_000);
  const end = await engine.whenExecutionEnds(executionArn!, watchdog.signal).catch(() => ({ status: "RUNNING after 3 s", error: undefined }));
  clearTimeout(timer);
  let handedOut = 0;
  for (;;) {
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "probe" }));
    if (!task.taskToken) break;
    handedOut++;
  }
  console.log(JSON.stringify({ unhandled, status: end.status, error: end.error, tasksHandedOut: handedOut }));
} finally {
  await engine.close();
}
