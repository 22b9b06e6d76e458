/**
 * A/B of the engine between a commit and the working tree, in one process: both trees are
 * compiled (tsc) into `.ab/`, loaded side by side, and run the 300-Task Lambda chain of the
 * peer bench (bench/peer.ts, case d) in alternating samples. Separate runs of a bench differ by
 * 10-20 % on these machines; HEAD against an unchanged tree measured this way differ by 0-2 %, so
 * a change of a few per cent can be seen.
 *
 *   npm run bench:ab -- [<commit>, default HEAD] [--pollute]
 *
 * `--pollute` first runs every case of the peer bench on each copy, as `bench/engine.ts --peer`
 * does before its Lambda case, so shared code has seen the other state types. `--peer` also
 * runs the peer's chain in each round, as the peer bench alternates with it (its garbage and
 * its use of Node's internals are then the same for both copies), and prints each copy's ratio.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { JsonObject } from "../src/json.js";
import type * as Interpreter from "../src/local/interpreter/index.js";
import type * as History from "../src/local/store/history.js";
import type * as Peer from "./peer.js";
import { alternatingMedians } from "./alternating.js";

const args = process.argv.slice(2);
const POLLUTE = args.includes("--pollute");
const WITH_PEER = args.includes("--peer");
const BASE = args.find((arg) => !arg.startsWith("--")) ?? "HEAD";
const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, ".ab");
const TASKS = 300;
const WARM_UP_RUNS = 1_500;
const SAMPLES = 1_500;

/** Compile the tree at `source` into `out` (the repository's node_modules serve both). */
function compile(source: string, out: string): void {
  execFileSync("npx", ["tsc", "-p", join(source, "tsconfig.json"), "--outDir", out, "--noEmit", "false", "--declaration", "false", "--declarationMap", "false", "--sourceMap", "false"], {
    cwd: source,
    stdio: "inherit",
  });
}

/** The tree of `commit`, extracted into a folder of `.ab/`. */
function checkout(commit: string): string {
  const folder = join(OUT, "base-src");
  mkdirSync(folder, { recursive: true });
  execFileSync("sh", ["-c", `git archive ${JSON.stringify(commit)} | tar -x -C ${JSON.stringify(folder)}`], { cwd: ROOT, stdio: "inherit" });
  symlinkSync(join(ROOT, "node_modules"), join(folder, "node_modules"));
  return folder;
}

const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:bench-add";
const states: JsonObject = {};
for (let i = 0; i < TASKS; i++) states[`t${i}`] = { Type: "Task", Resource: FUNCTION_ARN, ...(i === TASKS - 1 ? { End: true } : { Next: `t${i + 1}` }) };
const definition: JsonObject = { StartAt: "t0", States: states };

interface Side {
  label: string;
  run(): Promise<void>;
  comparePeer: typeof Peer.comparePeer;
}

async function sideOf(label: string, out: string): Promise<Side> {
  const load = <T>(path: string): Promise<T> => import(pathToFileURL(join(out, path)).href) as Promise<T>;
  const { compileMachine, runExecution } = await load<typeof Interpreter>("src/local/interpreter/index.js");
  const { ExecutionHistory } = await load<typeof History>("src/local/store/history.js");
  const { engineHost, BENCH_CONTEXT, comparePeer } = await load<typeof Peer>("bench/peer.js");
  const host = engineHost();
  const machine = compileMachine(definition);
  return {
    label,
    comparePeer,
    async run() {
      const history = new ExecutionHistory();
      const input = { n: 0 };
      const startEventId = history.append("ExecutionStarted", host.now(), { input: "{}" });
      const emit: Interpreter.EmitDeferredEvent = (type, details, previous, timestamp, textsShort) => history.appendWithinBound(type, timestamp ?? host.now(), details, previous, textsShort);
      const result = await runExecution({
        definition,
        machine,
        input,
        context: { ...BENCH_CONTEXT, Execution: { ...BENCH_CONTEXT.Execution, Input: input } },
        host,
        emit,
        // As the engine stores them (executions.ts); a base older than deferred texts ignores it.
        emitDeferred: emit,
        startEventId,
      });
      if ((result.output as { n?: number } | undefined)?.n !== TASKS) throw new Error(`${label}: the chain ended ${result.status}`);
    },
  };
}

rmSync(OUT, { recursive: true, force: true });
compile(checkout(BASE), join(OUT, "base"));
compile(ROOT, join(OUT, "work"));
const sides = [await sideOf(BASE, join(OUT, "base")), await sideOf("working tree", join(OUT, "work"))];
if (POLLUTE) {
  const log = console.log;
  console.log = () => undefined;
  for (const side of sides) await side.comparePeer(3);
  console.log = log;
}
const runners = sides.map((side) => () => side.run());
if (WITH_PEER) {
  const { peerRunner, lambdaChain } = await import("./peer.js");
  const peer = await peerRunner();
  const chain = lambdaChain(TASKS);
  runners.push(async () => void (await peer(chain)));
}
const perTask = (await alternatingMedians(runners, WARM_UP_RUNS, SAMPLES)).map((ms) => (ms * 1000) / TASKS);
console.log(`Lambda Task chain (${TASKS}), ${SAMPLES} alternating samples${POLLUTE ? " after the peer bench's cases" : ""}${WITH_PEER ? ", the peer's among them" : ""}; node ${process.version}`);
for (const [i, side] of sides.entries()) {
  const against = WITH_PEER ? `, ${(perTask[2]! / perTask[i]!).toFixed(2)}x the peer's` : "";
  console.log(`  ${side.label.padEnd(14)} ${perTask[i]!.toFixed(3).padStart(7)} µs/Task  ${(perTask[0]! / perTask[i]!).toFixed(3)}x the speed of ${BASE}${against}`);
}
rmSync(OUT, { recursive: true, force: true });
