/**
 * `sfini local` as a binary a test suite can use: --lambdas (handlers by export name,
 * in-process), --lambda-endpoint (a Lambda-API endpoint, here a stand-in server on 127.0.0.1),
 * --mock-config / SFN_MOCK_CONFIG / ./MockConfigFile.json, --time-scale, --activity-poll-timeout.
 */
import { describe, expect, it } from "vitest";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { CreateActivityCommand, CreateStateMachineCommand, DescribeExecutionCommand, GetActivityTaskCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { AWSSession } from "../../src/session.js";
import { LOCAL_CREDENTIALS, runLocalCommand, type LocalCommandIo } from "../../src/local/index.js";
import { ROLE } from "./helpers.js";

const fixtures = fileURLToPath(new URL("./fixtures/mock-config/", import.meta.url));

/** Run `sfini local argv`, hand its endpoint to `use`, then stop it; resolves with what it printed. */
async function withLocal(argv: string[], use: (endpoint: string, session: AWSSession) => Promise<void>, io: Partial<LocalCommandIo> = {}): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  let stop!: () => void;
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  let listening!: (endpoint: string) => void;
  const endpointKnown = new Promise<string>((resolve) => (listening = resolve));
  const running = runLocalCommand(["--port", "0", ...argv], {
    out: (line) => {
      out.push(line);
      const match = /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(line);
      if (match) listening(match[1]!);
    },
    err: (line) => out.push(line),
    stopRequested,
    ...io,
  });
  const endpoint = await Promise.race([endpointKnown, running.then((code) => Promise.reject(new Error(`exited ${code}: ${out.join("\n")}`)))]);
  const session = new AWSSession({ region: "us-east-1", endpoint, credentials: LOCAL_CREDENTIALS });
  try {
    await use(endpoint, session);
  } finally {
    session.sfn.destroy();
    stop();
  }
  return { code: await running, out };
}

async function runToEnd(session: AWSSession, name: string, definition: object, start = `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`, input = "{}") {
  await session.sfn.send(new CreateStateMachineCommand({ name, roleArn: ROLE, definition: JSON.stringify(definition) }));
  const { executionArn } = await session.sfn.send(new StartExecutionCommand({ stateMachineArn: start, input }));
  // Bounded polling: another process's engine gives no completion callback.
  for (let i = 0; i < 250; i++) {
    const described = await session.sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") {
      return { status: described.status, output: described.output === undefined ? undefined : (JSON.parse(described.output) as unknown), error: described.error, cause: described.cause };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${executionArn} still RUNNING`);
}

const helloTask = (functionName: string) => ({
  StartAt: "Hello",
  States: { Hello: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: functionName, "Payload.$": "$" }, OutputPath: "$.Payload", End: true } },
});

describe("sfini local --lambdas", () => {
  it("registers every function export of the module under its name", async () => {
    const { code, out } = await withLocal(["--lambdas", `${fixtures}handlers.mjs`], async (_endpoint, session) => {
      const done = await runToEnd(session, "hello", helloTask("HelloWorldFunction"), undefined, '{"name":"module"}');
      expect(done).toMatchObject({ status: "SUCCEEDED", output: { StatusCode: 200, body: "Hello, module!" } });
    });
    expect(code).toBe(0);
    expect(out).toContain(`Lambda functions from ${fixtures}handlers.mjs: HelloWorldFunction, approve`);
  });

  it("exits 1 with one line when the module cannot be imported", async () => {
    const lines: string[] = [];
    const code = await runLocalCommand(["--port", "0", "--lambdas", `${fixtures}nope.mjs`], { out: (l) => lines.push(l), err: (l) => lines.push(l), stopRequested: Promise.resolve() });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sfini local: error: --lambdas: cannot import ".*nope\.mjs"/);
  });
});

describe("sfini local --lambda-endpoint", () => {
  it("invokes functions it does not hold at the Lambda-API endpoint, errors as Step Functions reports them", async () => {
    const calls: { path: string; body: string }[] = [];
    const lambda = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        calls.push({ path: request.url!, body });
        if (request.url!.includes("/functions/fails/")) {
          response.writeHead(200, { "content-type": "application/json", "x-amz-function-error": "Unhandled" });
          response.end(JSON.stringify({ errorType: "ValueError", errorMessage: "bad value" }));
        } else {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify({ echoed: JSON.parse(body) }));
        }
      });
    });
    await new Promise<void>((resolve) => lambda.listen(0, "127.0.0.1", resolve));
    const lambdaUrl = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}`;
    try {
      const { code, out } = await withLocal(["--lambda-endpoint", lambdaUrl], async (_endpoint, session) => {
        expect(await runToEnd(session, "remote", helloTask("remote"), undefined, '{"n":1}')).toMatchObject({ status: "SUCCEEDED", output: { echoed: { n: 1 } } });
        expect(await runToEnd(session, "failing", helloTask("fails"))).toMatchObject({
          status: "FAILED",
          error: "ValueError",
          cause: JSON.stringify({ errorType: "ValueError", errorMessage: "bad value" }),
        });
      });
      expect(code).toBe(0);
      expect(out).toContain(`other Lambda functions are invoked at ${lambdaUrl}`);
      expect(calls).toEqual([
        { path: "/2015-03-31/functions/remote/invocations", body: '{"n":1}' },
        { path: "/2015-03-31/functions/fails/invocations", body: "{}" },
      ]);
    } finally {
      await new Promise((resolve) => lambda.close(resolve));
    }
  });
});

