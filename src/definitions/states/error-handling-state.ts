import { definedFields, type JsonKeys, type JsonObject, type JsonValue } from "../../json.js";
import { ChainableState } from "./chainable-state.js";
import { checkErrorNames } from "./error-names.js";
import { optionalEnum, optionalInteger, optionalJson, optionalJsonObject, optionalNullablePath, optionalNumber } from "./options-check.js";
import { assertState, type State, type StateEdge } from "./state.js";

/** How retry intervals are randomised (`JitterStrategy`). */
export type JitterStrategy = "FULL" | "NONE";

/** Options of {@link ErrorHandlingState.retryFor}; seconds throughout. */
export interface RetryOptions {
  /** Seconds before the first retry (`IntervalSeconds`, AWS default 1). */
  interval?: number;
  /** Retries before giving up (`MaxAttempts`, AWS default 3; 0 never retries). */
  maxAttempts?: number;
  /** Factor the interval grows by each retry (`BackoffRate`, >= 1, AWS default 2). */
  backoffRate?: number;
  /** Cap on the interval (`MaxDelaySeconds`). */
  maxDelay?: number;
  /** `FULL` randomises each interval (`JitterStrategy`). */
  jitter?: JitterStrategy;
}

/** Options of {@link ErrorHandlingState.catch}. */
export interface CatchOptions {
  /** Where the error output goes in the input (`ResultPath`); `null` discards it. */
  resultPath?: string | null;
  /** JSONata: output sent to the catching state (`Output`). */
  output?: JsonValue;
  /** Variables to assign when caught (`Assign`). */
  assign?: JsonObject;
}

/** One Retry entry, as kept before rendering. */
export interface Retrier extends RetryOptions {
  /** Error names this entry retries on (`ErrorEquals`), checked; `States.ALL` for any. */
  readonly errors: readonly string[];
}

/** One Catch entry, as kept before rendering. */
export interface Catcher extends CatchOptions {
  /** Error names this entry catches (`ErrorEquals`), checked; `States.ALL` for any. */
  readonly errors: readonly string[];
  /** The state to go to when one of the errors is caught (`Next` of the entry). */
  readonly next: State;
}

/**
 * The error names of the last entry, as a list of at most one: only the last can hold
 * `States.ALL` (an entry after it is refused), so adding an entry stays O(1) however many
 * there are.
 */
function lastErrors(entries: ReadonlyArray<{ readonly errors: readonly string[] }>): Array<readonly string[]> {
  const last = entries[entries.length - 1];
  return last === undefined ? [] : [last.errors];
}

/**
 * A chainable state that can retry and catch errors (Task, Parallel, Map): renders `Retry`
 * and `Catch`, and exposes the Catch targets as edges.
 */
export abstract class ErrorHandlingState extends ChainableState {
  /** Retry policies, in order. */
  readonly retriers: Retrier[] = [];
  /** Error handlers, in order. */
  readonly catchers: Catcher[] = [];

  /**
   * Retry the state on the listed errors (`States.ALL` for any). Error names are checked
   * now: at least one, `States.ALL` alone and in the last entry, only known `States.*` names.
   */
  retryFor(errors: readonly string[], options: RetryOptions = {}): this {
    const owner = this.describeOwner();
    const names = checkErrorNames(owner, "Retry", errors, lastErrors(this.retriers));
    const retrier: Retrier = {
      errors: names,
      interval: optionalInteger(owner, "retry interval", options.interval, 1, 99_999_999),
      maxAttempts: optionalInteger(owner, "retry maxAttempts", options.maxAttempts, 0, 99_999_999),
      backoffRate: optionalNumber(owner, "retry backoffRate", options.backoffRate, 1),
      maxDelay: optionalInteger(owner, "retry maxDelay", options.maxDelay, 1, 31_622_400),
      jitter: optionalEnum(owner, "retry jitter", options.jitter, ["FULL", "NONE"] as const),
    };
    this.retriers.push(retrier);
    return this;
  }

  /** On the listed errors (`States.ALL` for any), go to `nextState` instead of failing. */
  catch(errors: readonly string[], nextState: State, options: CatchOptions = {}): this {
    const owner = this.describeOwner();
    const names = checkErrorNames(owner, "Catch", errors, lastErrors(this.catchers));
    const catcher: Catcher = {
      errors: names,
      next: assertState(owner, "catch nextState", nextState),
      resultPath: optionalNullablePath(owner, "catch resultPath", options.resultPath),
      output: optionalJson(owner, "catch output", options.output),
      assign: optionalJsonObject(owner, "catch assign", options.assign),
    };
    this.catchers.push(catcher);
    return this;
  }

  override edges(): StateEdge[] {
    const edges = super.edges();
    for (const catcher of this.catchers) {
      edges.push({ target: catcher.next, kind: "catch", label: catcher.errors.join(", ") });
    }
    return edges;
  }

  override targets(): State[] {
    const targets = super.targets();
    for (const catcher of this.catchers) targets.push(catcher.next);
    return targets;
  }

  protected override renderTransitions(asl: JsonObject): void {
    if (this.retriers.length > 0) asl["Retry"] = this.retriers.map(renderRetrier);
    if (this.catchers.length > 0) asl["Catch"] = this.catchers.map(renderCatcher);
    super.renderTransitions(asl);
  }
}

/** The ASL field of each retry option. */
const RETRIER_FIELDS = {
  IntervalSeconds: "interval",
  MaxAttempts: "maxAttempts",
  BackoffRate: "backoffRate",
  MaxDelaySeconds: "maxDelay",
  JitterStrategy: "jitter",
} as const satisfies Readonly<Record<string, JsonKeys<Retrier>>>;

/** The ASL field of each catch option. */
const CATCHER_FIELDS = { ResultPath: "resultPath", Output: "output", Assign: "assign" } as const satisfies Readonly<Record<string, JsonKeys<Catcher>>>;

function renderRetrier(retrier: Retrier): JsonObject {
  return { ErrorEquals: [...retrier.errors], ...definedFields(retrier, RETRIER_FIELDS) };
}

function renderCatcher(catcher: Catcher): JsonObject {
  return { ErrorEquals: [...catcher.errors], Next: catcher.next.name, ...definedFields(catcher, CATCHER_FIELDS) };
}
