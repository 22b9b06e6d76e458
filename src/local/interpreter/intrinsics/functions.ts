/**
 * Every intrinsic function of the States Language, as one table: name → the argument types it
 * takes → what it returns. Arguments arrive already evaluated; a wrong count or type is
 * `States.IntrinsicFailure` naming the function and the argument.
 */
import { randomUUID } from "node:crypto";
import { HASH_ALGORITHMS, hashHex } from "../hash.js";
import type { JsonObject, JsonValue } from "../../../json.js";
import { isJsonObject } from "../../../json.js";
import { StatesError, StatesErrorName } from "../errors.js";
import { jsonEquals, jsonTypeName } from "../json-util.js";
import { mulberry32 } from "../../../random.js";

/** The argument types an intrinsic can require. */
type ArgType = "any" | "string" | "number" | "integer" | "boolean" | "array" | "object";

/** What an intrinsic gets besides its arguments. */
export interface IntrinsicEnvironment {
  /** A number in [0, 1). */
  random(): number;
}

interface IntrinsicSpec {
  /** Types of the fixed arguments, in order; trailing ones after `required` are optional. */
  args: readonly ArgType[];
  /** How many of `args` must be given (defaults to all). */
  required?: number;
  /** Type of any further arguments; when unset, extra arguments are an error. */
  rest?: ArgType;
  run(args: JsonValue[], env: IntrinsicEnvironment): JsonValue;
}

/** AWS's limits on intrinsic inputs. */
const MAX_ARRAY_RANGE_ITEMS = 1000;
const MAX_BASE64_INPUT = 10_000;

/** Fail the call `name` with `why`. */
export function intrinsicFailure(name: string, why: string): StatesError {
  return new StatesError(StatesErrorName.IntrinsicFailure, `Invalid arguments in ${name}: ${why}`);
}

const INTRINSICS: Readonly<Record<string, IntrinsicSpec>> = {
  "States.Format": {
    args: ["string"],
    rest: "any",
    run: ([template, ...values]) => formatTemplate(template as string, values),
  },
  "States.StringToJson": {
    args: ["string"],
    run: ([text]) => {
      // AWS parses empty or blank text as JSON null rather than failing.
      if ((text as string).trim() === "") return null;
      try {
        return JSON.parse(text as string) as JsonValue;
      } catch {
        throw intrinsicFailure("States.StringToJson", `${JSON.stringify(text)} is not valid JSON`);
      }
    },
  },
  "States.JsonToString": { args: ["any"], run: ([value]) => JSON.stringify(value) },
  "States.Array": { args: [], rest: "any", run: (values) => values },
  "States.ArrayPartition": {
    args: ["array", "integer"],
    run: ([array, size]) => {
      const items = array as JsonValue[];
      const chunk = size as number;
      if (chunk <= 0) throw intrinsicFailure("States.ArrayPartition", `chunk size ${chunk} must be greater than 0`);
      const chunks: JsonValue[] = [];
      for (let i = 0; i < items.length; i += chunk) chunks.push(items.slice(i, i + chunk));
      return chunks;
    },
  },
  "States.ArrayContains": {
    args: ["array", "any"],
    run: ([array, value]) => (array as JsonValue[]).some((item) => jsonEquals(item, value!)),
  },
  "States.ArrayRange": {
    args: ["integer", "integer", "integer"],
    run: ([first, last, step]) => {
      const [start, end, by] = [first as number, last as number, step as number];
      if (by === 0) throw intrinsicFailure("States.ArrayRange", "step must not be 0");
      const count = Math.max(0, Math.floor((end - start) / by) + 1);
      if (count > MAX_ARRAY_RANGE_ITEMS) {
        throw intrinsicFailure("States.ArrayRange", `the range has ${count} items, more than ${MAX_ARRAY_RANGE_ITEMS}`);
      }
      return Array.from({ length: count }, (_, i) => start + i * by);
    },
  },
  "States.ArrayGetItem": {
    args: ["array", "integer"],
    run: ([array, index]) => {
      const items = array as JsonValue[];
      const at = index as number;
      if (at < 0 || at >= items.length) {
        throw intrinsicFailure("States.ArrayGetItem", `index ${at} is out of bounds for an array of ${items.length}`);
      }
      return items[at]!;
    },
  },
  "States.ArrayLength": { args: ["array"], run: ([array]) => (array as JsonValue[]).length },
  "States.ArrayUnique": {
    args: ["array"],
    run: ([array]) => {
      const unique: JsonValue[] = [];
      for (const item of array as JsonValue[]) if (!unique.some((seen) => jsonEquals(seen, item))) unique.push(item);
      return unique;
    },
  },
  "States.Base64Encode": {
    args: ["string"],
    run: ([text]) => {
      const value = text as string;
      if (value.length > MAX_BASE64_INPUT) {
        throw intrinsicFailure("States.Base64Encode", `input is longer than ${MAX_BASE64_INPUT} characters`);
      }
      return Buffer.from(value, "utf8").toString("base64");
    },
  },
  "States.Base64Decode": {
    args: ["string"],
    run: ([text]) => {
      const value = text as string;
      if (value.length > MAX_BASE64_INPUT) {
        throw intrinsicFailure("States.Base64Decode", `input is longer than ${MAX_BASE64_INPUT} characters`);
      }
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 === 1) {
        throw intrinsicFailure("States.Base64Decode", `${JSON.stringify(value)} is not base64`);
      }
      return Buffer.from(value, "base64").toString("utf8");
    },
  },
  "States.Hash": {
    args: ["any", "string"],
    run: ([data, algorithm]) => {
      if (data === null) throw intrinsicFailure("States.Hash", "the data to hash is null");
      const digest = hashHex(algorithm as string, typeof data === "string" ? data : JSON.stringify(data));
      if (digest === undefined) {
        throw intrinsicFailure(
          "States.Hash",
          `algorithm ${JSON.stringify(algorithm)} is not one of ${Object.keys(HASH_ALGORITHMS).join(", ")}`,
        );
      }
      return digest;
    },
  },
  "States.JsonMerge": {
    args: ["object", "object", "boolean"],
    run: ([left, right, deep]) => {
      if (deep !== false) throw intrinsicFailure("States.JsonMerge", "only shallow merging (false) is supported");
      return { ...(left as JsonObject), ...(right as JsonObject) };
    },
  },
  "States.MathRandom": {
    args: ["number", "number", "number"],
    required: 2,
    run: ([low, high, seed], env) => {
      // AWS takes any numbers as bounds (12.5, 44.51 succeeds) and works on their integer values.
      const [start, end] = [roundHalfUp(low as number), roundHalfUp(high as number)];
      if (end <= start) throw intrinsicFailure("States.MathRandom", `end ${end} must be greater than start ${start}`);
      const unit = seed === undefined ? env.random() : seededRandom(roundHalfUp(seed as number));
      return start + Math.floor(unit * (end - start));
    },
  },
  "States.MathAdd": {
    args: ["number", "number"],
    // AWS rounds each argument to an integer first (1.49 + 1.5 is 3, -0.5 + 0 is 0).
    run: ([a, b]) => roundHalfUp(a as number) + roundHalfUp(b as number),
  },
  "States.StringSplit": {
    args: ["string", "string"],
    run: ([text, delimiters]) => {
      const separators = new Set(delimiters as string);
      const parts: string[] = [];
      let current = "";
      for (const c of text as string) {
        if (separators.has(c)) {
          if (current !== "") parts.push(current);
          current = "";
        } else current += c;
      }
      if (current !== "") parts.push(current);
      return parts;
    },
  },
  "States.UUID": { args: [], run: () => randomUUID() },
};

