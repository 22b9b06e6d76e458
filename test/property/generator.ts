import { Activity } from "../../src/activities/activity.js";
import { activityArn, lambdaArn, roleArn } from "../../src/arn.js";
import type { JsonObject, JsonValue } from "../../src/json.js";
import { AWSSession } from "../../src/session.js";
import {
  And,
  Choice,
  Comparison,
  Condition,
  DynamoPutItem,
  Fail,
  Lambda,
  LambdaInvoke,
  Map as MapState,
  Not,
  NumericLessThan,
  Or,
  Parallel,
  Pass,
  ServiceIntegration,
  SnsPublish,
  SqsSendMessage,
  StartExecution,
  StringEquals,
  Succeed,
  Task,
  Wait,
  type ChoiceRule,
  type ErrorHandlingState,
  type FailOptions,
  type State,
  type TaskResourceLike,
} from "../../src/definitions/index.js";
import { StateMachine, constructStateMachine } from "../../src/control/state-machine.js";
import {
  COMPARISON_OPERATORS,
  type ComparisonOperator,
  type QueryLanguage,
} from "../../src/asl/index.js";
import { Rng } from "./prng.js";

/**
 * A seeded generator of random but valid state machines, built only through the public API.
 * It records what it built (the states each graph must contain, the states it left
 * unreachable on purpose) so properties can compare the library's answers with the truth.
 */

/** The regions machines are generated in, one per partition, with the partition (written out, not computed). */
export const PARTITION_OF_REGION: Readonly<Record<string, string>> = {
  "us-east-1": "aws",
  "cn-north-1": "aws-cn",
  "us-gov-west-1": "aws-us-gov",
};

/** What the generator knows about one graph (the top level, a branch, a Map processor). */
export interface GeneratedGraph {
  /** The graph path as StateGraph and validateDefinition spell it: `[state, "branch 0", ...]`. */
  readonly path: readonly string[];
  /** Every state reachable from the graph's start: exactly what its `States` must hold. */
  readonly names: ReadonlySet<string>;
}

/** One generated machine and the facts about it. */
export interface GeneratedMachine {
  readonly seed: number;
  readonly region: string;
  readonly session: AWSSession;
  readonly language: QueryLanguage;
  readonly start: State;
  readonly machine: StateMachine;
  readonly graphs: readonly GeneratedGraph[];
  /** States built and linked into a graph, but that no state goes to: never rendered. */
  readonly decoys: readonly string[];
}

type Kind = "Pass" | "Task" | "Wait" | "Choice" | "Parallel" | "Map" | "Succeed" | "Fail";

const KIND_WEIGHTS: Readonly<Record<Kind, number>> = {
  Pass: 3,
  Task: 4,
  Wait: 1,
  Choice: 2,
  Parallel: 1,
  Map: 1,
  Succeed: 1,
  Fail: 1,
};

// Name decorations: characters AWS allows in state names, some of which the pictures must quote.
const NAME_DECORATIONS = ["", "", "", "", "-x", "_y", ".z", "'q", "(1)", "é", "!", "@", "=", "+", "日本"];

const PATHS = ["$", "$.a", "$.a.b", "$.items[0]", "$['odd key']", "$$.Execution.Input", "$.list[*].id", "$myVar"];
const REFERENCE_PATHS = ["$", "$.result", "$.a.b", "$.list[1]", "$['r k']"];
const RULE_VARIABLES = ["$.counter", "$.a.b", "$.items[0]", "$['odd key']", "$$.Execution.Input.flag", "$myVar"];
const STRINGS = ["", "abc", "log-1", "ünïcode", "with \"quotes\"", "a*b"];
const PATTERNS = ["log-*", "a\\*b", "*", "*.txt", "x\\\\y"];
const TIMESTAMPS = ["2024-05-01T12:30:00Z", "2016-03-14T01:59:00+01:00", "2030-01-01T00:00:00.123Z"];
const EXPRESSIONS = [
  "{% $states.input %}",
  "{% $states.input.a + 1 %}",
  "{% $count($states.input.items) %}",
  "{% $states.input.name & '!' %}",
  "{% $myVar %}",
  "{% $states.context.Execution.Id %}",
];
const CATCH_ERRORS = [["States.Timeout"], ["States.TaskFailed", "Custom.Error"], ["States.HeartbeatTimeout"], ["Lambda.ServiceException"], ["States.Permissions"]];
const RETRY_ERRORS = [["States.Timeout"], ["States.TaskFailed"], ["Custom.Retryable", "States.Runtime"]];

