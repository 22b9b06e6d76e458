/** SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat: answers to task tokens. */
import { ApiError } from "../api-error.js";
import { MAX_PAYLOAD_BYTES } from "../../asl/limits.js";
import type { OperationInput } from "./input.js";
import type { OperationTable } from "./operation.js";
import type { JsonValue } from "../../json.js";
import { WATCH_TASK_HOLD_MS, WATCH_TASK_OPERATION } from "../../local-engine-protocol.js";

function taskToken(input: OperationInput): string {
  const token = input.requiredString("taskToken", 1024);
  if (token.length === 0) throw new ApiError("ValidationException", "1 validation error detected: Value at 'taskToken' failed to satisfy constraint: Member must have length greater than or equal to 1");
  return token;
}

function taskOutput(input: OperationInput): JsonValue {
  const output = input.requiredString("output", MAX_PAYLOAD_BYTES);
  try {
    return JSON.parse(output) as JsonValue;
  } catch (error) {
    throw new ApiError("InvalidOutput", `Invalid Output: '${(error as Error).message}'`);
  }
}

/** Task-token operations. */
export const taskOperations: OperationTable = {
  SendTaskSuccess({ input, engine }) {
    const token = taskToken(input);
    engine.tokens.succeed(token, taskOutput(input));
    return {};
  },

  SendTaskFailure({ input, engine }) {
    const token = taskToken(input);
    // Left out is not "": the Task's Catch sees null there, as on AWS.
    const error = input.optionalString("error", 256);
    const cause = input.optionalString("cause", 32_768);
    engine.tokens.fail(token, error, cause);
    return {};
  },

  SendTaskHeartbeat({ input, engine }) {
    engine.tokens.heartbeat(taskToken(input));
    return {};
  },

  /** sfini's own: answers once the token can no longer be answered (see WATCH_TASK_OPERATION). */
  async [WATCH_TASK_OPERATION]({ input, engine, signal }) {
    const hold = AbortSignal.any([signal, AbortSignal.timeout(WATCH_TASK_HOLD_MS)]);
    return { live: !(await engine.tokens.whenEnded(taskToken(input), hold)) };
  },
};
