import jsonata from "jsonata";
import type { DefinitionProblem } from "../errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { intrinsicProblem, pathProblem, type PathRules } from "./paths.js";
import { STATES_ERRORS } from "./states/error-names.js";

/**
 * Checks of a rendered ASL definition (plain JSON), so the same checks serve definitions
 * built with this library and raw JSON given to the local engine. Every problem names its
 * state and, inside Parallel branches and Map processors, the branch path.
 */

const STATE_TYPES = ["Task", "Pass", "Wait", "Choice", "Parallel", "Map", "Succeed", "Fail"];
const CHAINABLE_TYPES = ["Task", "Pass", "Wait", "Parallel", "Map"];

/** Fields only JSONPath states take. */
const JSONPATH_ONLY = [
  "InputPath", "OutputPath", "ResultPath", "Parameters", "ResultSelector", "ItemsPath",
  "TimestampPath", "SecondsPath", "TimeoutSecondsPath", "HeartbeatSecondsPath", "MaxConcurrencyPath",
  "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "ErrorPath", "CausePath",
];
/** Fields only JSONata states take. */
const JSONATA_ONLY = ["Arguments", "Output", "Items"];

/** Path fields of a state, and the rules each follows; `nullable` ones may be JSON null. */
const PATH_FIELDS: ReadonlyArray<{ field: string; rules: PathRules; nullable?: boolean; intrinsic?: boolean }> = [
  { field: "InputPath", rules: { contextAndVariables: true }, nullable: true },
  { field: "OutputPath", rules: { contextAndVariables: true }, nullable: true },
  { field: "ItemsPath", rules: { contextAndVariables: true } },
  { field: "ResultPath", rules: { reference: true }, nullable: true },
  { field: "TimestampPath", rules: { reference: true, contextAndVariables: true } },
  { field: "SecondsPath", rules: { reference: true, contextAndVariables: true } },
  { field: "TimeoutSecondsPath", rules: { reference: true, contextAndVariables: true } },
  { field: "HeartbeatSecondsPath", rules: { reference: true, contextAndVariables: true } },
  { field: "MaxConcurrencyPath", rules: { reference: true, contextAndVariables: true } },
  { field: "ToleratedFailureCountPath", rules: { reference: true, contextAndVariables: true } },
  { field: "ToleratedFailurePercentagePath", rules: { reference: true, contextAndVariables: true } },
  { field: "ErrorPath", rules: { reference: true, contextAndVariables: true }, intrinsic: true },
  { field: "CausePath", rules: { reference: true, contextAndVariables: true }, intrinsic: true },
];

/** Payload templates: objects whose `"key.$"` entries hold paths or intrinsic functions. */
const TEMPLATE_FIELDS = ["Parameters", "ResultSelector", "ItemSelector", "Assign"];

/** Fields only a distributed Map takes. */
const DISTRIBUTED_ONLY = [
  "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount", "ToleratedFailureCountPath",
  "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
];

/** One graph to check: the top level, a Parallel branch or a Map processor. */
interface PendingGraph {
  readonly asl: JsonValue | undefined;
  readonly path: readonly string[];
}

class Checker {
  readonly problems: DefinitionProblem[] = [];
  // Name → branch path of the first graph that used it, to catch names taken twice across
  // graphs. The first graph's names are unique (they are keys of one object), so they go in
  // only when a second graph comes: a definition without branches never fills this map.
  private readonly names = new globalThis.Map<string, readonly string[]>();
  private firstGraph: { readonly names: readonly string[]; readonly path: readonly string[] } | undefined;
  private graphsChecked = 0;

  constructor(private readonly topLanguage: string) {}

  report(path: readonly string[], state: string | undefined, message: string): void {
    const problem: DefinitionProblem = { message };
    if (state !== undefined) problem.state = state;
    if (path.length > 0) problem.branch = path;
    this.problems.push(problem);
  }

