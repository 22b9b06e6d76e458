import { describe, expect, it } from "vitest";
import { Choice, Fail, NumericLessThan, Parallel, Pass, Succeed, Task } from "../../src/definitions/index.js";
import { constructStateMachine, type StateMachine } from "../../src/control/state-machine.js";
import { session } from "./helpers.js";

function machine(): StateMachine {
  const init = new Pass("initialise");
  const inc = new Task("increment", "arn:aws:states:::sns:publish");
  init.goesTo(inc);
  const check = new Choice("checkCounter");
  inc.goesTo(check);
  inc.catch(["States.ALL"], new Fail("fail"));
  check.add(new NumericLessThan("$.counter", 10, inc));
  check.setDefault(new Parallel("both").add(new Succeed("left")).add(new Pass("right")));
  return constructStateMachine("loop", init, { session });
}

describe("pictures", () => {
  it("toMermaid draws a flowchart: labelled Choice edges, dotted Catch edges, branches as subgraphs, start and end", () => {
    expect(machine().toMermaid()).toBe(MERMAID);
  });

  it("toDot draws a Graphviz digraph with branches as clusters", () => {
    expect(machine().toDot()).toBe(DOT);
  });

  it("draws a 20,000-state chain without recursion", () => {
    const first = new Pass("s0");
    let last = first;
    for (let i = 1; i < 20_000; i++) last = last.goesTo(new Pass(`s${i}`));
    const lines = constructStateMachine("long", first, { session }).toMermaid().trimEnd().split("\n");
    // header, start, 20,000 states, end marker, start edge, 19,999 next edges, end edge
    expect(lines.length).toBe(1 + 1 + 20_000 + 1 + 1 + 19_999 + 1);
    expect(lines.at(-1)).toBe("  s19999 --> end0");
  });
});

const MERMAID = [
      "flowchart TD",
      "  start0((start))",
      "  s0[\"initialise\"]",
      "  s1[\"increment\"]",
      "  s2{\"checkCounter\"}",
      "  s4[[\"both\"]]",
      "  s3([\"fail\"])",
      "  end0(((end)))",
      "  subgraph cluster0[\"both / branch 0\"]",
      "    start1((start))",
      "    s5([\"left\"])",
      "    end1(((end)))",
      "  end",
      "  subgraph cluster1[\"both / branch 1\"]",
      "    start2((start))",
      "    s6[\"right\"]",
      "    end2(((end)))",
      "  end",
      "  start0 --> s0",
      "  s0 --> s1",
      "  s1 --> s2",
      "  s1 -.->|\"States.ALL\"| s3",
      "  s2 -->|\"$.counter < 10\"| s1",
      "  s2 -->|\"default\"| s4",
      "  s4 --> end0",
      "  s3 --> end0",
      "  start1 --> s5",
      "  s4 -.-> start1",
      "  s5 --> end1",
      "  start2 --> s6",
      "  s4 -.-> start2",
      "  s6 --> end2",
    ].join("\n") + "\n";

const DOT = [
      "digraph \"loop\" {",
      "  rankdir=TB;",
      "  start0 [shape=circle, label=\"start\"];",
      "  s0 [label=\"initialise\", shape=box, style=dashed];",
      "  s1 [label=\"increment\", shape=box];",
      "  s2 [label=\"checkCounter\", shape=diamond];",
      "  s4 [label=\"both\", shape=box3d];",
      "  s3 [label=\"fail\", shape=box, style=\"rounded,bold\", color=red];",
      "  end0 [shape=doublecircle, label=\"end\"];",
      "  subgraph cluster0 {",
      "    label=\"both / branch 0\";",
      "    start1 [shape=circle, label=\"start\"];",
      "    s5 [label=\"left\", shape=box, style=\"rounded,bold\"];",
      "    end1 [shape=doublecircle, label=\"end\"];",
      "  }",
      "  subgraph cluster1 {",
      "    label=\"both / branch 1\";",
      "    start2 [shape=circle, label=\"start\"];",
      "    s6 [label=\"right\", shape=box, style=dashed];",
      "    end2 [shape=doublecircle, label=\"end\"];",
      "  }",
      "  start0 -> s0;",
      "  s0 -> s1;",
      "  s1 -> s2;",
      "  s1 -> s3 [label=\"States.ALL\", style=dotted, color=red];",
      "  s2 -> s1 [label=\"$.counter < 10\"];",
      "  s2 -> s4 [label=\"default\"];",
      "  s4 -> end0;",
      "  s3 -> end0;",
      "  start1 -> s5;",
      "  s4 -> start1 [style=dashed];",
      "  s5 -> end1;",
      "  start2 -> s6;",
      "  s4 -> start2 [style=dashed];",
      "  s6 -> end2;",
      "}",
    ].join("\n") + "\n";
