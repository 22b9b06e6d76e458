/**
 * StartExecution, StartSyncExecution, StopExecution, DescribeExecution, ListExecutions,
 * GetExecutionHistory, RedriveExecution.
 */
import { ApiError } from "../api-error.js";
import { epochSeconds, wireFields, type OperationTable } from "./operation.js";
import { pageAnswer } from "./paging.js";
import type { ExecutionStatus } from "../../asl/execution-status.js";
import { redriveStatus, type ExecutionRecord } from "../store/execution-store.js";
import { eventToWire } from "../store/history.js";
import { StateMachineStore } from "../store/state-machine-store.js";
import { checkStatesArn, type OperationInput } from "./input.js";
import { parseArn } from "../../arn.js";
import type { JsonKeys, JsonObject } from "../../json.js";
import { MAX_NAME_LENGTH, MAX_PAYLOAD_BYTES } from "../../asl/limits.js";

/** The statuses in the order AWS's message for a bad `statusFilter` lists them (test_state_machine_status_filter). */
const STATUS_FILTER_ORDER: readonly ExecutionStatus[] = ["SUCCEEDED", "TIMED_OUT", "PENDING_REDRIVE", "ABORTED", "FAILED", "RUNNING"];

/**
 * The `executionArn` of an operation AWS's API reference says is not supported by EXPRESS
 * state machines (DescribeExecution, GetExecutionHistory, StopExecution, RedriveExecution,
 * DescribeStateMachineForExecution): AWS keeps no record of an Express execution, and takes
 * an `express:` ARN for none of them. Its answer, `InvalidArn`, names the resource type, as
 * AWS's answers for an ARN of the wrong type do.
 */
export function standardExecutionArn(input: OperationInput): string {
  const arn = input.arn("executionArn", ["execution", "express"]);
  if (parseArn(arn)!.resource.startsWith("express:")) throw new ApiError("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'");
  return arn;
}

function startRequest(input: OperationInput) {
  // Step Functions Local's `<stateMachineArn>#<testCase>` runs a test case of the mock configuration.
  const given = input.arn("stateMachineArn", ["stateMachine"]);
  const hash = given.indexOf("#");
  const stateMachineArn = hash < 0 ? given : given.slice(0, hash);
  const testCase = hash < 0 ? undefined : given.slice(hash + 1);
  const name = input.optionalString("name", MAX_NAME_LENGTH);
  const executionInput = input.optionalString("input", MAX_PAYLOAD_BYTES);
  const traceHeader = input.optionalString("traceHeader", 256);
  return {
    stateMachineArn,
    ...(name !== undefined ? { name } : {}),
    ...(executionInput !== undefined ? { input: executionInput } : {}),
    ...(traceHeader !== undefined ? { traceHeader } : {}),
    ...(testCase !== undefined ? { testCase } : {}),
  };
}

function describe(record: ExecutionRecord, includeData = true): JsonObject {
  const answer: JsonObject = {
    ...wireFields(record, ["executionArn", "stateMachineArn", "name", "status", "startDate"]),
    inputDetails: { included: includeData },
    redriveCount: record.redriveCount,
  };
  if (includeData) answer["input"] = record.input;
  if (record.stopDate !== undefined) answer["stopDate"] = epochSeconds(record.stopDate);
  if (record.output !== undefined) {
    if (includeData) answer["output"] = record.output;
    answer["outputDetails"] = { included: includeData };
  }
  Object.assign(answer, wireFields(record, ["error", "cause", "traceHeader", "stateMachineVersionArn", "stateMachineAliasArn", "redriveDate"]));
  const redrive = redriveStatus(record);
  answer["redriveStatus"] = redrive.status;
  if (redrive.status === "NOT_REDRIVABLE") answer["redriveStatusReason"] = redrive.reason;
  return answer;
}

/**
 * StartSyncExecution's `billingDetails`, as Express executions are billed: the duration rounded
 * up to the next 100 ms (on the engine's clock), the memory in 64-MB chunks, of which the engine,
 * measuring none, reports the first.
 */
function billingDetails(durationMs: number): JsonObject {
  return { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: Math.max(100, Math.ceil(durationMs / 100) * 100) };
}

/** The fields of a ListExecutions item. */
const LIST_ITEM: readonly JsonKeys<ExecutionRecord>[] = [
  "executionArn",
  "stateMachineArn",
  "name",
  "status",
  "startDate",
  "redriveCount",
  "stopDate",
  "stateMachineVersionArn",
  "stateMachineAliasArn",
  "redriveDate",
];