  /** Check one graph; adds the graphs nested in its states to `nested`. */
  checkGraph({ asl, path }: PendingGraph, nested: PendingGraph[]): void {
    const where = path.length === 0 ? "the definition" : path.join(" / ");
    if (!isJsonObject(asl)) {
      this.report(path, undefined, `${where} must be an object with StartAt and States`);
      return;
    }
    const states = asl["States"];
    // Listed once: listing the keys of an object of many states is the costly part.
    const names = isJsonObject(states) ? Object.keys(states) : [];
    if (!isJsonObject(states) || names.length === 0) {
      this.report(path, undefined, `${where} has no States`);
      return;
    }
    const startAt = asl["StartAt"];
    if (typeof startAt !== "string") this.report(path, undefined, `${where} has no StartAt`);
    else if (!Object.hasOwn(states, startAt)) this.report(path, undefined, `StartAt ${JSON.stringify(startAt)} is not a state of ${where}`);

    if (this.graphsChecked++ === 0) this.firstGraph = { names, path };
    else if (this.firstGraph !== undefined) {
      for (const name of this.firstGraph.names) this.names.set(name, this.firstGraph.path);
      this.firstGraph = undefined;
    }
    const checkNames = this.graphsChecked > 1;
    const targets = new globalThis.Map<string, string[]>();
    let terminal = false;
    for (const name of names) {
      const state = states[name];
      if (checkNames) {
        const first = this.names.get(name);
        if (first !== undefined) {
          this.report(path, name, `state name is taken twice: also in ${first.length === 0 ? "the top level" : first.join(" / ")}`);
        } else {
          this.names.set(name, path);
        }
      }
      if (!isJsonObject(state)) {
        this.report(path, name, "a state must be an object");
        continue;
      }
      targets.set(name, transitions(state));
      if (state["Type"] === "Succeed" || state["Type"] === "Fail" || state["End"] === true) terminal = true;
      this.checkState(path, name, state, nested);
    }

    for (const [name, next] of targets) {
      for (const target of next) {
        if (!Object.hasOwn(states, target)) this.report(path, name, `goes to ${JSON.stringify(target)}, which is not a state of ${where}`);
      }
    }
    if (typeof startAt === "string" && Object.hasOwn(states, startAt)) {
      const reached = new Set<string>([startAt]);
      const stack = [startAt];
      while (stack.length > 0) {
        for (const target of targets.get(stack.pop()!) ?? []) {
          if (!reached.has(target) && Object.hasOwn(states, target)) {
            reached.add(target);
            stack.push(target);
          }
        }
      }
      for (const name of names) {
        if (!reached.has(name)) this.report(path, name, `no state goes to it: it is unreachable from StartAt ${JSON.stringify(startAt)}`);
      }
    }
    if (!terminal) this.report(path, undefined, `${where} has no terminal state (Succeed, Fail, or End: true)`);
  }

  private checkState(path: readonly string[], name: string, state: JsonObject, nested: PendingGraph[]): void {
    const report = (message: string): void => this.report(path, name, message);
    const type = state["Type"];
    if (typeof type !== "string" || !STATE_TYPES.includes(type)) {
      report(`unknown Type ${JSON.stringify(type)}; expected one of ${STATE_TYPES.join(", ")}`);
      return;
    }
    const ownLanguage = state["QueryLanguage"];
    if (ownLanguage !== undefined && ownLanguage !== "JSONPath" && ownLanguage !== "JSONata") {
      report(`QueryLanguage must be "JSONPath" or "JSONata", got ${JSON.stringify(ownLanguage)}`);
    }
    if (this.topLanguage === "JSONata" && ownLanguage === "JSONPath") {
      report("a state cannot use JSONPath when the machine's QueryLanguage is JSONata");
    }
    const language = typeof ownLanguage === "string" ? ownLanguage : this.topLanguage;

    if ((type === "Succeed" || type === "Fail") && state["Assign"] !== undefined) report(`a ${type} state cannot have Assign`);
    this.checkTransitions(report, type, state);
    this.checkRequired(report, type, state);
    this.checkLanguageFields(report, language, type, state);
    if (language === "JSONata") this.checkJsonata(report, state);
    else this.checkJsonPaths(report, type, state);
    this.checkErrorHandlers(report, state);

    if (type === "Parallel" && Array.isArray(state["Branches"])) {
      state["Branches"].forEach((branch, i) => nested.push({ asl: branch, path: [...path, name, `branch ${i}`] }));
    }
    if (type === "Map") {
      const processor = state["ItemProcessor"] ?? state["Iterator"];
      if (processor !== undefined) nested.push({ asl: processor, path: [...path, name, "item processor"] });
    }
  }

