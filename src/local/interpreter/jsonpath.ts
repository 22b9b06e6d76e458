/**
 * JSONPath as ASL uses it: `$` (the state's data), `$$` (the Context object) and `$name`
 * (a variable) as roots. A path is compiled once (with the state that holds it, see
 * `compile/`): simple paths (names and indexes) are walked directly; anything else
 * (wildcards, filters, slices, `..`) goes to `jsonpath-plus`.
 */
import { setKey } from "../../set-key.js";
import { JSONPath } from "jsonpath-plus";
import type { JsonObject, JsonValue } from "../../json.js";
import { isJsonObject } from "../../json.js";
import { runtimeError, StatesError, StatesErrorName } from "./errors.js";
import { shallowCopy } from "./json-util.js";

/** What a path can start from. */
export interface PathRoots {
  /** `$`: the data the field applies to. */
  data: JsonValue;
  /** `$$`: the Context object (a getter may build it on first use). */
  readonly context: JsonValue;
  /** `$name`: a variable, or undefined when it is not set. */
  variable(name: string): JsonValue | undefined;
}

type Segment = string | number;

/** A parsed path: its root, and either simple segments or the rest for `jsonpath-plus`. */
interface ParsedPath {
  root: "data" | "context" | "variable";
  variableName?: string;
  /** Set when the path is a reference path (names and indexes only). */
  segments?: Segment[];
  /** Set otherwise: the path rewritten to start at `$` for `jsonpath-plus`. */
  query?: string;
}

const VARIABLE_ROOT = /^\$([A-Za-z_][A-Za-z0-9_]*)/;

/** True when `text` is a path ASL would take in a `.$` field (not an intrinsic function). */
export function isPath(text: string): boolean {
  return text.startsWith("$");
}

/** Parse a path; a malformed one is a `States.Runtime` error naming it. */
export function parsePath(path: string): ParsedPath {
  let root: ParsedPath["root"];
  let rest: string;
  let variableName: string | undefined;
  if (path.startsWith("$$")) {
    root = "context";
    rest = path.slice(2);
  } else if (VARIABLE_ROOT.test(path)) {
    const name = VARIABLE_ROOT.exec(path)![1]!;
    root = "variable";
    variableName = name;
    rest = path.slice(1 + name.length);
  } else if (path.startsWith("$")) {
    root = "data";
    rest = path.slice(1);
  } else {
    throw runtimeError(`Invalid path '${path}': a path must start with '$'`);
  }
  const segments = parseSimpleSegments(rest);
  const parsed: ParsedPath = segments ? { root, segments } : { root, query: "$" + rest };
  if (variableName !== undefined) parsed.variableName = variableName;
  return parsed;
}

/** `.a`, `['a']`, `["a"]`, `[3]` repeated; undefined when the path needs a real JSONPath engine. */
function parseSimpleSegments(rest: string): Segment[] | undefined {
  const segments: Segment[] = [];
  let i = 0;
  while (i < rest.length) {
    const c = rest[i];
    if (c === ".") {
      if (rest[i + 1] === ".") return undefined;
      let j = i + 1;
      while (j < rest.length && rest[j] !== "." && rest[j] !== "[") j++;
      const name = rest.slice(i + 1, j);
      if (name === "" || name === "*" || /[()?@,:]/.test(name)) return undefined;
      segments.push(name);
      i = j;
    } else if (c === "[") {
      const close = rest.indexOf("]", i);
      if (close < 0) return undefined;
      const inner = rest.slice(i + 1, close).trim();
      const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
      if (quoted) segments.push(quoted[1] ?? quoted[2]!);
      else if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else return undefined;
      i = close + 1;
    } else {
      return undefined;
    }
  }
  return segments;
}

function rootValue(parsed: ParsedPath, roots: PathRoots, path: string): JsonValue {
  if (parsed.root === "data") return roots.data;
  if (parsed.root === "context") return roots.context;
  const value = roots.variable(parsed.variableName!);
  if (value === undefined) throw runtimeError(`Invalid path '${path}': The variable '$${parsed.variableName}' is not defined`);
  return value;
}

/**
 * A reference path that matched nothing: `States.Runtime` with the text AWS gives the `...Path`
 * fields (`Invalid path '$.a.b' : No results for path: $['a']['b']`, or `Missing property in
 * path $['a']` when a step before the last is missing). It keeps the value searched, for the
 * fields whose AWS text quotes it instead ({@link pathNotFoundInInput}).
 */
export class PathNotFound extends StatesError {
  constructor(
    readonly path: string,
    /** The value the path was applied to (`$`, `$$` or the variable). */
    readonly searched: JsonValue,
    detail: string,
  ) {
    super(StatesErrorName.Runtime, `Invalid path '${path}' : ${detail}`);
  }
}

