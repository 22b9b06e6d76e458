/** Every operation the local engine answers, by name: one table made of each group's. */
import type { OperationTable } from "./operation.js";
import { activityOperations } from "./activity-operations.js";
import { taskOperations } from "./task-operations.js";
import { stateMachineOperations } from "./state-machine-operations.js";
import { executionOperations } from "./execution-operations.js";
import { tagOperations } from "./tag-operations.js";
import { definitionOperations } from "./definition-operations.js";
import { mapRunOperations } from "./map-run-operations.js";

/** All operations. */
export const operations: OperationTable = {
  ...activityOperations,
  ...taskOperations,
  ...stateMachineOperations,
  ...executionOperations,
  ...tagOperations,
  ...definitionOperations,
  ...mapRunOperations,
};
