import { InvalidOptionError } from "../../errors.js";

/**
 * Check a `StringMatches` pattern: `*` matches any run of characters, `\*` is a literal star
 * and `\\` a literal backslash. Any other backslash is refused, because it would read
 * differently to different engines. Returns the pattern.
 */
export function checkWildcardPattern(pattern: string): string {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== "\\") continue;
    const escaped = pattern[i + 1];
    if (escaped !== "*" && escaped !== "\\") {
      throw new InvalidOptionError(
        `StringMatches pattern ${JSON.stringify(pattern)} has a backslash at ${i} that escapes ` +
          (escaped === undefined ? "nothing" : JSON.stringify(escaped)) +
          '; only "\\*" and "\\\\" are escapes',
      );
    }
    i++;
  }
  return pattern;
}

/**
 * The regular expression that matches exactly the strings a `StringMatches` pattern matches
 * (whole string, `*` spanning any characters including none).
 */
export function wildcardPatternToRegExp(pattern: string): RegExp {
  checkWildcardPattern(pattern);
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === "*") {
      source += "[\\s\\S]*";
    } else {
      const literal = ch === "\\" ? pattern[++i]! : ch;
      source += literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${source}$`, "u");
}