const MAX_DEPTH = 3;
const MAX_CATCHES = CATCH_ERRORS.length;

interface Node {
  readonly state: State;
  readonly kind: Kind;
  readonly language: QueryLanguage;
  /** Whether its Next was set by the spanning walk (so reachability depends on it). */
  spanningNext: boolean;
}

class Generator {
  private counter = 0;
  private nestedBudget: number;
  readonly graphs: GeneratedGraph[] = [];
  readonly decoys: string[] = [];
  /** The states of each graph, by JSON of its path. */
  readonly graphStates = new globalThis.Map<string, State[]>();

  constructor(
    private readonly seed: number,
    private readonly rng: Rng,
    private readonly session: AWSSession,
    private readonly machineLanguage: QueryLanguage,
    topSize: number,
  ) {
    this.nestedBudget = Math.max(8, topSize);
  }

  private name(kind: string): string {
    // The seed in every name keeps names unique across machines, so many machines can be
    // checked by asl-validator in one batch.
    const base = `${kind}${this.seed}_${this.counter++}${this.rng.pick(NAME_DECORATIONS)}`;
    // Now and then a name of exactly the longest length AWS allows.
    return this.rng.chance(0.02) ? base.padEnd(80, "n") : base;
  }

  /** Build one graph of `size` states; returns its start state. */
  graph(path: readonly string[], size: number, depth: number): State {
    const rng = this.rng;
    const nodes: Node[] = [];
    const open: Node[] = [];
    let terminals = 0;
    for (let i = 0; i < size; i++) {
      const last = i === size - 1;
      let kind = rng.weighted(KIND_WEIGHTS);
      // Keep the graph connectable: a state with no way out only when another way stays open.
      if ((kind === "Succeed" || kind === "Fail") && !last && open.filter((n) => n.kind === "Choice" || hasFreeNext(n)).length <= 1) kind = "Pass";
      if ((kind === "Parallel" || kind === "Map") && (depth >= MAX_DEPTH || this.nestedBudget <= 0)) kind = "Task";
      // The last state ends the graph when nothing else can.
      if (last && terminals === 0 && kind === "Choice") kind = rng.pick(["Succeed", "Fail", "Pass", "Task"] as const);
      const node = this.state(kind, path, depth);
      if (kind === "Succeed" || kind === "Fail") terminals++;
      if (i > 0) this.attach(open, nodes[i - 1]!, node);
      nodes.push(node);
      if (hasSlot(node)) open.push(node);
    }
    this.finish(nodes, terminals);
    const start = nodes[0]!.state;
    this.graphs.push({ path, names: new Set(nodes.map((n) => n.state.name)) });
    // Decoys go into the graph but nothing goes to them, so no walk may find them.
    if (rng.chance(0.25)) {
      for (let k = rng.int(1, 2); k > 0; k--) this.decoy(rng.pick(nodes).state);
    }
    this.graphStates.set(JSON.stringify(path), nodes.map((n) => n.state));
    return start;
  }

  /** A state that goes into the graph but that no rendered state may go to. */
  private decoy(target: State): State {
    const decoy = new Pass(this.name("Decoy"));
    decoy.goesTo(target);
    this.decoys.push(decoy.name);
    return decoy;
  }

  /** Link `child` from an open slot of an earlier state: the previous one when it can. */
  private attach(open: Node[], previous: Node, child: Node): void {
    const rng = this.rng;
    const candidates = open.filter(hasSlot);
    const parent = hasSlot(previous) && rng.chance(0.7) ? previous : rng.pick(candidates);
    if (hasFreeNext(parent)) {
      (parent.state as Pass).goesTo(child.state);
      parent.spanningNext = true;
    } else if (parent.state instanceof Choice) {
      if (parent.state.default === undefined && rng.chance(0.3)) parent.state.setDefault(child.state);
      else parent.state.add(this.topRule(parent.language, child.state));
    } else {
      this.addCatch(parent, child.state);
    }
    const index = open.indexOf(parent);
    if (!hasSlot(parent) && index >= 0) open.splice(index, 1);
  }

