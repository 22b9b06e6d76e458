import { InvalidOptionError } from "../../errors.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { validateName } from "../../names.js";
import { QUERY_LANGUAGES, type EdgeKind, type QueryLanguage, type StateType } from "../../asl/state-types.js";
import { optionalEnum, optionalJson, optionalJsonObject, optionalNullablePath, optionalString } from "./options-check.js";
import { describeValue } from "../../json.js";

/** Options every state takes. `undefined` leaves a field out; `null` renders JSON null. */
export interface StateOptions {
  /** Human-readable description (`Comment`). */
  comment?: string;
  /** JSONPath selecting the state's input (`InputPath`); `null` gives the state `{}`. */
  inputPath?: string | null;
  /** JSONPath selecting the state's output (`OutputPath`); `null` sends `{}` on. */
  outputPath?: string | null;
  /** Query language of this state (`QueryLanguage`), overriding the machine's. */
  queryLanguage?: QueryLanguage;
  /** JSONata: the state's output (`Output`), a JSON value with `{% ... %}` expressions. */
  output?: JsonValue;
  /** Variables to assign (`Assign`), in either query language. */
  assign?: JsonObject;
}

/** One outgoing edge of a state, for the graph walk and the pictures. */
export interface StateEdge {
  /** The state the edge goes to. */
  readonly target: State;
  /** What kind of transition it is. */
  readonly kind: EdgeKind;
  /** Short label: the rule of a Choice edge, the error names of a Catch edge. */
  readonly label?: string;
}

/** A graph nested in a state: a Parallel branch or a Map item processor. */
export interface SubGraph {
  /** Short label for pictures and error messages, e.g. `branch 0` or `item processor`. */
  readonly label: string;
  /** The first state of the sub-graph. */
  readonly startState: State;
  /**
   * The sub-graph's states when given explicitly (a StateMachine used as a branch);
   * undefined means every state reachable from `startState`.
   */
  readonly states?: readonly State[];
  /** `Comment` of the sub-graph, if any. */
  readonly comment?: string;
  /**
   * Query language of the sub-graph (a StateMachine used as a branch). ASL has no such field
   * on a branch, so its states that set none render with it, nested graphs' states included.
   */
  readonly queryLanguage?: QueryLanguage;
}

/**
 * What renders the graphs nested in a state (Parallel branches, a Map processor) while one
 * tree renders: it holds the graphs the tree walked already, so none is walked twice. Passed
 * down explicitly through {@link State.toAsl}, as the CDK passes its StateGraph.
 */
export interface SubGraphRenderer {
  /** The ASL of `sub` (`StartAt`, `States`, ...), which sits at `path` in the machine. */
  renderSubGraph(sub: SubGraph, path: readonly string[]): JsonObject;
}

/**
 * A state of a state machine. The base renders the fields every state has (`Type`,
 * `Comment`, `QueryLanguage`, `InputPath`, `OutputPath`, `Output`, `Assign`) once; each state
 * type adds its own through {@link State.renderFields}.
 */
export abstract class State {
  /** The state's name: unique in its machine, branches included. */
  readonly name: string;
  /** The ASL `Type` of the state. */
  abstract readonly type: StateType;
  /** `Comment`. */
  comment: string | undefined;
  /** `InputPath`. */
  inputPath: string | null | undefined;
  /** `OutputPath`. */
  outputPath: string | null | undefined;
  /** `QueryLanguage` of this state. */
  queryLanguage: QueryLanguage | undefined;
  /** JSONata `Output`. */
  output: JsonValue | undefined;
  /** `Assign`. */
  assign: JsonObject | undefined;

  constructor(name: string, options: StateOptions = {}) {
    this.name = validateName(name, "state name");
    if (options === null || typeof options !== "object") {
      throw new InvalidOptionError(`state ${JSON.stringify(name)}: options must be an object, got ${describeValue(options)}`);
    }
    const owner = this.describeOwner(name);
    this.comment = optionalString(owner, "comment", options.comment);
    this.inputPath = optionalNullablePath(owner, "inputPath", options.inputPath);
    this.outputPath = optionalNullablePath(owner, "outputPath", options.outputPath);
    this.queryLanguage = optionalEnum(owner, "queryLanguage", options.queryLanguage, QUERY_LANGUAGES);
    this.output = optionalJson(owner, "output", options.output);
    this.assign = optionalJsonObject(owner, "assign", options.assign);
  }

  /** How errors name this state, e.g. `state "add"`. */
  protected describeOwner(name: string = this.name): string {
    return `state ${JSON.stringify(name)}`;
  }

  /**
   * The state's ASL definition, a plain JSON object. `renderer` renders its nested graphs
   * (a machine's rendering passes its own); without one each is walked on its own.
   */
  toAsl(renderer?: SubGraphRenderer): JsonObject {
    const asl: JsonObject = { Type: this.type };
    if (this.queryLanguage !== undefined) asl["QueryLanguage"] = this.queryLanguage;
    if (this.comment !== undefined) asl["Comment"] = this.comment;
    if (this.inputPath !== undefined) asl["InputPath"] = this.inputPath;
    this.renderFields(asl, renderer);
    if (this.outputPath !== undefined) asl["OutputPath"] = this.outputPath;
    if (this.output !== undefined) asl["Output"] = this.output;
    if (this.assign !== undefined) asl["Assign"] = this.assign;
    this.renderTransitions(asl);
    return asl;
  }

  /** Add the fields of this state type to its definition; `renderer` renders nested graphs. */
  protected renderFields(asl: JsonObject, renderer?: SubGraphRenderer): void {
    void asl;
    void renderer;
  }

  /** Add `Retry`, `Catch`, `Next`/`End` (states that have them). */
  protected renderTransitions(asl: JsonObject): void {
    void asl;
  }

  /** The state's outgoing edges: Next, Catch targets, Choice rules and Default. */
  edges(): StateEdge[] {
    return [];
  }

  /**
   * The states of {@link State.edges}, in the same order, without making the edges' labels
   * (a Choice describes every rule for them): what graph walks need. A subclass that
   * overrides `edges` overrides this too.
   */
  targets(): State[] {
    return this.edges().map((edge) => edge.target);
  }

  /** Graphs nested in this state: Parallel branches, the Map item processor. */
  subGraphs(): SubGraph[] {
    return [];
  }

  /** Whether an execution can end in this state (End, Succeed, Fail). */
  get isTerminal(): boolean {
    return false;
  }

  /** `name [Type]`, as sfini prints states. */
  toString(): string {
    return `${this.name} [${this.type}]`;
  }
}

/** Throw unless `value` is a State (used where a state is passed in). */
export function assertState(owner: string, option: string, value: unknown): State {
  if (value instanceof State) return value;
  throw new InvalidOptionError(`${owner}: ${option} must be a State, got ${describeValue(value)}`);
}
