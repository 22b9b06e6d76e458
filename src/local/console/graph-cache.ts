/**
 * Laid-out graphs by definition text: laying out is the slow part of a picture and a
 * definition does not change, while an execution's marks change with every event.
 */
import { aslPicture } from "../../asl/picture/asl-picture.js";
import { drawSvg, layoutSvg, type SvgLayout, type SvgOptions } from "../../render/svg.js";
import type { JsonValue } from "../../json.js";
import { html, trusted, type Html } from "./html.js";
import { notice } from "./layout.js";

/** Definitions whose layout is kept; the oldest goes first. */
const KEPT = 64;

/** A console's cache of layouts. */
export class GraphCache {
  private readonly layouts = new Map<string, SvgLayout | Error>();

  /** The SVG of `definition` drawn with `options`, or a notice saying why it cannot be drawn. */
  draw(definition: string, options: SvgOptions = {}): Html {
    const layout = this.layout(definition);
    if (layout instanceof Error) return notice("info", html`The graph cannot be drawn: ${layout.message}`);
    return html`<div class="graph">${trusted(drawSvg(layout, { ...options, omitStyle: true }))}</div>`;
  }

  private layout(definition: string): SvgLayout | Error {
    let layout = this.layouts.get(definition);
    if (layout === undefined) {
      try {
        layout = layoutSvg(aslPicture(JSON.parse(definition) as JsonValue));
      } catch (error) {
        layout = error instanceof Error ? error : new Error(String(error));
      }
      if (this.layouts.size >= KEPT) this.layouts.delete(this.layouts.keys().next().value!);
    } else {
      this.layouts.delete(definition);
    }
    this.layouts.set(definition, layout);
    return layout;
  }
}
