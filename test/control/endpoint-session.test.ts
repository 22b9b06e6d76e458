/**
 * A session built from an endpoint alone (another process's `sfini local`, not the in-process
 * `engine.session`) reaches the operations the SDK host-prefixes: StartSyncExecution and TestState.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestStateCommand } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../src/local/index.js";
import { AWSSession } from "../../src/session.js";
import { Pass } from "../../src/definitions/states/pass.js";
import { constructStateMachine } from "../../src/control/state-machine.js";

let engine: LocalEngine;
let session: AWSSession;
beforeAll(async () => {
  engine = await LocalEngine.start({ region: "us-west-2" });
  session = new AWSSession({
    endpoint: engine.endpoint,
    region: "us-west-2",
    accountId: "123456789012",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  session.sfn.destroy();
  await engine.close();
});

describe("AWSSession({ endpoint })", () => {
  it("sends StartSyncExecution to the endpoint itself, not to sync-<host>", async () => {
    const sm = constructStateMachine("syncFromEndpoint", new Pass("echo", { result: { done: true } }), { session, type: "EXPRESS" });
    await sm.register({ roleArn: "arn:aws:iam::123456789012:role/local" });
    const result = await sm.startSyncExecution({ a: 1 });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.output).toEqual({ done: true });
  });

  it("sends TestState to the endpoint itself", async () => {
    const answer = await session.sfn.send(
      new TestStateCommand({
        definition: JSON.stringify({ Type: "Pass", Result: 7, End: true }),
        roleArn: "arn:aws:iam::123456789012:role/local",
        input: "{}",
      }),
    );
    expect(answer.status).toBe("SUCCEEDED");
    expect(answer.output).toBe("7");
  });
});