describe("sfini local mock configuration, time scale and poll timeout", () => {
  const happyPath = async (session: AWSSession): Promise<void> => {
    const definition = JSON.parse((await import("node:fs")).readFileSync(`${fixtures}LambdaSQSIntegration.asl.json`, "utf8")) as object;
    const arn = "arn:aws:states:us-east-1:123456789012:stateMachine:LambdaSQSIntegration";
    // RetryPath waits 2 + 4 + 8 s between attempts: instant at --time-scale 0.
    expect(await runToEnd(session, "LambdaSQSIntegration", definition, `${arn}#RetryPath`)).toMatchObject({ status: "SUCCEEDED" });
  };

  it("reads --mock-config", async () => {
    const { out } = await withLocal(["--mock-config", `${fixtures}MockConfigFile.json`, "--time-scale", "0"], async (_e, session) => happyPath(session));
    expect(out).toContain(`mock configuration: ${fixtures}MockConfigFile.json (start executions on <stateMachineArn>#<TestCase>)`);
  });

  it("reads SFN_MOCK_CONFIG, else MockConfigFile.json in the working directory, as Step Functions Local does", async () => {
    const fromEnv = await withLocal(["--time-scale", "0"], async (_e, session) => happyPath(session), { env: { SFN_MOCK_CONFIG: `${fixtures}MockConfigFile.json` }, cwd: "/" });
    expect(fromEnv.out).toContain(`mock configuration: ${fixtures}MockConfigFile.json (start executions on <stateMachineArn>#<TestCase>)`);
    const fromCwd = await withLocal(["--time-scale", "0"], async (_e, session) => happyPath(session), { env: {}, cwd: fixtures });
    expect(fromCwd.out.some((line) => line.startsWith("mock configuration: ") && line.includes("MockConfigFile.json"))).toBe(true);
  });

  it("reads Step Functions Local's WAIT_TIME_SCALE and LAMBDA_ENDPOINT when the flags are not given", async () => {
    const { out } = await withLocal([], async (_e, session) => happyPath(session), {
      env: { SFN_MOCK_CONFIG: `${fixtures}MockConfigFile.json`, WAIT_TIME_SCALE: "0", LAMBDA_ENDPOINT: "http://127.0.0.1:9" },
      cwd: "/",
    });
    expect(out).toContain("other Lambda functions are invoked at http://127.0.0.1:9");
  });

  it("exits 1 naming the path in the file when the mock configuration is bad", async () => {
    const lines: string[] = [];
    const code = await runLocalCommand(["--port", "0", "--mock-config", `${fixtures}LambdaSQSIntegration.asl.json`], { out: (l) => lines.push(l), err: (l) => lines.push(l), stopRequested: Promise.resolve() });
    expect(code).toBe(1);
    expect(lines).toEqual([`sfini local: error: ${fixtures}LambdaSQSIntegration.asl.json: Comment: unknown top-level field (expected StateMachines and MockedResponses)`]);
  });

  it("--activity-poll-timeout ends an empty GetActivityTask after that many seconds", async () => {
    await withLocal(["--activity-poll-timeout", "0"], async (_e, session) => {
      const { activityArn } = await session.sfn.send(new CreateActivityCommand({ name: "idle" }));
      const polled = await session.sfn.send(new GetActivityTaskCommand({ activityArn }));
      expect(polled.taskToken).toBeUndefined();
    });
  });

  it("refuses a negative --time-scale as a usage error", async () => {
    const lines: string[] = [];
    expect(await runLocalCommand(["--time-scale", "-1"], { out: (l) => lines.push(l), err: (l) => lines.push(l), stopRequested: Promise.resolve() })).toBe(2);
    expect(lines.join("\n")).toContain('"-1"');
  });
});
