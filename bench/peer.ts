/**
 * The interpreter against `aws-local-stepfunctions` (v3, in-process), side by side in one
 * process: the same definitions, samples alternating between the two, medians compared.
 *
 *   npx tsx bench/engine.ts --peer     (this section only)
 *
 * Ours runs through `runExecution` with the engine's own task host (`LocalTaskHost`: routing,
 * supervisor, resource events, Lambda registry) and stores every history event as the engine
 * does; the peer runs `StateMachine.run` with its Lambda tasks overridden by local functions
 * (`taskResourceLocalHandlers`). A transition is one state visited. Each case is warmed up on
 * both sides alike (alternating, at least 250 ms each) before the timed samples, which take at
 * least 400 ms of the two sides' time.
 */
import type { JsonObject, JsonValue } from "../src/json.js";
import { compileMachine, runExecution, type EmitDeferredEvent, type ExecutionContext, type MachineModel } from "../src/local/interpreter/index.js";
import { ExecutionHistory } from "../src/local/store/history.js";
import { standaloneTaskHost, type LocalTaskHost } from "../src/local/host/task-host.js";
import { EngineClock } from "../src/local/clock.js";
import { LambdaRegistry } from "../src/local/host/lambda-registry.js";

/** One case: a definition, its input, and how many states a run visits. */
export interface PeerCase {
  label: string;
  definition: JsonObject;
  input: JsonValue;
  transitions: number;
  /** The peer's Task overrides (state name → local function). */
  peerHandlers?: Record<string, (input: JsonValue) => JsonValue>;
  /** What a correct run outputs (both must agree on it). */
  check(output: JsonValue): boolean;
}

const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bench-add";

/** The Lambda function of case (d): adds one to `n`. */
export function addOne(event: JsonValue): JsonValue {
  const n = (event as { n: number }).n;
  return { n: n + 1 };
}

/** (a) 1,000 Pass states, each with Parameters and ResultPath. */
function passChain(n: number): PeerCase {
  const states: JsonObject = {};
  for (let i = 0; i < n; i++) {
    states[`p${i}`] = {
      Type: "Pass",
      Parameters: { "value.$": "$.value", "step": i, "previousStep.$": "$.last.step" },
      ResultPath: "$.last",
      ...(i === n - 1 ? { End: true } : { Next: `p${i + 1}` }),
    };
  }
  return {
    label: `Pass chain (${n}, Parameters + ResultPath)`,
    definition: { StartAt: "p0", States: states },
    input: { value: 42, last: { step: -1 } },
    transitions: n,
    check: (out) => (out as { last?: { step?: number } }).last?.step === n - 1,
  };
}

/** (b) A Choice loop of `n` iterations counting with States.MathAdd and labelling with States.Format. */
function choiceLoop(n: number): PeerCase {
  return {
    label: `Choice loop (${n}, MathAdd + Format)`,
    definition: {
      StartAt: "inc",
      States: {
        inc: {
          Type: "Pass",
          Parameters: { "n.$": "States.MathAdd($.n, 1)", "label.$": "States.Format('at {} of {}', $.n, $.max)", "max.$": "$.max" },
          Next: "check",
        },
        check: {
          Type: "Choice",
          Choices: [{ Variable: "$.n", NumericLessThanPath: "$.max", Next: "inc" }],
          Default: "done",
        },
        done: { Type: "Succeed" },
      },
    },
    input: { n: 0, max: n },
    transitions: 2 * n + 1,
    check: (out) => (out as { n?: number }).n === n,
  };
}

/** (c) An inline Map over `n` items, each shaped by ItemSelector, through one Pass. */
function inlineMap(n: number): PeerCase {
  return {
    label: `inline Map (${n} items, ItemSelector)`,
    definition: {
      StartAt: "each",
      States: {
        each: {
          Type: "Map",
          ItemsPath: "$.items",
          ItemSelector: { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index", "tag.$": "$.tag" },
          ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "item", States: { item: { Type: "Pass", End: true } } },
          End: true,
        },
      },
    },
    input: { tag: "bench", items: Array.from({ length: n }, (_, i) => i) },
    transitions: n + 1,
    check: (out) => Array.isArray(out) && out.length === n && (out[n - 1] as { index?: number }).index === n - 1,
  };
}

