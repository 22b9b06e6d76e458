import { SFNClient } from "@aws-sdk/client-sfn";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { AccountIdUnknownError, InvalidOptionError } from "./errors.js";
import { partitionOf, type ArnScope } from "./arn.js";
import { callAws } from "./aws-call.js";

/** What an {@link AWSSession} is built from; every field is optional. */
export interface AWSSessionOptions {
  /** AWS region; else `AWS_REGION`, `AWS_DEFAULT_REGION`, then `us-east-1`. */
  region?: string;
  /** Account id; given, no STS call is ever made and ARNs are known offline. */
  accountId?: string;
  /** Credentials or a provider; else the SDK's default chain. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /**
   * Endpoint for Step Functions (e.g. the local engine's); IAM and STS keep theirs. Given, the
   * SDK's host prefix is turned off: StartSyncExecution and TestState would otherwise go to
   * `sync-<host>`, which a custom endpoint (`sfini local`, a proxy) does not answer.
   */
  endpoint?: string;
  /** How many attempts the SDK makes for each call (retries included). Default 5. */
  maxAttempts?: number;
  /**
   * The SDK's retry mode. `"standard"` (the default) retries with jittered exponential backoff.
   * `"adaptive"` adds client-side rate limiting: once throttled, the client paces all its calls
   * to what the service accepts. Choose it for fleets (many workers or sessions) that share one
   * account's throttle budget; alone, it slows a client far more than the throttling does.
   */
  retryMode?: RetryMode;
  /** Step Functions client to use instead of building one: this is how tests mock it. */
  sfn?: SFNClient;
  /** IAM client to use instead of building one (e.g. a mock); used to create execution roles. */
  iam?: IAMClient;
  /** STS client to use instead of building one (e.g. a mock); used to look up the account id. */
  sts?: STSClient;
}

/** Retry modes of the AWS SDK that a session can build its clients with. */
export type RetryMode = "standard" | "adaptive";

const RETRY_MODES: ReadonlySet<string> = new Set<RetryMode>(["standard", "adaptive"]);

function envRegion(): string | undefined {
  return process.env["AWS_REGION"] || process.env["AWS_DEFAULT_REGION"] || undefined;
}

/**
 * The one place sfini gets AWS clients from. Every class takes `{ session }`; without one
 * they share {@link defaultSession}. Clients are built lazily, so a session used only to
 * render definitions never loads credentials.
 */
export class AWSSession {
  /** AWS region of every client and ARN of this session. */
  readonly region: string;
  /** The endpoint Step Functions calls go to, if not AWS's. */
  readonly endpoint: string | undefined;
  private readonly options: AWSSessionOptions;
  private sfnClient: SFNClient | undefined;
  private iamClient: IAMClient | undefined;
  private stsClient: STSClient | undefined;
  private account: string | undefined;
  private accountLookup: Promise<string> | undefined;
  private lastCredentials: AwsCredentialIdentity | undefined;

  constructor(options: AWSSessionOptions = {}) {
    if (options.retryMode !== undefined && !RETRY_MODES.has(options.retryMode)) {
      throw new InvalidOptionError(`retryMode must be "standard" or "adaptive", got ${JSON.stringify(options.retryMode)}`);
    }
    this.options = options;
    this.region = options.region ?? envRegion() ?? "us-east-1";
    this.endpoint = options.endpoint;
    this.account = options.accountId;
    this.sfnClient = options.sfn;
    this.iamClient = options.iam;
    this.stsClient = options.sts;
    if (options.credentials && typeof options.credentials !== "function") {
      this.lastCredentials = options.credentials;
    }
  }

  /** AWS partition of the region: `aws`, `aws-cn`, `aws-us-gov`, ... */
  get partition(): string {
    return partitionOf(this.region);
  }

  private clientConfig() {
    return {
      region: this.region,
      credentials: this.options.credentials ?? fromNodeProviderChain(),
      maxAttempts: this.options.maxAttempts ?? 5,
      // Not "adaptive" by default: its client-side rate limiter, once throttled, paced a single
      // client to under a third of its throughput in bench/chaos.ts (3 % throttling).
      retryMode: this.options.retryMode ?? "standard",
    };
  }

  /** The Step Functions client. */
  get sfn(): SFNClient {
    this.sfnClient ??= new SFNClient({
      ...this.clientConfig(),
      ...(this.endpoint ? { endpoint: this.endpoint, disableHostPrefix: true } : {}),
    });
    return this.sfnClient;
  }

  /** The IAM client. */
  get iam(): IAMClient {
    this.iamClient ??= new IAMClient(this.clientConfig());
    return this.iamClient;
  }

  /** The STS client. */
  get sts(): STSClient {
    this.stsClient ??= new STSClient(this.clientConfig());
    return this.stsClient;
  }

  /** The account id if known without a network call (given, or fetched before). */
  get knownAccountId(): string | undefined {
    return this.account;
  }

  /** Region and account id for building ARNs synchronously; throws if the account is unknown. */
  get arnScope(): ArnScope {
    if (this.account === undefined) {
      throw new AccountIdUnknownError(
        "the AWS account id is not known yet: build the session with { accountId }, " +
          "or await session.accountId() once before rendering ARNs",
      );
    }
    return { region: this.region, accountId: this.account };
  }

  /** The account id, from the options or else STS GetCallerIdentity (asked once, then cached). */
  async accountId(): Promise<string> {
    if (this.account !== undefined) return this.account;
    this.accountLookup ??= callAws("GetCallerIdentity", () => this.sts.send(new GetCallerIdentityCommand({}))).then(
      (identity) => {
        if (!identity.Account) throw new AccountIdUnknownError("STS GetCallerIdentity returned no account");
        this.account = identity.Account;
        return identity.Account;
      },
      (error: unknown) => {
        this.accountLookup = undefined;
        throw error;
      },
    );
    return this.accountLookup;
  }

  /** Region and account id, fetching the account id if needed. */
  async resolveArnScope(): Promise<ArnScope> {
    return { region: this.region, accountId: await this.accountId() };
  }

  /** The credentials the Step Functions client signs with. */
  async credentials(): Promise<AwsCredentialIdentity> {
    const provider = this.sfn.config.credentials;
    const credentials = await provider();
    this.lastCredentials = credentials;
    return credentials;
  }

  /** Region and access key id (once known); never the secret. */
  toString(): string {
    const key = this.lastCredentials?.accessKeyId;
    return `AWSSession(region=${this.region}` + (key ? `, accessKeyId=${key}` : "") + ")";
  }

  /** What `JSON.stringify` shows: region, endpoint and access key id; never the secret. */
  toJSON(): {
    /** AWS region of the session. */
    region: string;
    /** The Step Functions endpoint; left out when it is AWS's own. */
    endpoint?: string;
    /** Access key id of the credentials last used; left out until they are loaded. */
    accessKeyId?: string;
  } {
    const key = this.lastCredentials?.accessKeyId;
    return { region: this.region, ...(this.endpoint ? { endpoint: this.endpoint } : {}), ...(key ? { accessKeyId: key } : {}) };
  }

  // console.log and util.inspect would otherwise print the private fields, credentials included.
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

let shared: AWSSession | undefined;

/** The session used by every object made without `{ session }`; built on first use. */
export function defaultSession(): AWSSession {
  shared ??= new AWSSession();
  return shared;
}

/** Replace the shared default session (e.g. with the local engine's). */
export function setDefaultSession(session: AWSSession | undefined): void {
  shared = session;
}
