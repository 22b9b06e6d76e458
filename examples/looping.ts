/**
 * sfini's "Looping" example: a counter starts at 0 and an activity adds `increment` to it
 * until it reaches 10; the machine's output is the counter.
 */
import { ActivityRegistration } from "../src/activities/registration.js";
import type { CallableActivity } from "../src/activities/callable-activity.js";
import { Choice, NumericLessThan, Pass, Succeed, Task } from "../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../src/control/state-machine.js";
import type { AWSSession } from "../src/session.js";

/** Input of the increment activity. */
export interface IncrementInput {
  counter: number;
  increment: number;
}

/** The activity function: `counter + increment`. */
export function incrementActivityFn(data: IncrementInput): number {
  return data.counter + data.increment;
}

/** What the looping example is made of. */
export interface LoopingExample {
  stateMachine: StateMachine;
  activities: ActivityRegistration;
  incrementActivity: CallableActivity<IncrementInput, number>;
}

/** Build the example: activity `sfiniActsincrement`, machine `sfiniSM`. */
export function buildLoopingExample({ session }: { session?: AWSSession } = {}): LoopingExample {
  const activities = new ActivityRegistration({ prefix: "sfiniActs", ...(session ? { session } : {}) });
  const incrementActivity = activities.activity("increment", incrementActivityFn);

  const initialise = new Pass("initialise", { result: 0, resultPath: "$.counter" });
  const increment = initialise.goesTo(new Task("increment", incrementActivity, { resultPath: "$.counter" }));
  const checkCounter = increment.goesTo(new Choice("checkCounter"));
  checkCounter.add(new NumericLessThan("$.counter", 10, increment));
  checkCounter.setDefault(new Succeed("end", { outputPath: "$.counter" }));

  const stateMachine = constructStateMachine("sfiniSM", initialise, session ? { session } : {});
  return { stateMachine, activities, incrementActivity };
}
