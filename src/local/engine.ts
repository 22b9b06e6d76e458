/**
 * The embedded local Step Functions engine: a store, an HTTP server speaking the SFN API on
 * 127.0.0.1, and the interpreter running each execution. Reach it with `engine.session` (or any
 * SFN client, the AWS CLI, boto3) at `engine.endpoint`.
 */
import { SFNClient } from "@aws-sdk/client-sfn";
import { AWSSession, type RetryMode } from "../session.js";
import { EngineClock } from "./clock.js";
import { ActivityStore } from "./store/activity-store.js";
import { StateMachineStore } from "./store/state-machine-store.js";
import { ExecutionStore, type ExecutionRecord, type ExecutionRetention } from "./store/execution-store.js";
import { TaskTokens } from "./store/task-tokens.js";
import { TagStore } from "./store/tag-store.js";
import { MapRunStore } from "./store/map-run-store.js";
import { ExecutionService, type RunExecution } from "./executions.js";
import { LocalTaskHost } from "./host/task-host.js";
import { LambdaRegistry, type LambdaHandler } from "./host/lambda-registry.js";
import { ServiceMocks, type MockedServiceResponse } from "./host/service-mocks.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { startHttpServer, type StartedServer } from "./server/http-server.js";
import { WebConsole } from "./console/web-console.js";
import { engineConsoleData } from "./console/console-data.js";
import { operations } from "./server/operations.js";
import type { EngineState } from "./server/operation.js";
import { checkDefinition } from "./definition-check.js";
import { runExecution as interpreterRunExecution } from "./interpreter/index.js";
import { runTestState } from "./host/test-state-runner.js";
import { loadMockConfig } from "./mock-config/load-mock-config.js";
import type { MockConfig } from "./mock-config/mock-config.js";
import { TestCaseRuns } from "./mock-config/test-case-runs.js";
import { lambdaEndpoint } from "./host/lambda-endpoint.js";

/** Options of {@link LocalEngine.start}; every field is optional. */
export interface LocalEngineOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; default `127.0.0.1` (the engine checks no signatures: keep it local). */
  host?: string;
  /** Region in the ARNs; default `us-east-1`. */
  region?: string;
  /** Account id in the ARNs; default `123456789012`. */
  accountId?: string;
  /** Fault injection from the start; change it later with `engine.faults.configure(...)`. */
  faults?: FaultOptions;
  /** How long GetActivityTask waits for a task, in seconds; default 60 as on AWS. */
  activityPollTimeoutSeconds?: number;
  /**
   * Real time per ASL time: `0.01` makes every `TimeoutSeconds`, `HeartbeatSeconds`, Wait and
   * Retry interval 100 times shorter (for tests). Default 1.
   */
  timeScale?: number;
  /** Clock in ms since the epoch; default `Date.now`. */
  now?: () => number;
  /** Random numbers for alias routing, jitter and `States.MathRandom`; default `Math.random`. */
  random?: () => number;
  /**
   * Which ended executions are kept: by default the newest 10,000; older ones are dropped whole
   * (their ARNs then answer `ExecutionDoesNotExist`), so a long-lived engine stays bounded.
   */
  retention?: ExecutionRetention;
  /** Real ms a client has to send a request body; default 30,000, then 408 and the connection closed. */
  requestBodyTimeoutMs?: number;
  /** Cap on the request bytes buffered across all requests in flight; default 64 MiB, then 503 `ServiceUnavailable`. */
  maxBufferedRequestBytes?: number;
  /**
   * Step Functions Local's mock configuration (`MockConfigFile.json`): a path to the file or the
   * object. StartExecution / StartSyncExecution on `<stateMachineArn>#<TestCase>` then run that
   * test case. Handler modules the file names are imported before the engine starts.
   */
  mockConfig?: string | MockConfig;
  /**
   * A Lambda-API endpoint (e.g. SAM CLI's `http://127.0.0.1:3001`): Lambda Tasks of functions
   * not registered with `registerLambda` are invoked there through `@aws-sdk/client-lambda`.
   */
  lambdaEndpoint?: string;
  /** The interpreter's `runExecution`; default the one of src/local/interpreter (tests swap in stand-ins). */
  runExecution?: RunExecution;
  /**
   * Serve the web console on the same port (GET `/console/`; the API on POST `/` is
   * unchanged); default false here, on for `sfini local`. See {@link LocalEngine.consoleUrl}.
   */
  console?: boolean;
}