  private checkTransitions(report: (m: string) => void, type: string, state: JsonObject): void {
    const hasNext = state["Next"] !== undefined;
    const hasEnd = state["End"] !== undefined;
    if (CHAINABLE_TYPES.includes(type)) {
      if (hasNext && hasEnd) report("has both Next and End");
      else if (!hasNext && state["End"] !== true) report("needs Next or End: true");
      if (hasNext && typeof state["Next"] !== "string") report("Next must be a state name");
    } else {
      if (hasNext) report(`a ${type} state cannot have Next`);
      if (hasEnd) report(`a ${type} state cannot have End`);
    }
  }

  private checkRequired(report: (m: string) => void, type: string, state: JsonObject): void {
    switch (type) {
      case "Task": {
        if (typeof state["Resource"] !== "string") report("a Task needs a Resource (an ARN)");
        for (const [value, path] of [["TimeoutSeconds", "TimeoutSecondsPath"], ["HeartbeatSeconds", "HeartbeatSecondsPath"]] as const) {
          if (state[value] !== undefined && state[path] !== undefined) report(`has both ${value} and ${path}`);
        }
        const timeout = state["TimeoutSeconds"];
        const heartbeat = state["HeartbeatSeconds"];
        if (typeof timeout === "number" && typeof heartbeat === "number" && heartbeat >= timeout) {
          report(`HeartbeatSeconds (${heartbeat}) must be smaller than TimeoutSeconds (${timeout})`);
        }
        break;
      }
      case "Wait": {
        const given = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"].filter((f) => state[f] !== undefined);
        if (given.length !== 1) report(`a Wait needs exactly one of Seconds, Timestamp, SecondsPath, TimestampPath; has ${given.length === 0 ? "none" : given.join(", ")}`);
        break;
      }
      case "Choice": {
        const choices = state["Choices"];
        if (!Array.isArray(choices) || choices.length === 0) report("a Choice needs at least one rule in Choices");
        else choices.forEach((rule, i) => {
          if (!isJsonObject(rule) || typeof rule["Next"] !== "string") report(`Choices[${i}] needs a Next`);
        });
        break;
      }
      case "Parallel": {
        const branches = state["Branches"];
        if (!Array.isArray(branches) || branches.length === 0) report("a Parallel needs at least one branch in Branches");
        break;
      }
      case "Map": {
        const hasProcessor = state["ItemProcessor"] !== undefined;
        if (hasProcessor === (state["Iterator"] !== undefined)) report("a Map needs exactly one of ItemProcessor and Iterator");
        const processor = state["ItemProcessor"];
        const config = isJsonObject(processor) ? processor["ProcessorConfig"] : undefined;
        const mode = isJsonObject(config) ? config["Mode"] : undefined;
        if (mode !== undefined && mode !== "INLINE" && mode !== "DISTRIBUTED") report(`ProcessorConfig Mode must be INLINE or DISTRIBUTED, got ${JSON.stringify(mode)}`);
        if (mode !== "DISTRIBUTED") {
          for (const field of DISTRIBUTED_ONLY) {
            if (state[field] !== undefined) report(`${field} needs a distributed Map (ProcessorConfig Mode DISTRIBUTED)`);
          }
        }
        if (state["ItemSelector"] !== undefined && state["Parameters"] !== undefined) report("has both ItemSelector and Parameters");
        break;
      }
    }
  }

