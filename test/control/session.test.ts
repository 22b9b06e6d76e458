import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { SFNClient } from "@aws-sdk/client-sfn";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { AWSSession, defaultSession, setDefaultSession } from "../../src/session.js";
import { AccountIdUnknownError, AwsCallError, InvalidOptionError } from "../../src/errors.js";
import { awsError, mockedSession } from "./helpers.js";

describe("AWSSession", () => {
  afterEach(() => setDefaultSession(undefined));

  it("uses the injected clients as they are", () => {
    const { session } = mockedSession();
    const sfn = new SFNClient({ region: "eu-west-1" });
    const other = new AWSSession({ region: "eu-west-1", sfn });
    expect(other.sfn).toBe(sfn);
    expect(session.sfn).toBe(session.sfn);
  });

  it("builds clients in its region, with its endpoint for Step Functions only", async () => {
    const session = new AWSSession({
      region: "cn-north-1",
      endpoint: "http://127.0.0.1:8083",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
    });
    expect(session.partition).toBe("aws-cn");
    expect(await session.sfn.config.region()).toBe("cn-north-1");
    const endpoint = await session.sfn.config.endpoint!();
    expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe("http://127.0.0.1:8083");
    expect(await session.iam.config.region()).toBe("cn-north-1");
    expect(session.iam.config.endpoint).toBeUndefined();
  });

  it("builds every client with standard retries and 5 attempts unless told otherwise", async () => {
    const session = new AWSSession({ region: "us-east-1", credentials: { accessKeyId: "AKID", secretAccessKey: "secret" } });
    for (const client of [session.sfn, session.iam, session.sts]) {
      expect(client.config.retryMode).toBe("standard");
      expect(await client.config.retryStrategy()).toMatchObject({ mode: "standard" });
      expect(await client.config.maxAttempts()).toBe(5);
    }
  });

  it("builds every client with the retry mode and attempts it is given", async () => {
    const session = new AWSSession({
      region: "us-east-1",
      credentials: { accessKeyId: "AKID", secretAccessKey: "secret" },
      retryMode: "adaptive",
      maxAttempts: 3,
    });
    for (const client of [session.sfn, session.iam, session.sts]) {
      expect(client.config.retryMode).toBe("adaptive");
      expect(await client.config.retryStrategy()).toMatchObject({ mode: "adaptive" });
      expect(await client.config.maxAttempts()).toBe(3);
    }
  });

  it("refuses an unknown retry mode, naming it", () => {
    expect(() => new AWSSession({ retryMode: "legacy" as never })).toThrow(InvalidOptionError);
    expect(() => new AWSSession({ retryMode: "legacy" as never })).toThrow('retryMode must be "standard" or "adaptive", got "legacy"');
  });

  it("asks STS for the account id once and caches it", async () => {
    const { session, sts } = mockedSession({ accountId: null });
    sts.on(GetCallerIdentityCommand).resolves({ Account: "210987654321" });
    expect(session.knownAccountId).toBeUndefined();
    expect(() => session.arnScope).toThrow(AccountIdUnknownError);
    const [a, b] = await Promise.all([session.accountId(), session.accountId()]);
    expect([a, b, await session.accountId()]).toEqual(["210987654321", "210987654321", "210987654321"]);
    expect(sts.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
    expect(session.arnScope).toEqual({ region: "us-west-2", accountId: "210987654321" });
  });

  it("needs no network for a given account id", async () => {
    const { session, sts } = mockedSession();
    expect(await session.accountId()).toBe("123456789012");
    expect(sts.calls()).toHaveLength(0);
  });

  it("turns an STS failure into a typed error with the AWS code, and asks again next time", async () => {
    const { session, sts } = mockedSession({ accountId: null });
    sts.on(GetCallerIdentityCommand).rejectsOnce(awsError("ExpiredToken")).resolves({ Account: "210987654321" });
    const failure = await session.accountId().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsCallError);
    expect((failure as AwsCallError).code).toBe("ExpiredToken");
    expect(await session.accountId()).toBe("210987654321");
  });

  it("prints the region and access key id, never the secret", async () => {
    const { session } = mockedSession();
    expect(session.toString()).toBe("AWSSession(region=us-west-2)");
    const credentials = await session.credentials();
    expect(credentials.secretAccessKey).toContain("EXAMPLEKEY");
    expect(session.toString()).toBe("AWSSession(region=us-west-2, accessKeyId=AKIDEXAMPLE)");
    expect(String(session)).not.toContain("EXAMPLEKEY");
    expect(JSON.stringify(session)).toBe('{"region":"us-west-2","accessKeyId":"AKIDEXAMPLE"}');
    expect(inspect(session, { showHidden: true, depth: 10 })).toBe("AWSSession(region=us-west-2, accessKeyId=AKIDEXAMPLE)");
  });

  it("shares one default session until replaced", () => {
    const first = defaultSession();
    expect(defaultSession()).toBe(first);
    const mine = new AWSSession({ region: "us-east-2", accountId: "123456789012" });
    setDefaultSession(mine);
    expect(defaultSession()).toBe(mine);
  });
});
