import { InvalidOptionError } from "../errors.js";

/**
 * The one reader of ASL timestamps, used by the definition checks, the Choice rules'
 * `Timestamp...` comparisons and `IsTimestamp`, and the Wait state. ASL takes RFC 3339 with
 * further restrictions: an upper-case `T` between date and time, and an upper-case `Z` or a
 * numeric offset (`+05:30`); so `t`, `z`, a space, or no offset at all make a string that is
 * not a timestamp. The date must exist in the calendar: `2024-02-30` is refused, where
 * `Date.parse` would roll it over to 1 March.
 */

// Fields: year, month, day, hour, minute, second, fraction digits, zone (Z or ±hh:mm).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/** An instant read from an ASL timestamp, to the nanosecond (digits past the ninth are dropped). */
export interface AslTimestamp {
  /** Milliseconds since the Unix epoch, rounded down to the whole millisecond. */
  readonly epochMillis: number;
  /** The nanoseconds past {@link AslTimestamp.epochMillis}, 0 to 999,999. */
  readonly nanos: number;
}

/** The instant an ASL timestamp names, or undefined when `text` is not one. */
export function parseTimestamp(text: unknown): AslTimestamp | undefined {
  if (typeof text !== "string") return undefined;
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  if (match[8] !== "Z") {
    const offsetHours = Number(match[10]);
    const offsetMins = Number(match[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (match[9] === "-" ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const digits = (match[7] ?? "").slice(0, 9).padEnd(9, "0");
  const millis = Number(digits.slice(0, 3));
  const epochMillis =
    daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offsetMinutes * MS_PER_MINUTE;
  return { epochMillis, nanos: Number(digits.slice(3)) };
}

/** True for a string ASL accepts as a timestamp. */
export function isTimestampString(text: unknown): text is string {
  return parseTimestamp(text) !== undefined;
}

/** Negative, zero or positive as instant `a` is before, at or after instant `b`. */
export function compareTimestamps(a: AslTimestamp, b: AslTimestamp): number {
  return Math.sign(a.epochMillis - b.epochMillis || a.nanos - b.nanos);
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Days from 1970-01-01 to a proleptic Gregorian date, in integer arithmetic: unlike Date.UTC,
// no roll-over of out-of-range fields and no 1900 offset for years below 100.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * Render a `Date` as ASL wants a timestamp: ISO 8601 in UTC with an explicit offset, as sfini
 * does (`datetime.isoformat()` of an aware UTC time), e.g. `2024-05-01T12:30:00+00:00`.
 * Milliseconds appear only when non-zero, so whole-second times stay short.
 */
export function formatTimestamp(date: Date): string {
  if (!(date instanceof Date)) throw new TypeError(`timestamp must be a Date, got ${String(date)}`);
  const time = date.getTime();
  if (Number.isNaN(time)) throw new InvalidOptionError("timestamp is an invalid Date");
  const ms = date.getUTCMilliseconds();
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}` +
    (ms === 0 ? "" : `.${pad(ms, 3)}`) +
    "+00:00"
  );
}
