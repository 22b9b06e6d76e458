/**
 * sfini's README example: one activity adds two numbers; the machine `testAdding` is a single
 * Task running it.
 */
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import { Task } from "../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../src/control/state-machine.js";
import type { AWSSession } from "../src/session.js";

/** Input of the add activity. */
export interface AddInput {
  a: number;
  b: number;
}

/** The activity function: `a + b`. */
export function addActivityFn(data: AddInput): number {
  return data.a + data.b;
}

/** What the add example is made of. */
export interface AddExample {
  stateMachine: StateMachine;
  activities: ActivityRegistration;
  addActivity: CallableActivity<AddInput, number>;
}

/** Build the example: activity `testaddActivity`, machine `testAdding`. */
export function buildAddExample({ session }: { session?: AWSSession } = {}): AddExample {
  const activities = new ActivityRegistration({ prefix: "test", ...(session ? { session } : {}) });
  const addActivity = activities.activity("addActivity", addActivityFn);
  const add = new Task("add", addActivity);
  const stateMachine = constructStateMachine("testAdding", add, session ? { session } : {});
  return { stateMachine, activities, addActivity };
}
