/** CreateActivity, DeleteActivity, DescribeActivity, ListActivities, GetActivityTask. */
import { activityArn } from "../../arn.js";
import { epochSeconds, type OperationTable } from "./operation.js";
import { checkName } from "./names-input.js";
import { readTags } from "./tag-input.js";
import { pageAnswer } from "./paging.js";
import type { ActivityRecord } from "../store/activity-store.js";
import type { JsonObject } from "../../json.js";
import { RELEASE_POLLS_OPERATION } from "../../local-engine-protocol.js";
import { MAX_NAME_LENGTH } from "../../asl/limits.js";

function describe(activity: ActivityRecord): JsonObject {
  return { activityArn: activity.activityArn, name: activity.name, creationDate: epochSeconds(activity.creationDate) };
}

/** Activity operations. */
export const activityOperations: OperationTable = {
  CreateActivity({ input, engine }) {
    const name = checkName(input.requiredString("name", MAX_NAME_LENGTH), "activity name");
    const tags = readTags(input);
    const activity = engine.activities.create(activityArn(engine, name), name);
    if (tags.length > 0) engine.tags.tag(activity.activityArn, tags);
    return { activityArn: activity.activityArn, creationDate: epochSeconds(activity.creationDate) };
  },

  DeleteActivity({ input, engine }) {
    const arn = input.arn("activityArn", ["activity"]);
    engine.activities.delete(arn);
    engine.tags.forget(arn);
    return {};
  },

  DescribeActivity({ input, engine }) {
    return describe(engine.activities.get(input.arn("activityArn", ["activity"])));
  },

  ListActivities({ input, engine }) {
    return pageAnswer("activities", engine.activities.list(), input, "activities", describe);
  },

  async GetActivityTask({ input, engine, signal, isConnected, onAnswered }): Promise<JsonObject> {
    const arn = input.arn("activityArn", ["activity"]);
    const workerName = input.optionalString("workerName", MAX_NAME_LENGTH) ?? "";
    const task = await engine.activities.poll(arn, { workerName, isConnected }, signal);
    if (!task) return {};
    // The task is the worker's only once the answer went out; else the next poller gets it.
    onAnswered((delivered) => (delivered ? task.onTaken(workerName) : engine.activities.requeue(arn, task)));
    return { taskToken: task.taskToken, input: task.input };
  },
  /** sfini's own: an ending worker's open polls end empty (see RELEASE_POLLS_OPERATION). */
  [RELEASE_POLLS_OPERATION]({ input, engine }) {
    engine.activities.release(input.arn("activityArn", ["activity"]), input.requiredString("workerName", MAX_NAME_LENGTH));
    return {};
  },
};
