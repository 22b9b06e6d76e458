import { DefinitionError, InvalidOptionError, type DefinitionProblem } from "../errors.js";
import type { JsonObject, JsonValue } from "../json.js";
import { validateName } from "../names.js";
import { defaultSession, type AWSSession } from "../session.js";
import { StateGraph } from "./graph.js";
import { toDot } from "../render/dot.js";
import { toMermaid } from "../render/mermaid.js";
import { optionalEnum, optionalInteger, optionalString } from "./states/options-check.js";
import { describeValue } from "../json.js";
import { MAX_EXECUTION_TIMEOUT_SECONDS } from "../asl/limits.js";
import { QUERY_LANGUAGES, type QueryLanguage } from "../asl/state-types.js";
import { State } from "./states/state.js";
import { machineProblems } from "./machine-problems.js";
import { validateDefinition } from "../asl/validate.js";

/** The two kinds of state machine. */
export type StateMachineType = "STANDARD" | "EXPRESS";

/** Options of a state machine and of `constructStateMachine`. */
export interface StateMachineOptions {
  /** Description (`Comment`). */
  comment?: string;
  /** Seconds before an execution times out (`TimeoutSeconds`). */
  timeout?: number;
  /** ASL version (`Version`), e.g. `"1.0"`. */
  version?: string;
  /** Default query language of the states (`QueryLanguage`). */
  queryLanguage?: QueryLanguage;
  /** `STANDARD` (default on AWS) or `EXPRESS`; used when registering. */
  type?: StateMachineType;
  /** Tags set when registering. */
  tags?: Readonly<Record<string, string>>;
  /** The session for AWS calls and ARNs; default {@link defaultSession}. */
  session?: AWSSession;
}

/**
 * A state machine's definition: a name, its states and its start state, with what registering
 * it takes (type, tags, session). Renders, checks and draws its ASL offline; the AWS methods
 * are those of its subclass `StateMachine` in the control layer, so this layer needs no client.
 */
export class StateMachineDefinition {
  /** The machine's name. */
  readonly name: string;
  // The top-level states in the order given. A Map, not a record: a record of many states
  // is a dictionary-mode object, slow to fill and to list (V8 sorts its keys to list them).
  readonly #states: ReadonlyMap<string, State>;
  // The same states with the start first, the order graphs list them in; every graph of the
  // machine shares this map rather than build its own.
  readonly #graphStates: ReadonlyMap<string, State>;
  #record: Readonly<Record<string, State>> | undefined;
  /** The first state. */
  readonly startState: State;
  /** `Comment`. */
  readonly comment: string | undefined;
  /** `TimeoutSeconds`. */
  readonly timeout: number | undefined;
  /** `Version`. */
  readonly version: string | undefined;
  /** `QueryLanguage`. */
  readonly queryLanguage: QueryLanguage | undefined;
  /** `STANDARD` or `EXPRESS`, if given. */
  readonly type: StateMachineType | undefined;
  /** Tags for registration. */
  readonly tags: Readonly<Record<string, string>> | undefined;
  /** The session AWS calls go through. */
  readonly session: AWSSession;