/**
 * The text AWS gives a path in a payload template (`"key.$"`), `ErrorPath` or `CausePath` that
 * matched nothing: "The JSONPath '$.x' specified for the field 'key.$' could not be found in
 * the input '{...}'".
 */
export function pathNotFoundInInput(error: PathNotFound, field: string): StatesError {
  return runtimeError(
    `The JSONPath '${error.path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(error.searched)}'`,
  );
}

/** A path parsed once: read it on every visit. */
export interface CompiledPath {
  /** The path as written. */
  readonly text: string;
  /**
   * Read the path for the field `field`. A simple path that finds nothing is
   * {@link PathNotFound} (as AWS fails it); a non-definite path returns the array of its
   * matches (none: `[]`).
   */
  read(roots: PathRoots, field: string): JsonValue;
}

/** Compile `path`; a malformed path fails where it is read, as it did when read unparsed. */
export function compilePath(path: string): CompiledPath {
  let parsed: ParsedPath;
  try {
    parsed = parsePath(path);
  } catch (error) {
    return {
      text: path,
      read: () => {
        throw error;
      },
    };
  }
  return { text: path, read: (roots, field) => readParsed(parsed, path, roots, field) };
}

function readParsed(parsed: ParsedPath, path: string, roots: PathRoots, field: string): JsonValue {
  const start = rootValue(parsed, roots, path);
  if (parsed.segments) {
    let value: JsonValue = start;
    const segments = parsed.segments;
    for (let i = 0; i < segments.length; i++) {
      const next = step(value, segments[i]!);
      if (next === undefined) {
        const last = i === segments.length - 1;
        const detail = last
          ? `No results for path: ${describeSegments(segments)}`
          : `Missing property in path ${describeSegments(segments.slice(0, i + 1))}`;
        throw new PathNotFound(path, start, detail);
      }
      value = next;
    }
    return value;
  }
  try {
    return JSONPath({ path: parsed.query!, json: start as JsonObject, wrap: true, eval: "safe" }) as JsonValue[];
  } catch (error) {
    throw runtimeError(`Invalid path '${path}' (field '${field}'): ${(error as Error).message}`);
  }
}

function step(value: JsonValue, segment: Segment): JsonValue | undefined {
  if (typeof segment === "number") return Array.isArray(value) ? value[segment] : undefined;
  if (isJsonObject(value)) return Object.prototype.hasOwnProperty.call(value, segment) ? value[segment] : undefined;
  return undefined;
}

function describeSegments(segments: readonly Segment[]): string {
  return "$" + segments.map((s) => (typeof s === "number" ? `[${s}]` : `['${s}']`)).join("");
}

/** Puts a value at a reference path (ResultPath), compiled once. */
export type PathWriter = (target: JsonValue, value: JsonValue) => JsonValue;

/**
 * Compile a ResultPath: the writer puts `value` at the path inside `target`, copying only the
 * objects on the way so the original input is never changed; missing objects on the way are
 * created. A path that is no reference path fails where it is applied.
 */
export function compileWritePath(path: string): PathWriter {
  let segments: Segment[];
  try {
    const parsed = parsePath(path);
    if (parsed.root !== "data" || !parsed.segments) {
      throw runtimeError(`Invalid ResultPath '${path}': it must be a reference path starting with '$'`);
    }
    segments = parsed.segments;
  } catch (error) {
    return () => {
      throw error;
    };
  }
  return (target, value) => writeSegments(target, segments, 0, value, path);
}

function writeSegments(target: JsonValue, segments: Segment[], at: number, value: JsonValue, path: string): JsonValue {
  if (at === segments.length) return value;
  const segment = segments[at]!;
  if (typeof segment === "number") {
    if (!Array.isArray(target) || segment >= target.length) {
      throw new StatesError(
        StatesErrorName.Runtime,
        `Unable to apply ResultPath '${path}': index ${segment} is not in an array of the input`,
      );
    }
    const copy = shallowCopy(target) as JsonValue[];
    copy[segment] = writeSegments(target[segment]!, segments, at + 1, value, path);
    return copy;
  }
  if (!isJsonObject(target)) {
    throw new StatesError(
      StatesErrorName.Runtime,
      `Unable to apply step "${segment}" to input ${JSON.stringify(target)} for ResultPath '${path}'`,
    );
  }
  const copy = shallowCopy(target) as JsonObject;
  const child = Object.prototype.hasOwnProperty.call(target, segment) ? target[segment]! : {};
  setKey(copy, segment, writeSegments(child, segments, at + 1, value, path));
  return copy;
}
