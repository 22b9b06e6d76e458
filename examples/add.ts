/**
 * sfini's README example: one activity adds two numbers; the machine `testAdding` is a single
 * Task running it. Run it (on the embedded local engine, no AWS account):
 *
 *   npx tsx examples/add.ts
 */
import { pathToFileURL } from "node:url";
import { ActivityRegistration, Task, Worker, constructStateMachine, type AWSSession, type CallableActivity, type StateMachine } from "sfini";
import { LocalEngine } from "sfini/local";

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

/** The README's program, line for line, with the local engine's session (`npm run demo`). */
export async function runReadmeExample(): Promise<void> {
  const engine = await LocalEngine.start({ port: 0, region: "us-west-2" });
  const session = engine.session;
  const { stateMachine: sm, activities, addActivity } = buildAddExample({ session });

  await activities.register();
  await sm.register();

  const worker = new Worker(addActivity, { session });
  worker.start();

  const execution = await sm.startExecution({ a: 3, b: 42 });
  console.log(execution.name);
  await execution.wait();
  console.log(execution.output);
  console.log(await execution.formatHistory());

  await worker.end(); // on the local engine, as soon as the task is answered
  await sm.deregister();
  await activities.deregister();
  await engine.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runReadmeExample();
