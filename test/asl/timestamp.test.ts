import { describe, expect, it } from "vitest";
import { compareTimestamps, isTimestampString, parseTimestamp, validateDefinition } from "../../src/asl/index.js";
import type { JsonObject, JsonValue } from "../../src/json.js";
import { execute } from "../local/interpreter/test-host.js";

// ASL: RFC 3339 with an upper-case T between date and time and an upper-case Z or a numeric
// offset; the date must exist. One parser serves the validator, Choice and Wait.
const VALID: readonly [string, number][] = [
  ["2016-03-14T01:59:00Z", Date.UTC(2016, 2, 14, 1, 59, 0)],
  ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
  ["2000-02-29T12:00:00Z", Date.UTC(2000, 1, 29, 12)],
  ["2024-05-01T12:30:00+05:30", Date.UTC(2024, 4, 1, 7, 0, 0)],
  ["2024-05-01T12:30:00-07:45", Date.UTC(2024, 4, 1, 20, 15, 0)],
  ["2024-05-01T12:30:00+00:00", Date.UTC(2024, 4, 1, 12, 30, 0)],
  ["2024-05-01T12:30:00.5Z", Date.UTC(2024, 4, 1, 12, 30, 0, 500)],
  ["2024-05-01T12:30:00.123456789Z", Date.UTC(2024, 4, 1, 12, 30, 0, 123)],
  ["0050-01-01T00:00:00Z", -60_589_296_000_000],
  ["1969-12-31T23:59:59.999Z", -1],
];

const INVALID: readonly [string, string][] = [
  ["2024-02-30T00:00:00Z", "30 February"],
  ["2023-02-29T00:00:00Z", "29 February of a common year"],
  ["1900-02-29T00:00:00Z", "29 February of a century that is not a leap year"],
  ["2024-04-31T00:00:00Z", "31 April"],
  ["2024-13-01T00:00:00Z", "month 13"],
  ["2024-00-10T00:00:00Z", "month 0"],
  ["2024-01-00T00:00:00Z", "day 0"],
  ["2024-01-01T24:00:00Z", "hour 24"],
  ["2024-01-01T00:60:00Z", "minute 60"],
  ["2024-01-01T00:00:60Z", "second 60"],
  ["2024-01-01T00:00:00", "no offset"],
  ["2024-01-01t00:00:00Z", "lower-case t"],
  ["2024-01-01T00:00:00z", "lower-case z"],
  ["2024-01-01 00:00:00Z", "a space for T"],
  ["2024-01-01T00:00:00+24:00", "offset hour 24"],
  ["2024-01-01T00:00:00+05:60", "offset minute 60"],
  ["2024-01-01T00:00:00+0530", "offset without a colon"],
  ["2024-01-01T00:00:00.Z", "a dot without digits"],
  ["2024-01-01", "a date alone"],
  ["2024-1-01T00:00:00Z", "a one-digit month"],
];

describe("ASL timestamps", () => {
  it.each(VALID)("read %s", (text, epochMillis) => {
    expect(parseTimestamp(text)?.epochMillis).toBe(epochMillis);
    expect(isTimestampString(text)).toBe(true);
  });

  it.each(INVALID)("refuse %s (%s)", (text) => {
    expect(parseTimestamp(text)).toBeUndefined();
    expect(isTimestampString(text)).toBe(false);
  });

  it("refuse what is not a string", () => {
    for (const value of [null, 0, true, {}, []]) expect(parseTimestamp(value)).toBeUndefined();
  });

  it("compare instants across offsets and below the millisecond", () => {
    const at = (text: string) => parseTimestamp(text)!;
    expect(compareTimestamps(at("2024-05-01T12:30:00+05:30"), at("2024-05-01T07:00:00Z"))).toBe(0);
    expect(compareTimestamps(at("2024-05-01T00:00:00.0001Z"), at("2024-05-01T00:00:00Z"))).toBe(1);
    expect(compareTimestamps(at("2024-05-01T00:00:00.000000001Z"), at("2024-05-01T00:00:00.000000002Z"))).toBe(-1);
    // Digits past the ninth (nanoseconds) do not count.
    expect(compareTimestamps(at("2024-05-01T00:00:00.0000000001Z"), at("2024-05-01T00:00:00Z"))).toBe(0);
  });
});

function choiceOn(rule: JsonObject): JsonObject {
  return {
    StartAt: "C",
    States: {
      C: { Type: "Choice", Choices: [{ ...rule, Next: "Yes" }], Default: "No" },
      Yes: { Type: "Pass", Result: "yes", End: true },
      No: { Type: "Pass", Result: "no", End: true },
    },
  };
}

async function decide(rule: JsonObject, input: JsonValue): Promise<JsonValue> {
  const result = await execute(choiceOn(rule), input);
  expect(result.status).toBe("SUCCEEDED");
  return result.output!;
}

describe("the validator and the engine read timestamps alike", () => {
  it.each(INVALID)("%s (%s) is refused in a definition and is no timestamp at run time", async (text) => {
    const problems = validateDefinition(choiceOn({ Variable: "$.t", TimestampEquals: text }));
    expect(problems.map((p) => p.message).join("\n")).toContain("TimestampEquals must be an RFC 3339 timestamp string");
    expect(await decide({ Variable: "$.t", IsTimestamp: true }, { t: text })).toBe("no");
  });

  it.each(VALID)("%s is accepted in a definition and is a timestamp at run time", async (text) => {
    expect(validateDefinition(choiceOn({ Variable: "$.t", TimestampEquals: text }))).toEqual([]);
    expect(await decide({ Variable: "$.t", IsTimestamp: true }, { t: text })).toBe("yes");
    expect(await decide({ Variable: "$.t", TimestampEquals: text }, { t: text })).toBe("yes");
  });

  it("does not roll 30 February over to 1 March when comparing", async () => {
    expect(await decide({ Variable: "$.t", TimestampEquals: "2024-03-01T00:00:00Z" }, { t: "2024-02-30T00:00:00Z" })).toBe("no");
    expect(await decide({ Variable: "$.a", TimestampEqualsPath: "$.b" }, { a: "2024-02-30T00:00:00Z", b: "2024-03-01T00:00:00Z" })).toBe("no");
  });

  it("compares offsets and fractions as instants", async () => {
    expect(await decide({ Variable: "$.t", TimestampEquals: "2024-05-01T07:00:00Z" }, { t: "2024-05-01T12:30:00+05:30" })).toBe("yes");
    expect(await decide({ Variable: "$.t", TimestampGreaterThan: "2024-05-01T00:00:00Z" }, { t: "2024-05-01T00:00:00.0001Z" })).toBe("yes");
  });

  it("fails a Wait on a TimestampPath that names no day of the calendar", async () => {
    const result = await execute(
      { StartAt: "W", States: { W: { Type: "Wait", TimestampPath: "$.at", End: true } } },
      { at: "2024-02-30T00:00:00Z" },
    );
    expect(result.status).toBe("FAILED");
    expect(result.error).toBe("States.Runtime");
    expect(result.cause).toContain("The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.at == 2024-02-30T00:00:00Z");
  });
});
