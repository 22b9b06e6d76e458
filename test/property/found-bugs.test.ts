import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../../src/json.js";
import { AWSSession } from "../../src/session.js";
import { Activity } from "../../src/activities/activity.js";
import { DefinitionError, InvalidOptionError } from "../../src/errors.js";
import { Choice, Lambda, MapState, Parallel, Pass, Succeed, Task, Wait } from "../../src/definitions/index.js";
import { StateMachine, constructStateMachine } from "../../src/control/state-machine.js";
import { validateDefinition } from "../../src/asl/index.js";

/**
 * Bugs in src/definitions found while writing the property tests. Each was an `it.fails`
 * until it was fixed; they stay as regression tests. Every case is first shown to be truly
 * invalid: asl-validator, which follows the AWS schema, rejects it.
 */

interface AslValidatorResult {
  isValid: boolean;
  errorsText(separator?: string): string;
}
type AslValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => AslValidatorResult;
const aslValidator = createRequire(import.meta.url)("asl-validator") as AslValidator;

function aslRejects(definition: JsonObject): boolean {
  return !aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true }).isValid;
}

const session = new AWSSession({ region: "us-east-1", accountId: "123456789012" });
const lambda = new Lambda("f", { session });

/** A definition validateDefinition must find wrong, and the state it must name. */
interface InvalidCase {
  readonly title: string;
  readonly definition: () => JsonObject;
  readonly state: string;
}

const one = (state: JsonObject): JsonObject => ({ StartAt: "a", States: { a: state, done: { Type: "Succeed" } } });

// BUG 1 (validate.ts): a JSONata `{% %}` expression where a JSONPath state needs a number is
// not reported. The API builds it (the options accept expressions for JSONata states, but a
// state cannot know its machine's language), so validate() is the only place to catch it;
// AWS refuses the definition ("TimeoutSeconds must be an integer").
const EXPRESSION_IN_JSONPATH: InvalidCase[] = [
  {
    title: "Task timeout `{% 5 %}` in a JSONPath machine",
    definition: () => constructStateMachine("m", new Task("t", lambda, { timeout: "{% 5 %}" }), { session }).toDefinition(),
    state: "t",
  },
  {
    title: "Task heartbeat `{% 5 %}` in a JSONPath machine",
    definition: () => constructStateMachine("m", new Task("t", lambda, { heartbeat: "{% 5 %}" }), { session }).toDefinition(),
    state: "t",
  },
  {
    title: "Wait { seconds: `{% 5 %}` } in a JSONPath machine",
    definition: () => constructStateMachine("m", new Wait("w", { seconds: "{% 5 %}" }), { session }).toDefinition(),
    state: "w",
  },
];

// BUG 3 (validate.ts): fields a state type does not take are not reported, though
// validateDefinition also checks raw JSON given to the local engine.
const FOREIGN_FIELDS: InvalidCase[] = [
  { title: "Retry on a Pass", definition: () => one({ Type: "Pass", Retry: [{ ErrorEquals: ["States.ALL"] }], Next: "done" }), state: "a" },
  { title: "Catch on a Wait", definition: () => one({ Type: "Wait", Seconds: 1, Catch: [{ ErrorEquals: ["States.ALL"], Next: "done" }], Next: "done" }), state: "a" },
  { title: "ResultPath on a Wait", definition: () => one({ Type: "Wait", Seconds: 1, ResultPath: "$.x", Next: "done" }), state: "a" },
  { title: "ResultSelector on a Pass", definition: () => one({ Type: "Pass", ResultSelector: { a: 1 }, Next: "done" }), state: "a" },
  { title: "InputPath on a Fail", definition: () => ({ StartAt: "a", States: { a: { Type: "Fail", InputPath: "$.a" } } }), state: "a" },
];

