/**
 * The compiled form of a definition: every state as a typed object whose paths, templates,
 * JSONata expressions, intrinsic calls, Choice rules and wildcard patterns are parsed once,
 * when the definition is compiled (once per state-machine revision). The per-visit code reads
 * these fields; it never looks at the definition's JSON again.
 */
import type { JsonObject, JsonValue } from "../../../json.js";
import type { JsonataCondition, JsonPathRule } from "../choice-rules.js";
import type { CompiledJsonata } from "../jsonata.js";
import type { CompiledPath, PathWriter } from "../jsonpath.js";
import type { JsonataField, PathTemplate } from "../templates.js";

// The two query languages of ASL: one type, shared with the definition layer.
import type { QueryLanguage } from "../../../asl/state-types.js";
export type { QueryLanguage };

/** A template in the language of its state: a JSONPath payload template, or a JSONata one. */
export type LanguageTemplate =
  | { readonly language: "JSONPath"; readonly evaluate: PathTemplate }
  | { readonly language: "JSONata"; readonly evaluate: JsonataField };

/** `InputPath` / `OutputPath`: `$` (the whole value, also when absent), `null` (`{}`) or a path. */
export type SelectPath = "whole" | "empty" | CompiledPath;

/** `ResultPath`: `$` (the result, also when absent), `null` (the input) or a reference path. */
export type ResultPath = "result" | "input" | PathWriter;

/** A `{% %}` expression, compiled; `text` is what is inside, for error texts. */
export interface JsonataExpression {
  readonly text: string;
  readonly evaluate: CompiledJsonata;
}

/** A `...Path` field (a path or an intrinsic call), compiled; `text` as written, for error texts. */
export interface PathField {
  readonly text: string;
  readonly read: PathTemplate;
}

/**
 * A field that may be a number, a `{% %}` expression, or (JSONPath) its `...Path` twin. Its
 * value is checked on each visit (a path or expression may yield anything).
 */
export interface NumberField {
  /** The field's name, e.g. `TimeoutSeconds` (its `...Path` twin is named in errors as read). */
  readonly field: string;
  /** The literal as written (checked when read). */
  readonly literal?: JsonValue;
  /** A `{% %}` value. */
  readonly jsonata?: JsonataExpression;
  /** The `...Path` twin (JSONPath). */
  readonly path?: PathField;
}

/** `Error` / `Cause` of a Fail state (literal, `...Path`, or JSONata). */
export interface TextField {
  readonly field: "Error" | "Cause";
  readonly literal?: JsonValue;
  readonly jsonata?: JsonataField;
  readonly path?: PathTemplate;
}

/** A retrier, compiled. */
export interface RetrierModel {
  readonly errorEquals: readonly string[];
  readonly maxAttempts: number;
  /** The definition's retrier, for {@link retryDelayMs}. */
  readonly definition: JsonObject;
}

/** A catcher, compiled. */
export interface CatcherModel {
  readonly errorEquals: readonly string[];
  readonly next: string;
  readonly resultPath: ResultPath;
  readonly assign?: LanguageTemplate;
  readonly output?: JsonataField;
}

/** What every state has (fields a state does not have are left out). */
export interface StateModelBase {
  readonly name: string;
  /** The state's `Type` as written (an unknown one fails when visited). */
  readonly type: string;
  /** The state's own `QueryLanguage`, else its workflow's. */
  readonly language: QueryLanguage;
  /** `Next`; undefined at `End: true` (and for states with neither). */
  readonly next: string | undefined;
  /** The state `Next` names in the same workflow (linked once all its states are compiled). */
  readonly nextModel?: StateModel;
  readonly inputPath: SelectPath;
  readonly outputPath: SelectPath;
  readonly resultPath: ResultPath;
  readonly parameters?: PathTemplate;
  readonly resultSelector?: PathTemplate;
  /** JSONata `Arguments`. */
  readonly arguments?: JsonataField;
  /** JSONata `Output`. */
  readonly output?: JsonataField;
  readonly assign?: LanguageTemplate;
  readonly retriers: readonly RetrierModel[];
  readonly catchers: readonly CatcherModel[];
}

/** Pass: `Result`, when given, is its result. */
export interface PassModel extends StateModelBase {
  readonly type: "Pass";
  readonly result?: { readonly value: JsonValue };
}

