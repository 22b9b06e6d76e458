import { describe, expect, it } from "vitest";
import { MAX_SVG_NODES, SvgTooLargeError, toSvg, toSvgHtml } from "../../src/render/svg.js";
import { AslPictureError } from "../../src/asl/picture/asl-picture.js";
import type { JsonObject, JsonValue } from "../../src/json.js";

const XSS = "<img src=x onerror=alert(1)>";

const DEFINITION: JsonObject = {
  StartAt: "Pick",
  States: {
    Pick: { Type: "Choice", Choices: [{ Variable: "$.go", BooleanEquals: true, Next: "Fan" }], Default: "Nope" },
    Nope: { Type: "Fail", Error: "X" },
    Fan: {
      Type: "Parallel",
      Branches: [
        { StartAt: "A", States: { A: { Type: "Pass", End: true } } },
        { StartAt: "B", States: { B: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Catch: [{ ErrorEquals: ["States.ALL"], Next: "Handled" }], End: true }, Handled: { Type: "Pass", End: true } } },
      ],
      Next: "Each",
    },
    Each: { Type: "Map", ItemProcessor: { StartAt: "W", States: { W: { Type: "Wait", Seconds: 1, Next: XSS }, [XSS]: { Type: "Pass", End: true } } }, Next: "Done" },
    Done: { Type: "Succeed" },
  },
};

/** The data-state names in document order, with the names of the states each sits inside. */
function stateTree(svg: string): string[] {
  const path: string[] = [];
  const found: string[] = [];
  for (const match of svg.matchAll(/<g class="state[^"]*" data-state="([^"]*)"|<g\b|<\/g>/g)) {
    if (match[1] !== undefined) {
      const name = match[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
      found.push([...path.filter((p) => p !== ""), name].join(" > "));
      path.push(name);
    } else if (match[0] === "</g>") path.pop();
    else path.push("");
  }
  return found;
}

describe("SVG pictures", () => {
  it("draws one element per state, Parallel branches and the Map processor inside their state", () => {
    const svg = toSvg(DEFINITION);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" class="sfini-graph"')).toBe(true);
    expect(stateTree(svg).sort()).toEqual(["Done", "Each", `Each > ${XSS}`, "Each > W", "Fan", "Fan > A", "Fan > B", "Fan > Handled", "Nope", "Pick"].sort());
    expect(svg).toContain('data-state="Pick" data-type="Choice"');
    expect(svg).not.toMatch(/<g [^>]*data-status=/);
    // Choice rules and Catch errors label the arrows.
    expect(svg).toContain(">$.go == true</text>");
    expect(svg).toContain('<g class="edge kind-catch"><title>States.ALL</title>');
  });

  it("escapes every name: a state named like markup is text", () => {
    const svg = toSvg(DEFINITION);
    expect(svg).not.toContain("<img");
    expect(svg).toContain(`data-state="&lt;img src=x onerror=alert(1)&gt;"`);
    expect(svg).toContain(">&lt;img src=x onerror=alert(1)&gt;</text>");
    const html = toSvgHtml(DEFINITION, `<b>"quoted"</b>`);
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("<title>&lt;b&gt;&quot;quoted&quot;&lt;/b&gt;</title>");
    // Characters XML forbids would make the document unreadable: they are replaced.
    expect(toSvg({ StartAt: "a\u0000b", States: { "a\u0000b": { Type: "Pass", End: true } } })).toContain('data-state="a\ufffdb"');
  });

  it("marks states with data-status and data-retried; unmarked states are not-run", () => {
    const svg = toSvg(DEFINITION, {
      marks: new Map([
        ["Pick", { status: "succeeded" }],
        ["B", { status: "caught", retried: true }],
        ["Fan", { status: "running" }],
      ]),
    });
    expect(svg).toContain('data-state="Pick" data-type="Choice" data-status="succeeded" ');
    expect(svg).toContain('data-state="B" data-type="Task" data-status="caught" data-retried="true" ');
    expect(svg).toContain('data-state="Fan" data-type="Parallel" data-status="running" ');
    expect(svg).toContain('data-state="Nope" data-type="Fail" data-status="not-run" ');
  });

  it("links each box when asked, with the address escaped", () => {
    const svg = toSvg(DEFINITION, { href: (name) => `?state=${encodeURIComponent(name)}&x="1"` });
    expect(svg).toContain('<a class="box" href="?state=Pick&amp;x=&quot;1&quot;">');
  });

  it("refuses a definition too large to lay out, and a malformed one, with typed errors", () => {
    const states: Record<string, JsonValue> = {};
    for (let i = 0; i < MAX_SVG_NODES; i++) states[`s${i}`] = i + 1 < MAX_SVG_NODES ? { Type: "Pass", Next: `s${i + 1}` } : { Type: "Pass", End: true };
    expect(() => toSvg({ StartAt: "s0", States: states })).toThrow(SvgTooLargeError);
    expect(() => toSvg({ StartAt: "s0", States: states })).toThrow(`the definition has ${MAX_SVG_NODES + 2} boxes to draw, more than the ${MAX_SVG_NODES} an SVG is laid out for`);
    expect(() => toSvg({ StartAt: "nowhere", States: {} })).toThrow(AslPictureError);
  });
});
