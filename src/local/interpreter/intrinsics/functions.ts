/**
 * Every intrinsic function of the States Language, as one table: name → what it returns. The
 * argument types each takes are ASL's (`asl/intrinsics.ts`); arguments arrive already evaluated,
 * and a wrong count or type is `States.IntrinsicFailure` naming the function and the argument.
 */
import { randomUUID } from "node:crypto";
import { HASH_ALGORITHMS, hashHex } from "../hash.js";
import type { JsonObject, JsonValue } from "../../../json.js";
import { isJsonObject } from "../../../json.js";
import { StatesError, StatesErrorName } from "../errors.js";
import { javaHashMapOrder, jsonEquals, jsonTypeName } from "../json-util.js";
import { mulberry32 } from "../../../random.js";
import { INTRINSIC_SIGNATURES, type IntrinsicArgType } from "../../../asl/intrinsics.js";

/** What an intrinsic gets besides its arguments. */
export interface IntrinsicEnvironment {
  /** A number in [0, 1). */
  random(): number;
}

interface IntrinsicSpec {
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
    run: ([template, ...values]) => formatTemplate(template as string, values),
  },
  "States.StringToJson": {
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
  "States.JsonToString": { run: ([value]) => JSON.stringify(value) },
  "States.Array": { run: (values) => values },
  "States.ArrayPartition": {
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
    run: ([array, value]) => (array as JsonValue[]).some((item) => jsonEquals(item, value!)),
  },
  "States.ArrayRange": {
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
    run: ([array, index]) => {
      const items = array as JsonValue[];
      const at = index as number;
      if (at < 0 || at >= items.length) {
        throw intrinsicFailure("States.ArrayGetItem", `index ${at} is out of bounds for an array of ${items.length}`);
      }
      return items[at]!;
    },
  },
  "States.ArrayLength": { run: ([array]) => (array as JsonValue[]).length },
  "States.ArrayUnique": {
    run: ([array]) => {
      const unique: JsonValue[] = [];
      for (const item of array as JsonValue[]) if (!unique.some((seen) => jsonEquals(seen, item))) unique.push(item);
      return unique;
    },
  },
  "States.Base64Encode": {
    run: ([text]) => {
      const value = text as string;
      if (value.length > MAX_BASE64_INPUT) {
        throw intrinsicFailure("States.Base64Encode", `input is longer than ${MAX_BASE64_INPUT} characters`);
      }
      return Buffer.from(value, "utf8").toString("base64");
    },
  },
  "States.Base64Decode": {
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
    run: ([left, right, deep]) => {
      if (deep !== false) throw intrinsicFailure("States.JsonMerge", "only shallow merging (false) is supported");
      // AWS builds the result as a Java HashMap: its keys come in that map's order (recorded:
      // {a,b,d} + {a,c,d} gives a, b, c, d; constant_in_literal + constant_input_field gives
      // constant_input_field first).
      const merged: JsonObject = { ...(left as JsonObject), ...(right as JsonObject) };
      return Object.fromEntries(javaHashMapOrder(Object.keys(merged)).map((key) => [key, merged[key]!])) as JsonObject;
    },
  },
  "States.MathRandom": {
    run: ([low, high, seed], env) => {
      // AWS takes any numbers as bounds (12.5, 44.51 succeeds) and works on their integer values.
      const [start, end] = [roundHalfUp(low as number), roundHalfUp(high as number)];
      if (end <= start) throw intrinsicFailure("States.MathRandom", `end ${end} must be greater than start ${start}`);
      const unit = seed === undefined ? env.random() : seededRandom(roundHalfUp(seed as number));
      return start + Math.floor(unit * (end - start));
    },
  },
  "States.MathAdd": {
    // AWS rounds each argument to an integer first (1.49 + 1.5 is 3, -0.5 + 0 is 0).
    run: ([a, b]) => roundHalfUp(a as number) + roundHalfUp(b as number),
  },
  "States.StringSplit": {
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
  "States.UUID": { run: () => randomUUID() },
};

/** Call intrinsic `name` with evaluated `args`, checking their count and types first. */
export function callIntrinsic(name: string, args: JsonValue[], env: IntrinsicEnvironment): JsonValue {
  const spec = INTRINSICS[name];
  const signature = INTRINSIC_SIGNATURES[name];
  if (!spec || !signature) throw new StatesError(StatesErrorName.IntrinsicFailure, `Unknown intrinsic function ${name}`);
  const required = signature.required ?? signature.args.length;
  if (args.length < required || (signature.rest === undefined && args.length > signature.args.length)) {
    const expected = signature.rest ? `at least ${required}` : required === signature.args.length ? `${required}` : `${required} to ${signature.args.length}`;
    throw intrinsicFailure(name, `expected ${expected} arguments but got ${args.length}`);
  }
  args.forEach((arg, i) => {
    const type = signature.args[i] ?? signature.rest!;
    if (!hasType(arg, type)) {
      throw intrinsicFailure(name, `argument ${i + 1} must be ${type} but is ${jsonTypeName(arg)} ${JSON.stringify(arg)}`);
    }
  });
  return spec.run(args, env);
}

function hasType(value: JsonValue, type: IntrinsicArgType): boolean {
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