/** Dummy credentials: the engine checks no signature, but the SDK wants something to sign with. */
export const LOCAL_CREDENTIALS = {
  /** A fixed, fake access key id. */
  accessKeyId: "AKIALOCALENGINE00000",
  /** A fixed, fake secret; the engine never checks it. */
  secretAccessKey: "local-engine-secret",
} as const;

/** A running local Step Functions engine. */
export class LocalEngine {
  /** `http://<host>:<port>`: give it to any SFN client as its endpoint. */
  readonly endpoint: string;
  /** The web console's address (`<endpoint>/console/`) when started with `console: true`; else undefined. */
  readonly consoleUrl: string | undefined;
  /** An {@link AWSSession} that reaches this engine (region, account id, dummy credentials). */
  readonly session: AWSSession;
  /** Fault injection, reconfigurable while running. */
  readonly faults: FaultInjector;
  /** Region in the engine's ARNs (option `region`, default `us-east-1`). */
  readonly region: string;
  /** Account id in the engine's ARNs (option `accountId`, default `123456789012`). */
  readonly accountId: string;
  private readonly lambdas: LambdaRegistry;
  private readonly mocks: ServiceMocks;
  private readonly testCases: TestCaseRuns;
  private readonly releases: (() => void)[];
  private readonly state: EngineState;
  private readonly server: StartedServer;
  private closing: Promise<void> | undefined;

  private constructor(parts: {
    endpoint: string;
    consoleUrl: string | undefined;
    region: string;
    accountId: string;
    faults: FaultInjector;
    lambdas: LambdaRegistry;
    mocks: ServiceMocks;
    testCases: TestCaseRuns;
    state: EngineState;
    server: StartedServer;
    /** Released on close, after the server (e.g. the Lambda endpoint's client). */
    releases: (() => void)[];
  }) {
    this.endpoint = parts.endpoint;
    this.consoleUrl = parts.consoleUrl;
    this.region = parts.region;
    this.accountId = parts.accountId;
    this.faults = parts.faults;
    this.lambdas = parts.lambdas;
    this.mocks = parts.mocks;
    this.testCases = parts.testCases;
    this.releases = parts.releases;
    this.state = parts.state;
    this.server = parts.server;
    this.session = new AWSSession({
      region: this.region,
      accountId: this.accountId,
      endpoint: this.endpoint,
      credentials: LOCAL_CREDENTIALS,
      sfn: LocalEngine.client(this.endpoint, this.region),
    });
  }

  /**
   * An SFN client for `endpoint`, with the retries an `AWSSession` would give it (standard by
   * default); the host prefix (`sync-`) of StartSyncExecution is turned off so it reaches the
   * same address.
   */
  static client(endpoint: string, region: string, retryMode: RetryMode = "standard"): SFNClient {
    return new SFNClient({
      endpoint,
      region,
      credentials: LOCAL_CREDENTIALS,
      disableHostPrefix: true,
      maxAttempts: 5,
      retryMode,
    });
  }

