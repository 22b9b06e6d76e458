/**
 * `Execution<Output>`: the caller names the output type once (`startExecution<I, O>()` or
 * `wait<O>()`) and `output` has it. Checked by the type checker (`npm run typecheck` covers
 * test/) and at run time on the local engine.
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { LocalEngine } from "../../src/local/index.js";
import { Pass } from "../../src/definitions/states/pass.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { Execution } from "../../src/control/execution.js";
import type { JsonValue } from "../../src/json.js";

let engine: LocalEngine;
beforeAll(async () => {
  engine = await LocalEngine.start();
});
afterAll(() => engine.close());

type Sum = { total: number };

describe("Execution<Output>", () => {
  it("types output from startExecution<I, O>() and from wait<O>(); JsonValue by default", async () => {
    const sm = constructStateMachine("typedOutput", new Pass("sum", { result: { total: 45 } }), { session: engine.session });
    await sm.register({ roleArn: "arn:aws:iam::123456789012:role/local" });

    const typed = await sm.startExecution<{ a: number; b: number }, Sum>({ a: 3, b: 42 });
    expectTypeOf(typed).toEqualTypeOf<Execution<Sum>>();
    await typed.wait();
    expectTypeOf(typed.output).toEqualTypeOf<Sum>();
    expect(typed.output.total).toBe(45);

    const plain = await sm.startExecution({ a: 1 });
    expectTypeOf<(typeof plain)["output"]>().toEqualTypeOf<JsonValue>();
    const waited = await plain.wait<Sum>();
    expectTypeOf(waited.output).toEqualTypeOf<Sum>();
    expect(waited.output).toEqual({ total: 45 });

    const again = await Execution.fromArn<Sum>(typed.arn!, { session: engine.session });
    expectTypeOf(again.output).toEqualTypeOf<Sum>();
    expect(again.output.total).toBe(45);
  });
});
