/**
 * The JSON texts a run has made of its values for history events (values are never changed in
 * place, so a value's text stays its text).
 */

import type { EventText } from "./deferred-text.js";

/** How many recent values are kept by identity. */
const RECENT = 4;
/** Texts at least this long are also kept in a WeakMap, for as long as their value lives. */
const LONG_TEXT = 1024;

/**
 * The last few texts by identity, found without a WeakMap (a state's output is the next one's
 * input, a Task's input is its scheduled event's); long texts also in a WeakMap, so a large
 * value met again later (each Parallel branch's input) is still serialized once. A short
 * text that fell out is made again: cheaper than a WeakMap entry for every value.
 */
export class TextCache {
  private readonly values: (object | undefined)[] = new Array<object | undefined>(RECENT).fill(undefined);
  private readonly texts: EventText[] = new Array<EventText>(RECENT).fill("");
  private next = 0;
  private long: WeakMap<object, string> | undefined;

  /** The text kept for `value`, or undefined. */
  get(value: object): EventText | undefined {
    const { values } = this;
    for (let i = 0; i < RECENT; i++) if (values[i] === value) return this.texts[i];
    return this.long?.get(value);
  }

  /** Keep `text` as the text of `value`. */
  set(value: object, text: EventText): void {
    this.values[this.next] = value;
    this.texts[this.next] = text;
    this.next = (this.next + 1) % RECENT;
    if (typeof text === "string" && text.length >= LONG_TEXT) (this.long ??= new WeakMap()).set(value, text);
  }
}
