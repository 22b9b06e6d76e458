import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildAddExample } from "../../examples/add.js";
import { buildCliExample } from "../../examples/cli.js";
import { buildErrorHandlingExample, MyError } from "../../examples/error-handling.js";
import { buildFileProcessingExample } from "../../examples/file-processing.js";
import { buildLoopingExample } from "../../examples/looping.js";
import { buildParallelExample } from "../../examples/parallel.js";
import type { TaskContext } from "../../src/activities/callable-activity.js";
import { expectAslValid, session } from "../definitions/helpers.js";

const ARN = "arn:aws:states:us-west-2:123456789012:activity:";

function context(): TaskContext {
  return { taskToken: "token", signal: new AbortController().signal, heartbeat: async () => {} };
}

// The expected definitions are sfini's `to_dict()` of the same examples, key for key.
describe("sfini's documented examples", () => {
  it("CLI: myStateMachine with one print Task, behind the program's own command line", async () => {
    const printed: unknown[] = [];
    const { stateMachine, activities, printActivity } = buildCliExample({ session, print: (data) => printed.push(data) });
    const definition = stateMachine.toDefinition();
    expect(definition).toEqual({
      StartAt: "print",
      States: { print: { Type: "Task", Resource: `${ARN}myPackageprintActivity`, HeartbeatSeconds: 25, End: true } },
    });
    expectAslValid(definition);
    expect([...activities.activities.keys()]).toEqual(["myPackageprintActivity"]);
    expect(await printActivity.call({ hello: "world" }, context())).toBeNull();
    expect(printed).toEqual([{ hello: "world" }]);
  });

  it("add (README): testAdding with activity testaddActivity", async () => {
    const { stateMachine, activities, addActivity } = buildAddExample({ session });
    const definition = stateMachine.toDefinition();
    expect(definition).toEqual({
      StartAt: "add",
      States: { add: { Type: "Task", Resource: `${ARN}testaddActivity`, HeartbeatSeconds: 25, End: true } },
    });
    expectAslValid(definition);
    expect(stateMachine.name).toBe("testAdding");
    expect(stateMachine.validate()).toEqual([]);
    expect([...activities.activities.keys()]).toEqual(["testaddActivity"]);
    expect(await addActivity.call({ a: 3, b: 42 }, context())).toBe(45);
  });

  it("Looping: initialise, increment, checkCounter, end", async () => {
    const { stateMachine, activities, incrementActivity } = buildLoopingExample({ session });
    const definition = stateMachine.toDefinition();
    expect(definition).toEqual({
      StartAt: "initialise",
      States: {
        initialise: { Type: "Pass", Result: 0, ResultPath: "$.counter", Next: "increment" },
        increment: { Type: "Task", Resource: `${ARN}sfiniActsincrement`, ResultPath: "$.counter", HeartbeatSeconds: 25, Next: "checkCounter" },
        checkCounter: { Type: "Choice", Choices: [{ Variable: "$.counter", NumericLessThan: 10, Next: "increment" }], Default: "end" },
        end: { Type: "Succeed", OutputPath: "$.counter" },
      },
    });
    expectAslValid(definition);
    expect(stateMachine.name).toBe("sfiniSM");
    expect(stateMachine.validate()).toEqual([]);
    expect([...activities.activities.keys()]).toEqual(["sfiniActsincrement"]);
    expect(await incrementActivity.call({ counter: 9, increment: 3 }, context())).toBe(12);
  });

  it("Parallel: printAndLog with the logSM and printSM branches", async () => {
    const logged: string[] = [];
    const { stateMachine, activities, printActivity, logActivity } = buildParallelExample({
      session,
      now: () => new Date(Date.UTC(2018, 6, 11, 19, 7, 26)),
      output: { log: (level, message) => logged.push(`${level}:${message}`), print: (message) => logged.push(message) },
    });
    const definition = stateMachine.toDefinition();
    expect(definition).toEqual({
      StartAt: "printAndLog",
      States: {
        printAndLog: {
          Type: "Parallel",
          Branches: [
            { StartAt: "log", States: { log: { Type: "Task", Resource: `${ARN}sfiniActslogActivity`, ResultPath: null, HeartbeatSeconds: 25, End: true } } },
            {
              StartAt: "print",
              States: {
                print: { Type: "Task", Resource: `${ARN}sfiniActsprintActivity`, ResultPath: "$.until", HeartbeatSeconds: 25, Next: "wait" },
                wait: { Type: "Wait", TimestampPath: "$.until", End: true },
              },
            },
          ],
          ResultPath: "$.parallel",
          OutputPath: "$.parallel",
          End: true,
        },
      },
    });
    expectAslValid(definition);
    expect(stateMachine.validate()).toEqual([]);
    expect([...activities.activities.keys()]).toEqual(["sfiniActslogActivity", "sfiniActsprintActivity"]);
    expect(await printActivity.call({ level: 20, message: "foo" }, context())).toBe("2018-07-11T19:07:41.000Z");
    expect(await logActivity.call({ level: 20, message: "foo" }, context())).toBeNull();
    expect(logged).toEqual(["foo", "20:foo"]);
  });

  it("Error-handling: raise with a retry on timeout and a catch to fail", async () => {
    const sleeps: number[] = [];
    const { stateMachine, activities, raiseActivity } = buildErrorHandlingExample({
      session,
      sleep: async (seconds) => void sleeps.push(seconds),
    });
    const definition = stateMachine.toDefinition();
    expect(definition).toEqual({
      StartAt: "raise",
      States: {
        raise: {
          Type: "Task",
          Resource: `${ARN}sfiniActsraiseActivity`,
          TimeoutSeconds: 10,
          HeartbeatSeconds: 25,
          Retry: [{ ErrorEquals: ["States.Timeout"], IntervalSeconds: 3 }],
          Catch: [{ ErrorEquals: ["MyError"], Next: "fail", ResultPath: "$.error-info" }],
          End: true,
        },
        fail: { Type: "Fail", Error: "WorkerError", Cause: "MyError was raised" },
      },
    });
    expectAslValid(definition);
    // sfini's heartbeat (20 + 5) is not below its timeout (10); the check says so, and a
    // shorter activity heartbeat fixes it.
    expect(stateMachine.validate()).toEqual([
      { state: "raise", message: "HeartbeatSeconds (25) must be smaller than TimeoutSeconds (10)" },
      {
        state: "raise",
        message:
          "HeartbeatSeconds defaults to the activity's heartbeat (20 s) + 5 = 25 s, not smaller than the Task's timeout (10 s): " +
          "give the activity a smaller heartbeat, or the Task `heartbeat`",
      },
    ]);
    expect(buildErrorHandlingExample({ session, heartbeat: 4 }).stateMachine.validate()).toEqual([]);
    expect([...activities.activities.keys()]).toEqual(["sfiniActsraiseActivity"]);
    await expect(raiseActivity.call({}, context())).rejects.toThrow(MyError);
    await expect(raiseActivity.call({}, context())).rejects.toThrow("foobar");
    expect(sleeps).toEqual([15, 5]);
  });

  it("File-processing: resizeImages then getCentre", async () => {
    const { stateMachine, activities, resizeActivity, getCentresActivity } = buildFileProcessingExample({ session });
    const definition = stateMachine.toDefinition();
    expect(definition).toEqual({
      StartAt: "resizeImages",
      States: {
        resizeImages: { Type: "Task", Resource: `${ARN}sfiniActsresizeActivity`, ResultPath: null, HeartbeatSeconds: 25, Next: "getCentre" },
        getCentre: {
          Type: "Task",
          Comment: "get pixel values of centres of images",
          InputPath: "$.resized_image_dir",
          Resource: `${ARN}sfiniActsgetCentresActivity`,
          ResultPath: "$.res",
          HeartbeatSeconds: 25,
          End: true,
        },
      },
    });
    expectAslValid(definition);
    expect(stateMachine.validate()).toEqual([]);
    expect([...activities.activities.keys()]).toEqual(["sfiniActsresizeActivity", "sfiniActsgetCentresActivity"]);

    const root = await mkdtemp(join(tmpdir(), "sfini-files-"));
    try {
      const images = join(root, "images");
      const small = join(root, "small");
      await import("node:fs/promises").then((fs) => Promise.all([fs.mkdir(images), fs.mkdir(small)]));
      await writeFile(join(images, "a.img"), Buffer.from([1, 2, 3]));
      await writeFile(join(images, "b.img"), Buffer.from([9, 8, 7, 6]));
      await resizeActivity.call({ image_dir: images, resized_image_dir: small, ignored: true }, context());
      expect(await readdir(small)).toEqual(["a.img", "b.img"]);
      expect(await getCentresActivity.call(small, context())).toEqual([[2, 2, 2], [7, 7, 7]]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
