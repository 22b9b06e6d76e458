import { InvalidOptionError, SfiniError } from "../errors.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import type { ActivityOptions } from "./activity.js";
import { CallableActivity, type ActivityFunction, type TaskContext } from "./callable-activity.js";

/** One input field a smart activity takes: required, or optional with a default. */
export interface InputField {
  /** Whether a task without this key fails (default true unless a default is given). */
  required?: boolean;
  /** Value used when the key is missing. */
  default?: JsonValue;
}

/** Options of a {@link SmartCallableActivity}. */
export interface SmartActivityOptions extends ActivityOptions {
  /**
   * The input keys the function takes: a list of required names, or a record of fields with
   * defaults. Only these keys reach the function; others are ignored, as in sfini.
   */
  fields: readonly string[] | Readonly<Record<string, InputField>>;
}

/** The task input lacks a key the smart activity requires. */
export class MissingInputError extends SfiniError {}

/**
 * sfini's smart activity: the function receives only the input keys it declares, with
 * defaults applied; extra keys are dropped and a missing required key fails the task.
 */
export class SmartCallableActivity<I extends JsonObject = JsonObject, O = unknown> extends CallableActivity<I, O> {
  /** The declared fields, normalised. */
  readonly fields: Readonly<Record<string, InputField>>;

  constructor(name: string, fn: ActivityFunction<I, O>, options: SmartActivityOptions) {
    super(name, fn, options);
    const given = options.fields;
    if (Array.isArray(given)) {
      this.fields = Object.fromEntries(given.map((key: string) => [key, { required: true }]));
    } else if (isJsonObject(given as unknown)) {
      this.fields = given as Readonly<Record<string, InputField>>;
    } else {
      throw new InvalidOptionError(`smart activity ${JSON.stringify(name)}: fields must be a list or a record`);
    }
  }

  /** The arguments the function gets for an input: declared keys only, defaults applied. */
  selectInput(input: JsonValue): I {
    if (!isJsonObject(input)) {
      throw new MissingInputError(`activity ${JSON.stringify(this.name)} takes a JSON object as input, got ${JSON.stringify(input)}`);
    }
    const selected: JsonObject = {};
    const missing: string[] = [];
    for (const [key, field] of Object.entries(this.fields)) {
      if (key in input) selected[key] = input[key]!;
      else if (field.default !== undefined) selected[key] = field.default;
      else if (field.required ?? true) missing.push(key);
    }
    if (missing.length > 0) {
      throw new MissingInputError(`activity ${JSON.stringify(this.name)}: input lacks required key(s) ${missing.map((k) => JSON.stringify(k)).join(", ")}`);
    }
    return selected as I;
  }

  override async call(input: JsonValue, context: TaskContext): Promise<O> {
    return this.fn(this.selectInput(input), context);
  }
}
