/**
 * Compile a definition (or one state of it, for TestState) into its {@link MachineModel}:
 * done once per state-machine revision. Compiling never fails: a malformed path, template or
 * expression compiles to one that fails where it is evaluated, with the error AWS gives then.
 */
import type { JsonObject, JsonValue } from "../../../json.js";
import { isJsonObject } from "../../../json.js";
import { compileJsonataCondition, compileJsonPathRule } from "../choice-rules.js";
import { compileJsonata, jsonataExpressionOf } from "../jsonata.js";
import { compilePath, compileWritePath } from "../jsonpath.js";
import { compileDynamicValue, compileJsonataField, compilePayloadTemplate, compileTemplatePath } from "../templates.js";
import type {
  CatcherModel,
  ChoiceRuleModel,
  LanguageTemplate,
  MachineModel,
  NumberField,
  QueryLanguage,
  ResultPath,
  RetrierModel,
  SelectPath,
  StateModel,
  StateModelBase,
  JsonataExpression,
  PathField,
  TextField,
  WorkflowModel,
} from "./model.js";

const DEFAULT_MAX_ATTEMPTS = 3;

/** Compile a whole definition. */
export function compileMachine(definition: JsonObject): MachineModel {
  const workflow = compileWorkflow(definition, "JSONPath");
  const timeoutSeconds = definition["TimeoutSeconds"];
  return typeof timeoutSeconds === "number" ? { ...workflow, timeoutSeconds } : workflow;
}

/** Compile a workflow; `outer` is the language of the workflow around it. */
export function compileWorkflow(workflow: JsonObject, outer: QueryLanguage): WorkflowModel {
  const language = languageOf(workflow, outer);
  const states = new Map<string, StateModel>();
  const written = isJsonObject(workflow["States"]) ? workflow["States"] : {};
  for (const [name, state] of Object.entries(written)) {
    if (isJsonObject(state)) states.set(name, compileState(name, state, language));
  }
  // Every model gets the link, so the models of one kind keep one shape.
  for (const model of states.values()) (model as { nextModel?: StateModel }).nextModel = model.next === undefined ? undefined : states.get(model.next);
  return { startAt: typeof workflow["StartAt"] === "string" ? workflow["StartAt"] : "", states, language };
}

function languageOf(json: JsonObject, outer: QueryLanguage): QueryLanguage {
  const own = json["QueryLanguage"];
  return own === "JSONata" || own === "JSONPath" ? own : outer;
}

function selectPath(value: JsonValue | undefined): SelectPath {
  if (value === null) return "empty";
  if (value === undefined || value === "$") return "whole";
  return compilePath(String(value));
}

function resultPath(value: JsonValue | undefined): ResultPath {
  if (value === null) return "input";
  if (value === undefined || value === "$") return "result";
  return compileWritePath(String(value));
}

function languageTemplate(value: JsonValue | undefined, language: QueryLanguage): LanguageTemplate | undefined {
  if (value === undefined) return undefined;
  return language === "JSONata"
    ? { language, evaluate: compileJsonataField(value) }
    : { language, evaluate: compilePayloadTemplate(value) };
}

function jsonataField(value: JsonValue | undefined) {
  return value === undefined ? undefined : compileJsonataField(value);
}

/** A numeric field: literal, `{% %}`, or (JSONPath) its `...Path` twin. */
export function numberField(json: JsonObject, field: string, language: QueryLanguage): NumberField | undefined {
  const value = json[field];
  const pathField = `${field}Path`;
  if (value === undefined && language === "JSONPath" && json[pathField] !== undefined) {
    return { field, path: pathFieldOf(json[pathField]) };
  }
  if (value === undefined) return undefined;
  return { field, ...literalOrExpression(value) };
}

function pathFieldOf(value: JsonValue | undefined): PathField {
  const text = String(value);
  return { text, read: compileDynamicValue(text) };
}

/** A value that is a literal or a `{% %}` expression. */
function literalOrExpression(value: JsonValue | undefined): { literal?: JsonValue; jsonata?: JsonataExpression } {
  const expression = jsonataExpressionOf(value);
  if (expression !== undefined) return { jsonata: { text: expression, evaluate: compileJsonata(expression) } };
  return value === undefined ? {} : { literal: value };
}

