/**
 * The `SdkHttpMetadata` and `SdkResponseMetadata` Step Functions adds to a service's answer
 * (recorded on AWS for lambda:invoke and states:startExecution): the response's HTTP headers
 * twice, `AllHttpHeaders` as lists in the service's order and `HttpHeaders` as single values
 * sorted by name, then the status code and the request id.
 */
import type { JsonObject } from "../../../json.js";

/** The two metadata fields of an HTTP 200 answer with `headers` (in the service's order). */
export function sdkHttpMetadata(headers: readonly (readonly [string, string])[], requestId: string): { SdkHttpMetadata: JsonObject; SdkResponseMetadata: JsonObject } {
  const allHeaders: JsonObject = {};
  for (const [name, value] of headers) allHeaders[name] = [value];
  const singleHeaders: JsonObject = {};
  for (const [name, value] of [...headers].sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1))) singleHeaders[name] = value;
  return {
    SdkHttpMetadata: { AllHttpHeaders: allHeaders, HttpHeaders: singleHeaders, HttpStatusCode: 200 },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