/** The names of every intrinsic function this interpreter knows. */
export const INTRINSIC_NAMES: readonly string[] = Object.keys(INTRINSICS);

/** Call intrinsic `name` with evaluated `args`, checking their count and types first. */
export function callIntrinsic(name: string, args: JsonValue[], env: IntrinsicEnvironment): JsonValue {
  const spec = INTRINSICS[name];
  if (!spec) throw new StatesError(StatesErrorName.IntrinsicFailure, `Unknown intrinsic function ${name}`);
  const required = spec.required ?? spec.args.length;
  if (args.length < required || (spec.rest === undefined && args.length > spec.args.length)) {
    const expected = spec.rest ? `at least ${required}` : required === spec.args.length ? `${required}` : `${required} to ${spec.args.length}`;
    throw intrinsicFailure(name, `expected ${expected} arguments but got ${args.length}`);
  }
  args.forEach((arg, i) => {
    const type = spec.args[i] ?? spec.rest!;
    if (!hasType(arg, type)) {
      throw intrinsicFailure(name, `argument ${i + 1} must be ${type} but is ${jsonTypeName(arg)} ${JSON.stringify(arg)}`);
    }
  });
  return spec.run(args, env);
}

function hasType(value: JsonValue, type: ArgType): boolean {
  switch (type) {
    case "any":
      return true;
    case "string":
    case "number":
    case "boolean":
      return typeof value === type;
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isJsonObject(value);
  }
}

/** States.Format: each unescaped `{}` takes the next argument; `\{` and `\}` are literal braces. */
function formatTemplate(template: string, values: JsonValue[]): string {
  let out = "";
  let next = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c === "\\" && (template[i + 1] === "{" || template[i + 1] === "}")) {
      out += template[++i];
    } else if (c === "{" && template[i + 1] === "}") {
      if (next >= values.length) throw intrinsicFailure("States.Format", "more {} placeholders than arguments");
      const value = values[next++]!;
      out += formatArgument(value);
      i++;
    } else {
      out += c;
    }
  }
  if (next !== values.length) {
    throw intrinsicFailure("States.Format", `${values.length} arguments for ${next} {} placeholders`);
  }
  return out;
}

/**
 * How States.Format renders one argument: strings as they are, arrays as `[a, b]` and objects as
 * `{k=v, k2=v2}` (AWS prints them as Java collections, not as JSON), other values as JSON.
 */
function formatArgument(value: JsonValue): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(formatArgument).join(", ")}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value).map(([key, item]) => `${key}=${formatArgument(item)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** Java's Math.round (half up, toward positive infinity), without JavaScript's -0. */
function roundHalfUp(value: number): number {
  return Math.floor(value + 0.5) + 0;
}

/** A seeded MathRandom gives the same number for the same seed, as on AWS. */
function seededRandom(seed: number): number {
  return mulberry32(seed)();
}