  /** Close the graph: Next or End for each open chain, a rule for each Choice; loops back at random. */
  private finish(nodes: readonly Node[], terminalsSoFar: number): void {
    const rng = this.rng;
    let terminals = terminalsSoFar;
    const free = nodes.filter(hasFreeNext);
    for (const node of free) {
      const chain = node.state as Pass;
      // Now and then point somewhere first and change it after: the first target must vanish.
      if (rng.chance(0.15)) chain.goesTo(this.decoy(rng.pick(nodes).state));
      const mustEnd = terminals === 0 && node === free[free.length - 1];
      if (mustEnd || rng.chance(0.6)) {
        chain.removeNext();
        terminals++;
      } else chain.goesTo(rng.pick(nodes).state); // may loop back
    }
    for (const node of nodes) {
      if (node.state instanceof Choice) {
        if (rng.chance(0.15)) {
          // A rule added and removed again must leave no trace.
          const removed = this.topRule(node.language, this.decoy(rng.pick(nodes).state));
          node.state.add(removed);
          node.state.remove(removed);
        }
        if (node.state.choices.length === 0 || rng.chance(0.3)) node.state.add(this.topRule(node.language, rng.pick(nodes).state));
      } else if (isErrorHandling(node.state) && rng.chance(0.15)) {
        // States.ALL must be the last catcher.
        node.state.catch(["States.ALL"], rng.pick(nodes).state, this.catchOptions(node.language));
      }
    }
  }

  private addCatch(parent: Node, target: State): void {
    const state = parent.state as ErrorHandlingState;
    state.catch(CATCH_ERRORS[state.catchers.length]!, target, this.catchOptions(parent.language));
  }

  private catchOptions(language: QueryLanguage): { resultPath?: string | null; output?: JsonValue; assign?: JsonObject } {
    const rng = this.rng;
    if (language === "JSONata") {
      return {
        ...(rng.chance(0.4) ? { output: "{% $states.errorOutput %}" } : {}),
        ...(rng.chance(0.3) ? { assign: { lastError: "{% $states.errorOutput.Error %}" } } : {}),
      };
    }
    return rng.chance(0.5) ? { resultPath: rng.chance(0.2) ? null : "$.error" } : {};
  }

  /** One state of `kind`, with random options of its language. */
  private state(kind: Kind, path: readonly string[], depth: number): Node {
    const rng = this.rng;
    // In a JSONPath machine, now and then a leaf state switches to JSONata on its own.
    const ownJsonata = this.machineLanguage === "JSONPath" && kind !== "Parallel" && kind !== "Map" && rng.chance(0.15);
    const language: QueryLanguage = ownJsonata ? "JSONata" : this.machineLanguage;
    const common = this.commonOptions(kind, language, ownJsonata);
    const name = this.name(kind);
    let state: State;
    switch (kind) {
      case "Pass":
        state = new Pass(name, { ...common, ...(language === "JSONPath" ? this.passJsonPath() : {}) });
        break;
      case "Task":
        state = this.task(name, common, language);
        break;
      case "Wait":
        state = new Wait(name, this.waitUntil(language), common);
        break;
      case "Choice":
        state = new Choice(name, stripAssign(common));
        break;
      case "Succeed":
        state = new Succeed(name, stripAssign(common));
        break;
      case "Fail":
        state = new Fail(name, { ...(common as FailOptions), ...this.failFields(language) });
        break;
      case "Parallel":
        state = this.parallel(name, common, language, path, depth);
        break;
      case "Map":
        state = this.map(name, common, language, path, depth);
        break;
    }
    return { state, kind, language, spanningNext: false };
  }

