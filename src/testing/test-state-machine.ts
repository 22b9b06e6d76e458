/**
 * `testStateMachine`: a state machine on its own in-process engine, for unit tests (vitest,
 * `node:test`). Each helper starts one engine on an ephemeral 127.0.0.1 port (parallel test
 * files never share or collide), `timeScale: 0` by default so Waits, Retry intervals and
 * timeouts take no time, and test cases of Step Functions Local's mock configuration.
 */
import { CreateStateMachineCommand, StartExecutionCommand, paginateGetExecutionHistory, type HistoryEvent } from "@aws-sdk/client-sfn";
import { LocalEngine, type LambdaHandler, type MockConfig, type MockedResponse } from "../local/index.js";
import { isJsonObject, type JsonObject, type JsonValue } from "../json.js";
import { isMockConfig, mockConfigOf, type TestCaseMocks } from "./inline-mocks.js";
import { TestRun } from "./test-run.js";

/** A machine as sfini builds it: anything with a name and an ASL definition. */
export interface DefinesStateMachine {
  /** The machine's name. */
  readonly name: string;
  /** Its ASL definition. */
  toDefinition(): JsonObject;
}

/** Options of {@link testStateMachine}. */
export interface TestStateMachineOptions {
  /**
   * Test cases by name (`{ HappyPath: { add: { Return: 5 }, check: "MockedCheck" } }`), or a whole
   * mock configuration (`MockConfigFile.json`'s content); run one with `run(input, { testCase })`.
   */
  mocks?: TestCaseMocks | MockConfig;
  /** Named responses the test cases refer to by name (`MockedResponses`). */
  mockedResponses?: Record<string, MockedResponse>;
  /** In-process Lambda functions by name, for Lambda Tasks no test case mocks. */
  lambdas?: Record<string, LambdaHandler>;
  /** Real time per ASL time; default 0 (every Wait, retry interval and timeout fires at once). */
  timeScale?: number;
  /** The machine's name; default the StateMachine's, the mock configuration's only machine, or `machine`. */
  name?: string;
  /** A fixed port for the engine (to reach it from another process); default an ephemeral one. */
  port?: number;
}

/** Options of one run. */
export interface RunOptions {
  /** The test case of the mocks to run (`<stateMachineArn>#<testCase>`). */
  testCase?: string;
  /** The execution's name; default a fresh UUID. */
  name?: string;
}

/** A state machine under test; `In` and `Out` are its input and output types when the test gives them. */
export interface StateMachineTest<In = JsonValue, Out = JsonValue> {
  /** The machine's ARN on the helper's engine. */
  readonly stateMachineArn: string;
  /** The engine (its endpoint, session, `registerLambda`, `faults`...). */
  readonly engine: LocalEngine;
  /** Start an execution and resolve once it has ended. */
  run(input: In, options?: RunOptions): Promise<TestRun<Out>>;
  /** Stop the engine. */
  close(): Promise<void>;
}

function definitionOf(machine: DefinesStateMachine | JsonObject | string): JsonObject {
  if (typeof machine === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(machine);
    } catch (error) {
      throw new TypeError(`testStateMachine: the definition is not JSON: ${(error as Error).message}`);
    }
    if (!isJsonObject(parsed)) throw new TypeError("testStateMachine: the definition must be a JSON object");
    return parsed;
  }
  if (typeof (machine as DefinesStateMachine).toDefinition === "function") return (machine as DefinesStateMachine).toDefinition();
  return machine as JsonObject;
}

function machineName(machine: DefinesStateMachine | JsonObject | string, options: TestStateMachineOptions): string {
  if (options.name !== undefined) return options.name;
  if (typeof machine === "object" && typeof (machine as DefinesStateMachine).toDefinition === "function") return (machine as DefinesStateMachine).name;
  if (options.mocks && isMockConfig(options.mocks)) {
    const names = Object.keys(options.mocks.StateMachines);
    if (names.length === 1) return names[0]!;
  }
  return "machine";
}

/**
 * Put `machine` (an sfini `StateMachine`, an ASL object or its JSON text) on a fresh in-process
 * engine. Close it when done (`afterAll(() => t.close())`).
 *
 * @example
 * const t = await testStateMachine<{ a: number }, { sum: number }>(sm, { mocks: { HappyPath: { add: { Return: { sum: 5 } } } } });
 * const run = await t.run({ a: 3 }, { testCase: "HappyPath" });
 * expect(run.status).toBe("SUCCEEDED");
 * expect(run.path).toEqual(["add", "done"]);
 */
export async function testStateMachine<In = JsonValue, Out = JsonValue>(
  machine: DefinesStateMachine | JsonObject | string,
  options: TestStateMachineOptions = {},
): Promise<StateMachineTest<In, Out>> {
  const definition = definitionOf(machine);
  const name = machineName(machine, options);
  const mockConfig = options.mocks === undefined ? undefined : isMockConfig(options.mocks) ? options.mocks : mockConfigOf(name, options.mocks, options.mockedResponses);
  const engine = await LocalEngine.start({
    timeScale: options.timeScale ?? 0,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(mockConfig !== undefined ? { mockConfig } : {}),
  });
  try {
    for (const [functionName, handler] of Object.entries(options.lambdas ?? {})) engine.registerLambda(functionName, handler);
    const { stateMachineArn } = await engine.session.sfn.send(
      new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: `arn:aws:iam::${engine.accountId}:role/sfini-test` }),
    );
    const sfn = engine.session.sfn;
    return {
      stateMachineArn: stateMachineArn!,
      engine,
      async run(input, runOptions = {}) {
        const target = runOptions.testCase === undefined ? stateMachineArn! : `${stateMachineArn!}#${runOptions.testCase}`;
        const { executionArn } = await sfn.send(
          new StartExecutionCommand({ stateMachineArn: target, input: JSON.stringify(input ?? {}), ...(runOptions.name !== undefined ? { name: runOptions.name } : {}) }),
        );
        const ended = await engine.whenExecutionEnds(executionArn!);
        const history: HistoryEvent[] = [];
        for await (const page of paginateGetExecutionHistory({ client: sfn }, { executionArn: executionArn!, maxResults: 1000 })) history.push(...(page.events ?? []));
        return new TestRun<Out>({ executionArn: executionArn!, ...ended, history });
      },
      close: () => engine.close(),
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

