/**
 * The run's controllers say whether they aborted as a plain field (interpreter/abort.ts), which
 * the walk and an in-process Lambda Task read instead of `AbortSignal.aborted`: the field must
 * agree with the signal at every moment a reader can see, listeners included.
 */
import { describe, expect, it } from "vitest";
import { FlaggedController, linkedController } from "../../../src/local/interpreter/abort.js";
import { compileMachine, runExecution, type EmitDeferredEvent } from "../../../src/local/interpreter/index.js";
import { ExecutionHistory } from "../../../src/local/store/history.js";
import { LambdaRegistry } from "../../../src/local/host/lambda-registry.js";
import { standaloneTaskHost } from "../../../src/local/host/task-host.js";
import { EngineClock } from "../../../src/local/clock.js";
import type { JsonObject } from "../../../src/json.js";
import { CONTEXT } from "./test-host.js";

describe("FlaggedController", () => {
  it("is aborted, with the reason given, before the signal's listeners run", () => {
    const controller = new FlaggedController();
    const seen: boolean[] = [];
    controller.signal.addEventListener("abort", () => seen.push(controller.aborted));
    expect(controller.aborted).toBe(false);
    const reason = new Error("stop");
    controller.abort(reason);
    expect(seen).toEqual([true]);
    expect(controller.aborted).toBe(true);
    expect(controller.signal.aborted).toBe(true);
    expect(controller.signal.reason).toBe(reason);
  });

  it("gives the signal AbortController's own default reason when none is given", () => {
    const controller = new FlaggedController();
    controller.abort();
    expect(controller.signal.reason).toBeInstanceOf(DOMException);
    expect((controller.signal.reason as DOMException).name).toBe("AbortError");
  });
});

describe("linkedController", () => {
  it("aborts, flag and signal, when its parent does, and not after it is disposed", () => {
    const parent = new AbortController();
    const child = linkedController(parent.signal);
    const other = linkedController(parent.signal);
    other.dispose();
    parent.abort("stopped");
    expect([child.aborted, child.signal.reason]).toEqual([true, "stopped"]);
    expect([other.aborted, other.signal.aborted]).toEqual([false, false]);
  });

  it("starts aborted under a parent that already is", () => {
    const parent = new AbortController();
    parent.abort("early");
    const child = linkedController(parent.signal);
    expect([child.aborted, child.signal.reason]).toEqual([true, "early"]);
  });
});

describe("a Lambda Task that runs alone", () => {
  it("sees its execution stopped while its handler ran, by the flag", async () => {
    const stop = new AbortController();
    const lambdas = new LambdaRegistry();
    // The handler answers at once, after stopping its own execution.
    lambdas.register("f", () => {
      stop.abort("stopped by the handler");
      return { done: true };
    });
    const clock = new EngineClock(1, () => 1_700_000_000_000);
    const host = standaloneTaskHost(lambdas, clock);
    const definition: JsonObject = {
      StartAt: "call",
      States: {
        call: { Type: "Task", Resource: "arn:aws:lambda:us-east-1:123456789012:function:f", Next: "after" },
        after: { Type: "Pass", End: true },
      },
    };
    const history = new ExecutionHistory();
    const startEventId = history.append("ExecutionStarted", clock.now(), { input: "{}" });
    const emit: EmitDeferredEvent = (type, details, previous, timestamp, textsShort) => history.appendWithinBound(type, timestamp ?? clock.now(), details, previous, textsShort);
    const result = await runExecution({ definition, machine: compileMachine(definition), input: {}, context: CONTEXT, host, emit, emitDeferred: emit, startEventId, signal: stop.signal });
    expect(result.status).toBe("ABORTED");
    expect(history.events.map((event) => event.type)).toEqual(["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "TaskStateAborted"]);
  });
});
