/**
 * `npm run demo`: sfini's README example, end to end, on the embedded local engine. No AWS
 * account is needed: the engine speaks the real Step Functions API on 127.0.0.1, and the
 * library reaches it through the same AWS SDK client it uses for AWS.
 */
import { runReadmeExample } from "./add.js";

// The SDK warns once (when a client is built) that its 2027 releases will need Node 22; the
// package's ranges stay on releases that run on Node 20 (README, "Requirements"), so in the demo
// the warning would only clutter the output. A program of yours decides this for itself.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

await runReadmeExample();
