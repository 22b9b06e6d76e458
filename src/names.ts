import { MAX_NAME_LENGTH } from "./asl/limits.js";
import { InvalidNameError } from "./errors.js";

// Characters AWS refuses in SFN resource names (and control characters, checked apart).
const FORBIDDEN = new Set(' \n\t<>{}[]?*"#%\\^|~`$&,;:/');

/**
 * Check a name of an activity, state machine, execution or state; throws
 * {@link InvalidNameError} quoting the name and the reason, before any AWS call is made.
 */
export function validateName(name: string, what = "name"): string {
  if (typeof name !== "string") {
    throw new InvalidNameError(String(name), `${what} must be a string`);
  }
  if (name.length === 0) throw new InvalidNameError(name, `${what} must not be empty`);
  if (name.length > MAX_NAME_LENGTH) {
    throw new InvalidNameError(
      name,
      `${what} is ${name.length} characters long, more than ${MAX_NAME_LENGTH}`,
    );
  }
  for (const ch of name) {
    const code = ch.codePointAt(0)!;
    if (FORBIDDEN.has(ch) || code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
      throw new InvalidNameError(name, `${what} contains the forbidden character ${JSON.stringify(ch)}`);
    }
  }
  return name;
}
