/** AWS's `InvalidName` for names the API refuses, using the library's own name rules. */
import { ApiError } from "../api-error.js";
import { InvalidNameError } from "../../errors.js";
import { validateName } from "../../names.js";

/** `name` if AWS would take it, else `InvalidName` quoting it. */
export function checkName(name: string, what: string): string {
  try {
    return validateName(name, what);
  } catch (error) {
    if (error instanceof InvalidNameError) throw new ApiError("InvalidName", `Invalid Name: '${name}' (${error.reason})`);
    throw error;
  }
}
