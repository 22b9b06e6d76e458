/**
 * One visit of one state: its raw input, its Context object, and the input/output processing
 * both query languages share (InputPath → Parameters → ResultSelector → ResultPath →
 * OutputPath for JSONPath; `Arguments` / `Output` / `Assign` for JSONata), plus the state's
 * Entered/Exited events. The per-type files only say what is different.
 */
import { setKey } from "../../set-key.js";
import type { JsonObject, JsonValue } from "../../json.js";
import { isJsonObject } from "../../json.js";
import { MAX_PAYLOAD_BYTES } from "../../asl/limits.js";
import { locatedAt, StatesError, StatesErrorName } from "./errors.js";
import type { JsonataEnvironment } from "./jsonata.js";
import { returnedNothing, unexpectedResultType } from "./jsonata.js";
import type { PathRoots } from "./jsonpath.js";
import type { ExecutionRun, Thread } from "./run.js";
import type { AbortState, EventDetails } from "./host.js";
import type { FlaggedController } from "./abort.js";
import { NOT_TRUNCATED, StateEnteredDetails, StateExitedDetails } from "./event-details.js";
import type { JsonataField, PathTemplate } from "./templates.js";
import type { VariableScope } from "./variables.js";
import type { JsonataExpression, LanguageTemplate, NumberField, QueryLanguage, ResultPath, StateModel, WorkflowModel } from "./compile/model.js";

export type { QueryLanguage };

/**
 * The state types whose Context object has `State.RetryCount` (those that take `Retry`); AWS
 * gives the others (Pass, Choice, Wait, Succeed, Fail) `Name` and `EnteredTime` only.
 */
const RETRYING_TYPES = new Set(["Task", "Parallel", "Map"]);

/** Runs a compiled workflow in a frame (given to the frame, so branch and iteration runners need not import the walk). */
export type WorkflowRunner = (workflow: WorkflowModel, input: JsonValue, frame: Frame) => Promise<JsonValue>;

/** What a numeric field must be. */
export interface NumberOptions {
  integer?: boolean;
  min?: number;
}

/** TestState's inspection data (values are JSON strings, as the API returns them). */
export type Inspection = Record<string, string | number>;

/** Where a state runs: its execution, thread of events, variables and query language. */
export interface Frame {
  run: ExecutionRun;
  thread: Thread;
  scope: VariableScope;
  signal: AbortSignal;
  /** Whether {@link signal} has aborted, read cheaply (the controller that aborts it). */
  abortState: AbortState;
  /** Runs a nested workflow (a Parallel branch, a Map iteration). */
  runWorkflow: WorkflowRunner;
  /** `$$.Map.Item` inside a Map iteration. */
  mapItem?: JsonObject;
  /** Set by TestState at DEBUG/TRACE level: steps record what they produced. */
  inspection?: Inspection;
  /** Set by TestState: told when a catcher handles the state's error. */
  onCaught?: (caught: { failure: StatesError; catcherIndex: number }) => void;
  /** Set inside a Map iteration: the iteration writes its states' abort events itself. */
  iterationEvents?: IterationEvents;
}

/**
 * The frame of a nested workflow (a Parallel branch, a Map iteration) inside `parent`: its own
 * thread, variable scope and signal (`stop`'s). Named field by field, always in this order (one shape, no
 * key deleted): TestState's inspection and catch hook stay with the state that runs the branches.
 */
export function nestedFrame(parent: Frame, thread: Thread, stop: FlaggedController, iterationEvents: IterationEvents, mapItem = parent.mapItem): Frame {
  return { run: parent.run, thread, scope: parent.scope.child(), signal: stop.signal, abortState: stop, runWorkflow: parent.runWorkflow, mapItem, iterationEvents };
}

/**
 * What a Map iteration hears of its states' ends: when the Map fails, AWS writes each aborted
 * iteration's events, and the aborted Task of the iteration that failed, after that failure.
 */
