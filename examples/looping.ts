/**
 * sfini's "Looping" example: a counter starts at 0 and an activity adds `increment` to it
 * until it reaches 10; the machine's output is the counter.
 *
 *   npx tsx examples/looping.ts      # on the embedded local engine, increment 3
 */
import { pathToFileURL } from "node:url";
import {
  ActivityRegistration,
  Choice,
  NumericLessThan,
  Pass,
  Succeed,
  Task,
  Worker,
  constructStateMachine,
  type AWSSession,
} from "sfini";
import { LocalEngine } from "sfini/local";

/** Build the example: activity `sfiniActsincrement`, machine `sfiniSM`, and their registration. */
export function buildLoopingExample({ session }: { session?: AWSSession } = {}) {
  const activities = new ActivityRegistration({ prefix: "sfiniActs", session });
  const incrementActivity = activities.activity("increment", (data: { counter: number; increment: number }) => data.counter + data.increment);

  const initialise = new Pass("initialise", { result: 0, resultPath: "$.counter" });
  const increment = initialise.goesTo(new Task("increment", incrementActivity, { resultPath: "$.counter" }));
  const checkCounter = increment.goesTo(new Choice("checkCounter"));
  checkCounter.add(new NumericLessThan("$.counter", 10, increment));
  checkCounter.setDefault(new Succeed("end", { outputPath: "$.counter" }));

  const stateMachine = constructStateMachine("sfiniSM", initialise, { session });
  return { stateMachine, activities, incrementActivity };
}

/** Run it on the local engine: the counter goes 0, 3, 6, 9, 12. */
async function main(): Promise<void> {
  const engine = await LocalEngine.start({ port: 0 });
  const { stateMachine, activities, incrementActivity } = buildLoopingExample({ session: engine.session });
  await activities.register();
  await stateMachine.register();
  const worker = new Worker(incrementActivity, { session: engine.session });
  worker.on("taskSucceeded", ({ input, output }) => console.log(`increment ${JSON.stringify(input)} -> ${output}`));
  worker.start();
  const execution = await stateMachine.startExecution({ increment: 3 });
  await execution.wait();
  console.log(`${execution.name}: ${execution.status}, output ${JSON.stringify(execution.output)}`);
  await worker.end();
  await stateMachine.deregister();
  await activities.deregister();
  await engine.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