  private commonOptions(kind: Kind, language: QueryLanguage, ownJsonata: boolean): Record<string, JsonValue> {
    const rng = this.rng;
    const options: Record<string, JsonValue> = {};
    if (ownJsonata || (language === "JSONata" && rng.chance(0.1))) options["queryLanguage"] = "JSONata";
    if (rng.chance(0.2)) options["comment"] = rng.pick(["a comment", "ünïcode \"quoted\"", ""]);
    if (kind === "Fail") return options;
    if (language === "JSONPath") {
      if (rng.chance(0.25)) options["inputPath"] = rng.chance(0.1) ? null : rng.pick(PATHS);
      if (rng.chance(0.25)) options["outputPath"] = rng.chance(0.1) ? null : rng.pick(PATHS);
      if (rng.chance(0.15)) options["assign"] = { "seen.$": rng.pick(PATHS), fixed: rng.int(0, 9) };
    } else {
      if (rng.chance(0.3)) options["output"] = rng.chance(0.5) ? rng.pick(EXPRESSIONS) : { value: rng.pick(EXPRESSIONS), fixed: [1, "two", null] };
      if (rng.chance(0.25)) options["assign"] = { myVar: rng.pick(EXPRESSIONS), constant: rng.int(0, 9) };
    }
    return options;
  }

  private passJsonPath(): Record<string, JsonValue> {
    const rng = this.rng;
    const options: Record<string, JsonValue> = {};
    if (rng.chance(0.4)) options["result"] = rng.pick<JsonValue>([null, 0, "text", { nested: { list: [1, 2, { deep: true }] } }, [1, 2, 3]]);
    if (rng.chance(0.3)) options["resultPath"] = rng.chance(0.2) ? null : rng.pick(REFERENCE_PATHS);
    if (rng.chance(0.3)) options["parameters"] = this.parameters();
    return options;
  }

  private parameters(): JsonObject {
    const rng = this.rng;
    return rng.pick<JsonObject>([
      { "x.$": rng.pick(PATHS), constant: 1 },
      { nested: { "id.$": "$$.Execution.Id" }, list: [1, { "z.$": "$.z" }] },
      { "message.$": "States.Format('hello {}', $.name)", "n.$": "States.MathAdd($.a, 1)" },
      { "token.$": "$$.Task.Token", "input.$": "$" },
    ]);
  }

  private resource(): TaskResourceLike {
    const rng = this.rng;
    const session = this.session;
    const n = this.counter;
    switch (rng.int(0, 10)) {
      case 10:
        return rng.chance(0.5) ? activityArn(session.arnScope, `rawActivity${n}`) : lambdaArn(session.arnScope, `rawFunction${n}`);
      case 0:
      case 1:
        return new Activity(`activity${n}`, { session, heartbeat: rng.int(1, 60) });
      case 2:
      case 3:
        return new Lambda(`function${n}`, { session });
      case 4:
        return new LambdaInvoke({ session, pattern: rng.pick(["requestResponse", "waitForTaskToken"] as const) });
      case 5:
        return new StartExecution({ session, pattern: rng.pick(["requestResponse", "sync", "sync:2", "waitForTaskToken"] as const) });
      case 6:
        return rng.pick([new SnsPublish({ session }), new SqsSendMessage({ session }), new DynamoPutItem({ session })]);
      case 7:
        return new ServiceIntegration("aws-sdk:s3", "getObject", { session });
      case 8:
        return new ServiceIntegration("ecs", "runTask", { session, pattern: rng.pick(["requestResponse", "sync"] as const) });
      default:
        return new ServiceIntegration("glue", "startJobRun", { session, pattern: "sync" });
    }
  }

