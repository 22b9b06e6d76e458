import { SFNClient } from "@aws-sdk/client-sfn";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { AWSSession } from "../../src/session.js";
import type { ControlledStateMachine } from "../../src/control/state-machine-control.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

/** A session with mocked SFN, IAM and STS clients, in us-west-2, account 123456789012. */
export function mockedSession(options: { accountId?: string | null } = {}) {
  const sfn = new SFNClient({ region: "us-west-2", credentials, maxAttempts: 1 });
  const iam = new IAMClient({ region: "us-west-2", credentials, maxAttempts: 1 });
  const sts = new STSClient({ region: "us-west-2", credentials, maxAttempts: 1 });
  const session = new AWSSession({
    region: "us-west-2",
    ...(options.accountId === null ? {} : { accountId: options.accountId ?? "123456789012" }),
    sfn,
    iam,
    sts,
  });
  return { session, sfn: mockClient(sfn), iam: mockClient(iam), sts: mockClient(sts) };
}

/** A service error as the SDK throws it (a `name` and `$metadata`). */
export function awsError(name: string, message = name): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, $fault: "client" });
}

/** A stand-in for StateMachine: only what the control layer reads. */
export function standInMachine(
  session: AWSSession,
  definition: unknown,
  extra: { name?: string; type?: "STANDARD" | "EXPRESS"; tags?: Record<string, string>; valid?: boolean } = {},
): ControlledStateMachine & { validated: number } {
  return {
    name: extra.name ?? "testAdding",
    session,
    type: extra.type,
    tags: extra.tags,
    validated: 0,
    toDefinition: () => definition,
    assertValid() {
      this.validated++;
      if (extra.valid === false) throw new Error("invalid definition");
      return definition;
    },
  };
}

/**
 * A fake for a paginated command: answers the page of the request's token (`""` for the
 * first) and records a copy of each input as sent (the SDK paginators reuse one input object,
 * so the mock's own call log shows only its last state).
 */
export function pages<O>(byToken: Record<string, O>, seen: object[], tokenKey = "nextToken") {
  return (input: object): O => {
    seen.push(JSON.parse(JSON.stringify(input)) as object);
    const token = (input as Record<string, unknown>)[tokenKey];
    const page = byToken[typeof token === "string" ? token : ""];
    if (page === undefined) throw new Error(`no page for token ${String(token)}`);
    return page;
  };
}
