/**
 * HTML built by a tagged template that escapes every interpolated value: markup gets into a
 * page only as an {@link Html} made by this module, so a state named like a tag stays text.
 */
import { escapeXml } from "../../render/svg.js";

/** Markup known to be safe (built by {@link html}, or trusted text such as our own SVG). */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** A value a template takes: text is escaped, Html kept, lists joined, nothing left out. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.text;
  if (value === null || value === undefined || value === false || value === true) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeXml(String(value));
}

/** `html\`<p>${name}</p>\``: the template's text as is, each value escaped (unless Html). */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let text = strings[0]!;
  for (let i = 0; i < values.length; i++) text += render(values[i]!) + strings[i + 1]!;
  return new Html(text);
}

/** Trust markup made elsewhere (our SVG renderer escapes its own text). */
export function trusted(markup: string): Html {
  return new Html(markup);
}