export interface IterationEvents {
  /** A state was interrupted: `type` is its `<Type>StateAborted` event, not yet written. */
  aborted(type: string): void;
  /** A state failed the iteration's workflow (no Catch took its error). */
  failed(stateType: string): void;
}

/** How a state ended: its output, and the next state (undefined = the workflow ends). */
export interface StateOutcome {
  output: JsonValue;
  next?: string;
}

/**
 * A value now, or a promise of it: a step that needs no waiting (JSONPath processing, an
 * in-process handler that answers at once) returns its value, sparing a turn of the microtask
 * queue and a promise per layer; only steps that wait are async.
 */
export type MaybeAsync<T> = T | Promise<T>;

/** The `<Type>StateEntered` / `<Type>StateExited` names of each state type, made once. */
const EVENT_NAMES: Readonly<Record<string, { readonly entered: string; readonly exited: string } | undefined>> = Object.fromEntries(
  ["Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"].map((type) => [type, { entered: `${type}StateEntered`, exited: `${type}StateExited` }]),
);

function inputTooLarge(name: string): string {
  return `The input of the state '${name}' has exceeded the maximum number of bytes: ${MAX_PAYLOAD_BYTES} bytes of UTF-8.`;
}

// AWS's text for a state whose own output is too large (recorded with a Pass state).
function outputTooLarge(name: string): string {
  return `The state/task '${name}' returned a result with a size exceeding the maximum number of bytes service limit.`;
}

/** What `Assign` evaluated to, checked to be an object. */
function assignedValues(values: JsonValue): JsonObject {
  if (!isJsonObject(values)) {
    throw new StatesError(StatesErrorName.Runtime, `The field 'Assign' must be an object but was ${JSON.stringify(values)}`);
  }
  return values;
}

/**
 * The roots of a path on one visit; the Context object is built only when a path reads `$$`.
 * A class, not an object of closures: it is made for every template a state evaluates.
 */
class VisitRoots implements PathRoots {
  constructor(
    readonly data: JsonValue,
    private readonly visit: StateRun,
    private built: JsonObject | undefined,
  ) {}

  get context(): JsonValue {
    this.built ??= this.visit.contextObject();
    return this.built;
  }

  variable(name: string): JsonValue | undefined {
    return this.visit.frame.scope.get(name);
  }
}

/** One visit of one compiled state. */
export class StateRun<S extends StateModel = StateModel> {
  enteredEventId = 0;
  /** The event the Entered event followed (AWS chains an early `EvaluationFailed` to it). */
  private enteredAfterEventId = 0;
  /**
   * The `<Type>StateFailed` event the state owes if its current attempt fails for good (not
   * retried): a Map or Parallel sets it once its attempt has started.
   */
  failedEventType: string | undefined;
  retryCount = 0;
  taskToken?: string;
  /**
   * Set when the visit's last event carries a time read after its work (a Task answered at
   * once: after its handler returned): the state after it, entered without waiting, is
   * entered at that moment.
   */
  endedAt: number | undefined;
  /** When the state was entered (ms); the Context object shows it as ISO-8601. */
  private readonly enteredAt: number;
  // The state's fields every visit reads, copied once: the models of different types have
  // different shapes, so reading them from the model is slow where all types pass.
  readonly name: string;
  readonly type: string;
  readonly language: QueryLanguage;

  constructor(
    readonly state: S,
    readonly input: JsonValue,
    readonly frame: Frame,
    /** When the visit began, if the caller knows it is now (else the host's clock is read). */
    enteredAt?: number,
  ) {
    this.enteredAt = enteredAt ?? frame.run.host.now();
    this.name = state.name;
    this.type = state.type;
    this.language = state.language;
  }

  get run(): ExecutionRun {
    return this.frame.run;
  }

  get thread(): Thread {
    return this.frame.thread;
  }