/** (d) `n` Lambda Tasks in a row, each a function ARN answered by an in-process handler. */
export function lambdaChain(n: number): PeerCase {
  const states: JsonObject = {};
  const peerHandlers: Record<string, (input: JsonValue) => JsonValue> = {};
  for (let i = 0; i < n; i++) {
    states[`t${i}`] = { Type: "Task", Resource: FUNCTION_ARN, ...(i === n - 1 ? { End: true } : { Next: `t${i + 1}` }) };
    peerHandlers[`t${i}`] = addOne;
  }
  return {
    label: `Lambda Task chain (${n}, in-process)`,
    definition: { StartAt: "t0", States: states },
    input: { n: 0 },
    transitions: n,
    peerHandlers,
    check: (out) => (out as { n?: number }).n === n,
  };
}

/** The Context object's execution parts of every in-process bench run (bench/engine.ts uses it too). */
export const BENCH_CONTEXT: ExecutionContext = {
  Execution: {
    Id: "arn:aws:states:us-east-1:123456789012:execution:bench:run",
    Name: "run",
    Input: {},
    StartTime: new Date(0).toISOString(),
    RoleArn: "arn:aws:iam::123456789012:role/bench",
    RedriveCount: 0,
  },
  StateMachine: { Id: "arn:aws:states:us-east-1:123456789012:stateMachine:bench", Name: "bench" },
};

/** The engine's task host on `clock`, with the bench function (`bench-add`: adds one to `n`) registered. */
export function engineHost(clock = new EngineClock()): LocalTaskHost {
  const lambdas = new LambdaRegistry();
  lambdas.register("bench-add", addOne);
  return standaloneTaskHost(lambdas, clock);
}

export type Runner = (c: PeerCase) => Promise<JsonValue>;

function oursRunner(): Runner {
  const host = engineHost();
  // Compiled once per definition, as the engine compiles once per state-machine revision.
  const machines = new Map<PeerCase, MachineModel>();
  return async (c) => {
    let machine = machines.get(c);
    if (!machine) {
      machine = compileMachine(c.definition);
      machines.set(c, machine);
    }
    const history = new ExecutionHistory();
    const startEventId = history.append("ExecutionStarted", host.now(), { input: JSON.stringify(c.input) });
    // As the engine stores them (executions.ts): within the history's payload bound, short texts deferred.
    const emit: EmitDeferredEvent = (type, details, previous, timestamp, textsShort) => history.appendWithinBound(type, timestamp ?? host.now(), details, previous, textsShort);
    const result = await runExecution({
      definition: c.definition,
      machine,
      input: c.input,
      context: { ...BENCH_CONTEXT, Execution: { ...BENCH_CONTEXT.Execution, Input: c.input } },
      host,
      emit,
      emitDeferred: emit,
      startEventId,
    });
    if (result.status !== "SUCCEEDED") throw new Error(`ours: ${c.label} ended ${result.status}: ${result.error} ${result.cause}`);
    history.append("ExecutionSucceeded", host.now(), { output: JSON.stringify(result.output) }, result.lastEventId);
    return result.output!;
  };
}

export async function peerRunner(): Promise<Runner> {
  // aws-local-stepfunctions v3 calls Promise.withResolvers (Node 22); Node 20 lacks it.
  const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
  promiseStatics.withResolvers ??= function withResolvers<T>() {
    let resolve!: (value: T) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };
  const { StateMachine } = await import("aws-local-stepfunctions");
  const machines = new Map<PeerCase, InstanceType<typeof StateMachine>>();
  return async (c) => {
    let machine = machines.get(c);
    if (!machine) {
      // Built once per definition, as ours is registered once: the runs are what is timed.
      machine = new StateMachine(c.definition as never, { validationOptions: { checkArn: false, checkPaths: false } });
      machines.set(c, machine);
    }
    const execution = machine.run(c.input, c.peerHandlers ? { overrides: { taskResourceLocalHandlers: c.peerHandlers as never } } : {});
    return (await execution.result) as JsonValue;
  };
}