/** Task. */
export interface TaskModel extends StateModelBase {
  readonly type: "Task";
  readonly resource: string;
  /** The resource ends in `.waitForTaskToken`: a token is made before the arguments. */
  readonly waitForTaskToken: boolean;
  readonly timeoutSeconds?: NumberField;
  readonly heartbeatSeconds?: NumberField;
  /** `Credentials`, evaluated on each attempt like `Parameters` / `Arguments`. */
  readonly credentials?: LanguageTemplate;
  /**
   * JSONPath with no `ResultSelector`, `ResultPath`, `OutputPath` or `Assign`: the task's
   * result is the state's output as it is.
   */
  readonly passesResult: boolean;
  /**
   * {@link passesResult}, and nothing to work out before the call either: no `InputPath`,
   * `Parameters`, `Credentials`, limits or task token. Its input goes to the resource as it is.
   */
  readonly direct: boolean;
}

/** One Choice rule, compiled. */
export interface ChoiceRuleModel {
  readonly next: string | undefined;
  readonly matches: { readonly jsonPath: JsonPathRule } | { readonly jsonata: JsonataCondition };
  /** The rule's own `Assign` / `Output`: when it has either, they replace the state's. */
  readonly own?: { readonly assign?: LanguageTemplate; readonly output?: JsonataField };
}

/** Choice. */
export interface ChoiceModel extends StateModelBase {
  readonly type: "Choice";
  readonly choices: readonly ChoiceRuleModel[];
  readonly default: string | undefined;
}

/** Wait: `Seconds`, else `SecondsPath`, else `TimestampPath`, else `Timestamp` (AWS's order). */
export interface WaitModel extends StateModelBase {
  readonly type: "Wait";
  readonly seconds?: { readonly literal?: JsonValue; readonly jsonata?: JsonataExpression };
  readonly secondsPath?: PathField;
  readonly timestampPath?: PathField;
  readonly timestamp?: { readonly literal?: JsonValue; readonly jsonata?: JsonataExpression };
}

/** Succeed. */
export interface SucceedModel extends StateModelBase {
  readonly type: "Succeed";
}

/** Fail. */
export interface FailModel extends StateModelBase {
  readonly type: "Fail";
  readonly error: TextField;
  readonly cause: TextField;
}

/** Parallel. */
export interface ParallelModel extends StateModelBase {
  readonly type: "Parallel";
  readonly branches: readonly WorkflowModel[];
}

/** Map (inline or distributed). */
export interface MapModel extends StateModelBase {
  readonly type: "Map";
  readonly processor: WorkflowModel;
  readonly distributed: boolean;
  readonly label?: string;
  /** `ItemReader` as written (the host reads it). */
  readonly itemReader?: JsonObject;
  /** `ItemReader.ReaderConfig.MaxItems` (or `MaxItemsPath`): how many of the read items to run. */
  readonly maxItems?: NumberField;
  /** JSONata `Items` (`expression`: the text when the whole field is one `{% %}`). */
  readonly items?: { readonly expression?: string; readonly evaluate: JsonataField };
  /** JSONPath `ItemsPath` other than `$`. */
  readonly itemsPath?: CompiledPath;
  /** `ItemSelector` (or the legacy `Parameters`). */
  readonly itemSelector?: LanguageTemplate;
  readonly itemBatcher?: {
    readonly maxItemsPerBatch?: NumberField;
    readonly maxInputBytesPerBatch?: NumberField;
    readonly batchInput?: LanguageTemplate;
  };
  readonly maxConcurrency?: NumberField;
  readonly toleratedFailureCount?: NumberField;
  readonly toleratedFailurePercentage?: NumberField;
}

/** A state whose `Type` the engine does not know: visiting it fails. */
export interface UnknownStateModel extends StateModelBase {
  readonly type: "Unknown";
  readonly writtenType: JsonValue | undefined;
}

/** Any compiled state. */
export type StateModel =
  | PassModel
  | TaskModel
  | ChoiceModel
  | WaitModel
  | SucceedModel
  | FailModel
  | ParallelModel
  | MapModel
  | UnknownStateModel;

/** A workflow (the machine, a Parallel branch, a Map item processor), compiled. */
export interface WorkflowModel {
  readonly startAt: string;
  readonly states: ReadonlyMap<string, StateModel>;
  readonly language: QueryLanguage;
}

/** A whole machine, compiled: what a revision holds. */
export interface MachineModel extends WorkflowModel {
  /** The machine's `TimeoutSeconds`, when it is a number. */
  readonly timeoutSeconds?: number;
}
