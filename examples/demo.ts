/**
 * `npm run demo`: sfini's README example, end to end, on the embedded local engine. No AWS
 * account is needed: the engine speaks the real Step Functions API on 127.0.0.1, and the
 * library reaches it through the same AWS SDK client it uses for AWS.
 */
import { LocalEngine } from "../src/local/index.js";
import { Worker } from "../src/worker/index.js";
import { buildAddExample } from "./add.js";

// The SDK warns once (when a client is built) that its 2027 releases will need Node 22; the
// lock file pins releases that run on Node 20, so here the warning would only clutter the output.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

const engine = await LocalEngine.start({ port: 0, region: "us-west-2" });
const { stateMachine, activities, addActivity } = buildAddExample({ session: engine.session });
const worker = new Worker(addActivity, { session: engine.session });
try {
  await activities.register();
  await stateMachine.register();
  worker.start();

  const execution = await stateMachine.startExecution({ a: 3, b: 42 });
  console.log(execution.name);
  await execution.wait();
  console.log(JSON.stringify(execution.output));
  console.log(await execution.formatHistory());

  await stateMachine.deregister();
  await activities.deregister();
} finally {
  // On the local engine end() returns as soon as the last task is answered (on AWS it would
  // wait out the open long poll).
  await worker.end();
  await engine.close();
}
