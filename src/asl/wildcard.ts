import { InvalidOptionError } from "../errors.js";

/**
 * `StringMatches` patterns, read once and matched without regular expressions: `*` matches any
 * run of characters (none included), `\*` is a literal star and `\\` a literal backslash. The
 * pattern splits at its stars into literal pieces; the first must start the text, the last end
 * it, and each one between is found at its leftmost place after the previous one. Taking the
 * leftmost place is never wrong (it leaves the most text for the rest), so there is no
 * backtracking: a 40-character text against a 10-star pattern is a few `indexOf` calls.
 */

/** A parsed `StringMatches` pattern. */
export interface WildcardPattern {
  /** The pattern as written. */
  readonly source: string;
  /** The literal pieces between the stars (one more than there are stars; empty ones included). */
  readonly pieces: readonly string[];
  /**
   * Why the pattern is not well formed (a backslash before anything but `*` or `\`), or
   * undefined. Such a backslash reads as the literal character it precedes (a trailing one
   * as itself).
   */
  readonly problem: string | undefined;
}

/** Read a `StringMatches` pattern into its literal pieces. */
export function parseWildcard(pattern: string): WildcardPattern {
  const pieces: string[] = [];
  let piece = "";
  let problem: string | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") {
      pieces.push(piece);
      piece = "";
    } else if (ch === "\\") {
      const escaped = pattern[i + 1];
      if (escaped !== "*" && escaped !== "\\") {
        problem ??=
          `StringMatches pattern ${JSON.stringify(pattern)} has a backslash at ${i} that escapes ` +
          (escaped === undefined ? "nothing" : JSON.stringify(escaped)) +
          '; only "\\*" and "\\\\" are escapes';
      }
      if (escaped === undefined) {
        piece += ch;
      } else {
        piece += escaped;
        i++;
      }
    } else {
      piece += ch;
    }
  }
  pieces.push(piece);
  return { source: pattern, pieces, problem };
}

/** True when the whole of `text` matches the parsed pattern. */
export function matchesWildcard(pattern: WildcardPattern, text: string): boolean {
  const { pieces } = pattern;
  const first = pieces[0]!;
  if (pieces.length === 1) return text === first;
  const last = pieces[pieces.length - 1]!;
  if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) return false;
  let from = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece.length === 0) continue;
    const at = text.indexOf(piece, from);
    if (at < 0 || at + piece.length > end) return false;
    from = at + piece.length;
  }
  return true;
}

/** True when the whole of `text` matches `pattern` (a convenience over {@link parseWildcard}). */
export function wildcardMatches(pattern: string, text: string): boolean {
  return matchesWildcard(parseWildcard(pattern), text);
}

/**
 * Check a `StringMatches` pattern given to a builder: any backslash but `\*` and `\\` is
 * refused, because it would read differently to different engines. Returns the pattern.
 */
export function checkWildcardPattern(pattern: string): string {
  const { problem } = parseWildcard(pattern);
  if (problem !== undefined) throw new InvalidOptionError(problem);
  return pattern;
}
