import { InvalidOptionError } from "../../errors.js";

// RFC 3339 as ASL restricts it: upper-case `T` between date and time, `Z` or a numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/;

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

/** True for a string ASL accepts as a timestamp (RFC 3339 with `T`, and `Z` or an offset). */
export function isTimestampString(text: string): boolean {
  const match = RFC3339.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number, number, number, number, number, number,
  ];
  // Date.UTC rolls 30 February over to March, so compare the fields it gives back.
  const date = new Date(Date.UTC(year, month - 1, day));
  const offsetOk =
    match[9] === undefined || (Number(match[9]) <= 23 && Number(match[10]) <= 59);
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 60 &&
    offsetOk
  );
}