  private checkLanguageFields(report: (m: string) => void, language: string, type: string, state: JsonObject): void {
    const foreign = language === "JSONata" ? JSONPATH_ONLY : JSONATA_ONLY;
    for (const field of foreign) {
      // A Map's Parameters is its old ItemSelector, still JSONPath only.
      if (state[field] !== undefined) report(`${field} is a ${language === "JSONata" ? "JSONPath" : "JSONata"} field, but the state uses ${language}`);
    }
    const catchers = Array.isArray(state["Catch"]) ? state["Catch"] : [];
    for (const catcher of catchers) {
      if (!isJsonObject(catcher)) continue;
      if (language === "JSONata" && catcher["ResultPath"] !== undefined) report("Catch ResultPath is a JSONPath field, but the state uses JSONata");
      if (language !== "JSONata" && catcher["Output"] !== undefined) report("Catch Output is a JSONata field, but the state uses JSONPath");
    }
    if (type === "Choice" && Array.isArray(state["Choices"])) {
      for (const rule of state["Choices"]) {
        if (!isJsonObject(rule)) continue;
        if (language === "JSONata" && rule["Condition"] === undefined) report("a JSONata Choice rule needs a Condition");
        if (language !== "JSONata" && rule["Condition"] !== undefined) report("Condition is a JSONata field, but the state uses JSONPath");
      }
    }
  }

  private checkJsonata(report: (m: string) => void, state: JsonObject): void {
    // Every {% ... %} string of the state (nested graphs are checked on their own).
    const stack: Array<{ value: JsonValue; where: string }> = [];
    for (const [key, value] of Object.entries(state)) {
      if (key === "Branches" || key === "ItemProcessor" || key === "Iterator") continue;
      stack.push({ value, where: key });
    }
    while (stack.length > 0) {
      const { value, where } = stack.pop()!;
      if (typeof value === "string") {
        if (value.startsWith("{%") && value.endsWith("%}") && value.length >= 4) {
          const problem = jsonataProblem(value.slice(2, -2));
          if (problem) report(`${where}: JSONata expression ${JSON.stringify(value)} does not parse: ${problem}`);
        }
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => stack.push({ value: item, where: `${where}[${i}]` }));
      } else if (isJsonObject(value)) {
        for (const [key, item] of Object.entries(value)) stack.push({ value: item, where: `${where}.${key}` });
      }
    }
  }

  private checkJsonPaths(report: (m: string) => void, type: string, state: JsonObject): void {
    for (const { field, rules, nullable, intrinsic } of PATH_FIELDS) {
      const value = state[field];
      if (value === undefined || (nullable && value === null)) continue;
      checkPathValue(report, field, value, rules, intrinsic ?? false);
    }
    for (const field of TEMPLATE_FIELDS) {
      if (state[field] !== undefined) checkTemplate(report, field, state[field]!);
    }
    for (const holder of ["ItemReader", "ResultWriter"]) {
      const value = state[holder];
      if (isJsonObject(value) && value["Parameters"] !== undefined) checkTemplate(report, `${holder}.Parameters`, value["Parameters"]);
    }
    const catchers = Array.isArray(state["Catch"]) ? state["Catch"] : [];
    catchers.forEach((catcher, i) => {
      if (isJsonObject(catcher) && catcher["ResultPath"] !== undefined && catcher["ResultPath"] !== null) {
        checkPathValue(report, `Catch[${i}].ResultPath`, catcher["ResultPath"], { reference: true }, false);
      }
    });
    if (type === "Choice" && Array.isArray(state["Choices"])) {
      state["Choices"].forEach((rule, i) => checkRulePaths(report, `Choices[${i}]`, rule));
    }
  }

  private checkErrorHandlers(report: (m: string) => void, state: JsonObject): void {
    for (const field of ["Retry", "Catch"]) {
      const entries = state[field];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        report(`${field} must be a list`);
        continue;
      }
      entries.forEach((entry, i) => {
        const errors = isJsonObject(entry) ? entry["ErrorEquals"] : undefined;
        if (!Array.isArray(errors) || errors.length === 0) {
          report(`${field}[${i}] needs a non-empty ErrorEquals`);
          return;
        }
        for (const error of errors) {
          if (typeof error !== "string") report(`${field}[${i}] error names must be strings`);
          else if (error.startsWith("States.") && !STATES_ERRORS.includes(error)) report(`${field}[${i}] has the unknown error name ${JSON.stringify(error)}`);
        }
        if (errors.includes("States.ALL") && (errors.length > 1 || i !== entries.length - 1)) {
          report(`${field}[${i}]: States.ALL must be alone and in the last entry`);
        }
        if (field === "Catch" && typeof (entry as JsonObject)["Next"] !== "string") report(`Catch[${i}] needs a Next`);
      });
    }
  }
}