// BUG 4 (validate.ts): values of the wrong type or range are not reported.
const BAD_VALUES: InvalidCase[] = [
  { title: "Wait Seconds -1", definition: () => one({ Type: "Wait", Seconds: -1, Next: "done" }), state: "a" },
  { title: 'Wait Timestamp "yesterday"', definition: () => one({ Type: "Wait", Timestamp: "yesterday", Next: "done" }), state: "a" },
  {
    title: 'NumericEquals "1" (a string)',
    definition: () => ({ StartAt: "a", States: { a: { Type: "Choice", Choices: [{ Variable: "$.n", NumericEquals: "1", Next: "done" }] }, done: { Type: "Succeed" } } }),
    state: "a",
  },
  {
    title: "a Choice rule with no comparison",
    definition: () => ({ StartAt: "a", States: { a: { Type: "Choice", Choices: [{ Variable: "$.n", Next: "done" }] }, done: { Type: "Succeed" } } }),
    state: "a",
  },
  { title: "a state name of 81 characters", definition: () => ({ StartAt: "a".repeat(81), States: { ["a".repeat(81)]: { Type: "Succeed" } } }), state: "a".repeat(81) },
];

describe.each([
  ["BUG 1: a JSONata expression in a numeric field of a JSONPath state", EXPRESSION_IN_JSONPATH],
  ["BUG 3: a field the state type does not take", FOREIGN_FIELDS],
  ["BUG 4: a value of the wrong type or range", BAD_VALUES],
] as const)("%s", (_title, cases) => {
  it.each(cases.map((c) => [c.title, c] as const))("asl-validator rejects %s (so the case is really invalid)", (_name, c) => {
    expect(aslRejects(c.definition())).toBe(true);
  });

  for (const c of cases) {
    it(`validateDefinition reports ${c.title}, naming the state`, () => {
      expect(validateDefinition(c.definition()).map((p) => p.state)).toContain(c.state);
    });
  }
});

