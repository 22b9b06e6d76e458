/** DescribeMapRun, ListMapRuns, UpdateMapRun: the Distributed Map runs the interpreter recorded. */
import { ApiError } from "../api-error.js";
import { wireFields, type OperationTable } from "./operation.js";
import { pageAnswer } from "./paging.js";
import { countIterations, type MapRunRecord } from "../store/map-run-store.js";
import type { JsonKeys, JsonObject } from "../../json.js";

/** ARN kinds a map run's parent execution can have. */
const EXECUTION_KINDS = ["execution", "express"];

function describe(record: MapRunRecord): JsonObject {
  return {
    ...wireFields(record, ["mapRunArn", "executionArn", "status", "startDate", "maxConcurrency", "toleratedFailurePercentage", "toleratedFailureCount"]),
    itemCounts: { ...countIterations(record, true) },
    executionCounts: { ...countIterations(record, false) },
    // Map runs are not redriven here (a redriven execution starts a new run).
    redriveCount: 0,
    ...wireFields(record, ["stopDate"]),
  };
}

/** The fields of a ListMapRuns item. */
const LIST_ITEM: readonly JsonKeys<MapRunRecord>[] = ["executionArn", "mapRunArn", "stateMachineArn", "startDate", "stopDate"];

/** Map run operations. */
export const mapRunOperations: OperationTable = {
  DescribeMapRun({ input, engine }) {
    const arn = input.arn("mapRunArn", ["mapRun"]);
    return describe(engine.mapRuns.get(arn));
  },

  ListMapRuns({ input, engine }) {
    const executionArn = input.arn("executionArn", EXECUTION_KINDS);
    engine.executions.get(executionArn);
    const runs = engine.mapRuns.forExecution(executionArn).reverse();
    return pageAnswer("mapRuns", runs, input, `mapRuns:${executionArn}`, (record) => wireFields(record, LIST_ITEM));
  },

  UpdateMapRun({ input, engine }) {
    const arn = input.arn("mapRunArn", ["mapRun"]);
    const maxConcurrency = input.optionalInteger("maxConcurrency", 0, 2_147_483_647);
    const toleratedFailurePercentage = input.optionalNumber("toleratedFailurePercentage", 0, 100);
    const toleratedFailureCount = input.optionalInteger("toleratedFailureCount", 0, Number.MAX_SAFE_INTEGER);
    if (maxConcurrency === undefined && toleratedFailurePercentage === undefined && toleratedFailureCount === undefined) {
      throw new ApiError(
        "ValidationException",
        "At least one of maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified",
        400,
        { reason: "MISSING_REQUIRED_PARAMETER" },
      );
    }
    const record = engine.mapRuns.get(arn);
    if (record.status !== "RUNNING" || !record.update) {
      throw new ApiError("ValidationException", `Map Run is not in progress and cannot be updated: '${arn}' is ${record.status}`, 400, {
        reason: "CANNOT_UPDATE_COMPLETED_MAP_RUN",
      });
    }
    if (maxConcurrency !== undefined) record.maxConcurrency = maxConcurrency;
    if (toleratedFailurePercentage !== undefined) record.toleratedFailurePercentage = toleratedFailurePercentage;
    if (toleratedFailureCount !== undefined) record.toleratedFailureCount = toleratedFailureCount;
    record.update({
      ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
      ...(toleratedFailurePercentage !== undefined ? { toleratedFailurePercentage } : {}),
      ...(toleratedFailureCount !== undefined ? { toleratedFailureCount } : {}),
    });
    return {};
  },
};
