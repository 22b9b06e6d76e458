/**
 * AWS's own walkthrough of Step Functions Local's mocked service integrations, run as written
 * with the AWS CLI v2 against `sfini local --mock-config MockConfigFile.json`: the
 * LambdaSQSIntegration machine and its HappyPath, RetryPath and HybridPath test cases; and a
 * Lambda Task answered by `sfini local --lambdas handlers.mjs`. Skipped, with the reason
 * printed, where no v2 CLI is installed (.ci/run installs Debian's awscli when it can).
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = "test/local/fixtures/mock-config";

/** The v2 CLI (a v1 may come first on PATH), or why there is none. */
function awsCliV2(): { aws: string } | { missing: string } {
  for (const candidate of ["/usr/bin/aws", "/usr/local/bin/aws", "aws"]) {
    try {
      const version = execFileSync(candidate, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      if (version.startsWith("aws-cli/2.")) return { aws: candidate };
    } catch {
      // not this one
    }
  }
  return { missing: "no AWS CLI v2 found (/usr/bin/aws, /usr/local/bin/aws, aws on PATH); Debian: apt-get install awscli" };
}

const cli = awsCliV2();
if ("missing" in cli) console.log(`skipping the AWS CLI mock-config walkthrough: ${cli.missing}`);

// The definition exactly as AWS's walkthrough passes it to create-state-machine.
const DEFINITION =
  '{"Comment":"Thisstatemachineiscalled:LambdaSQSIntegration","StartAt":"LambdaState","States":{"LambdaState":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"Payload.$":"$","FunctionName":"arn:aws:lambda:us-east-1:123456789012:function:HelloWorldFunction"},"Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2}],"Next":"SQSState"},"SQSState":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","Parameters":{"QueueUrl":"https://sqs.us-east-1.amazonaws.com/123456789012/myQueue","MessageBody.$":"$"},"End":true}}}';
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";

describe.skipIf("missing" in cli)("AWS's mocked service integration walkthrough, with the AWS CLI v2", () => {
  const aws = "aws" in cli ? cli.aws : "";
  let server: ChildProcess;
  let endpoint = "";
  const env = { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "" };
  const awsJson = async (...args: string[]): Promise<Record<string, unknown>> => {
    const { stdout } = await run(aws, ["stepfunctions", ...args, "--endpoint", endpoint, "--output", "json"], { env, timeout: 30_000 });
    return stdout.trim() === "" ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  };
  const finished = async (executionArn: string): Promise<Record<string, unknown>> => {
    // Bounded: timeScale 0 ends these executions within milliseconds of their start.
    for (let i = 0; i < 50; i++) {
      const described = await awsJson("describe-execution", "--execution-arn", executionArn);
      if (described["status"] !== "RUNNING") return described;
    }
    throw new Error(`${executionArn} still RUNNING`);
  };
  const history = async (executionArn: string): Promise<Record<string, unknown>[]> =>
    (await awsJson("get-execution-history", "--execution-arn", executionArn))["events"] as Record<string, unknown>[];

  beforeAll(async () => {
    server = spawn(
      "node_modules/.bin/tsx",
      ["src/cli/bin.ts", "local", "--port", "0", "--time-scale", "0", "--mock-config", `${fixtures}/MockConfigFile.json`, "--lambdas", `${fixtures}/handlers.mjs`],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    endpoint = await new Promise<string>((resolve, reject) => {
      let seen = "";
      const timer = setTimeout(() => reject(new Error(`sfini local did not start: ${seen}`)), 30_000);
      const read = (chunk: Buffer): void => {
        seen += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(seen);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!.replace("127.0.0.1", "localhost"));
        }
      };
      server.stdout!.on("data", read);
      server.stderr!.on("data", read);
      server.once("exit", (code) => reject(new Error(`sfini local exited ${String(code)}: ${seen}`)));
    });
    await awsJson("create-state-machine", "--definition", DEFINITION, "--name", "LambdaSQSIntegration", "--role-arn", "arn:aws:iam::123456789012:role/service-role/LambdaSQSIntegration");
  }, 60_000);

  afterAll(() => {
    server?.kill("SIGTERM");
  });

  it("HappyPath: the execution uses MockedLambdaSuccess and MockedSQSSuccess", { timeout: 60_000 }, async () => {
    const started = await awsJson("start-execution", "--name", "executionWithHappyPathMockedServices", "--state-machine", `${MACHINE}#HappyPath`);
    expect(started["executionArn"]).toBe("arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:executionWithHappyPathMockedServices");
    const done = await finished(started["executionArn"] as string);
    expect(done["status"]).toBe("SUCCEEDED");
    expect(JSON.parse(done["output"] as string)).toEqual({ MD5OfMessageBody: "3bcb6e8e-7h85-4375-b0bc-1a59812c6e51", MessageId: "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51" });
    const events = await history(started["executionArn"] as string);
    const sqsEntered = events.find((e) => e["type"] === "TaskStateEntered" && (e["stateEnteredEventDetails"] as { name: string }).name === "SQSState");
    expect(JSON.parse((sqsEntered!["stateEnteredEventDetails"] as { input: string }).input)).toEqual({ StatusCode: 200, Payload: { StatusCode: 200, body: "Hello from Lambda!" } });
  });

  it("RetryPath: three mocked failures, then the mocked success on the third retry", { timeout: 60_000 }, async () => {
    const started = await awsJson("start-execution", "--name", "executionWithRetryPathMockedServices", "--state-machine", `${MACHINE}#RetryPath`);
    const done = await finished(started["executionArn"] as string);
    expect(done["status"]).toBe("SUCCEEDED");
    const events = await history(started["executionArn"] as string);
    const failed = events.filter((e) => e["type"] === "TaskFailed").map((e) => (e["taskFailedEventDetails"] as { error: string }).error);
    expect(failed).toEqual(["Lambda.ResourceNotReadyException", "Lambda.TimeoutException", "Lambda.TimeoutException"]);
    expect(events.filter((e) => e["type"] === "TaskSucceeded")).toHaveLength(2);
  });

  it("HybridPath: LambdaState is mocked; SQSState calls its service (which sfini local does not run)", { timeout: 60_000 }, async () => {
    const started = await awsJson("start-execution", "--name", "executionWithHybridPathMockedServices", "--state-machine", `${MACHINE}#HybridPath`);
    const done = await finished(started["executionArn"] as string);
    const events = await history(started["executionArn"] as string);
    const results = events.filter((e) => e["type"] === "TaskSucceeded" || e["type"] === "TaskFailed").map((e) => e["type"]);
    expect(results).toEqual(["TaskSucceeded", "TaskFailed"]);
    expect(done).toMatchObject({ status: "FAILED", error: "Local.UnsupportedIntegration" });
  });

  it("runs a Lambda Task with the handler from --lambdas", { timeout: 60_000 }, async () => {
    const definition = JSON.stringify({
      StartAt: "Hello",
      States: { Hello: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "HelloWorldFunction", "Payload.$": "$" }, OutputPath: "$.Payload", End: true } },
    });
    const machine = await awsJson("create-state-machine", "--name", "Hello", "--definition", definition, "--role-arn", "arn:aws:iam::123456789012:role/r");
    const started = await awsJson("start-execution", "--state-machine-arn", machine["stateMachineArn"] as string, "--input", '{"name":"cli"}');
    const done = await finished(started["executionArn"] as string);
    expect(done["status"]).toBe("SUCCEEDED");
    expect(JSON.parse(done["output"] as string)).toEqual({ StatusCode: 200, body: "Hello, cli!" });
  });
});

