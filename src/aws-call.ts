import { AwsCallError } from "./errors.js";

/**
 * Run one AWS call, turning the SDK's service error into an {@link AwsCallError} that keeps the
 * AWS error code (`name`) and the original error as `cause`.
 */
export async function callAws<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toAwsCallError(operation, error);
  }
}

/** The AWS error code of an SDK error (its `name`), or undefined for anything else. */
export function awsErrorCode(error: unknown): string | undefined {
  if (error instanceof AwsCallError) return error.code;
  if (error instanceof Error && "$metadata" in error) return error.name;
  return undefined;
}

function toAwsCallError(operation: string, error: unknown): unknown {
  const code = awsErrorCode(error);
  if (code === undefined || error instanceof AwsCallError) return error;
  return new AwsCallError(operation, code, (error as Error).message, { cause: error });
}
