/**
 * Which events share a clock read: those of one moment (a state entered and left without
 * waiting, a task scheduled and started as it is asked for, the state entered right after a
 * task answered at once); whatever waited or ran user code reads the clock again. The engine's
 * clock here moves 1 ms on every read, so a shared read shows as an equal timestamp and a fresh
 * one as a later one.
 */
import { CreateStateMachineCommand, GetExecutionHistoryCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { describe, expect, it } from "vitest";
import { LocalEngine } from "../../src/local/index.js";
import { ROLE } from "./helpers.js";

const FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:slow";

describe("history event timestamps", () => {
  it("share the reads of one moment and read again after a handler ran", async () => {
    let now = Date.UTC(2026, 0, 1);
    const engine = await LocalEngine.start({ now: () => now++ });
    try {
      // The handler "takes" 5 s of the engine's clock.
      engine.registerLambda("slow", (event) => ((now += 5_000), event));
      const definition = {
        StartAt: "stamp",
        States: {
          stamp: { Type: "Pass", Parameters: { "entered.$": "$$.State.EnteredTime" }, Next: "call" },
          call: { Type: "Task", Resource: FUNCTION, Next: "wait" },
          wait: { Type: "Wait", Seconds: 0, End: true },
        },
      };
      const sfn = engine.session.sfn;
      const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "times", roleArn: ROLE, definition: JSON.stringify(definition) }));
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: "{}" }));
      await engine.whenExecutionEnds(executionArn!);
      const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
      const at = Object.fromEntries(events!.map((event) => [event.type!, event.timestamp!.getTime()]));
      const entered = JSON.parse(events!.find((event) => event.type === "PassStateExited")!.stateExitedEventDetails!.output!) as { entered: string };

      // A Pass entered and left at once: one read, which is also its Context object's EnteredTime.
      expect(at["PassStateExited"]).toBe(at["PassStateEntered"]);
      expect(Date.parse(entered.entered)).toBe(at["PassStateEntered"]);
      // A Lambda Task is entered, scheduled and started in one moment...
      expect(at["TaskStateEntered"]).toBeGreaterThan(at["PassStateExited"]!);
      expect(at["LambdaFunctionScheduled"]).toBe(at["TaskStateEntered"]);
      expect(at["LambdaFunctionStarted"]).toBe(at["TaskStateEntered"]);
      // ...its success is read after the handler ran, and it is left in that moment.
      expect(at["LambdaFunctionSucceeded"]! - at["LambdaFunctionStarted"]!).toBeGreaterThanOrEqual(5_000);
      expect(at["TaskStateExited"]).toBe(at["LambdaFunctionSucceeded"]);
      // The state after it is entered in that moment too (nothing ran since that read)...
      expect(at["WaitStateEntered"]).toBe(at["TaskStateExited"]);
      // ...and a Wait waits: its exit is a read of its own.
      expect(at["WaitStateExited"]).toBeGreaterThan(at["WaitStateEntered"]!);
    } finally {
      await engine.close();
    }
  });
});