  private task(name: string, common: Record<string, JsonValue>, language: QueryLanguage): Task {
    const rng = this.rng;
    const resource = this.resource();
    const options: Record<string, unknown> = { ...common };
    const heartbeat = resource instanceof Activity ? resource.heartbeat + 5 : rng.chance(0.2) ? rng.int(1, 100) : undefined;
    if (heartbeat !== undefined && !(resource instanceof Activity)) options["heartbeat"] = heartbeat;
    if (rng.chance(0.5)) options["timeout"] = (heartbeat ?? 0) + rng.int(1, 300);
    else if (language === "JSONata" && rng.chance(0.2)) options["timeout"] = "{% 30 %}";
    else if (language === "JSONPath" && rng.chance(0.2)) options["timeoutPath"] = "$.timeout";
    if (rng.chance(0.1)) options["credentials"] = { roleArn: roleArn(this.session.arnScope, "taskRole") };
    if (language === "JSONPath") {
      if (rng.chance(0.4)) options["parameters"] = this.parameters();
      if (rng.chance(0.3)) options["resultSelector"] = { "payload.$": "$.Payload", constant: true };
      if (rng.chance(0.3)) options["resultPath"] = rng.chance(0.2) ? null : rng.pick(REFERENCE_PATHS);
    } else if (rng.chance(0.5)) {
      options["arguments"] = rng.chance(0.5) ? rng.pick(EXPRESSIONS) : { FunctionName: "f", Payload: rng.pick(EXPRESSIONS) };
    }
    const task = new Task(name, resource, options);
    for (let k = rng.int(0, 2); k > 0; k--) {
      task.retryFor(RETRY_ERRORS[task.retriers.length]!, {
        ...(rng.chance(0.5) ? { interval: rng.int(1, 10) } : {}),
        ...(rng.chance(0.5) ? { maxAttempts: rng.int(0, 5) } : {}),
        ...(rng.chance(0.5) ? { backoffRate: rng.pick([1, 1.5, 2, 3.25]) } : {}),
        ...(rng.chance(0.2) ? { maxDelay: rng.int(1, 600) } : {}),
        ...(rng.chance(0.2) ? { jitter: rng.pick(["FULL", "NONE"] as const) } : {}),
      });
    }
    if (rng.chance(0.2)) task.retryFor(["States.ALL"], { maxAttempts: 2 });
    return task;
  }