function textField(json: JsonObject, field: "Error" | "Cause", language: QueryLanguage): TextField {
  const value = json[field];
  if (language === "JSONata") {
    if (value === undefined) return { field };
    return jsonataExpressionOf(value) === undefined ? { field, literal: value } : { field, jsonata: compileJsonataField(value) };
  }
  if (value !== undefined) return { field, literal: value };
  const path = json[`${field}Path`];
  // ErrorPath / CausePath that match nothing fail with the text of a template's `"key.$"`.
  return path === undefined ? { field } : { field, path: compileTemplatePath(String(path)) };
}

function errorEquals(json: JsonObject): string[] {
  const names = json["ErrorEquals"];
  return Array.isArray(names) ? names.filter((name): name is string => typeof name === "string") : [];
}

function retriers(json: JsonObject): RetrierModel[] {
  const list = Array.isArray(json["Retry"]) ? json["Retry"] : [];
  return list.filter(isJsonObject).map((retrier) => ({
    errorEquals: errorEquals(retrier),
    maxAttempts: typeof retrier["MaxAttempts"] === "number" ? retrier["MaxAttempts"] : DEFAULT_MAX_ATTEMPTS,
    definition: retrier,
  }));
}

function catchers(json: JsonObject, language: QueryLanguage): CatcherModel[] {
  const list = Array.isArray(json["Catch"]) ? json["Catch"] : [];
  return list.filter(isJsonObject).map((catcher) => {
    const model: { -readonly [K in keyof CatcherModel]: CatcherModel[K] } = {
      errorEquals: errorEquals(catcher),
      next: String(catcher["Next"]),
      resultPath: "ResultPath" in catcher ? resultPath(catcher["ResultPath"]) : "result",
    };
    const assign = languageTemplate(catcher["Assign"], language);
    if (assign) model.assign = assign;
    const output = language === "JSONata" ? jsonataField(catcher["Output"]) : undefined;
    if (output) model.output = output;
    return model;
  });
}

/**
 * A copy of `fields` without the keys whose value is undefined, made afresh: deleting keys
 * would turn the object into a dictionary, whose every read is a hash lookup.
 */
function defined<T extends object>(fields: T): T {
  const kept: Partial<T> = {};
  for (const key of Object.keys(fields) as (keyof T)[]) if (fields[key] !== undefined) kept[key] = fields[key];
  return kept as T;
}

function choiceRule(rule: JsonObject, language: QueryLanguage): ChoiceRuleModel {
  const next = typeof rule["Next"] === "string" ? rule["Next"] : undefined;
  const matches = language === "JSONata" ? { jsonata: compileJsonataCondition(rule) } : { jsonPath: compileJsonPathRule(rule) };
  const model: { -readonly [K in keyof ChoiceRuleModel]: ChoiceRuleModel[K] } = { next, matches };
  if (rule["Assign"] !== undefined || rule["Output"] !== undefined) {
    model.own = defined({
      assign: languageTemplate(rule["Assign"], language),
      output: language === "JSONata" ? jsonataField(rule["Output"]) : undefined,
    });
  }
  return model;
}

/**
 * Compile one state; `outer` is the language of its workflow. The model is built key by key
 * without its undefined fields (see {@link defined}), so the models of one kind share a shape
 * of fast properties: on a chain of Lambda Tasks, models turned into dictionaries by `delete`
 * cost about a sixth of the time of a Task, and spread ones that kept their undefined fields
 * twice that time (read on every visit).
 */
export function compileState(name: string, json: JsonObject, outer: QueryLanguage): StateModel {
  return defined(stateFields(name, json, outer));
}