// BUG 2 (states/branch.ts, toSubGraph): a StateMachine given as a Parallel branch (or Map
// processor) kept its states and comment but dropped its queryLanguage, so a JSONata branch
// was rendered as JSONPath: its Output/Arguments became errors. ASL has no QueryLanguage on a
// branch, only on its states, so the branch's states now carry it.
describe("BUG 2: a JSONata StateMachine used as a branch keeps its query language", () => {
  const build = (): JsonObject => {
    const branch = constructStateMachine("branch", new Pass("x", { output: "{% $states.input.a %}" }), { session, queryLanguage: "JSONata" });
    return constructStateMachine("m", new Parallel("p").add(branch), { session }).toDefinition();
  };
  const branchStates = (definition: JsonObject): JsonObject => {
    const parallel = (definition["States"] as JsonObject)["p"] as JsonObject;
    return ((parallel["Branches"] as JsonObject[])[0]!["States"]) as JsonObject;
  };

  it("asl-validator rejects the branch as it was rendered before (so the case is really invalid)", () => {
    const before = build();
    for (const state of Object.values(branchStates(before))) delete (state as JsonObject)["QueryLanguage"];
    expect(aslRejects(before)).toBe(true);
  });

  it("the branch's states render with QueryLanguage JSONata, valid for validateDefinition and asl-validator", () => {
    const definition = build();
    expect(branchStates(definition)).toEqual({ x: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% $states.input.a %}", End: true } });
    expect(validateDefinition(definition)).toEqual([]);
    expect(aslRejects(definition)).toBe(false);
  });

  it("a Map item processor keeps it too, down to the states of a Parallel nested in it; a state's own language stays", () => {
    const inner = new Pass("inner", { output: "{% 1 %}" });
    const own = new Pass("own", { queryLanguage: "JSONata", output: "{% 2 %}" });
    const nested = new Parallel("nested").add(inner);
    nested.goesTo(own);
    const processor = constructStateMachine("processor", nested, { session, queryLanguage: "JSONata" });
    const definition = constructStateMachine("m", new MapState("map").itemProcessor(processor), { session }).toDefinition();
    const map = (definition["States"] as JsonObject)["map"] as JsonObject;
    expect(map["ItemProcessor"]).toEqual({
      ProcessorConfig: { Mode: "INLINE" },
      StartAt: "nested",
      States: {
        nested: { Type: "Parallel", QueryLanguage: "JSONata", Branches: [{ StartAt: "inner", States: { inner: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% 1 %}", End: true } } }], Next: "own" },
        own: { Type: "Pass", QueryLanguage: "JSONata", Output: "{% 2 %}", End: true },
      },
    });
    expect(validateDefinition(definition)).toEqual([]);
    expect(aslRejects(definition)).toBe(false);
  });

  it("the branch's own State objects are left as they were, so they can serve elsewhere", () => {
    const x = new Pass("x", { output: "{% $states.input.a %}" });
    const branch = constructStateMachine("branch", x, { session, queryLanguage: "JSONata" });
    constructStateMachine("m", new Parallel("p").add(branch), { session }).toDefinition();
    expect(x.queryLanguage).toBeUndefined();
    expect(x.toAsl()).toEqual({ Type: "Pass", Output: "{% $states.input.a %}", End: true });
  });

  it("a branch's queryLanguage other than JSONPath or JSONata is refused with InvalidOptionError", () => {
    const start = new Pass("x");
    expect(() => new Parallel("p").add({ startState: start, states: { x: start }, queryLanguage: "SQL" as never })).toThrow(InvalidOptionError);
  });
});

// BUG 5 (machine-problems.ts): an EXPRESS machine reports activity tasks and .sync /
// .waitForTaskToken integrations only when the resource is an Activity or ServiceIntegration
// object; the same resource given as an ARN string (which Task accepts) passes unreported,
// though AWS refuses both in Express workflows.
describe("BUG 5: EXPRESS checks miss resources given as ARN strings", () => {
  it("the same resources as objects are reported (the check exists)", () => {
    const task = new Task("t", new Activity("work", { session }));
    const problems = new StateMachine("m", [task], task, { type: "EXPRESS", session }).validate();
    expect(problems.map((p) => p.state)).toEqual(["t"]);
  });

  for (const [title, arn] of [
    ["an activity ARN", "arn:aws:states:us-east-1:123456789012:activity:work"],
    ["a .sync integration ARN", "arn:aws:states:::states:startExecution.sync"],
    ["a .waitForTaskToken integration ARN", "arn:aws:states:::lambda:invoke.waitForTaskToken"],
  ] as const) {
    it(`an EXPRESS machine reports a Task on ${title} string`, () => {
      const task = new Task("t", arn);
      const problems = new StateMachine("m", [task], task, { type: "EXPRESS", session }).validate();
      expect(problems.map((p) => p.state)).toEqual(["t"]);
    });
  }
});

// BUG 6 (states/choice.ts): a Choice with a default but no rule rendered `"Choices": []`,
// which ASL refuses (Choices needs at least one rule).
describe("BUG 6: a Choice with only a default", () => {
  const raw = (): JsonObject => ({ StartAt: "c", States: { c: { Type: "Choice", Choices: [], Default: "s" }, s: { Type: "Succeed" } } });

  it("asl-validator rejects `Choices: []` (so the case is really invalid)", () => {
    expect(aslRejects(raw())).toBe(true);
  });

  it("is refused at render time with a DefinitionError naming the state", () => {
    const check = new Choice("c");
    check.setDefault(new Succeed("s"));
    const machine = constructStateMachine("m", check, { session });
    expect(() => machine.toDefinition()).toThrow(DefinitionError);
    expect(machine.validate()).toEqual([{ state: "c", message: "Choice has no rule: ASL needs at least one in Choices" }]);
  });

  it("validateDefinition reports it on raw JSON, naming the state", () => {
    expect(validateDefinition(raw())).toEqual([{ state: "c", message: "a Choice needs at least one rule in Choices" }]);
  });
});