  private waitUntil(language: QueryLanguage): ConstructorParameters<typeof Wait>[1] {
    const rng = this.rng;
    const date = new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59), rng.chance(0.3) ? rng.int(1, 999) : 0));
    if (language === "JSONata") {
      return rng.pick([rng.int(0, 3600), date, { seconds: "{% $states.input.delay %}" }, { timestamp: "{% $states.input.when %}" }, { seconds: 5 }, { timestamp: date }]);
    }
    return rng.pick([rng.int(0, 3600), date, "$.when", { secondsPath: "$.delay" }, { timestampPath: "$.when" }]);
  }

  private failFields(language: QueryLanguage): FailOptions {
    const rng = this.rng;
    if (language === "JSONata") {
      return rng.pick<FailOptions>([{}, { error: "Custom.Failure", cause: "it broke" }, { error: "{% 'Err' & $states.input.code %}", cause: "{% $string($states.input) %}" }]);
    }
    return rng.pick<FailOptions>([{}, { error: "Custom.Failure", cause: "it broke" }, { errorPath: "$.error", causePath: "States.Format('failed: {}', $.cause)" }, { error: "WorkerError" }]);
  }

  private parallel(name: string, common: Record<string, JsonValue>, language: QueryLanguage, path: readonly string[], depth: number): Parallel {
    const rng = this.rng;
    const options: Record<string, unknown> = { ...common };
    if (language === "JSONPath") {
      if (rng.chance(0.3)) options["parameters"] = this.parameters();
      if (rng.chance(0.3)) options["resultSelector"] = { "first.$": "$[0]" };
      if (rng.chance(0.3)) options["resultPath"] = rng.chance(0.2) ? null : rng.pick(REFERENCE_PATHS);
    } else if (rng.chance(0.4)) {
      options["arguments"] = { both: rng.pick(EXPRESSIONS) };
    }
    const parallel = new Parallel(name, options);
    if (rng.chance(0.2)) parallel.retryFor(["States.BranchFailed", "Custom.Error"], { maxAttempts: rng.int(1, 3) });
    const count = rng.int(1, 3);
    for (let b = 0; b < count; b++) parallel.add(this.subGraph([...path, name, `branch ${b}`], depth));
    return parallel;
  }

  private map(name: string, common: Record<string, JsonValue>, language: QueryLanguage, path: readonly string[], depth: number): MapState {
    const rng = this.rng;
    const session = this.session;
    const distributed = rng.chance(0.3);
    const options: Record<string, unknown> = { ...common };
    if (language === "JSONPath") {
      if (rng.chance(0.5)) options["itemsPath"] = rng.pick(["$.items", "$", "$$.Execution.Input.list"]);
      if (rng.chance(0.3)) options["itemSelector"] = { "value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" };
      if (rng.chance(0.3)) options["resultPath"] = rng.chance(0.2) ? null : rng.pick(REFERENCE_PATHS);
      if (rng.chance(0.2)) options["resultSelector"] = { "all.$": "$" };
    } else {
      if (rng.chance(0.5)) options["items"] = rng.chance(0.5) ? "{% $states.input.items %}" : [1, 2, { three: 3 }];
      if (rng.chance(0.3)) options["itemSelector"] = { value: "{% $states.context.Map.Item.Value %}" };
    }
    if (rng.chance(0.4)) options["maxConcurrency"] = rng.int(0, 40);
    else if (language === "JSONPath" && rng.chance(0.2)) options["maxConcurrencyPath"] = "$.concurrency";
    if (distributed) {
      const reader: Record<string, unknown> = { resource: new ServiceIntegration("s3", "getObject", { session }), readerConfig: { InputType: "JSON" } };
      const writer: Record<string, unknown> = { resource: new ServiceIntegration("s3", "putObject", { session }) };
      if (language === "JSONPath") {
        reader["parameters"] = { Bucket: "bucket", "Key.$": "$.key" };
        writer["parameters"] = { Bucket: "bucket", Prefix: "out" };
      } else {
        reader["arguments"] = { Bucket: "bucket", Key: "{% $states.input.key %}" };
        writer["arguments"] = { Bucket: "bucket", Prefix: "out" };
      }
      options["itemReader"] = reader;
      if (rng.chance(0.5)) options["itemBatcher"] = { maxItemsPerBatch: rng.int(1, 100), batchInput: { batch: true } };
      if (rng.chance(0.5)) options["resultWriter"] = writer;
      if (rng.chance(0.5)) options["toleratedFailurePercentage"] = rng.int(0, 100);
      else if (rng.chance(0.5)) options["toleratedFailureCount"] = rng.int(0, 10);
      else if (language === "JSONPath" && rng.chance(0.5)) options["toleratedFailureCountPath"] = "$.tolerated";
      if (rng.chance(0.5)) options["label"] = "items";
    }
    const map = new MapState(name, options);
    if (rng.chance(0.2)) map.retryFor(["States.ALL"], { interval: rng.int(1, 5) });
    const processor = this.subGraph([...path, name, "item processor"], depth);
    map.itemProcessor(processor, distributed ? { mode: "DISTRIBUTED", executionType: rng.pick(["STANDARD", "EXPRESS"] as const) } : rng.chance(0.5) ? { mode: "INLINE" } : {});
    return map;
  }

  /** A nested graph: its start state, or now and then a StateMachine built from it. */
  private subGraph(path: readonly string[], depth: number): State | StateMachine {
    const size = Math.max(1, Math.min(this.nestedBudget, this.rng.int(1, 6)));
    this.nestedBudget -= size;
    const start = this.graph(path, size, depth + 1);
    return this.rng.chance(0.2) ? constructStateMachine(`branch${this.counter++}`, start, { session: this.session }) : start;
  }

  /** A top-level Choice rule going to `next`, in the state's language. */
  topRule(language: QueryLanguage, next: State): ChoiceRule {
    const rng = this.rng;
    if (language === "JSONata") {
      const options = {
        ...(rng.chance(0.3) ? { assign: { picked: "{% $states.input.a %}" } } : {}),
        ...(rng.chance(0.2) ? { output: { chosen: true } } : {}),
      };
      return new Condition(rng.pick(["{% $states.input.x > 1 %}", "{% $exists($states.input.flag) %}", "{% $myVar = 'go' and true %}"]), next, options);
    }
    const options = rng.chance(0.2) ? { assign: { "matched.$": "$.counter", n: 1 } } : {};
    switch (rng.int(0, 5)) {
      case 0:
        return new And(this.ruleList(1), next, options);
      case 1:
        return new Or(this.ruleList(1), next, options);
      case 2:
        return new Not(this.rule(1), next, options);
      case 3:
        return rng.chance(0.5) ? new NumericLessThan("$.counter", rng.int(-5, 100), next, options) : new StringEquals("$.status", rng.pick(STRINGS), next, options);
      default:
        return this.comparison(next, options);
    }
  }

  private ruleList(depth: number): ChoiceRule[] {
    const rules: ChoiceRule[] = [];
    for (let k = this.rng.int(1, 3); k > 0; k--) rules.push(this.rule(depth));
    return rules;
  }

  /** A nested rule (no next state): a comparison, or And/Or/Not a few levels deep. */
  private rule(depth: number): ChoiceRule {
    const rng = this.rng;
    if (depth < 4 && rng.chance(0.35)) {
      const logical = rng.int(0, 2);
      if (logical === 0) return new And(this.ruleList(depth + 1));
      if (logical === 1) return new Or(this.ruleList(depth + 1));
      return new Not(this.rule(depth + 1));
    }
    return this.comparison(undefined, undefined);
  }

  /** A comparison of any operator of the operator table, with a value of its kind. */
  private comparison(next: State | undefined, options: { assign?: JsonObject } | undefined): Comparison {
    const rng = this.rng;
    const operator = rng.pick(Object.keys(COMPARISON_OPERATORS) as ComparisonOperator[]);
    const kind = COMPARISON_OPERATORS[operator].value;
    let value: unknown;
    switch (kind) {
      case "boolean":
      case "test":
        value = rng.chance(0.5);
        break;
      case "number":
        value = rng.pick([0, -1, 42, 3.5, 1e6]);
        break;
      case "string":
        value = rng.pick(STRINGS);
        break;
      case "pattern":
        value = rng.pick(PATTERNS);
        break;
      case "timestamp":
        value = rng.chance(0.5) ? rng.pick(TIMESTAMPS) : new Date(Date.UTC(2020 + rng.int(0, 9), rng.int(0, 11), rng.int(1, 28), 0, 0, 0, rng.chance(0.5) ? 0 : 250));
        break;
      case "path":
        value = rng.pick(RULE_VARIABLES);
        break;
    }
    return new Comparison(operator, rng.pick(RULE_VARIABLES), value as never, next, options);
  }
}

