/** The shared builders of answers and definitions: `definedFields` and the server's `wireFields`. */
import { describe, expect, it } from "vitest";
import { definedFields } from "../../src/json.js";
import { wireFields } from "../../src/local/server/operation.js";

interface Sample {
  name: string;
  note?: string;
  empty: null;
  count: number;
  startDate: number;
  stopDate?: number;
}

const SAMPLE: Sample = { name: "n", empty: null, count: 3, startDate: 1_500 };

describe("definedFields", () => {
  it("copies the named fields in the order given, leaving out undefined ones and keeping null", () => {
    const copied = definedFields(SAMPLE, ["count", "note", "empty", "name"]);
    expect(copied).toEqual({ count: 3, empty: null, name: "n" });
    expect(Object.keys(copied)).toEqual(["count", "empty", "name"]);
  });

  it("renames with an object: each key the name to give, each value the field it copies", () => {
    const copied = definedFields({ ...SAMPLE, note: "x" }, { Note: "note", Name: "name", Stop: "stopDate" });
    expect(copied).toEqual({ Note: "x", Name: "n" });
    expect(Object.keys(copied)).toEqual(["Note", "Name"]);
  });
});

describe("wireFields", () => {
  it("gives each …Date field in epoch seconds and every other field as stored", () => {
    expect(wireFields({ ...SAMPLE, stopDate: 2_250 }, ["name", "count", "startDate", "stopDate"])).toEqual({
      name: "n",
      count: 3,
      startDate: 1.5,
      stopDate: 2.25,
    });
  });

  it("leaves out a date that is not set", () => {
    expect(wireFields(SAMPLE, ["startDate", "stopDate"])).toEqual({ startDate: 1.5 });
  });
});
