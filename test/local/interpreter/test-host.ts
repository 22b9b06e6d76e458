/**
 * An in-memory host for interpreter tests: a virtual clock (sleeps never really wait: the
 * earliest timer fires once every other promise has settled), task handlers by resource, and
 * a recorded history.
 */
import type { JsonObject, JsonValue } from "../../../src/json.js";
import {
  historyEventDetailsKey,
  runExecution,
  type ExecutionContext,
  type ExecutionResult,
  type InterpreterHost,
  type TaskRequest,
} from "../../../src/local/interpreter/index.js";

export interface RecordedEvent {
  id: number;
  previousEventId: number;
  type: string;
  details?: JsonObject;
}

type Handler = (input: JsonValue, request: TaskRequest) => JsonValue | Promise<JsonValue>;

interface Timer {
  due: number;
  seq: number;
  resolve(): void;
}

export class TestHost implements InterpreterHost {
  clock = Date.parse("2024-01-01T00:00:00.000Z");
  readonly sleeps: number[] = [];
  readonly requests: TaskRequest[] = [];
  readonly events: RecordedEvent[] = [];
  private timers: Timer[] = [];
  private seq = 0;
  private scheduled = false;
  private tokens = 0;
  randomValues: number[] = [];
  /** Set by a test to hear Distributed Map runs. */
  mapRunStarted?: InterpreterHost["mapRunStarted"];

  constructor(readonly handlers: Record<string, Handler> = {}) {}

  now(): number {
    return this.clock;
  }

  newTaskToken(): string {
    return `token-${++this.tokens}`;
  }

  random(): number {
    return this.randomValues.length ? this.randomValues.shift()! : 0.5;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const timer: Timer = {
        due: this.clock + ms,
        seq: this.seq++,
        resolve: () => {
          signal.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
      this.schedule();
    });
  }

  /** Fire the earliest timer when nothing else is running (setImmediate runs after microtasks). */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.timers.length === 0) return;
      this.timers.sort((a, b) => a.due - b.due || a.seq - b.seq);
      const timer = this.timers.shift()!;
      this.clock = Math.max(this.clock, timer.due);
      timer.resolve();
      if (this.timers.length > 0) this.schedule();
    });
  }

  async invokeTask(request: TaskRequest): Promise<JsonValue> {
    this.requests.push(request);
    const handler = this.handlers[request.resource];
    if (!handler) throw new Error(`no handler for ${request.resource}`);
    request.emit("TaskScheduled", { resource: request.resource, parameters: JSON.stringify(request.input) });
    const result = await handler(request.input, request);
    request.emit("TaskSucceeded", { resource: request.resource, output: JSON.stringify(result) });
    return result;
  }

  emit = (type: string, details?: JsonObject, previousEventId?: number): number => {
    const id = this.events.length + 1;
    const event: RecordedEvent = { id, previousEventId: previousEventId ?? id - 1, type };
    if (details) event.details = details;
    this.events.push(event);
    return id;
  };

  /** Event types after ExecutionStarted. */
  types(): string[] {
    return this.events.slice(1).map((e) => e.type);
  }
}

export const CONTEXT: ExecutionContext = {
  Execution: {
    Id: "arn:aws:states:us-east-1:123456789012:execution:machine:run1",
    Name: "run1",
    Input: {},
    StartTime: "2024-01-01T00:00:00.000Z",
    RoleArn: "arn:aws:iam::123456789012:role/r",
    RedriveCount: 0,
  },
  StateMachine: { Id: "arn:aws:states:us-east-1:123456789012:stateMachine:machine", Name: "machine" },
};

/** Run `definition` on `input` with `host` (a fresh one by default). */
export async function execute(
  definition: object,
  input: JsonValue = {},
  host: TestHost = new TestHost(),
  extra: { signal?: AbortSignal; maxHistoryEvents?: number } = {},
): Promise<ExecutionResult & { host: TestHost }> {
  const startEventId = host.emit("ExecutionStarted", { input: JSON.stringify(input) });
  const result = await runExecution({
    definition: definition as JsonObject,
    input,
    context: { ...CONTEXT, Execution: { ...CONTEXT.Execution, Input: input } },
    host,
    emit: host.emit,
    startEventId,
    ...extra,
  });
  return { ...result, host };
}

/** Run and return the output, failing the test when the execution did not succeed. */
export async function outputOf(definition: object, input: JsonValue = {}, host?: TestHost): Promise<JsonValue> {
  const result = await execute(definition, input, host);
  if (result.status !== "SUCCEEDED") throw new Error(`${result.status}: ${result.error}: ${result.cause}`);
  return result.output!;
}

/** A one-state machine. */
export function single(state: JsonObject, extra: JsonObject = {}): JsonObject {
  return { StartAt: "S", States: { S: { ...state, End: true } }, ...extra };
}

export { historyEventDetailsKey };
