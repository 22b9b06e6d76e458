import { describe, expect, it } from "vitest";
import { MAX_PAYLOAD_BYTES, TaskFailed } from "../../../src/local/interpreter/index.js";
import { execute, single, TestHost } from "./test-host.js";

describe("execution", () => {
  it("TimeoutSeconds ends the execution TIMED_OUT and aborts the running state", async () => {
    const host = new TestHost();
    const result = await execute(single({ Type: "Wait", Seconds: 100 }, { TimeoutSeconds: 5 }), {}, host);
    expect(result.status).toBe("TIMED_OUT");
    expect(result).not.toHaveProperty("error");
    expect(result).not.toHaveProperty("cause");
    expect(host.types()).toEqual(["WaitStateEntered", "WaitStateAborted"]);
    expect(host.clock).toBe(Date.parse("2024-01-01T00:00:05.000Z"));
    expect(result.resumeFrom).toEqual({ stateName: "S", input: {}, variables: {} });
  });

  it("an aborted signal ends it ABORTED", async () => {
    const controller = new AbortController();
    const host = new TestHost({
      r: (_input, request) =>
        new Promise((_resolve, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
          controller.abort(new Error("stopped"));
        }),
    });
    const result = await execute(single({ Type: "Task", Resource: "r" }), {}, host, { signal: controller.signal });
    expect(result.status).toBe("ABORTED");
    expect(host.types()).toEqual(["TaskStateEntered", "TaskScheduled", "TaskStateAborted"]);
    expect(result.lastEventId).toBe(4);
  });

  it("a failure carries a redrive point that resumeFrom restarts at", async () => {
    let fail = true;
    const host = new TestHost({
      r: (input) => {
        if (fail) throw new TaskFailed("Flaky", "first run");
        return input;
      },
    });
    const definition = {
      StartAt: "A",
      States: {
        A: { Type: "Pass", Result: { step: "a" }, Assign: { seen: 1 }, Next: "T" },
        T: { Type: "Task", Resource: "r", Parameters: { "seen.$": "$seen", "in.$": "$" }, End: true },
      },
    };
    const first = await execute(definition, {}, host);
    expect(first.status).toBe("FAILED");
    expect(first.resumeFrom).toEqual({ stateName: "T", input: { step: "a" }, variables: { seen: 1 } });
    fail = false;
    const redriveHost = new TestHost(host.handlers);
    const startEventId = redriveHost.emit("ExecutionRedriven", {});
    const { runExecution } = await import("../../../src/local/interpreter/index.js");
    const { CONTEXT } = await import("./test-host.js");
    const second = await runExecution({
      definition,
      input: {},
      context: CONTEXT,
      host: redriveHost,
      emit: redriveHost.emit,
      startEventId,
      resumeFrom: first.resumeFrom!,
    });
    expect(second).toMatchObject({ status: "SUCCEEDED", output: { seen: 1, in: { step: "a" } } });
    expect(redriveHost.types()[0]).toBe("TaskStateEntered");
  });

  it("an output over 256 KiB fails with States.DataLimitExceeded", async () => {
    const big = "x".repeat(MAX_PAYLOAD_BYTES);
    const result = await execute(single({ Type: "Pass", Result: big }));
    expect(result.error).toBe("States.DataLimitExceeded");
    const fits = await execute(single({ Type: "Pass", Result: "x".repeat(MAX_PAYLOAD_BYTES - 2) }));
    expect(fits.status).toBe("SUCCEEDED");
  });

  it("multi-byte characters count in UTF-8 bytes", async () => {
    const result = await execute(single({ Type: "Pass", Result: "é".repeat(MAX_PAYLOAD_BYTES / 2) }));
    expect(result.error).toBe("States.DataLimitExceeded");
  });

  it("fails with States.Runtime at the history event limit", async () => {
    const definition = { StartAt: "A", States: { A: { Type: "Pass", Next: "A" } } };
    const result = await execute(definition, {}, new TestHost(), { maxHistoryEvents: 50 });
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toContain("maximum number of history events (50)");
    expect(result.host.events.length).toBe(49);
  });

  it("runs a 1,000-state Pass chain emitting 2 events per state", async () => {
    const states: Record<string, object> = {};
    for (let i = 0; i < 1000; i++) states[`S${i}`] = i === 999 ? { Type: "Pass", End: true } : { Type: "Pass", Next: `S${i + 1}` };
    const result = await execute({ StartAt: "S0", States: states }, { n: 1 });
    expect(result.status).toBe("SUCCEEDED");
    expect(result.lastEventId).toBe(2001);
  });
});
