/**
 * `nextToken` / `maxResults` paging as the SFN API does it: a page holds at most `maxResults`
 * items (0 or absent: the default, 100), and an opaque token resumes where the page ended. The
 * token names the listing it belongs to, so one listing's token given to another is `InvalidToken`.
 */
import { ApiError } from "../api-error.js";
import type { OperationInput } from "./input.js";
import type { JsonObject, JsonValue } from "../../json.js";

/** What a listing pages over: an array, or a view that makes only the items read (a history). */
export interface Listing<T> {
  readonly length: number;
  slice(start: number, end: number): T[];
}

/** One page of a listing. */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * A listing's answer: the page `input` asks for, its items under `key` as `toWire` gives them,
 * and `nextToken` when more follow.
 * @param listing identifies the listing (e.g. `executions:<machine arn>`), so tokens don't cross.
 */
export function pageAnswer<T>(key: string, items: Listing<T>, input: OperationInput, listing: string, toWire: (item: T) => JsonValue): JsonObject {
  const page = pageOf(items, input, listing);
  return { [key]: page.items.map(toWire), ...(page.nextToken ? { nextToken: page.nextToken } : {}) };
}

/**
 * Cut the page `input` asks for out of `items`.
 * @param listing identifies the listing (e.g. `executions:<machine arn>`), so tokens don't cross.
 */
export function pageOf<T>(items: Listing<T>, input: OperationInput, listing: string, max = 1000): Page<T> {
  const requested = input.optionalInteger("maxResults", 0, max) ?? 0;
  const size = requested === 0 ? Math.min(100, max) : requested;
  const token = input.optionalString("nextToken", 1024);
  const start = token === undefined ? 0 : decodeToken(token, listing);
  const end = start + size;
  const page: Page<T> = { items: items.slice(start, end) };
  if (end < items.length) page.nextToken = encodeToken(end, listing);
  return page;
}

function encodeToken(offset: number, listing: string): string {
  return Buffer.from(JSON.stringify({ o: offset, l: listing })).toString("base64");
}

function decodeToken(token: string, listing: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { o?: unknown; l?: unknown };
    if (typeof parsed.o === "number" && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.l === listing) {
      return parsed.o;
    }
  } catch {
    // fall through: any undecodable token is invalid
  }
  throw new ApiError("InvalidToken", `Invalid Token: 'Invalid nextToken: ${token}'`);
}
