/**
 * Starting, running, stopping and redriving executions. Each run is one call of the
 * interpreter's `runExecution`; this module writes the events only the host writes (the
 * execution's start, end and redrive) and keeps the record's status in step with them.
 */
import { randomUUID } from "node:crypto";
import { ApiError } from "./api-error.js";
import type { EngineClock } from "./clock.js";
import { ExecutionHistory } from "./store/history.js";
import { EventCounter } from "./store/event-log.js";
import type { ExecutionRecord, ExecutionStore } from "./store/execution-store.js";
import type { CompiledRevision, MachineRevision, StateMachineStore } from "./store/state-machine-store.js";
import { compileMachine } from "./interpreter/compile/compile.js";
import { NOT_TRUNCATED } from "./interpreter/event-details.js";
import type { EventDetails, ExecutionContext, ExecutionResult, InterpreterHost, ResumePoint, RunExecutionOptions } from "./interpreter/host.js";
import type { JsonObject, JsonValue } from "../json.js";
import { executionArn as buildExecutionArn, parseArn } from "../arn.js";
import { MAX_PAYLOAD_BYTES } from "../asl/limits.js";
import { validateName } from "../names.js";
import { InvalidNameError } from "../errors.js";
import type { TestCaseRuns } from "./mock-config/test-case-runs.js";

/** The revision's definition, parsed and compiled once, at its first execution. */
function compiledRevision(revision: MachineRevision): CompiledRevision {
  if (!revision.compiled) {
    const definition = JSON.parse(revision.definition) as JsonObject;
    revision.compiled = { definition, machine: compileMachine(definition) };
  }
  return revision.compiled;
}

/** The interpreter's entry point (`runExecution` of src/local/interpreter). */
export type RunExecution = (options: RunExecutionOptions) => Promise<ExecutionResult>;

/** Abort reason of StopExecution. */
class ExecutionStopped extends Error {
  constructor() {
    super("the execution was stopped");
    this.name = "ExecutionStopped";
  }
}

/** What StartExecution asks for. */
export interface StartRequest {
  /** A machine, version or alias ARN. */
  stateMachineArn: string;
  name?: string;
  /** JSON text; default `{}`. */
  input?: string;
  traceHeader?: string;
  /** StartSyncExecution: the run's Context object has no `Execution.RedriveCount`, as on AWS. */
  synchronous?: boolean;
  /** The mock configuration's test case to run (`<stateMachineArn>#<testCase>`). */
  testCase?: string;
}

