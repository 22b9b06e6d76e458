import jsonata from "jsonata";
import type { DefinitionProblem } from "../errors.js";
import { describeValue, isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { COMPARISON_OPERATORS, isComparisonOperator, type ValueKind } from "./choice-operators.js";
import { STATES_ERRORS } from "./error-names.js";
import { MAX_NAME_LENGTH } from "./limits.js";
import { intrinsicProblem, pathProblem, type PathRules } from "./paths.js";
import { CATCHER_FIELDS, JSONATA_RULE_FIELDS, RETRIER_FIELDS, STATE_FIELDS, type FieldSpec } from "./state-fields.js";
import { CHAINABLE_STATE_TYPES, isJsonataExpression, jsonataExpressionOf, STATE_TYPES } from "./state-types.js";
import { isTimestampString } from "./timestamp.js";

/**
 * Checks of a rendered ASL definition (plain JSON), so the same checks serve definitions
 * built with this library and raw JSON given to the local engine. Every problem names its
 * state and, inside Parallel branches and Map processors, the branch path.
 */


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

// The field table by state type, so checking a field is one lookup.
const FIELDS_BY_TYPE = new globalThis.Map<string, globalThis.Map<string, FieldSpec>>();
for (const [field, spec] of STATE_FIELDS) {
  for (const type of spec.states) {
    let fields = FIELDS_BY_TYPE.get(type);
    if (fields === undefined) FIELDS_BY_TYPE.set(type, (fields = new globalThis.Map()));
    fields.set(field, spec);
  }
}

/** Payload templates: objects whose `"key.$"` entries hold paths or intrinsic functions. */
const TEMPLATE_FIELDS = ["Parameters", "ResultSelector", "ItemSelector", "Assign"];

/** Fields only a distributed Map takes. */
const DISTRIBUTED_ONLY = [
  "ItemReader", "ItemBatcher", "ResultWriter", "ToleratedFailureCount", "ToleratedFailureCountPath",
  "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "Label",
];

/** The distributed-only fields an inline Map may still have in JSONata, as on AWS. */
const JSONATA_INLINE_TOLERANCES = ["ToleratedFailureCount", "ToleratedFailurePercentage"];

/** One graph to check: the top level, a Parallel branch or a Map processor. */
interface PendingGraph {
  readonly asl: JsonValue | undefined;
  readonly path: readonly string[];
}

class Checker {
  readonly problems: DefinitionFinding[] = [];
  // Name → branch path of the first graph that used it, to catch names taken twice across
  // graphs. The first graph's names are unique (they are keys of one object), so they go in
  // only when a second graph comes: a definition without branches never fills this map.
  private readonly names = new globalThis.Map<string, readonly string[]>();
  private firstGraph: { readonly names: readonly string[]; readonly path: readonly string[] } | undefined;
  private graphsChecked = 0;

  constructor(private readonly topLanguage: string) {}

  report(path: readonly string[], state: string | undefined, message: string, detail: FindingDetail = {}): void {
    const problem: DefinitionFinding = { message, ...detail };
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
    else if (!Object.hasOwn(states, startAt)) {
      this.report(path, undefined, `StartAt ${JSON.stringify(startAt)} is not a state of ${where}`, { field: "StartAt", missingTarget: true });
    }

    if (this.graphsChecked++ === 0) this.firstGraph = { names, path };
    else if (this.firstGraph !== undefined) {
      for (const name of this.firstGraph.names) this.names.set(name, this.firstGraph.path);
      this.firstGraph = undefined;
    }
    const checkNames = this.graphsChecked > 1;
    // The transitions of every state as one flat list of target names: those of state i are
    // targetNames[edgeEnds[i - 1] .. edgeEnds[i]). Indexes rather than maps and sets keyed by
    // name keep the reachability walk to one hash lookup per transition.
    const targetNames: string[] = [];
    const edgeEnds = new Int32Array(names.length);
    let terminal = false;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const state = states[name];
      if (checkNames) {
        const first = this.names.get(name);
        if (first !== undefined) {
          this.report(path, name, `state name is taken twice: also in ${first.length === 0 ? "the top level" : first.join(" / ")}`);
        } else {
          this.names.set(name, path);
        }
      }
      if (isJsonObject(state)) {
        addTransitions(state, targetNames);
        if (state["Type"] === "Succeed" || state["Type"] === "Fail" || state["End"] === true) terminal = true;
        this.checkState(path, name, state, nested);
      } else {
        this.report(path, name, "a state must be an object");
      }
      edgeEnds[i] = targetNames.length;
    }

    const indexOf = new globalThis.Map<string, number>();
    for (let i = 0; i < names.length; i++) indexOf.set(names[i]!, i);
    // Target indexes, -1 for a name that is not a state.
    const targets = new Int32Array(targetNames.length);
    for (let i = 0, edge = 0; i < names.length; i++) {
      for (; edge < edgeEnds[i]!; edge++) {
        const target = indexOf.get(targetNames[edge]!);
        targets[edge] = target ?? -1;
        if (target === undefined) {
          this.report(path, names[i], `goes to ${JSON.stringify(targetNames[edge])}, which is not a state of ${where}`, { missingTarget: true });
        }
      }
    }
    const start = typeof startAt === "string" ? indexOf.get(startAt) : undefined;
    if (start !== undefined) {
      const reached = new Uint8Array(names.length);
      reached[start] = 1;
      const stack = [start];
      while (stack.length > 0) {
        const from = stack.pop()!;
        for (let edge = from === 0 ? 0 : edgeEnds[from - 1]!; edge < edgeEnds[from]!; edge++) {
          const target = targets[edge]!;
          if (target >= 0 && reached[target] === 0) {
            reached[target] = 1;
            stack.push(target);
          }
        }
      }
      for (let i = 0; i < names.length; i++) {
        if (reached[i] === 0) this.report(path, names[i], `no state goes to it: it is unreachable from StartAt ${JSON.stringify(startAt)}`);
      }
    }
    if (!terminal) this.report(path, undefined, `${where} has no terminal state (Succeed, Fail, or End: true)`);
  }

  private checkState(path: readonly string[], name: string, state: JsonObject, nested: PendingGraph[]): void {
    const report = (message: string): void => this.report(path, name, message);
    if (name.length === 0 || name.length > MAX_NAME_LENGTH) checkNameLength(report, name);
    const type = state["Type"];
    if (typeof type !== "string" || !(STATE_TYPES as readonly string[]).includes(type)) {
      this.report(path, name, `unknown Type ${JSON.stringify(type)}; expected one of ${STATE_TYPES.join(", ")}`, { field: "Type" });
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

    this.checkFields(report, language, type, state);
    this.checkTransitions(report, type, state);
    this.checkRequired(report, language, type, state, (field, message) => this.report(path, name, message, { field }));
    if (type === "Choice") this.checkChoiceRules(report, language, state);
    if (language === "JSONata") this.checkJsonata(report, state);
    else this.checkJsonPaths(report, type, state);
    this.checkErrorHandlers(report, language, state);

    if (type === "Parallel" && Array.isArray(state["Branches"])) {
      state["Branches"].forEach((branch, i) => nested.push({ asl: branch, path: [...path, name, `branch ${i}`] }));
    }
    if (type === "Map") {
      const processor = state["ItemProcessor"] ?? state["Iterator"];
      if (processor !== undefined) nested.push({ asl: processor, path: [...path, name, "item processor"] });
    }
  }

  /**
   * Each field against the table: one the state type does not take, one of the other query
   * language, a value of the wrong type or range (a JSONata expression in a JSONPath state).
   */
  private checkFields(report: (m: string) => void, language: string, type: string, state: JsonObject): void {
    const fields = FIELDS_BY_TYPE.get(type);
    for (const field of Object.keys(state)) {
      const spec = fields?.get(field);
      if (spec === undefined) {
        report(`a ${type} state cannot have ${field}`);
        continue;
      }
      if (spec.language !== "both" && spec.language !== language) {
        report(`${field} is a ${spec.language} field, but the state uses ${language}`);
        continue;
      }
      const problem = valueProblem(spec, state[field]!, language);
      if (problem !== undefined) report(`${field} ${problem}`);
    }
  }

  // Next and End on the other types are stray fields, reported by checkFields.
  private checkTransitions(report: (m: string) => void, type: string, state: JsonObject): void {
    if (!(CHAINABLE_STATE_TYPES as readonly string[]).includes(type)) return;
    const hasNext = state["Next"] !== undefined;
    const hasEnd = state["End"] !== undefined;
    if (hasNext && hasEnd) report("has both Next and End");
    else if (!hasNext && state["End"] !== true) report("needs Next or End: true");
    if (hasNext && typeof state["Next"] !== "string") report("Next must be a state name");
  }

  private checkRequired(report: (m: string) => void, language: string, type: string, state: JsonObject, reportAt: (field: string, m: string) => void): void {
    switch (type) {
      case "Task": {
        if (typeof state["Resource"] !== "string") report("a Task needs a Resource (an ARN)");
        const credentials = state["Credentials"];
        // AWS's words, at /States/<name>/Credentials (recorded: test_invalid_credentials_field).
        if (isJsonObject(credentials) && credentials["RoleArn"] === undefined && credentials["RoleArn.$"] === undefined) {
          reportAt("Credentials", "The field 'RoleArn' is required but was missing");
        }
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
            // AWS takes JSONata tolerances on an inline Map too.
            if (language === "JSONata" && JSONATA_INLINE_TOLERANCES.includes(field)) continue;
            if (state[field] !== undefined) report(`${field} needs a distributed Map (ProcessorConfig Mode DISTRIBUTED)`);
          }
        }
        if (state["ItemSelector"] !== undefined && state["Parameters"] !== undefined) report("has both ItemSelector and Parameters");
        break;
      }
    }
  }

  private checkChoiceRules(report: (m: string) => void, language: string, state: JsonObject): void {
    const choices = state["Choices"];
    if (!Array.isArray(choices)) return;
    choices.forEach((rule, i) => {
      if (!isJsonObject(rule)) return;
      if (language === "JSONata") {
        if (rule["Condition"] === undefined) report("a JSONata Choice rule needs a Condition");
        else if (typeof rule["Condition"] !== "boolean" && !isJsonataExpression(rule["Condition"])) {
          report(`Choices[${i}].Condition must be a JSONata expression "{% ... %}" or a boolean, got ${describeValue(rule["Condition"])}`);
        }
        for (const field of Object.keys(rule)) {
          if (!JSONATA_RULE_FIELDS.includes(field)) report(`Choices[${i}] cannot have ${field}: a JSONata rule takes ${JSONATA_RULE_FIELDS.join(", ")}`);
        }
      } else if (rule["Condition"] !== undefined) {
        report("Condition is a JSONata field, but the state uses JSONPath");
      } else {
        checkJsonPathRule(report, `Choices[${i}]`, rule);
      }
    });
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
        const expression = jsonataExpressionOf(value);
        if (expression !== undefined) {
          const problem = jsonataProblem(expression);
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

  private checkErrorHandlers(report: (m: string) => void, language: string, state: JsonObject): void {
    for (const field of ["Retry", "Catch"]) {
      const entries = state[field];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        report(`${field} must be a list`);
        continue;
      }
      const table = field === "Retry" ? RETRIER_FIELDS : CATCHER_FIELDS;
      entries.forEach((entry, i) => {
        if (isJsonObject(entry)) checkEntryFields(report, field, i, table, language, entry);
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

function checkNameLength(report: (m: string) => void, name: string): void {
  // AWS counts characters, not UTF-16 units: a name of 80 emoji is fine.
  const length = [...name].length;
  if (length === 0) report("state name must not be empty");
  else if (length > MAX_NAME_LENGTH) report(`state name is ${length} characters long, more than ${MAX_NAME_LENGTH}`);
}

/** Check the fields of one Retry or Catch entry against its table. */
function checkEntryFields(
  report: (m: string) => void,
  field: string,
  index: number,
  table: ReadonlyMap<string, FieldSpec>,
  language: string,
  entry: JsonObject,
): void {
  for (const key of Object.keys(entry)) {
    const spec = table.get(key);
    if (spec === undefined) report(`${field}[${index}] cannot have ${key}: it takes ${[...table.keys()].join(", ")}`);
    else if (spec.language !== "both" && spec.language !== language) report(`${field} ${key} is a ${spec.language} field, but the state uses ${language}`);
    else {
      const problem = valueProblem(spec, entry[key]!, language);
      if (problem !== undefined) report(`${field}[${index}].${key} ${problem}`);
    }
  }
}

/** What is wrong with a field's value, as `must be ..., got ...`; undefined when it fits. */
function valueProblem(spec: FieldSpec, value: JsonValue, language: string): string | undefined {
  const rule = spec.value;
  if (rule.kind === "checked" || rule.kind === "any") return undefined;
  if (spec.expression && isJsonataExpression(value)) {
    return language === "JSONata" ? undefined : `${JSON.stringify(value)} is a JSONata expression, but the state uses JSONPath`;
  }
  let expected: string;
  switch (rule.kind) {
    case "string":
      if (typeof value === "string") return undefined;
      expected = "a string";
      break;
    case "object":
      if (isJsonObject(value)) return undefined;
      expected = "an object";
      break;
    case "array":
      if (Array.isArray(value)) return undefined;
      expected = "a list";
      break;
    case "timestamp":
      if (typeof value === "string" && isTimestampString(value)) return undefined;
      expected = 'an RFC 3339 timestamp such as "2024-05-01T12:30:00Z"';
      break;
    case "enum":
      if (typeof value === "string" && rule.allowed.includes(value)) return undefined;
      expected = `one of ${rule.allowed.join(", ")}`;
      break;
    case "integer":
    case "number": {
      const whole = rule.kind === "integer";
      if (typeof value === "number" && (whole ? Number.isInteger(value) : Number.isFinite(value)) && value >= rule.min && value <= rule.max) return undefined;
      const range = rule.max >= Number.MAX_SAFE_INTEGER ? `>= ${rule.min}` : `in [${rule.min}, ${rule.max}]`;
      expected = `${whole ? "a whole number" : "a number"} ${range}`;
      break;
    }
  }
  if (spec.expression && language === "JSONata") expected += ' or a JSONata expression "{% ... %}"';
  return `must be ${expected}, got ${describeValue(value)}`;
}

/** What a comparison value must be for its operator's kind; undefined when it fits. */
function operandProblem(kind: ValueKind, value: JsonValue | undefined): string | undefined {
  switch (kind) {
    case "boolean":
    case "test":
      return typeof value === "boolean" ? undefined : "a boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "a number";
    case "string":
    case "pattern":
    case "path":
      return typeof value === "string" ? undefined : "a string";
    case "timestamp":
      return typeof value === "string" && isTimestampString(value) ? undefined : "an RFC 3339 timestamp string";
  }
}

/**
 * The shape of a JSONPath Choice rule and the rules nested in it: exactly one of And, Or,
 * Not or a comparison operator on a Variable; the operator's value of the kind the operator
 * table gives; Next and Assign on top-level rules only. Paths are checked by checkRulePaths.
 */
function checkJsonPathRule(report: (m: string) => void, where: string, top: JsonObject): void {
  const stack: Array<{ rule: JsonValue | undefined; where: string; nested: boolean }> = [{ rule: top, where, nested: false }];
  while (stack.length > 0) {
    const { rule, where: at, nested } = stack.pop()!;
    if (!isJsonObject(rule)) {
      report(`${at} must be a choice rule (an object), got ${describeValue(rule)}`);
      continue;
    }
    const tests: string[] = [];
    for (const key of Object.keys(rule)) {
      if (isComparisonOperator(key) || key === "And" || key === "Or" || key === "Not") tests.push(key);
      else if (key === "Next" || key === "Assign") {
        if (nested) report(`${at} cannot have ${key}: only top-level rules do`);
      } else if (key !== "Variable" && key !== "Comment") report(`${at} cannot have ${key}: it is not a comparison operator`);
    }
    if (tests.length !== 1) {
      report(
        tests.length === 0
          ? `${at} has no comparison: it needs one operator (such as NumericEquals or IsPresent) on a Variable, or And, Or, Not`
          : `${at} has ${tests.join(", ")}; a rule takes exactly one`,
      );
      continue;
    }
    const test = tests[0]!;
    const value = rule[test];
    if (isComparisonOperator(test)) {
      if (typeof rule["Variable"] !== "string") report(`${at} needs a Variable (a path) for ${test}`);
      const expected = operandProblem(COMPARISON_OPERATORS[test].value, value);
      if (expected !== undefined) report(`${at}.${test} must be ${expected}, got ${describeValue(value)}`);
      continue;
    }
    if (rule["Variable"] !== undefined) report(`${at} cannot have Variable with ${test}`);
    if (test === "Not") stack.push({ rule: value, where: `${at}.Not`, nested: true });
    else if (!Array.isArray(value) || value.length === 0) report(`${at}.${test} must be a non-empty list of rules, got ${describeValue(value)}`);
    else for (let i = value.length - 1; i >= 0; i--) stack.push({ rule: value[i], where: `${at}.${test}[${i}]`, nested: true });
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

/** Add the states a state goes to: Next, Default, each top-level Choice rule's Next, each Catch's Next. */
function addTransitions(state: JsonObject, targets: string[]): void {
  if (typeof state["Next"] === "string") targets.push(state["Next"]);
  if (typeof state["Default"] === "string") targets.push(state["Default"]);
  for (const field of ["Choices", "Catch"]) {
    const entries = state[field];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      if (isJsonObject(entry) && typeof entry["Next"] === "string") targets.push(entry["Next"]);
    }
  }
}

/**
 * Every problem in a rendered ASL definition, each naming its state (and branch path); an
 * empty list means the definition is valid as far as these checks go.
 */
export function validateDefinition(asl: JsonObject): DefinitionProblem[] {
  return findDefinitionProblems(asl).map(({ field: _field, missingTarget: _missing, ...problem }) => problem);
}

/** Where a finding sits beyond its state, and what kind it is, for API diagnostics. */
export interface FindingDetail {
  /** The field to blame, e.g. `Type` or `StartAt`. */
  field?: string;
  /** A transition to a state that does not exist (AWS's `MISSING_TRANSITION_TARGET`). */
  missingTarget?: true;
}

/** A {@link DefinitionProblem} with the detail the local engine's diagnostics report. */
export type DefinitionFinding = DefinitionProblem & FindingDetail;

/**
 * {@link validateDefinition}'s problems with their field and kind: what the local engine turns
 * into ValidateStateMachineDefinition diagnostics (codes and locations).
 */
export function findDefinitionProblems(asl: JsonObject): DefinitionFinding[] {
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
