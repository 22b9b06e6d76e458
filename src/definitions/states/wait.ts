import { InvalidOptionError } from "../../errors.js";
import type { JsonObject } from "../../json.js";
import { formatTimestamp } from "../../asl/timestamp.js";
import { ChainableState } from "./chainable-state.js";
import { describeValue } from "../../json.js";
import { isJsonataExpression } from "../../asl/state-types.js";
import type { StateOptions } from "./state.js";

/**
 * How long a {@link Wait} waits: seconds, a moment, a path to a timestamp, or one of the
 * object forms for `SecondsPath` and the JSONata `Seconds`/`Timestamp` expressions.
 */
export type WaitUntil =
  | number
  | Date
  | string
  | {
      /** JSONPath to a whole number of seconds in the input (`SecondsPath`). */
      readonly secondsPath: string;
    }
  | {
      /** JSONPath to an ISO-8601 timestamp in the input (`TimestampPath`). */
      readonly timestampPath: string;
    }
  | {
      /** Whole seconds to wait, 0 to 99,999,999, or a JSONata `{% ... %}` expression (`Seconds`). */
      readonly seconds: number | string;
    }
  | {
      /** The moment to wait until, or a JSONata `{% ... %}` expression (`Timestamp`). */
      readonly timestamp: Date | string;
    };

/** Largest `Seconds` AWS accepts (a year and a day). */
const MAX_WAIT_SECONDS = 99_999_999;


/**
 * Waits before going on (`Type: Wait`): `new Wait(name, 10)` renders `Seconds`, a `Date`
 * renders `Timestamp`, a string path renders `TimestampPath`; `{ secondsPath }` renders
 * `SecondsPath`; `{ seconds: "{% ... %}" }` and `{ timestamp: "{% ... %}" }` are JSONata.
 */
export class Wait extends ChainableState {
  readonly type = "Wait";
  /** The one timing field and its value, rendered as is. */
  readonly timing: {
    /** The ASL field rendered: `Seconds`, `Timestamp`, `SecondsPath` or `TimestampPath`. */
    readonly field: "Seconds" | "Timestamp" | "SecondsPath" | "TimestampPath";
    /** Its value: seconds, a formatted timestamp, a path or a JSONata expression. */
    readonly value: number | string;
  };

  constructor(name: string, until: WaitUntil, options: StateOptions = {}) {
    super(name, options);
    this.timing = this.checkUntil(until);
  }

  private checkUntil(until: unknown): Wait["timing"] {
    const bad = (expected: string): never => {
      throw new InvalidOptionError(`${this.describeOwner()}: wait time must be ${expected}, got ${describeValue(until)}`);
    };
    const seconds = (value: unknown): number | string => {
      if (isJsonataExpression(value)) return value;
      if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_WAIT_SECONDS) return value;
      return bad(`a whole number of seconds in [0, ${MAX_WAIT_SECONDS}] or a JSONata expression`);
    };
    const date = (value: Date): string => {
      if (Number.isNaN(value.getTime())) bad("a valid Date");
      return formatTimestamp(value);
    };
    if (typeof until === "number") return { field: "Seconds", value: seconds(until) };
    if (until instanceof Date) return { field: "Timestamp", value: date(until) };
    if (typeof until === "string") {
      if (until.length === 0 || isJsonataExpression(until)) bad("a timestamp path (use { seconds } or { timestamp } for JSONata)");
      return { field: "TimestampPath", value: until };
    }
    if (typeof until === "object" && until !== null && Object.keys(until).length === 1) {
      const record = until as Record<string, unknown>;
      if (typeof record["secondsPath"] === "string" && record["secondsPath"]) return { field: "SecondsPath", value: record["secondsPath"] };
      if (typeof record["timestampPath"] === "string" && record["timestampPath"]) return { field: "TimestampPath", value: record["timestampPath"] };
      if ("seconds" in record) return { field: "Seconds", value: seconds(record["seconds"]) };
      if (record["timestamp"] instanceof Date) return { field: "Timestamp", value: date(record["timestamp"]) };
      if (isJsonataExpression(record["timestamp"])) return { field: "Timestamp", value: record["timestamp"] };
    }
    return bad("seconds, a Date, a timestamp path, or one of { secondsPath }, { timestampPath }, { seconds }, { timestamp }");
  }

  protected override renderFields(asl: JsonObject): void {
    asl[this.timing.field] = this.timing.value;
  }
}