/** Execution operations. */
export const executionOperations: OperationTable = {
  StartExecution({ input, engine }) {
    const request = startRequest(input);
    const { record } = engine.runs.start(request);
    return { executionArn: record.executionArn, startDate: epochSeconds(record.startDate) };
  },

  async StartSyncExecution({ input, engine, signal }) {
    const request = startRequest(input);
    const machine = engine.machines.resolve(request.stateMachineArn).machine;
    if (machine.type !== "EXPRESS") {
      // AWS's words (test_start_sync_execution, a STANDARD machine).
      throw new ApiError("StateMachineTypeNotSupported", "This operation is not supported by this type of state machine");
    }
    const { record } = engine.runs.start({ ...request, synchronous: true });
    const done = await engine.runs.whenDone(record.executionArn, signal).catch(() => record);
    const stopDate = done.stopDate ?? engine.clock.now();
    const answer: JsonObject = {
      executionArn: done.executionArn,
      stateMachineArn: done.stateMachineArn,
      name: done.name,
      startDate: epochSeconds(done.startDate),
      stopDate: epochSeconds(stopDate),
      status: done.status === "SUCCEEDED" ? "SUCCEEDED" : done.status === "TIMED_OUT" ? "TIMED_OUT" : "FAILED",
      input: done.input,
      inputDetails: { included: true },
    };
    if (done.output !== undefined) {
      answer["output"] = done.output;
      answer["outputDetails"] = { included: true };
    }
    if (done.error !== undefined) answer["error"] = done.error;
    if (done.cause !== undefined) answer["cause"] = done.cause;
    if (done.traceHeader !== undefined) answer["traceHeader"] = done.traceHeader;
    answer["billingDetails"] = billingDetails(stopDate - done.startDate);
    return answer;
  },

  StopExecution({ input, engine }) {
    const arn = standardExecutionArn(input);
    const error = input.optionalString("error", 256);
    const cause = input.optionalString("cause", 32_768);
    const record = engine.runs.stop(arn, error, cause);
    return { stopDate: epochSeconds(record.stopDate ?? engine.clock.now()) };
  },

  DescribeExecution({ input, engine }) {
    const arn = standardExecutionArn(input);
    const included = input.optionalEnum("includedData", ["ALL_DATA", "METADATA_ONLY"]) ?? "ALL_DATA";
    return describe(engine.executions.get(arn), included === "ALL_DATA");
  },

  ListExecutions({ input, engine }) {
    const machineArn = input.optionalString("stateMachineArn", 256);
    const mapRunArn = input.optionalString("mapRunArn", 2000);
    if (machineArn === undefined && mapRunArn === undefined) {
      throw new ApiError("ValidationException", "Must provide a StateMachine ARN or MapRun ARN");
    }
    const status = input.optionalEnum<ExecutionStatus>("statusFilter", STATUS_FILTER_ORDER);
    const redriveFilter = input.optionalEnum("redriveFilter", ["REDRIVEN", "NOT_REDRIVEN"]);
    if (machineArn !== undefined && mapRunArn !== undefined) {
      throw new ApiError("ValidationException", "Provide either a StateMachine ARN or a MapRun ARN, not both");
    }
    let executions: ExecutionRecord[] = [];
    if (mapRunArn !== undefined) {
      // A map run's iterations run in-process, not as child executions: there is nothing to list.
      checkStatesArn(mapRunArn, ["mapRun"]);
      engine.mapRuns.get(mapRunArn);
    }
    if (machineArn !== undefined) {
      checkStatesArn(machineArn, ["stateMachine"]);
      const { machineArn: base, qualifier } = StateMachineStore.splitArn(machineArn);
      const machine = engine.machines.get(base);
      // AWS's API reference: "This API action is not supported by EXPRESS state machines."
      if (machine.type === "EXPRESS") {
        throw new ApiError("StateMachineTypeNotSupported", `ListExecutions does not support EXPRESS state machines: '${machine.stateMachineArn}'`);
      }
      if (qualifier !== undefined) engine.machines.resolve(machineArn);
      executions = engine.executions.all().filter((record) => {
        if (record.stateMachineArn !== machine.stateMachineArn) return false;
        if (qualifier === undefined) return true;
        return record.stateMachineVersionArn === machineArn || record.stateMachineAliasArn === machineArn;
      });
    }
    executions = executions
      .filter((record) => status === undefined || record.status === status)
      .filter((record) => redriveFilter === undefined || (redriveFilter === "REDRIVEN") === record.redriveCount > 0)
      .reverse();
    const listing = `executions:${machineArn ?? mapRunArn}:${status ?? ""}:${redriveFilter ?? ""}`;
    return pageAnswer("executions", executions, input, listing, (record) => wireFields(record, LIST_ITEM));
  },

  GetExecutionHistory({ input, engine }) {
    const arn = standardExecutionArn(input);
    const reverse = input.boolean("reverseOrder");
    const includeData = input.boolean("includeExecutionData", true);
    // Only Standard executions have a history (an Express ARN was refused above).
    const history = engine.executions.get(arn).history;
    const events = history === undefined ? [] : reverse ? history.reversed() : history;
    return pageAnswer("events", events, input, `history:${arn}:${reverse}`, (event) => eventToWire(event, includeData));
  },

  RedriveExecution({ input, engine }) {
    const arn = standardExecutionArn(input);
    input.optionalString("clientToken", 64);
    const record = engine.runs.redrive(arn);
    return { redriveDate: epochSeconds(record.redriveDate!) };
  },
};