/** An AWS CLI whose stepfunctions knows TestState's `--mock` (Debian's v2 2.9.19 predates TestState; the v1 1.45 knows it). */
function cliWithTestStateMock(): string | undefined {
  for (const candidate of ["aws", "/usr/local/bin/aws", "/usr/bin/aws"]) {
    try {
      const help = execFileSync(candidate, ["stepfunctions", "test-state", "help"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, AWS_PAGER: "", PAGER: "cat" }, timeout: 20_000 });
      if (help.includes("--mock") && help.includes("--state-configuration")) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const testStateCli = cliWithTestStateMock();
if (testStateCli === undefined) console.log("skipping TestState with --mock through the AWS CLI: no installed AWS CLI knows it (checked through the SDK in test/local/test-state-mock.test.ts)");

describe.skipIf(testStateCli === undefined)("TestState with a mock and a state configuration, through the AWS CLI", () => {
  it("answers RETRIABLE with errorDetails, as through the SDK", { timeout: 60_000 }, async () => {
    const server = spawn("node_modules/.bin/tsx", ["src/cli/bin.ts", "local", "--port", "0"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    try {
      const endpoint = await new Promise<string>((resolve, reject) => {
        let seen = "";
        server.stdout!.on("data", (chunk: Buffer) => {
          seen += chunk.toString();
          const match = /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(seen);
          if (match) resolve(match[1]!);
        });
        server.once("exit", (code) => reject(new Error(`sfini local exited ${String(code)}: ${seen}`)));
      });
      const env = { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_DEFAULT_REGION: "us-east-1", AWS_PAGER: "", AWS_DISABLE_HOST_PREFIX_INJECTION: "true" };
      const definition = '{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}';
      const { stdout } = await run(
        testStateCli!,
        ["stepfunctions", "test-state", "--endpoint-url", endpoint, "--definition", definition, "--mock", '{"errorOutput":{"error":"E","cause":"c"}}', "--state-configuration", "retrierRetryCount=1", "--inspection-level", "DEBUG", "--output", "json"],
        { env, timeout: 30_000 },
      );
      const answer = JSON.parse(stdout) as Record<string, unknown>;
      expect(answer).toMatchObject({ status: "RETRIABLE", error: "E", cause: "c", inspectionData: { errorDetails: { retryIndex: 0, retryBackoffIntervalSeconds: 2 } } });
    } finally {
      server.kill("SIGTERM");
    }
  });
});
