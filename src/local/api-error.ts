import { SfiniError } from "../errors.js";

/**
 * An error the local engine answers with, in AWS's wire form: `code` becomes `__type`, `status`
 * the HTTP status. Thrown by the store and the operation handlers alike.
 */
export class ApiError extends SfiniError {
  /**
   * @param code - AWS's error code, e.g. `ResourceNotFound`.
   * @param message - The message clients show.
   * @param status - HTTP status; 400 unless told.
   * @param fields - The error shape's other members, sent beside `message` (e.g. a
   *   `ValidationException`'s `reason`, a `ResourceNotFound`'s `resourceName`).
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/**
 * AWS's message for a field that breaks a constraint (Coral's wording, which clients show): a
 * string or number value in single quotes (`Value '1001' at 'maxResults'`, `Value 'succeeded'
 * at 'statusFilter'`, as recorded), anything else as JSON.
 */
export function constraintError(field: string, value: unknown, constraint: string): ApiError {
  const text = typeof value === "string" && value.length > 200 ? `${value.slice(0, 200)}...` : value;
  const shown = typeof text === "string" || typeof text === "number" ? `'${text}'` : JSON.stringify(text);
  return new ApiError(
    "ValidationException",
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}
