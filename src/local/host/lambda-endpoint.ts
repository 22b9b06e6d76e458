/**
 * Lambda functions the engine does not hold, forwarded to a Lambda-API endpoint (SAM CLI's
 * `sam local start-lambda`, LocalStack, a test's own server) through `@aws-sdk/client-lambda`.
 */
import { InvokeCommand, LambdaClient, LambdaServiceException } from "@aws-sdk/client-lambda";
import { TaskFailed } from "../interpreter/host.js";
import type { JsonValue } from "../../json.js";
import type { LambdaHandler } from "./lambda-registry.js";

/** Dummy credentials: local Lambda endpoints check no signature. */
const CREDENTIALS = { accessKeyId: "AKIALOCALENGINE00000", secretAccessKey: "local-engine-secret" } as const;

function parsed(text: string): JsonValue {
  if (text === "") return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** A source of handlers that invoke function `name` at `endpoint`; `close` destroys the client. */
export function lambdaEndpoint(endpoint: string, region: string): { handlerFor(name: string): LambdaHandler; close(): void } {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`the Lambda endpoint must be a URL such as http://127.0.0.1:3001, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError(`the Lambda endpoint must be an http(s) URL, got ${JSON.stringify(endpoint)}`);
  const client = new LambdaClient({ endpoint, region, credentials: CREDENTIALS, maxAttempts: 1 });
  return {
    handlerFor: (name) => async (event, context) => {
      let answer;
      try {
        answer = await client.send(new InvokeCommand({ FunctionName: name, Payload: new TextEncoder().encode(JSON.stringify(event)) }), { abortSignal: context.signal });
      } catch (error) {
        if (error instanceof LambdaServiceException) throw new TaskFailed(`Lambda.${error.name}`, error.message);
        throw new TaskFailed("Lambda.SdkClientException", `Unable to reach the Lambda endpoint ${endpoint}: ${(error as Error).message}`);
      }
      const payload = answer.Payload ? new TextDecoder().decode(answer.Payload) : "";
      if (answer.FunctionError !== undefined) {
        // A function error: the error name is the payload's errorType, its cause the payload, as Step Functions reports it.
        const body = parsed(payload);
        const errorType = typeof body === "object" && body !== null && !Array.isArray(body) && typeof body["errorType"] === "string" ? body["errorType"] : answer.FunctionError;
        throw new TaskFailed(errorType, payload);
      }
      return parsed(payload);
    },
    close: () => client.destroy(),
  };
}