/** Run only our side of the cases whose label contains `only` (for profiling). */
export async function profileOurs(samples: number, only?: string): Promise<void> {
  const ours = oursRunner();
  for (const c of [passChain(1_000), choiceLoop(1_000), inlineMap(1_000), lambdaChain(300)]) {
    if (only !== undefined && !c.label.includes(only)) continue;
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) ms.push(await timed(ours, c));
    console.log(`  ${c.label.padEnd(42)} ${Math.round(c.transitions / (medianOf(ms) / 1000)).toLocaleString("en-US").padStart(12)} transitions/s`);
  }
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: Runner, c: PeerCase): Promise<number> {
  const t0 = performance.now();
  const output = await run(c);
  const ms = performance.now() - t0;
  if (!c.check(output)) throw new Error(`${c.label}: wrong output ${JSON.stringify(output).slice(0, 200)}`);
  return ms;
}

/** Each side's warm-up on each case, in ms of runs (and at least 3 runs). */
const WARM_UP_MS = 250;

/**
 * The least time the timed samples of a case take, both sides together: the 300-Task chain runs
 * in under a millisecond, and eleven samples of it gave ratios 8 % apart from one run to the next.
 */
const SAMPLE_MS = 400;

/**
 * Run both sides alternately, untimed, until each has spent {@link WARM_UP_MS} on the case: the
 * samples then measure code both JITs have settled on. One run is too short a warm-up for the
 * short cases (the 300-Task chain runs in about a millisecond): its samples measured the
 * compiler as much as the interpreter.
 */
async function warmUp(ours: Runner, peer: Runner, c: PeerCase): Promise<void> {
  let oursMs = 0;
  let peerMs = 0;
  for (let runs = 0; runs < 3 || oursMs < WARM_UP_MS || peerMs < WARM_UP_MS; runs++) {
    oursMs += await timed(ours, c);
    peerMs += await timed(peer, c);
  }
}

/** Run the four cases, alternating samples, and print transitions/s of each and the ratio. */
export async function comparePeer(samples: number, only?: string): Promise<{ label: string; ratio: number }[]> {
  const cases = [passChain(1_000), choiceLoop(1_000), inlineMap(1_000), lambdaChain(300)].filter((c) => only === undefined || c.label.includes(only));
  const ours = oursRunner();
  const peer = await peerRunner();
  console.log(
    `\nagainst aws-local-stepfunctions (in process, same definitions, at least ${samples} alternating samples and ${SAMPLE_MS} ms of them after a warm-up of ${WARM_UP_MS} ms each; medians)`,
  );
  console.log(`  ${"case".padEnd(42)} ${"sfini transitions/s".padStart(20)} ${"peer transitions/s".padStart(19)} ${"ratio".padStart(8)}`);
  const ratios: { label: string; ratio: number }[] = [];
  for (const c of cases) {
    await warmUp(ours, peer, c);
    const oursMs: number[] = [];
    const peerMs: number[] = [];
    let spent = 0;
    for (let i = 0; i < samples || spent < SAMPLE_MS; i++) {
      const t0 = performance.now();
      // Alternate which goes first, so neither always runs on the other's garbage.
      if (i % 2 === 0) {
        oursMs.push(await timed(ours, c));
        peerMs.push(await timed(peer, c));
      } else {
        peerMs.push(await timed(peer, c));
        oursMs.push(await timed(ours, c));
      }
      spent += performance.now() - t0;
    }
    const oursRate = c.transitions / (medianOf(oursMs) / 1000);
    const peerRate = c.transitions / (medianOf(peerMs) / 1000);
    const ratio = oursRate / peerRate;
    ratios.push({ label: c.label, ratio });
    console.log(
      `  ${c.label.padEnd(42)} ${Math.round(oursRate).toLocaleString("en-US").padStart(20)} ${Math.round(peerRate).toLocaleString("en-US").padStart(19)} ${`${ratio.toFixed(2)}x`.padStart(8)}`,
    );
  }
  return ratios;
}