/** Parse JSON text given as an execution's input, or answer AWS's `InvalidExecutionInput`. */
export function parseExecutionInput(input: string): JsonValue {
  if (Buffer.byteLength(input) > MAX_PAYLOAD_BYTES) {
    throw new ApiError("ValidationException", `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`);
  }
  try {
    return JSON.parse(input) as JsonValue;
  } catch (error) {
    throw new ApiError("InvalidExecutionInput", `Invalid State Machine Execution Input: '${(error as Error).message}'`);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Executions' life cycle. */
export class ExecutionService {
  private closed = false;

  constructor(
    private readonly machines: StateMachineStore,
    private readonly executions: ExecutionStore,
    private readonly clock: EngineClock,
    private readonly host: () => InterpreterHost,
    private readonly runExecution: () => Promise<RunExecution>,
    private readonly testCases?: TestCaseRuns,
  ) {}

  /**
   * StartExecution with AWS's idempotency: the same name and input while the first is RUNNING
   * returns it; any other reuse of the name is `ExecutionAlreadyExists`.
   */
  start(request: StartRequest): { record: ExecutionRecord; created: boolean } {
    const resolved = this.machines.resolve(request.stateMachineArn);
    const { machine, revision } = resolved;
    if (request.testCase !== undefined) {
      if (!this.testCases) throw new ApiError("ValidationException", `No mock configuration is loaded, so there is no test case ${JSON.stringify(request.testCase)} to run`);
      this.testCases.check(machine.name, request.testCase);
    }
    const name = request.name ?? randomUUID();
    try {
      validateName(name, "execution name");
    } catch (error) {
      if (error instanceof InvalidNameError) throw new ApiError("InvalidName", `Invalid Name: '${name}' (${error.reason})`);
      throw error;
    }
    const input = request.input ?? "{}";
    const parsedInput = parseExecutionInput(input);
    const scope = parseArn(machine.stateMachineArn)!;
    const arn =
      machine.type === "EXPRESS"
        ? `arn:${scope.partition}:states:${scope.region}:${scope.accountId}:express:${machine.name}:${name}:${randomUUID()}`
        : buildExecutionArn({ region: scope.region, accountId: scope.accountId }, machine.name, name);
    const existing = this.executions.find(arn);
    if (existing) {
      if (existing.status === "RUNNING" && existing.input === input) return { record: existing, created: false };
      throw new ApiError("ExecutionAlreadyExists", `Execution Already Exists: '${arn}'`);
    }
    // AWS keeps no history of an Express execution: its events are numbered, not stored.
    const history = machine.type === "EXPRESS" ? undefined : new ExecutionHistory();
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: machine.stateMachineArn,
      machineName: machine.name,
      name,
      type: machine.type,
      status: "RUNNING",
      startDate: this.clock.now(),
      input,
      revision,
      ...(history ? { history } : {}),
      events: history ?? new EventCounter(),
      redriveCount: 0,
      run: 0,
      waiters: [],
    };
    if (request.traceHeader !== undefined) record.traceHeader = request.traceHeader;
    if (request.synchronous) record.synchronous = true;
    if (resolved.version) record.stateMachineVersionArn = resolved.version.stateMachineVersionArn;
    if (resolved.alias) record.stateMachineAliasArn = resolved.alias.stateMachineAliasArn;
    this.executions.add(record);
    if (request.testCase !== undefined) this.testCases!.bind(arn, machine.name, request.testCase);
    const details: JsonObject = { input, inputDetails: NOT_TRUNCATED, roleArn: revision.roleArn };
    if (record.stateMachineAliasArn) details["stateMachineAliasArn"] = record.stateMachineAliasArn;
    if (record.stateMachineVersionArn) details["stateMachineVersionArn"] = record.stateMachineVersionArn;
    const startEventId = record.events.append("ExecutionStarted", record.startDate, details);
    this.launch(record, parsedInput, startEventId);
    return { record, created: true };
  }

  /** StopExecution: a RUNNING execution ends ABORTED at once; its run is aborted. */
  stop(executionArn: string, error?: string, cause?: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (record.status !== "RUNNING") return record;
    const details: JsonObject = {};
    if (error !== undefined) details["error"] = error;
    if (cause !== undefined) details["cause"] = cause;
    record.controller?.abort(new ExecutionStopped());
    // AWS chains ExecutionAborted to no event (0) and writes no state-aborted events (test_stop_execution).
    this.end(record, { status: "ABORTED", ...(error !== undefined ? { error } : {}), ...(cause !== undefined ? { cause } : {}) }, 0, details);
    return record;
  }

  /** RedriveExecution: run a FAILED / TIMED_OUT / ABORTED standard execution again from where it ended. */
  redrive(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    const redrivable = record.type === "STANDARD" && ["FAILED", "TIMED_OUT", "ABORTED"].includes(record.status) && record.resumeFrom !== undefined;
    if (!redrivable) {
      const why = record.notRedrivableReason === undefined ? ` is ${record.status}` : `: ${record.notRedrivableReason}`;
      throw new ApiError("ExecutionNotRedrivable", `Execution is not redrivable: '${executionArn}'${why}`);
    }
    record.redriveCount += 1;
    record.redriveDate = this.clock.now();
    record.status = "RUNNING";
    this.executions.markRunning(record);
    delete record.stopDate;
    delete record.output;
    delete record.error;
    delete record.cause;
    const startEventId = record.events.append("ExecutionRedriven", record.redriveDate, { redriveCount: record.redriveCount });
    const resumeFrom = record.resumeFrom!;
    delete record.resumeFrom;
    this.launch(record, JSON.parse(record.input) as JsonValue, startEventId, resumeFrom);
    return record;
  }

  /** Resolves when the execution is no longer RUNNING (at once if it is not). */
  whenDone(executionArn: string, signal?: AbortSignal): Promise<ExecutionRecord> {
    const record = this.executions.get(executionArn);
    if (record.status !== "RUNNING") return Promise.resolve(record);
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = record.waiters.indexOf(waiter);
        if (index >= 0) record.waiters.splice(index, 1);
        reject(signal!.reason);
      };
      const waiter = (): void => {
        signal?.removeEventListener("abort", onAbort);
        resolve(record);
      };
      record.waiters.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Abort every running execution without recording an end (engine shutdown). */
  close(): void {
    this.closed = true;
    for (const record of this.executions.all()) {
      if (record.status === "RUNNING") record.controller?.abort(new ExecutionStopped());
      for (const waiter of record.waiters.splice(0)) waiter();
    }
  }

  private launch(record: ExecutionRecord, input: JsonValue, startEventId: number, resumeFrom?: ResumePoint): void {
    const run = ++record.run;
    const controller = new AbortController();
    record.controller = controller;
    const context: ExecutionContext = {
      Execution: executionContext(record, input),
      StateMachine: { Id: record.stateMachineVersionArn ?? record.stateMachineArn, Name: record.machineName },
    };
    // The history takes deferred texts: a short input or output is serialized only when read.
    const emit = (type: string, details?: EventDetails, previousEventId?: number, timestamp?: number, textsShort?: boolean): number => {
      // Events of a stopped or superseded run are dropped, so the history ends with its end event.
      if (record.run !== run || record.status !== "RUNNING") return record.events.lastId;
      return record.events.appendWithinBound(type, timestamp ?? this.clock.now(), details, previousEventId, textsShort);
    };
    const { definition, machine } = compiledRevision(record.revision);
    void (async () => {
      let result: ExecutionResult;
      try {
        const runExecution = await this.runExecution();
        result = await runExecution({
          definition,
          machine,
          input,
          context,
          host: this.host(),
          emit,
          emitDeferred: emit,
          startEventId,
          signal: controller.signal,
          ...(resumeFrom ? { resumeFrom } : {}),
          // AWS keeps no history of Express executions, hence no 25,000-event limit.
          ...(record.type === "EXPRESS" ? { maxHistoryEvents: Infinity } : {}),
        });
      } catch (error) {
        result = { status: "FAILED", error: "States.Runtime", cause: `the local engine failed: ${String(error)}`, lastEventId: record.events.lastId };
      }
      if (this.closed || record.run !== run) return;
      if (record.status !== "RUNNING") {
        // Stopped while running: keep where the run got to, for a redrive.
        if (result.resumeFrom) record.resumeFrom = result.resumeFrom;
        return;
      }
      this.end(record, result, result.lastEventId);
    })();
  }

  private end(record: ExecutionRecord, result: Omit<ExecutionResult, "lastEventId">, previousEventId: number, details?: JsonObject): void {
    const now = this.clock.now();
    record.status = result.status;
    record.stopDate = now;
    if (result.resumeFrom) record.resumeFrom = result.resumeFrom;
    if (result.notRedrivableReason !== undefined) record.notRedrivableReason = result.notRedrivableReason;
    if (result.status === "SUCCEEDED") {
      const succeeded: JsonObject = { output: JSON.stringify(result.output ?? null), outputDetails: NOT_TRUNCATED };
      record.events.append("ExecutionSucceeded", now, succeeded, previousEventId);
      // The history gives back the text it shares with the last state's output: keep that one.
      record.output = succeeded["output"] as string;
    } else {
      if (result.error !== undefined) record.error = result.error;
      if (result.cause !== undefined) record.cause = result.cause;
      const endDetails: JsonObject = details ?? {
        ...(result.error !== undefined ? { error: result.error } : {}),
        ...(result.cause !== undefined ? { cause: result.cause } : {}),
      };
      const type = { FAILED: "ExecutionFailed", ABORTED: "ExecutionAborted", TIMED_OUT: "ExecutionTimedOut" }[result.status];
      record.events.append(type, now, endDetails, previousEventId);
    }
    for (const waiter of record.waiters.splice(0)) waiter();
    this.executions.markEnded(record);
  }
}

/**
 * `$$.Execution` with AWS's keys in AWS's order (recorded executions): a Standard execution has
 * `RedriveCount` (and `RedriveTime` once redriven), an Express one started by StartExecution
 * has `RedriveCount` too, and a synchronous Express one has none.
 */
function executionContext(record: ExecutionRecord, input: JsonValue): ExecutionContext["Execution"] {
  const { executionArn: Id, name: Name, revision } = record;
  const StartTime = iso(record.startDate);
  if (record.type === "EXPRESS") {
    const express = { Id, Input: input, Name, RoleArn: revision.roleArn, StartTime };
    return record.synchronous ? express : { ...express, RedriveCount: record.redriveCount };
  }
  return {
    Id,
    Input: input,
    StartTime,
    Name,
    RoleArn: revision.roleArn,
    RedriveCount: record.redriveCount,
    ...(record.redriveDate !== undefined ? { RedriveTime: iso(record.redriveDate) } : {}),
  };
}