/** Why a JSONata expression does not parse; undefined when it does. */
export function jsonataProblem(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function checkPathValue(report: (m: string) => void, field: string, value: JsonValue, rules: PathRules, intrinsic: boolean): void {
  if (typeof value !== "string") {
    report(`${field} must be a path string, got ${JSON.stringify(value)}`);
    return;
  }
  const problem = intrinsic && value.startsWith("States.") ? intrinsicProblem(value) : pathProblem(value, rules);
  if (problem) report(`${field} ${JSON.stringify(value)} is not a valid ${rules.reference ? "reference path" : "path"}: ${problem}`);
}

function checkTemplate(report: (m: string) => void, field: string, template: JsonValue): void {
  const stack: Array<{ value: JsonValue; where: string }> = [{ value: template, where: field }];
  while (stack.length > 0) {
    const { value, where } = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, where: `${where}[${i}]` }));
    } else if (isJsonObject(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (key.endsWith(".$")) {
          if (typeof item !== "string") report(`${where}.${key} must be a path or intrinsic function string`);
          else {
            const problem = item.startsWith("States.") ? intrinsicProblem(item) : pathProblem(item, { contextAndVariables: true });
            if (problem) report(`${where}.${key}: ${JSON.stringify(item)} is not a valid path or intrinsic function: ${problem}`);
          }
        } else {
          stack.push({ value: item, where: `${where}.${key}` });
        }
      }
    }
  }
}

function checkRulePaths(report: (m: string) => void, where: string, rule: JsonValue): void {
  const stack: Array<{ value: JsonValue; where: string }> = [{ value: rule, where }];
  while (stack.length > 0) {
    const { value, where: at } = stack.pop()!;
    if (!isJsonObject(value)) continue;
    for (const [key, item] of Object.entries(value)) {
      if (key === "Variable" || (key.endsWith("Path") && key !== "IsPresent")) {
        if (typeof item === "string") {
          const problem = pathProblem(item, { reference: true, contextAndVariables: true });
          if (problem) report(`${at}.${key} ${JSON.stringify(item)} is not a valid reference path: ${problem}`);
        }
      } else if (key === "And" || key === "Or") {
        if (Array.isArray(item)) item.forEach((sub, i) => stack.push({ value: sub, where: `${at}.${key}[${i}]` }));
      } else if (key === "Not") {
        stack.push({ value: item, where: `${at}.Not` });
      }
    }
  }
}

/** The states a state goes to: Next, Default, each top-level Choice rule's Next, each Catch's Next. */
function transitions(state: JsonObject): string[] {
  const targets: string[] = [];
  if (typeof state["Next"] === "string") targets.push(state["Next"]);
  if (typeof state["Default"] === "string") targets.push(state["Default"]);
  for (const field of ["Choices", "Catch"]) {
    const entries = state[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isJsonObject(entry) && typeof entry["Next"] === "string") targets.push(entry["Next"]);
    }
  }
  return targets;
}

/**
 * Every problem in a rendered ASL definition, each naming its state (and branch path); an
 * empty list means the definition is valid as far as these checks go.
 */
export function validateDefinition(asl: JsonObject): DefinitionProblem[] {
  const language = asl["QueryLanguage"];
  const checker = new Checker(language === "JSONata" ? "JSONata" : "JSONPath");
  if (language !== undefined && language !== "JSONPath" && language !== "JSONata") {
    checker.report([], undefined, `QueryLanguage must be "JSONPath" or "JSONata", got ${JSON.stringify(language)}`);
  }
  if (asl["TimeoutSeconds"] !== undefined && !(Number.isInteger(asl["TimeoutSeconds"]) && (asl["TimeoutSeconds"] as number) > 0)) {
    checker.report([], undefined, `TimeoutSeconds must be a positive whole number, got ${JSON.stringify(asl["TimeoutSeconds"])}`);
  }
  // Graphs are checked from an explicit queue, so deep nesting cannot overflow the stack;
  // read by index, as shift() on a long queue moves every entry.
  const pending: PendingGraph[] = [{ asl, path: [] }];
  for (let i = 0; i < pending.length; i++) checker.checkGraph(pending[i]!, pending);
  return checker.problems;
}
