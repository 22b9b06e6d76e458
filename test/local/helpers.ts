/**
 * Test helpers: an engine on a free port with a real SFN client, and a stand-in interpreter for
 * straight-line machines (Task, Pass, Succeed, Fail) so the store and host are tested apart
 * from the real interpreter.
 */
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from "@aws-sdk/client-sfn";
import { LocalEngine, type LocalEngineOptions } from "../../src/local/index.js";
import type { RunExecution } from "../../src/local/executions.js";
import { TaskFailed, type ExecutionResult } from "../../src/local/interpreter/host.js";
import type { JsonObject, JsonValue } from "../../src/json.js";

export const ROLE = "arn:aws:iam::123456789012:role/sfiniGenerated";

/** A stand-in interpreter: runs Task / Pass / Succeed / Fail states one after another. */
export const straightLineRunner: RunExecution = async ({ definition, input, context, host, emit, startEventId, signal }) => {
  const states = definition["States"] as Record<string, JsonObject>;
  let name = definition["StartAt"] as string;
  let value: JsonValue = input;
  let last = startEventId;
  const end = (result: Omit<ExecutionResult, "lastEventId">): ExecutionResult => ({ ...result, lastEventId: last });
  for (;;) {
    const state = states[name]!;
    const type = state["Type"] as string;
    last = emit(`${type}StateEntered`, { name, input: JSON.stringify(value) }, last);
    if (type === "Fail") return end({ status: "FAILED", error: state["Error"] as string, cause: (state["Cause"] as string) ?? "" });
    if (type === "Task") {
      const token = host.newTaskToken();
      const parameters = state["Parameters"] as JsonObject | undefined;
      const taskInput: JsonValue = parameters
        ? JSON.parse(JSON.stringify(parameters).replace('"$$.Task.Token"', JSON.stringify(token)).replace(/"Payload\.\$":"\$"/, `"Payload":${JSON.stringify(value)}`))
        : value;
      try {
        value = await host.invokeTask({
          executionArn: context.Execution.Id,
          stateName: name,
          resource: state["Resource"] as string,
          input: taskInput,
          ...(state["TimeoutSeconds"] !== undefined ? { timeoutSeconds: state["TimeoutSeconds"] as number } : {}),
          ...(state["HeartbeatSeconds"] !== undefined ? { heartbeatSeconds: state["HeartbeatSeconds"] as number } : {}),
          taskToken: token,
          signal: signal!,
          // No eventText is given, so the host writes its texts as strings: the details are JSON.
          emit: (eventType, details) => (last = emit(eventType, details as JsonObject | undefined, last)),
        });
      } catch (error) {
        if (signal?.aborted) return end({ status: "ABORTED", resumeFrom: { stateName: name, input: value, variables: {} } });
        const failure = error as TaskFailed;
        return end({ status: "FAILED", error: failure.error, cause: failure.errorCause, resumeFrom: { stateName: name, input: value, variables: {} } });
      }
    }
    if (type === "Pass" && state["Result"] !== undefined) value = state["Result"] as JsonValue;
    last = emit(`${type}StateExited`, { name, output: JSON.stringify(value) }, last);
    if (type === "Succeed" || state["End"] === true) return end({ status: "SUCCEEDED", output: value });
    name = state["Next"] as string;
  }
};

/** An engine with the stand-in interpreter (unless told otherwise) and a client without retries. */
export async function startEngine(options: LocalEngineOptions = {}): Promise<{ engine: LocalEngine; sfn: SFNClient }> {
  const engine = await LocalEngine.start({ runExecution: straightLineRunner, ...options });
  const sfn = new SFNClient({
    endpoint: engine.endpoint,
    region: engine.region,
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return { engine, sfn };
}

/** A definition of one Task state. */
export function oneTask(resource: string, extra: JsonObject = {}): string {
  return JSON.stringify({ StartAt: "work", States: { work: { Type: "Task", Resource: resource, End: true, ...extra } } });
}

/** A definition of one Pass state. */
export const PASS_DEFINITION = JSON.stringify({ StartAt: "p", States: { p: { Type: "Pass", End: true } } });

/** The rejection of `promise` (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { name: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error("expected a rejection");
}

/** Wait (checking the history after each turn of the event loop) until an event of `type` is in it. */
export async function untilEvent(sfn: SFNClient, executionArn: string, type: string): Promise<HistoryEvent> {
  for (;;) {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true }));
    const found = events?.find((event) => event.type === type);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