function isErrorHandling(state: State): state is ErrorHandlingState {
  return state instanceof Task || state instanceof Parallel || state instanceof MapState;
}

/** A chainable state whose Next is still free. */
function hasFreeNext(node: Node): boolean {
  const state = node.state;
  return (state instanceof Pass || state instanceof Wait || isErrorHandling(state)) && (state as Pass).next === undefined;
}

/** Whether one more edge can leave this state: a free Next, a Choice rule, or a Catch. */
function hasSlot(node: Node): boolean {
  if (hasFreeNext(node) || node.state instanceof Choice) return true;
  return isErrorHandling(node.state) && node.state.catchers.length < MAX_CATCHES;
}

function stripAssign(options: Record<string, JsonValue>): Record<string, JsonValue> {
  const { assign: _assign, ...rest } = options;
  void _assign;
  return rest;
}

/** How many states the top level gets: mostly small, now and then a few hundred. */
function topSize(rng: Rng): number {
  const draw = rng.next();
  if (draw < 0.04) return rng.int(100, 300);
  if (draw < 0.2) return rng.int(16, 60);
  return rng.int(1, 15);
}

/** Generate the machine of `seed`: the same seed always gives the same machine. */
export function generateMachine(seed: number): GeneratedMachine {
  const rng = new Rng(seed);
  const region = rng.pick(Object.keys(PARTITION_OF_REGION));
  const session = new AWSSession({ region, accountId: "123456789012" });
  const language: QueryLanguage = rng.chance(0.25) ? "JSONata" : "JSONPath";
  const size = topSize(rng);
  const generator = new Generator(seed, rng, session, language, size);
  const start = generator.graph([], size, 0);
  const options = {
    session,
    ...(language === "JSONata" ? { queryLanguage: language } : rng.chance(0.1) ? { queryLanguage: language } : {}),
    ...(rng.chance(0.3) ? { comment: `machine of seed ${seed}` } : {}),
    ...(rng.chance(0.2) ? { timeout: rng.int(1, 31_622_400) } : {}),
    ...(rng.chance(0.2) ? { version: "1.0" } : {}),
  };
  const top = generator.graphStates.get("[]")!;
  let machine: StateMachine;
  if (rng.chance(0.7)) machine = constructStateMachine(`machine-${seed}`, start, options);
  else if (rng.chance(0.5)) machine = new StateMachine(`machine-${seed}`, top, start.name, options);
  else machine = new StateMachine(`machine-${seed}`, Object.fromEntries(top.map((state) => [state.name, state])), start, options);
  return { seed, region, session, language, start, machine, graphs: generator.graphs, decoys: generator.decoys };
}