  /**
   * @param states - a record of name → state, or a list of states
   * @param startState - the first state, or its name
   */
  constructor(name: string, states: Readonly<Record<string, State>> | readonly State[], startState: State | string, options: StateMachineOptions = {}) {
    this.name = validateName(name, "state machine name");
    const owner = `state machine ${JSON.stringify(name)}`;
    this.#states = collectStates(owner, states);
    this.startState = resolveStart(owner, this.#states, startState);
    this.#graphStates = startFirst(this.#states, this.startState);
    this.comment = optionalString(owner, "comment", options.comment);
    this.timeout = optionalInteger(owner, "timeout", options.timeout, 1, MAX_EXECUTION_TIMEOUT_SECONDS);
    this.version = optionalString(owner, "version", options.version);
    this.queryLanguage = optionalEnum(owner, "queryLanguage", options.queryLanguage, QUERY_LANGUAGES);
    this.type = optionalEnum(owner, "type", options.type, ["STANDARD", "EXPRESS"] as const);
    this.tags = checkTags(owner, options.tags);
    this.session = options.session ?? defaultSession();
  }

  /** The top-level states, by name (made on first use). */
  get states(): Readonly<Record<string, State>> {
    this.#record ??= Object.fromEntries(this.#states);
    return this.#record;
  }

  /** The graph of the machine's states and the graphs nested in them. */
  graph(): StateGraph {
    return StateGraph.build({ startState: this.startState, byName: this.#graphStates });
  }

  /**
   * The machine's ASL definition as a plain object. Throws {@link DefinitionError} for what
   * cannot be rendered (a state name taken twice, a Choice with no way out).
   */
  toDefinition(): JsonObject {
    return this.render(this.graph());
  }

  private render(graph: StateGraph): JsonObject {
    const asl: JsonObject = {};
    if (this.comment !== undefined) asl["Comment"] = this.comment;
    if (this.queryLanguage !== undefined) asl["QueryLanguage"] = this.queryLanguage;
    Object.assign(asl, graph.toDefinition());
    if (this.timeout !== undefined) asl["TimeoutSeconds"] = this.timeout;
    if (this.version !== undefined) asl["Version"] = this.version;
    return asl;
  }

  /** Same as {@link StateMachineDefinition.toDefinition}, so `JSON.stringify(sm)` gives the ASL. */
  toJSON(): JsonObject {
    return this.toDefinition();
  }

  /** Every problem found in the definition and in the objects it was built from; empty when valid. */
  validate(): DefinitionProblem[] {
    return this.check().problems;
  }

  // The problems, and the rendered definition when it renders at all.
  private check(): { problems: DefinitionProblem[]; asl?: JsonObject } {
    // One graph serves the rendering and the object checks.
    let graph: StateGraph;
    let asl: JsonObject;
    try {
      graph = this.graph();
      asl = this.render(graph);
    } catch (error) {
      if (error instanceof DefinitionError) {
        return { problems: error.problems.length > 0 ? [...error.problems] : [{ message: error.message }] };
      }
      throw error;
    }
    const problems = validateDefinition(asl);
    for (const problem of machineProblems(this.type, graph)) problems.push(problem);
    return { problems, asl };
  }

  /** Throw a {@link DefinitionError} listing every problem, if there is any; else return the checked definition. */
  assertValid(): JsonObject {
    const { problems, asl } = this.check();
    if (problems.length === 0 && asl !== undefined) return asl;
    const lines = problems.map((p) => `  - ${p.state !== undefined ? `${JSON.stringify(p.state)}: ` : ""}${p.message}`);
    throw new DefinitionError(`state machine ${JSON.stringify(this.name)} is not valid:\n${lines.join("\n")}`, problems);
  }

  /** A Mermaid `flowchart TD` picture of the machine. */
  toMermaid(): string {
    return toMermaid(this.toDefinition());
  }

  /** A Graphviz DOT picture of the machine. */
  toDot(): string {
    return toDot(this.toDefinition(), this.name);
  }

  /** `'name' (N states)`, as sfini prints machines. */
  toString(): string {
    return `'${this.name}' (${this.#states.size} states)`;
  }
}

/** `states` when the start is first in it, else a copy with the start moved first. */
function startFirst(states: ReadonlyMap<string, State>, start: State): ReadonlyMap<string, State> {
  if (states.keys().next().value === start.name) return states;
  const ordered = new globalThis.Map<string, State>([[start.name, start]]);
  for (const [name, state] of states) ordered.set(name, state);
  return ordered;
}

function collectStates(owner: string, states: unknown): globalThis.Map<string, State> {
  const record = new globalThis.Map<string, State>();
  if (Array.isArray(states)) {
    for (const state of states as unknown[]) {
      if (!(state instanceof State)) throw new InvalidOptionError(`${owner}: states must be States, got ${describeValue(state)}`);
      const taken = record.get(state.name);
      if (taken !== undefined && taken !== state) {
        throw new DefinitionError(`${owner}: two different states are named ${JSON.stringify(state.name)}`, [
          { state: state.name, message: "state name taken twice" },
        ]);
      }
      record.set(state.name, state);
    }
    return record;
  }
  if (typeof states !== "object" || states === null) {
    throw new InvalidOptionError(`${owner}: states must be a record of name to State or a list of States, got ${describeValue(states)}`);
  }
  for (const [name, state] of Object.entries(states)) {
    if (!(state instanceof State)) throw new InvalidOptionError(`${owner}: states[${JSON.stringify(name)}] must be a State, got ${describeValue(state)}`);
    if (state.name !== name) {
      throw new DefinitionError(`${owner}: states[${JSON.stringify(name)}] is the state named ${JSON.stringify(state.name)}`, [
        { state: name, message: `key does not match the state's name ${JSON.stringify(state.name)}` },
      ]);
    }
    record.set(name, state);
  }
  return record;
}

function resolveStart(owner: string, states: ReadonlyMap<string, State>, start: unknown): State {
  if (typeof start === "string") {
    const state = states.get(start);
    if (state === undefined) throw new DefinitionError(`${owner}: start state ${JSON.stringify(start)} is not one of its states`, [{ message: `StartAt ${JSON.stringify(start)} is not a state` }]);
    return state;
  }
  if (start instanceof State) {
    if (states.get(start.name) !== start) {
      throw new DefinitionError(`${owner}: start state ${start.toString()} is not one of its states`, [{ message: `StartAt ${JSON.stringify(start.name)} is not a state` }]);
    }
    return start;
  }
  throw new InvalidOptionError(`${owner}: startState must be a State or a state name, got ${describeValue(start)}`);
}

function checkTags(owner: string, tags: unknown): Readonly<Record<string, string>> | undefined {
  if (tags === undefined) return undefined;
  if (typeof tags === "object" && tags !== null && !Array.isArray(tags) && Object.values(tags).every((v) => typeof v === "string")) {
    return { ...(tags as Record<string, string>) };
  }
  throw new InvalidOptionError(`${owner}: tags must be a record of strings, got ${describeValue(tags)}`);
}
