/**
 * Payload texts made when first read. Most inputs and outputs a run records are small, and most
 * histories are never read (or read long after): serializing each value as it is recorded was
 * the largest single cost of a chain of in-process Lambda Tasks. A value whose JSON is surely
 * short is recorded as a {@link DeferredText}; a longer one, which the history counts against
 * its payload bound and shares with equal texts, is serialized at once as before.
 *
 * Values are never changed in place (the interpreter's rule; a Lambda handler is given a copy
 * of its event), so the text made later is the text the value had when it was recorded.
 */
import type { JsonValue } from "../../json.js";

/**
 * The longest JSON text (UTF-16 units) a value may surely have to be recorded deferred. Below
 * the history's long texts (256 and more, which it shares and counts), and far below the
 * payload limit: such a value needs no size check.
 */
export const DEFERRED_TEXT_MAX_LENGTH = 255;

/** The longest text `String(n)` gives a finite number (`-0.0000012345678901234567`). */
const MAX_NUMBER_LENGTH = 25;

/** The JSON text of a recorded value, made when first read. */
export class DeferredText {
  private made: string | undefined;

  /** @param value - what the text is the JSON of (let go of once the text is made) */
  constructor(private value: JsonValue) {}

  /** The value's JSON text (made once). */
  get text(): string {
    if (this.made === undefined) {
      this.made = JSON.stringify(this.value);
      this.value = null;
    }
    return this.made;
  }

  /** `JSON.stringify` of an event's details writes the text. */
  toJSON(): string {
    return this.text;
  }
}

/** A payload text of a history event: the text, or the value it will be made of. */
export type EventText = string | DeferredText;

/** The string of an {@link EventText} (a deferred one is made now). */
export function plainText(text: EventText): string {
  return typeof text === "string" ? text : text.text;
}

/**
 * Whether `value`'s JSON text is surely at most {@link DEFERRED_TEXT_MAX_LENGTH} long, by an
 * upper bound of its length: a string counts 6 units a character (a `\u0000` escape), a number
 * its longest form. The walk stops as soon as the bound passes the limit, so a large value costs
 * only its first few hundred characters' worth. Anything but plain data (a `toJSON`, a class
 * instance) is not short: `JSON.stringify` alone says what it writes.
 */
export function isSurelyShort(value: JsonValue): boolean {
  return lengthBound(value, DEFERRED_TEXT_MAX_LENGTH) <= DEFERRED_TEXT_MAX_LENGTH;
}

function lengthBound(value: JsonValue, budget: number): number {
  if (value === null) return 4;
  switch (typeof value) {
    case "string":
      return 2 + 6 * value.length;
    case "number":
      return MAX_NUMBER_LENGTH;
    case "boolean":
      return 5;
    case "object":
      break;
    default:
      return budget + 1;
  }
  let length = 2;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return budget + 1;
    for (let i = 0; i < value.length && length <= budget; i++) length += 1 + lengthBound(value[i]!, budget - length);
    return length;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return budget + 1;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return budget + 1;
  for (const key in value) {
    length += 4 + 6 * key.length + lengthBound(value[key]!, budget - length);
    if (length > budget) return length;
  }
  return length;
}
