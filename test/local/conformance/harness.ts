/**
 * Conformance harness: a local engine with the real interpreter, reached over HTTP through the
 * real `@aws-sdk/client-sfn`, and one call that creates a machine, runs it to its end and reports
 * what AWS would report: status, output, error, cause and the history's event types.
 */
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  type HistoryEvent,
  type SFNClient,
  type StateMachineType,
} from "@aws-sdk/client-sfn";
import type { LocalEngine, LocalEngineOptions } from "../../../src/local/index.js";
import type { JsonObject, JsonValue } from "../../../src/json.js";
import { runExecution } from "../../../src/local/interpreter/index.js";
import { ROLE, startEngine } from "../helpers.js";

/** What one execution ended with, as the API reports it. */
export interface Outcome {
  executionArn: string;
  status: string;
  /** The parsed output (SUCCEEDED only). */
  output?: JsonValue;
  error?: string;
  cause?: string;
  /** Event types in id order. */
  events: string[];
  /** The full history, for details. */
  history: HistoryEvent[];
}

/** An engine and client for one test file; `close()` ends both. */
export interface Conformance {
  engine: LocalEngine;
  sfn: SFNClient;
  /**
   * Create a machine from `definition`, start it with `input`, wait for its end and describe it
   * (an EXPRESS one: its outcome as `whenExecutionEnds` tells it, with no history, as on AWS).
   */
  run(definition: object, input?: JsonValue, options?: { type?: StateMachineType }): Promise<Outcome>;
  /** Create a machine and start it; returns the execution ARN without waiting. */
  start(definition: object, input?: JsonValue, options?: { type?: StateMachineType }): Promise<string>;
  /** Describe and read the history of an execution that has ended. */
  outcome(executionArn: string): Promise<Outcome>;
  /** StartSyncExecution of a new EXPRESS machine: what the synchronous answer says. */
  runSync(definition: object, input?: JsonValue): Promise<Omit<Outcome, "events" | "history">>;
  close(): Promise<void>;
}

/** Start an engine with the real interpreter (options as {@link LocalEngine.start}). */
export async function conformance(options: LocalEngineOptions = {}): Promise<Conformance> {
  const { engine, sfn } = await startEngine({ ...options, runExecution: options.runExecution ?? runExecution });
  let machines = 0;
  const start = async (definition: object, input: JsonValue = {}, opts: { type?: StateMachineType } = {}): Promise<string> => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({ name: `m${++machines}`, roleArn: ROLE, definition: JSON.stringify(definition), type: opts.type ?? "STANDARD" }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
    return executionArn!;
  };
  const outcome = async (executionArn: string): Promise<Outcome> => {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const history: HistoryEvent[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      history.push(...(page.events ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
    return {
      executionArn,
      status: described.status!,
      ...(described.output !== undefined ? { output: JSON.parse(described.output) as JsonValue } : {}),
      ...(described.error !== undefined ? { error: described.error } : {}),
      ...(described.cause !== undefined ? { cause: described.cause } : {}),
      events: history.map((event) => event.type!),
      history,
    };
  };
  return {
    engine,
    sfn,
    start,
    outcome,
    async run(definition, input, opts) {
      const executionArn = await start(definition, input, opts);
      const ended = await engine.whenExecutionEnds(executionArn);
      if (opts?.type !== "EXPRESS") return outcome(executionArn);
      // AWS describes no Express execution and keeps no history of it: the engine's own outcome.
      return {
        executionArn,
        status: ended.status,
        ...(ended.output !== undefined ? { output: JSON.parse(ended.output) as JsonValue } : {}),
        ...(ended.error !== undefined ? { error: ended.error } : {}),
        ...(ended.cause !== undefined ? { cause: ended.cause } : {}),
        events: [],
        history: [],
      };
    },
    async runSync(definition, input = {}) {
      const { stateMachineArn } = await sfn.send(
        new CreateStateMachineCommand({ name: `m${++machines}`, roleArn: ROLE, definition: JSON.stringify(definition), type: "EXPRESS" }),
      );
      const answer = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
      return {
        executionArn: answer.executionArn!,
        status: answer.status!,
        ...(answer.output !== undefined ? { output: JSON.parse(answer.output) as JsonValue } : {}),
        ...(answer.error !== undefined ? { error: answer.error } : {}),
        ...(answer.cause !== undefined ? { cause: answer.cause } : {}),
      };
    },
    async close() {
      sfn.destroy();
      await engine.close();
    },
  };
}

/** A machine of one Map state (`MapState` unless named), ending the execution, with `fields`. */
export function mapMachine(fields: JsonObject, options: { name?: string; queryLanguage?: "JSONPath" | "JSONata" } = {}): object {
  const { name = "MapState", queryLanguage } = options;
  return {
    ...(queryLanguage === undefined ? {} : { QueryLanguage: queryLanguage }),
    StartAt: name,
    States: { [name]: { Type: "Map", ...fields, End: true } },
  };
}

/** Each event as `id<previousEventId:type`: the chain a recording is compared by. */
export function chain(history: HistoryEvent[]): string[] {
  return history.map((event) => `${event.id}<${event.previousEventId}:${event.type}`);
}
