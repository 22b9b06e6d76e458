/** TagResource, UntagResource, ListTagsForResource (activities and state machines). */
import { ApiError } from "../api-error.js";
import type { EngineState, OperationTable } from "./operation.js";
import { readTags } from "./tag-input.js";
import type { OperationInput } from "./input.js";
import { parseArn } from "../../arn.js";

function taggableArn(input: OperationInput, engine: EngineState): string {
  const arn = input.requiredString("resourceArn", 256);
  const kind = parseArn(arn)?.resource.split(":")[0];
  const exists =
    (kind === "activity" && engine.activities.has(arn)) ||
    (kind === "stateMachine" && engine.machines.list().some((machine) => machine.stateMachineArn === arn));
  if (kind !== "activity" && kind !== "stateMachine") throw new ApiError("InvalidArn", `Invalid Arn: '${arn}'`);
  if (!exists) throw new ApiError("ResourceNotFound", `Resource not found: '${arn}'`);
  return arn;
}

/** Tag operations. */
export const tagOperations: OperationTable = {
  TagResource({ input, engine }) {
    const arn = taggableArn(input, engine);
    const tags = readTags(input);
    if (new Set([...engine.tags.list(arn).map((tag) => tag.key), ...tags.map((tag) => tag.key)]).size > 50) {
      throw new ApiError("TooManyTags", `Too many tags on ${arn}: at most 50`);
    }
    engine.tags.tag(arn, tags);
    return {};
  },

  UntagResource({ input, engine }) {
    const arn = taggableArn(input, engine);
    const keys = input.array("tagKeys").map((key) => {
      if (typeof key !== "string") throw new ApiError("ValidationException", `a tag key must be a string, got ${JSON.stringify(key)}`);
      return key;
    });
    engine.tags.untag(arn, keys);
    return {};
  },

  ListTagsForResource({ input, engine }) {
    const arn = taggableArn(input, engine);
    return { tags: engine.tags.list(arn).map((tag) => ({ key: tag.key, value: tag.value })) };
  },
};