function stateFields(name: string, json: JsonObject, outer: QueryLanguage): StateModel {
  const language = languageOf(json, outer);
  const jsonata = language === "JSONata";
  const base: StateModelBase = {
    name,
    type: String(json["Type"]),
    language,
    next: json["End"] === true ? undefined : typeof json["Next"] === "string" ? json["Next"] : undefined,
    inputPath: selectPath(json["InputPath"]),
    outputPath: selectPath(json["OutputPath"]),
    resultPath: resultPath(json["ResultPath"]),
    parameters: !jsonata && json["Parameters"] !== undefined ? compilePayloadTemplate(json["Parameters"]) : undefined,
    resultSelector: !jsonata && json["ResultSelector"] !== undefined ? compilePayloadTemplate(json["ResultSelector"]) : undefined,
    arguments: jsonata ? jsonataField(json["Arguments"]) : undefined,
    output: jsonata ? jsonataField(json["Output"]) : undefined,
    assign: languageTemplate(json["Assign"], language),
    retriers: retriers(json),
    catchers: catchers(json, language),
  };
  switch (json["Type"]) {
    case "Pass":
      return { ...base, type: "Pass", result: "Result" in json ? { value: json["Result"]! } : undefined };
    case "Task": {
      const resource = String(json["Resource"]);
      const task = {
        ...base,
        type: "Task" as const,
        resource,
        waitForTaskToken: resource.endsWith(".waitForTaskToken"),
        timeoutSeconds: numberField(json, "TimeoutSeconds", language),
        heartbeatSeconds: numberField(json, "HeartbeatSeconds", language),
        credentials: languageTemplate(json["Credentials"], language),
      };
      const passesResult =
        !jsonata && base.resultSelector === undefined && base.resultPath === "result" && base.outputPath === "whole" && base.assign === undefined;
      const direct =
        passesResult &&
        base.inputPath === "whole" &&
        base.parameters === undefined &&
        task.credentials === undefined &&
        task.timeoutSeconds === undefined &&
        task.heartbeatSeconds === undefined &&
        !task.waitForTaskToken;
      return { ...task, passesResult, direct };
    }
    case "Choice": {
      const rules = Array.isArray(json["Choices"]) ? json["Choices"].filter(isJsonObject) : [];
      return {
        ...base,
        type: "Choice",
        choices: rules.map((rule) => choiceRule(rule, language)),
        default: typeof json["Default"] === "string" ? json["Default"] : undefined,
      };
    }
    case "Wait":
      return {
        ...base,
        type: "Wait",
        seconds: json["Seconds"] === undefined ? undefined : literalOrExpression(json["Seconds"]),
        secondsPath: json["SecondsPath"] === undefined ? undefined : pathFieldOf(json["SecondsPath"]),
        timestampPath: json["TimestampPath"] === undefined ? undefined : pathFieldOf(json["TimestampPath"]),
        timestamp: literalOrExpression(json["Timestamp"]),
      };
    case "Succeed":
      return { ...base, type: "Succeed" };
    case "Fail":
      return { ...base, type: "Fail", error: textField(json, "Error", language), cause: textField(json, "Cause", language) };
    case "Parallel": {
      const branches = Array.isArray(json["Branches"]) ? json["Branches"].filter(isJsonObject) : [];
      return { ...base, type: "Parallel", branches: branches.map((branch) => compileWorkflow(branch, language)) };
    }
    case "Map":
      return compileMap(base, json, language);
    default:
      return { ...base, type: "Unknown", writtenType: json["Type"] };
  }
}

function compileMap(base: StateModelBase, json: JsonObject, language: QueryLanguage): StateModel {
  const processorJson = isJsonObject(json["ItemProcessor"]) ? json["ItemProcessor"] : isJsonObject(json["Iterator"]) ? json["Iterator"] : {};
  const config = processorJson["ProcessorConfig"];
  const batcher = json["ItemBatcher"];
  const itemsPath = json["ItemsPath"];
  const reader = json["ItemReader"];
  const readerConfig = isJsonObject(reader) && isJsonObject(reader["ReaderConfig"]) ? reader["ReaderConfig"] : undefined;
  return {
    ...base,
    type: "Map" as const,
    processor: compileWorkflow(processorJson, language),
    distributed: isJsonObject(config) && config["Mode"] === "DISTRIBUTED",
    label: typeof json["Label"] === "string" ? json["Label"] : undefined,
    itemReader: isJsonObject(json["ItemReader"]) ? json["ItemReader"] : undefined,
    maxItems: readerConfig === undefined ? undefined : numberField(readerConfig, "MaxItems", language),
    items: language === "JSONata" && json["Items"] !== undefined ? defined({ expression: jsonataExpressionOf(json["Items"]), evaluate: compileJsonataField(json["Items"]) }) : undefined,
    itemsPath: language === "JSONPath" && itemsPath !== undefined && itemsPath !== "$" ? compilePath(String(itemsPath)) : undefined,
    itemSelector: languageTemplate(json["ItemSelector"] ?? json["Parameters"], language),
    itemBatcher: isJsonObject(batcher)
      ? defined({
          maxItemsPerBatch: numberField(batcher, "MaxItemsPerBatch", language),
          maxInputBytesPerBatch: numberField(batcher, "MaxInputBytesPerBatch", language),
          batchInput: languageTemplate(batcher["BatchInput"], language),
        })
      : undefined,
    maxConcurrency: numberField(json, "MaxConcurrency", language),
    toleratedFailureCount: numberField(json, "ToleratedFailureCount", language),
    toleratedFailurePercentage: numberField(json, "ToleratedFailurePercentage", language),
  };
}
