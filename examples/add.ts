/**
 * sfini's README example: one activity adds two numbers; the machine `testAdding` is a single
 * Task running it. Run it (on the embedded local engine, no AWS account):
 *
 *   npx tsx examples/add.ts
 */
import { pathToFileURL } from "node:url";
import { ActivityRegistration, Task, Worker, constructStateMachine, type AWSSession } from "sfini";
import { LocalEngine } from "sfini/local";

/** Build the example: activity `testaddActivity`, machine `testAdding`, and their registration. */
export function buildAddExample({ session }: { session?: AWSSession } = {}) {
  const activities = new ActivityRegistration({ prefix: "test", session });
  const addActivity = activities.activity("addActivity", (data: { a: number; b: number }) => data.a + data.b);
  const add = new Task("add", addActivity);
  const stateMachine = constructStateMachine("testAdding", add, { session });
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
