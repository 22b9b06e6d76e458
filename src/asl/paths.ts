import { isIntrinsicName } from "./intrinsics.js";

/**
 * A small checker of the JSONPath syntax ASL accepts, for validating rendered definitions
 * without evaluating them. Returns a reason when the text is not a valid path, else undefined.
 */

/** What a path field may hold. */
export interface PathRules {
  /** Only `.name`, `['name']` and `[n]` steps (a Reference Path: ResultPath, Variable, ...). */
  reference?: boolean;
  /** Whether `$$` (the context object) and `$name` (a variable) roots are allowed. */
  contextAndVariables?: boolean;
}

const NAME = /^[^.\[\]\s()'"*,]+/;
const VARIABLE_ROOT = /^\$[A-Za-z_][A-Za-z0-9_]*/;

/** Why `path` is not a valid JSONPath under `rules`; undefined when it is. */
export function pathProblem(path: string, rules: PathRules = {}): string | undefined {
  let rest: string;
  if (path.startsWith("$$")) {
    if (!rules.contextAndVariables) return "the context object ($$) is not allowed here";
    rest = path.slice(2);
  } else if (VARIABLE_ROOT.test(path)) {
    if (!rules.contextAndVariables) return "a variable is not allowed here";
    rest = path.slice(VARIABLE_ROOT.exec(path)![0].length);
  } else if (path.startsWith("$")) {
    rest = path.slice(1);
  } else {
    return "a path must start with $";
  }
  while (rest.length > 0) {
    if (rest.startsWith("..")) {
      if (rules.reference) return "a reference path cannot use '..'";
      rest = rest.slice(2);
      if (rest.startsWith("*")) rest = rest.slice(1);
      else if (rest.startsWith("[")) continue;
      else {
        const name = NAME.exec(rest);
        if (!name) return `expected a name after '..' at ${JSON.stringify(rest)}`;
        rest = rest.slice(name[0].length);
      }
    } else if (rest.startsWith(".")) {
      rest = rest.slice(1);
      if (rest.startsWith("*")) {
        if (rules.reference) return "a reference path cannot use '*'";
        rest = rest.slice(1);
        continue;
      }
      const name = NAME.exec(rest);
      if (!name) return `expected a name after '.' at ${JSON.stringify("." + rest)}`;
      rest = rest.slice(name[0].length);
    } else if (rest.startsWith("[")) {
      const end = bracketEnd(rest);
      if (end < 0) return `unclosed '[' at ${JSON.stringify(rest)}`;
      const problem = selectorProblem(rest.slice(1, end).trim(), rules);
      if (problem) return problem;
      rest = rest.slice(end + 1);
    } else {
      return `unexpected ${JSON.stringify(rest[0])} at ${JSON.stringify(rest)}`;
    }
  }
  return undefined;
}

// Index of the `]` closing the `[` at 0, skipping quoted strings and parentheses.
function bracketEnd(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "]" && depth === 0) return i;
  }
  return -1;
}

const QUOTED = /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")$/;
const INDEX = /^-?\d+$/;
const SLICE = /^-?\d*:-?\d*(?::-?\d*)?$/;

function selectorProblem(selector: string, rules: PathRules): string | undefined {
  if (QUOTED.test(selector)) return undefined;
  if (INDEX.test(selector)) return rules.reference && selector.startsWith("-") ? "a reference path cannot use negative indexes" : undefined;
  if (rules.reference) return `a reference path allows only ['name'] and [n] selectors, not [${selector}]`;
  if (selector === "*" || SLICE.test(selector)) return undefined;
  if ((selector.startsWith("?(") || selector.startsWith("(")) && selector.endsWith(")")) return undefined;
  const parts = selector.split(",").map((p) => p.trim());
  if (parts.length > 1 && parts.every((p) => INDEX.test(p) || QUOTED.test(p))) return undefined;
  return `invalid selector [${selector}]`;
}

/** Why `text` is not a well-formed intrinsic function call; undefined when it is. */
export function intrinsicProblem(text: string): string | undefined {
  const head = /^States\.([A-Za-z0-9]+)\(/.exec(text);
  if (!head) return "an intrinsic function looks like States.Name(...)";
  if (!isIntrinsicName(`States.${head[1]}`)) return `unknown intrinsic function States.${head[1]}`;
  let depth = 0;
  let quote = false;
  for (let i = head[0].length - 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === "'") quote = false;
    } else if (ch === "'") quote = true;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth === 0 && i !== text.length - 1) return "text after the closing parenthesis";
      if (depth < 0) return "unbalanced parentheses";
    }
  }
  if (quote) return "unclosed quote";
  if (depth !== 0) return "unbalanced parentheses";
  return undefined;
}
