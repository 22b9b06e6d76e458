/** The console's addresses: stable deep links with the ARN URL-encoded as one path segment. */

/** Where the console lives on the engine's port. */
export const CONSOLE_ROOT = "/console/";

/** Page of a state machine (or version or alias) ARN. */
export function machinePath(arn: string): string {
  return `/console/state-machines/${encodeURIComponent(arn)}`;
}

/** Page of an execution. */
export function executionPath(arn: string): string {
  return `/console/executions/${encodeURIComponent(arn)}`;
}

/** Page of a map run. */
export function mapRunPath(arn: string): string {
  return `/console/map-runs/${encodeURIComponent(arn)}`;
}

/** A path with a query made of the defined entries. */
export function withQuery(path: string, query: Readonly<Record<string, string | number | undefined>>): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "");
  return entries.length === 0 ? path : `${path}?${new URLSearchParams(entries.map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
}
