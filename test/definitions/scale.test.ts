import { describe, expect, it } from "vitest";
import { Pass, Task } from "../../src/definitions/index.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { session } from "./helpers.js";

// Sizes no hand-written machine reaches, to show the checks made as states are built do not
// look back over everything added before (which made them quadratic).
describe("building at scale", () => {
  it("a state takes 100,000 Retry and Catch entries, and States.ALL still has to be the last", () => {
    const task = new Task("t", "arn:aws:states:::sns:publish");
    const recover = new Pass("recover");
    for (let i = 0; i < 100_000; i++) task.retryFor([`E${i}`]).catch([`E${i}`], recover);
    task.retryFor(["States.ALL"]).catch(["States.ALL"], recover);
    expect(() => task.retryFor(["Late"])).toThrow(/"States.ALL" must be the last one, but \["Late"\] comes after it/);
    expect(() => task.catch(["Late"], recover)).toThrow(/"States.ALL" must be the last one, but \["Late"\] comes after it/);
    const asl = constructStateMachine("m", task, { session }).toDefinition()["States"] as Record<string, { Retry: unknown[]; Catch: unknown[] }>;
    expect(asl["t"]!.Retry).toHaveLength(100_001);
    expect(asl["t"]!.Catch[100_000]).toEqual({ ErrorEquals: ["States.ALL"], Next: "recover" });
  });
});