  /** Start an engine and its server; resolves once it listens. */
  static async start(options: LocalEngineOptions = {}): Promise<LocalEngine> {
    const host = options.host ?? "127.0.0.1";
    const port = options.port ?? 0;
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new RangeError(`port must be an integer in 0-65535, got ${String(port)}`);
    const region = options.region ?? "us-east-1";
    const accountId = options.accountId ?? "123456789012";
    if (!/^[0-9]{12}$/.test(accountId)) throw new RangeError(`accountId must be 12 digits, got ${JSON.stringify(accountId)}`);
    const pollSeconds = options.activityPollTimeoutSeconds ?? 60;
    if (!(pollSeconds >= 0) || !Number.isFinite(pollSeconds)) {
      throw new RangeError(`activityPollTimeoutSeconds must be a finite number >= 0, got ${String(pollSeconds)}`);
    }
    const clock = new EngineClock(options.timeScale ?? 1, options.now ?? Date.now);
    const testCases = new TestCaseRuns(options.mockConfig === undefined ? new Map() : await loadMockConfig(options.mockConfig));
    const faults = new FaultInjector(options.faults ?? {});
    const forward = options.lambdaEndpoint === undefined ? undefined : lambdaEndpoint(options.lambdaEndpoint, region);
    const lambdas = new LambdaRegistry(forward?.handlerFor);
    const mocks = new ServiceMocks();
    const activities = new ActivityStore(clock, pollSeconds * 1000);
    const machines = new StateMachineStore(clock);
    const executions = new ExecutionStore(options.retention);
    const tokens = new TaskTokens();
    const mapRuns = new MapRunStore(clock, executions);
    const runExecution = options.runExecution ?? interpreterRunExecution;
    let runs: ExecutionService | undefined;
    const taskHost = new LocalTaskHost({
      clock,
      region,
      accountId,
      activities,
      tokens,
      lambdas,
      mocks,
      executions: () => runs!,
      mapRuns,
      testCases,
      ...(options.random ? { random: options.random } : {}),
    });
    runs = new ExecutionService(machines, executions, clock, () => taskHost, () => Promise.resolve(runExecution), testCases);
    const state: EngineState = {
      clock,
      region,
      accountId,
      activities,
      machines,
      executions,
      runs,
      tokens,
      tags: new TagStore(),
      mapRuns,
      checkDefinition,
      testState: (request) => runTestState(request, taskHost),
    };
    const server = await startHttpServer({
      host,
      port,
      operations,
      engine: state,
      faults,
      delay: (ms) => new Promise((resolve) => clock.setRealTimer(resolve, ms)),
      ...(options.requestBodyTimeoutMs !== undefined ? { bodyTimeoutMs: options.requestBodyTimeoutMs } : {}),
      ...(options.maxBufferedRequestBytes !== undefined ? { maxBufferedBytes: options.maxBufferedRequestBytes } : {}),
      ...(options.console ? { web: new WebConsole(engineConsoleData(state, operations)) } : {}),
    });
    const shownHost = host.includes(":") ? `[${host}]` : host;
    const endpoint = `http://${shownHost}:${server.port}`;
    const consoleUrl = options.console ? `${endpoint}/console/` : undefined;
    return new LocalEngine({ endpoint, consoleUrl, region, accountId, faults, lambdas, mocks, testCases, state, server, releases: forward ? [forward.close] : [] });
  }

  /** The port the engine listens on. */
  get port(): number {
    return this.server.port;
  }

  /**
   * Register an in-process Lambda function, reached by Tasks whose `Resource` is its function
   * ARN or `arn:aws:states:::lambda:invoke` with `FunctionName` naming it.
   */
  registerLambda(name: string, handler: LambdaHandler): void {
    this.lambdas.register(name, handler);
  }

  /** Give a service integration (e.g. `arn:aws:states:::sqs:sendMessage`) a response. */
  mockServiceResponse(resource: string, response: MockedServiceResponse): void {
    this.mocks.set(resource, response);
  }

  /**
   * Replace the mock configuration (a path or the object; see {@link LocalEngineOptions.mockConfig}).
   * Executions already running keep the test case they started with.
   */
  async loadMockConfig(config: string | MockConfig): Promise<void> {
    this.testCases.configure(await loadMockConfig(config));
  }

  /** The test case an execution runs (`<stateMachineArn>#<TestCase>`), if any. */
  testCaseOf(executionArn: string): string | undefined {
    return this.testCases.testCaseOf(executionArn);
  }

  /** Resolves when the execution is no longer RUNNING; `ExecutionDoesNotExist` if unknown. */
  async whenExecutionEnds(
    executionArn: string,
    signal?: AbortSignal,
  ): Promise<{
    /** How it ended: `SUCCEEDED`, `FAILED`, `TIMED_OUT` or `ABORTED` (DescribeExecution's `status`). */
    status: string;
    /** Its output as JSON text; left out unless it succeeded. */
    output?: string;
    /** Error name of the failure; left out when there is none. */
    error?: string;
    /** Cause of the failure; left out when there is none. */
    cause?: string;
  }> {
    const record: ExecutionRecord = await this.state.runs.whenDone(executionArn, signal);
    return {
      status: record.status,
      ...(record.output !== undefined ? { output: record.output } : {}),
      ...(record.error !== undefined ? { error: record.error } : {}),
      ...(record.cause !== undefined ? { cause: record.cause } : {}),
    };
  }

  /** How many GetActivityTask long polls wait on the activity now (0 for an unknown one). */
  waitingPolls(activityArn: string): number {
    return this.state.activities.has(activityArn) ? this.state.activities.get(activityArn).polls.length : 0;
  }

  /**
   * Stop: long polls end empty, running executions are aborted, every timer and connection is
   * closed. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.state.activities.close();
      this.state.runs.close();
      // Let the answers of the ended polls go out before the connections are cut.
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.state.clock.cancelAll();
      await this.server.close();
      this.session.sfn.destroy();
      for (const release of this.releases) release();
    })();
    return this.closing;
  }
}
