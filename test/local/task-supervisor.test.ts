/**
 * supervise(): whatever goes wrong while a task writes its events — in a settle handler, in a
 * listener called from outside the task's promise — ends the task with a final
 * States.Runtime instead of escaping as an unhandled rejection or an uncaught exception.
 * Work that answers at once is finished at once (superviseTask): the same events and endings.
 */
import { describe, expect, it } from "vitest";
import { EngineClock } from "../../src/local/clock.js";
import { supervise, superviseTask, type TaskControl } from "../../src/local/host/task-supervisor.js";
import type { TaskEvents } from "../../src/local/host/task-events.js";
import { TaskFailed, type TaskRequest } from "../../src/local/interpreter/host.js";

function request(signal = new AbortController().signal): TaskRequest {
  return { executionArn: "arn:aws:states:us-east-1:123456789012:execution:m:e", stateName: "work", resource: "r", input: {}, signal, emit: () => 0 };
}

/** Task events that record what was written; `throwOn` names the one that throws. */
function events(written: string[], throwOn?: keyof TaskEvents): TaskEvents {
  const record =
    (name: keyof TaskEvents) =>
    (): void => {
      if (name === throwOn) throw new Error(`cannot write ${name}`);
      written.push(name);
    };
  return {
    scheduled: record("scheduled"),
    scheduleFailed: record("scheduleFailed"),
    started: record("started"),
    submitted: record("submitted"),
    succeeded: record("succeeded"),
    failed: record("failed"),
    timedOut: record("timedOut"),
  };
}

async function failureOf(task: Promise<unknown>): Promise<TaskFailed> {
  const outcome = await task.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome).toBeInstanceOf(TaskFailed);
  return outcome as TaskFailed;
}

describe("supervise", () => {
  it("a task whose success event cannot be written fails with States.Runtime", async () => {
    const written: string[] = [];
    const failure = await failureOf(supervise(request(), events(written, "succeeded"), new EngineClock(), async () => "done"));
    expect([failure.error, failure.errorCause]).toEqual(["States.Runtime", "The local engine failed while running the task: cannot write succeeded"]);
    expect(written).toEqual([]);
  });

  it("a task whose failure event cannot be written fails with States.Runtime, not its own error", async () => {
    const failure = await failureOf(
      supervise(request(), events([], "failed"), new EngineClock(), async () => {
        throw new TaskFailed("Custom", "retriable");
      }),
    );
    expect(failure.error).toBe("States.Runtime");
  });

  it("a guarded callback that throws (e.g. in a socket listener) fails the task and returns normally; the task's signal aborts", async () => {
    const written: string[] = [];
    let control: TaskControl | undefined;
    const task = supervise(request(), events(written, "started"), new EngineClock(), (given) => {
      control = given;
      return new Promise(() => undefined);
    });
    const onTaken = control!.guarded((worker: string) => {
      written.push(`taken by ${worker}`);
      throw new Error("listener broke");
    });
    expect(() => onTaken("w1")).not.toThrow();
    const failure = await failureOf(task);
    expect([failure.error, failure.errorCause]).toEqual(["States.Runtime", "The local engine failed while running the task: listener broke"]);
    expect(control!.signal.aborted).toBe(true);
    expect(written).toEqual(["taken by w1"]);
  });

  it("a guarded callback that does not throw leaves the task running", async () => {
    let control: TaskControl | undefined;
    let finish: (value: string) => void = () => undefined;
    const task = supervise(request(), events([]), new EngineClock(), (given) => {
      control = given;
      return new Promise((resolve) => (finish = resolve));
    });
    control!.guarded(() => undefined)();
    expect(control!.signal.aborted).toBe(false);
    finish("ok");
    await expect(task).resolves.toBe("ok");
  });
});

/** A request of a Task that runs alone in its execution: work that answers at once is finished at once. */
function alone(signal = new AbortController().signal): TaskRequest {
  return { ...request(signal), runsAlone: true };
}

describe("a supervised task whose work answers at once", () => {
  it("gives its result at once, after its success event, with its timeout never armed", () => {
    const written: string[] = [];
    const clock = new EngineClock();
    const result = superviseTask({ ...alone(), timeoutSeconds: 1 }, events(written), clock, () => "done");
    expect(result).toBe("done");
    expect(written).toEqual(["succeeded"]);
  });

  it("throws its failure at once, after its failure event", () => {
    const written: string[] = [];
    expect(() =>
      superviseTask(alone(), events(written), new EngineClock(), () => {
        throw new TaskFailed("Custom", "why");
      }),
    ).toThrow(expect.objectContaining({ error: "Custom", errorCause: "why" }) as Error);
    expect(written).toEqual(["failed"]);
  });

  it("ends with the execution's stop, and no event, when the execution stops while the work runs", () => {
    const written: string[] = [];
    const stop = new AbortController();
    const reason = new Error("stopped");
    let thrown: unknown;
    try {
      superviseTask(alone(stop.signal), events(written), new EngineClock(), (control) => {
        stop.abort(reason);
        control.throwIfAborted();
        return "never";
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBe(reason);
    expect(written).toEqual([]);
  });

  it("ends with the execution's stop when it stopped just before the work returned", () => {
    const written: string[] = [];
    const stop = new AbortController();
    const reason = new Error("stopped");
    expect(() =>
      superviseTask(alone(stop.signal), events(written), new EngineClock(), () => {
        stop.abort(reason);
        return "late";
      }),
    ).toThrow(reason);
    expect(written).toEqual([]);
  });

  it("lets work that read its signal hear the stop while it runs", () => {
    const stop = new AbortController();
    let heard: boolean | undefined;
    expect(() =>
      superviseTask(alone(stop.signal), events([]), new EngineClock(), (control) => {
        const { signal } = control;
        stop.abort(new Error("stopped"));
        heard = signal.aborted;
        return "late";
      }),
    ).toThrow("stopped");
    expect(heard).toBe(true);
  });
});

describe("a supervised task's signal", () => {
  it("is aborted when first read after the execution stopped during the work's start", () => {
    const stop = new AbortController();
    const reason = new Error("stopped");
    let aborted: boolean | undefined;
    expect(() =>
      superviseTask(alone(stop.signal), events([]), new EngineClock(), (control) => {
        stop.abort(reason);
        aborted = control.signal.aborted;
        control.signal.throwIfAborted();
        return "never";
      }),
    ).toThrow(reason);
    expect(aborted).toBe(true);
  });
});

describe("a supervised task beside other threads", () => {
  it("ends after a turn of the queue even when its work answers at once", async () => {
    const written: string[] = [];
    const task = superviseTask(request(), events(written), new EngineClock(), () => "done");
    expect(task).toBeInstanceOf(Promise);
    expect(written).toEqual([]);
    await expect(task).resolves.toBe("done");
    expect(written).toEqual(["succeeded"]);
  });

  it("fails after a turn of the queue when its work throws at once", async () => {
    const written: string[] = [];
    const task = superviseTask(request(), events(written), new EngineClock(), () => {
      throw new TaskFailed("Custom", "why");
    });
    expect(written).toEqual([]);
    await expect(task).rejects.toMatchObject({ error: "Custom", errorCause: "why" });
    expect(written).toEqual(["failed"]);
  });
});