  /** The Context object (`$$` / `$states.context`) as this state sees it now. */
  contextObject(): JsonObject {
    const { Execution, StateMachine } = this.run.context;
    const state: JsonObject = { Name: this.name, EnteredTime: new Date(this.enteredAt).toISOString() };
    if (RETRYING_TYPES.has(this.type)) state["RetryCount"] = this.retryCount;
    const context: JsonObject = { Execution: Execution as unknown as JsonObject, StateMachine, State: state };
    if (this.taskToken !== undefined) context["Task"] = { Token: this.taskToken };
    if (this.frame.mapItem) context["Map"] = { Item: this.frame.mapItem };
    return context;
  }

  /** The roots a JSONPath sees when `$` is `data` (the Context object is built only if read). */
  roots(data: JsonValue, context?: JsonObject): PathRoots {
    return new VisitRoots(data, this, context);
  }

  /** What a JSONata expression sees. */
  jsonataEnv(extra: { result?: JsonValue; errorOutput?: JsonValue; context?: JsonObject } = {}): JsonataEnvironment {
    const states: JsonataEnvironment["states"] = { input: this.input, context: extra.context ?? this.contextObject() };
    if (extra.result !== undefined) states.result = extra.result;
    if (extra.errorOutput !== undefined) states.errorOutput = extra.errorOutput;
    const scope = this.frame.scope;
    return { states, variables: scope.isEmpty() ? {} : scope.visible(), random: () => this.run.random() };
  }

  /** Record a TestState inspection value. */
  inspect(key: string, value: JsonValue | number, raw = false): void {
    const inspection = this.frame.inspection;
    if (inspection) inspection[key] = raw && typeof value === "number" ? value : JSON.stringify(value);
  }

  // ---- JSONPath processing -------------------------------------------------------------

  /** InputPath: `$` by default, `null` gives `{}`. */
  applyInputPath(): JsonValue {
    const path = this.state.inputPath;
    const effective = path === "whole" ? this.input : path === "empty" ? {} : path.read(this.roots(this.input), "InputPath");
    this.inspect("afterInputPath", effective);
    return effective;
  }

  /** Evaluate a payload template (`Parameters`, `ResultSelector`, ...) against `data`; no template hands `data` on. */
  applyPayloadTemplate(template: PathTemplate | undefined, field: string, data: JsonValue, context?: JsonObject): JsonValue {
    return template === undefined ? data : template(this.roots(data, context), this.run, field);
  }

  /** ResultPath: `$` by default (result replaces input), `null` keeps the input as is. */
  applyResultPath(result: JsonValue, path: ResultPath = this.state.resultPath): JsonValue {
    if (path === "input") return this.input;
    if (path === "result") return result;
    return path(this.input, result);
  }

  /** OutputPath: `$` by default, `null` gives `{}`. */
  applyOutputPath(data: JsonValue): JsonValue {
    const path = this.state.outputPath;
    if (path === "empty") return {};
    if (path === "whole") return data;
    return path.read(this.roots(data), "OutputPath");
  }

  /** A `...Path` field's value (a path or, where AWS allows, an intrinsic call) read from `data`. */
  readDynamic(path: PathTemplate, field: string, data: JsonValue): JsonValue {
    return path(this.roots(data), this.run, field);
  }

  /**
   * The value a path field (`SecondsPath`, `MaxConcurrencyPath`, ...) references, or undefined
   * when the path matches nothing: such fields have their own AWS texts for a missing value.
   */
  readPathOrUndefined(path: PathTemplate, field: string, data: JsonValue): JsonValue | undefined {
    try {
      return this.readDynamic(path, field, data);
    } catch (error) {
      if (error instanceof StatesError && error.error === StatesErrorName.Runtime) return undefined;
      throw error;
    }
  }

  // ---- JSONata processing --------------------------------------------------------------

  /** Evaluate a JSONata-language field (a `{% %}` string or a template). */
  evaluateField(field: string, value: JsonataField, env: JsonataEnvironment): Promise<JsonValue> {
    return value(env, field);
  }

  /**
   * A numeric field that may be a literal or a `{% %}` expression (JSONata) or a path field
   * (JSONPath); only an expression waits.
   */
  resolveNumber(source: NumberField | undefined, data: JsonValue, options: NumberOptions = {}): MaybeAsync<number | undefined> {
    if (source === undefined) return undefined;
    if (source.path) return this.checkNumber(source.field, this.readDynamic(source.path.read, `${source.field}Path`, data), options);
    if (source.jsonata) return this.resolveJsonataNumber(source.field, source.jsonata, options);
    return this.checkNumber(source.field, source.literal, options);
  }

