/**
 * Parser for intrinsic-function calls (`States.Format('x={}', $.x)`): single-quoted strings
 * with `\` escapes, numbers, `true`/`false`/`null`, paths and nested calls. Each call in a
 * definition is parsed once, when the definition is compiled.
 */
import { StatesError, StatesErrorName } from "../errors.js";

/** One argument (or the whole call) of an intrinsic function. */
export type IntrinsicNode =
  | { kind: "call"; name: string; args: IntrinsicNode[] }
  | { kind: "literal"; value: string | number | boolean | null }
  | { kind: "path"; path: string };

/** True when a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsicCall(text: string): boolean {
  return /^States\.[A-Za-z0-9]+\s*\(/.test(text.trimStart());
}

/** Parse `text`; a syntax error is `States.IntrinsicFailure` quoting the text. */
export function parseIntrinsic(text: string): IntrinsicNode {
  return new IntrinsicParser(text).parseWhole();
}

class IntrinsicParser {
  private at = 0;
  constructor(private readonly text: string) {}

  parseWhole(): IntrinsicNode {
    this.skipSpace();
    const node = this.parseCall();
    this.skipSpace();
    if (this.at !== this.text.length) this.fail("unexpected text after the call");
    return node;
  }

  private fail(why: string): never {
    throw new StatesError(
      StatesErrorName.IntrinsicFailure,
      `Invalid intrinsic function call ${JSON.stringify(this.text)} at position ${this.at}: ${why}`,
    );
  }

  private skipSpace(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at]!)) this.at++;
  }

  private parseCall(): IntrinsicNode {
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.at));
    if (!match) this.fail("expected a function name like States.Format");
    const name = match[0];
    this.at += name.length;
    this.skipSpace();
    if (this.text[this.at] !== "(") this.fail(`expected '(' after ${name}`);
    this.at++;
    const args: IntrinsicNode[] = [];
    this.skipSpace();
    if (this.text[this.at] === ")") {
      this.at++;
      return { kind: "call", name, args };
    }
    for (;;) {
      this.skipSpace();
      args.push(this.parseArgument());
      this.skipSpace();
      const c = this.text[this.at];
      if (c === ",") {
        this.at++;
        continue;
      }
      if (c === ")") {
        this.at++;
        return { kind: "call", name, args };
      }
      this.fail("expected ',' or ')'");
    }
  }

  private parseArgument(): IntrinsicNode {
    const rest = this.text.slice(this.at);
    const c = rest[0];
    if (c === "'") return this.parseString();
    if (c === "$") return this.parsePathArgument();
    if (rest.startsWith("States.")) return this.parseCall();
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(rest);
    if (number) {
      this.at += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    for (const [word, value] of [["true", true], ["false", false], ["null", null]] as const) {
      if (rest.startsWith(word) && !/[A-Za-z0-9_]/.test(rest[word.length] ?? "")) {
        this.at += word.length;
        return { kind: "literal", value };
      }
    }
    this.fail("expected a string, number, boolean, null, path or function call");
  }

  private parseString(): IntrinsicNode {
    this.at++;
    let value = "";
    while (this.at < this.text.length) {
      const c = this.text[this.at]!;
      if (c === "\\") {
        const next = this.text[this.at + 1];
        if (next === undefined) this.fail("unfinished escape");
        // `\{` and `\}` stay escaped: States.Format needs them to tell literal braces apart.
        value += next === "{" || next === "}" ? "\\" + next : next;
        this.at += 2;
        continue;
      }
      if (c === "'") {
        this.at++;
        return { kind: "literal", value };
      }
      value += c;
      this.at++;
    }
    this.fail("unterminated string");
  }

  /** A path runs to the next `,` or `)` outside brackets and quotes. */
  private parsePathArgument(): IntrinsicNode {
    const start = this.at;
    let depth = 0;
    let quote: string | undefined;
    while (this.at < this.text.length) {
      const c = this.text[this.at]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === "[" || c === "(") {
        depth++;
      } else if (c === "]" || (c === ")" && depth > 0)) {
        depth--;
      } else if (depth === 0 && (c === "," || c === ")")) {
        break;
      }
      this.at++;
    }
    return { kind: "path", path: this.text.slice(start, this.at).trim() };
  }
}