  private async resolveJsonataNumber(field: string, jsonata: JsonataExpression, options: NumberOptions): Promise<number | undefined> {
    const expression = jsonata.text;
    const value = await jsonata.evaluate(this.jsonataEnv(), field);
    if (value === undefined) throw returnedNothing(field, expression);
    if (typeof value !== "number" || (options.integer && !Number.isInteger(value))) {
      throw unexpectedResultType(field, expression, options.integer ? "integer" : "number", value);
    }
    return this.checkNumber(field, value, options);
  }

  private checkNumber(field: string, value: JsonValue | undefined, options: NumberOptions): number | undefined {
    if (value === undefined) return undefined;
    const wrong =
      typeof value !== "number" ||
      (options.integer && !Number.isInteger(value)) ||
      (options.min !== undefined && value < options.min);
    if (wrong) {
      const error = this.language === "JSONata" ? StatesErrorName.QueryEvaluationError : StatesErrorName.Runtime;
      throw new StatesError(
        error,
        `The value of the field '${field}' must be ${options.integer ? "an integer" : "a number"}` +
          `${options.min !== undefined ? ` of at least ${options.min}` : ""} but was ${JSON.stringify(value)}`,
      );
    }
    return value as number;
  }

  // ---- Assign, both languages ----------------------------------------------------------

  /**
   * Evaluate `Assign` (of the state, a Choice rule or a catcher) without applying it: AWS
   * evaluates `Assign` and `Output` against the variables as they were on entry.
   * JSONPath: `$` is `jsonPathData`; JSONata: `$states` gets `extra`.
   */
  evaluateAssign(
    assign: LanguageTemplate | undefined,
    jsonPathData: JsonValue,
    extra?: { result?: JsonValue; errorOutput?: JsonValue },
  ): MaybeAsync<JsonObject | undefined> {
    if (assign === undefined) return undefined;
    // JSONPath is evaluated at once; only JSONata waits.
    if (assign.language === "JSONPath") return assignedValues(assign.evaluate(this.roots(jsonPathData), this.run, "Assign"));
    return assign.evaluate(this.jsonataEnv(extra), "Assign").then(assignedValues);
  }

  /** Evaluate a template of the state's language: JSONPath against `jsonPathData`, JSONata with `$states` given `extra`. */
  async evaluateTemplate(
    template: LanguageTemplate,
    field: string,
    jsonPathData: JsonValue,
    extra: { result?: JsonValue; errorOutput?: JsonValue; context?: JsonObject } = {},
  ): Promise<JsonValue> {
    if (template.language === "JSONata") return template.evaluate(this.jsonataEnv(extra), field);
    return template.evaluate(this.roots(jsonPathData, extra.context), this.run, field);
  }

  /** Apply evaluated variables to this state's scope. */
  applyAssign(values: JsonObject | undefined): void {
    if (!values) return;
    this.frame.scope.assign(values);
    if (this.frame.inspection) this.frame.inspection["variables"] = JSON.stringify(this.frame.scope.visible());
  }

  // ---- events ---------------------------------------------------------------------------

  /** `<Type>StateEntered` (Fail: `FailStateEntered`), at the time the visit began. */
  enter(): void {
    const input = this.thread.silent ? "" : this.frame.run.serialize(this.input, inputTooLarge, this.name);
    this.enteredAfterEventId = this.thread.lastEventId;
    const type = this.type;
    this.enteredEventId = this.thread.emit(
      EVENT_NAMES[type]?.entered ?? `${type}StateEntered`,
      new StateEnteredDetails(this.name, input),
      this.enteredAt,
      typeof input !== "string",
    );
  }

  /**
   * The time the visit began, while it is still that moment: when the state runs alone, on its
   * first attempt, nothing has waited since it was entered (a step that awaited, a Parallel
   * branch or Map iteration that let its siblings take a turn, a retry: each reads the clock
   * again, so this gives undefined there). Events of that moment carry it instead of reading
   * the clock again; ASL timestamps are milliseconds.
   */
  momentOfEntry(): number | undefined {
    return this.thread.concurrent || this.retryCount > 0 ? undefined : this.enteredAt;
  }

  /**
   * `body(this)`, at once in a thread that runs alone, or after a turn of the microtask queue
   * in a Parallel branch or Map iteration: sibling threads then take turns state by state, each
   * writing its Entered event before any writes what follows (as their histories interleave).
   */
  afterEntered(body: (run: this) => MaybeAsync<StateOutcome>): MaybeAsync<StateOutcome> {
    return this.thread.concurrent ? Promise.resolve(this).then(body) : body(this);
  }

  /**
   * `<Type>StateExited`, with the variables the state assigned; `at`: its time when the caller
   * knows it is still the moment of an earlier event (else the host's now).
   */
  exit(output: JsonValue, assigned?: JsonObject, at?: number): void {
    const text = this.thread.silent ? "" : this.frame.run.serialize(output, outputTooLarge, this.name);
    const details: EventDetails = new StateExitedDetails(this.name, text);
    if (assigned && Object.keys(assigned).length > 0) {
      const strings: JsonObject = {};
      for (const [key, value] of Object.entries(assigned)) setKey(strings, key, JSON.stringify(value));
      details["assignedVariables"] = strings;
      details["assignedVariablesDetails"] = NOT_TRUNCATED;
    }
    const type = this.type;
    this.thread.emit(EVENT_NAMES[type]?.exited ?? `${type}StateExited`, details, at, typeof text !== "string");
  }

  /** The transition after this state: `Next`, or undefined at `End`. */
  get next(): string | undefined {
    return this.state.next;
  }

  /** A failure of this state with AWS's "An error occurred while executing the state ..." prefix. */
  stateFailure(error: string, cause: string, location?: string): StatesError {
    return locatedAt(new StatesError(error, `${this.failurePrefix()}${cause}`), location);
  }

  private failurePrefix(): string {
    return `An error occurred while executing the state '${this.name}' (entered at the event id #${this.enteredEventId}). `;
  }

  /** Prefix AWS puts on the cause of a runtime or JSONata evaluation error. */
  describeFailure(error: StatesError): StatesError {
    const prefixed = error.error === StatesErrorName.Runtime || error.error === StatesErrorName.QueryEvaluationError;
    if (!prefixed || error.errorCause.startsWith("An error occurred while executing")) return error;
    const described = locatedAt(new StatesError(error.error, `${this.failurePrefix()}${error.errorCause}`, error.raisedByTask), error.location);
    described.evaluationReported = error.evaluationReported;
    return described;
  }

  /**
   * What every failure of this state goes through: AWS's prefix, and, for a JSONata state whose
   * own field failed to evaluate, the `EvaluationFailed` event AWS writes before anything else
   * (chained, as AWS chains it, to the event before the Entered event when nothing came after
   * it, except in a Wait).
   */
  reportFailure(thrown: StatesError): StatesError {
    const error = this.describeFailure(thrown);
    if (this.language !== "JSONata" || error.error !== StatesErrorName.QueryEvaluationError || error.evaluationReported) return error;
    error.evaluationReported = true;
    const details: JsonObject = { error: error.error, cause: error.errorCause };
    if (error.location !== undefined) details["location"] = error.location;
    details["state"] = this.name;
    if (this.type !== "Wait" && this.thread.lastEventId === this.enteredEventId) this.thread.lastEventId = this.enteredAfterEventId;
    this.thread.emit("EvaluationFailed", details);
    return error;
  }

  /** Write the `<Type>StateFailed` event the state owes (once): its attempt failed for good. */
  emitStateFailed(): void {
    const type = this.failedEventType;
    this.failedEventType = undefined;
    if (type !== undefined) this.thread.emit(type);
  }
}
