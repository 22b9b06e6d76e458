/**
 * The chaos run shared by test/integration/chaos.test.ts (2,000 executions) and bench/chaos.ts
 * (10,000): executions of a one-activity machine through a pool of Workers while the engine
 * faults a seeded share of the WORKERS' calls (GetActivityTask, SendTaskSuccess/Failure,
 * SendTaskHeartbeat): throttling, 500s, dropped connections and lost answers. Control calls
 * (StartExecution, GetExecutionHistory) are not faulted.
 *
 * It counts from both sides: the engine's histories (one ActivityScheduled, one
 * ActivityStarted and one ActivitySucceeded per execution) and the workers' events (each task
 * started once, answered once).
 */
import { GetExecutionHistoryCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { ActivityRegistration } from "../../src/activities/registration.js";
import { Task } from "../../src/definitions/index.js";
import { constructStateMachine } from "../../src/control/state-machine.js";
import { LocalEngine, LOCAL_CREDENTIALS, type FaultDecision, type FaultRule } from "../../src/local/index.js";
import { AWSSession } from "../../src/session.js";
import { Worker } from "../../src/worker/index.js";
import { mulberry32 } from "../../src/random.js";

/** The worker calls the engine faults. */
export const WORKER_OPERATIONS = ["GetActivityTask", "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat"] as const;

/** The event types every chaos execution must have, in order. */
export const EXPECTED_HISTORY = [
  "ExecutionStarted",
  "TaskStateEntered",
  "ActivityScheduled",
  "ActivityStarted",
  "ActivitySucceeded",
  "TaskStateExited",
  "ExecutionSucceeded",
] as const;

/** What to run. */
export interface ChaosOptions {
  executions: number;
  /** Workers in the pool, each with its own SFN client (as separate processes would have). */
  workers: number;
  /** Tasks each worker runs at once. */
  concurrency: number;
  /** Share of the workers' calls faulted, split 3:3:2:2 into throttle, 500, drop, lost answer. */
  faultRate: number;
  seed: number;
  /** Retry mode of the workers' clients; default `standard`, as {@link LocalEngine.client} and AWSSession build them. */
  retryMode?: "standard" | "adaptive";
  /** StartExecution calls in flight at once. */
  startBatch?: number;
}

/** Per operation, how many calls got each fault outcome. */
export type FaultTally = Record<string, Record<FaultDecision["outcome"], number>>;

/** What a run saw. */
export interface ChaosReport {
  /** From the first StartExecution to the last execution's end. */
  elapsedMs: number;
  executions: number;
  statuses: Record<string, number>;
  /** Executions whose output is not `2 * n`. */
  wrongOutputs: number;
  faults: FaultTally;
  engineSide: {
    /** Executions whose event types differ from {@link EXPECTED_HISTORY}. */
    badHistories: string[];
    activityScheduled: number;
    activityStarted: number;
    activitySucceeded: number;
    activityFailedOrTimedOut: number;
    /** ActivityStarted events whose worker is not one of the pool. */
    foreignWorkers: number;
  };
  workerSide: {
    tasksStarted: number;
    /** Tokens a worker started more than once. */
    tokensStartedTwice: number;
    succeeded: number;
    /** Answered, but the answer's reply was lost; the retry found the token closed (`reportMayHaveLanded`). */
    abandonedAfterLostAnswer: number;
    abandonedOther: number;
    failed: number;
    cancelled: number;
    /** Tokens with more than one outcome event. */
    tokensAnsweredTwice: number;
    pollErrors: number;
    reportRetries: number;
    heartbeatErrors: number;
    /** Tasks per worker. */
    perWorker: number[];
    /** Per operation, calls the workers' clients made (`calls`) and HTTP attempts they took (`attempts`: SDK retries included). */
    sdk: Record<string, { calls: number; attempts: number }>;
  };
}


/**
 * Count calls (before the SDK's retry step) and attempts (after it) by command. The retry
 * middleware lives in the finalizeRequest step; deserialize runs once per attempt inside it.
 */
function countAttempts(client: SFNClient, into: Record<string, { calls: number; attempts: number }>): void {
  const entry = (context: { commandName?: string }) => (into[(context.commandName ?? "?").replace(/Command$/, "")] ??= { calls: 0, attempts: 0 });
  client.middlewareStack.add(
    (next, context) => (args) => {
      entry(context).calls++;
      return next(args);
    },
    { step: "initialize", name: "chaosCountCalls" },
  );
  client.middlewareStack.add(
    (next, context) => (args) => {
      entry(context).attempts++;
      return next(args);
    },
    { step: "deserialize", name: "chaosCountAttempts" },
  );
}

/** The 10% of the brief split as 3 % throttling, 3 % 500, 2 % dropped connections, 2 % lost answers. */
export function faultRule(rate: number): FaultRule {
  return { throttleRate: rate * 0.3, serverErrorRate: rate * 0.3, dropRate: rate * 0.2, dropResponseRate: rate * 0.2 };
}

/** Run the chaos; resolves once every execution ended, the workers stopped and the engine closed. */
export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const { executions, seed } = options;
  const rule = faultRule(options.faultRate);
  const engine = await LocalEngine.start({
    port: 0,
    faults: { seed, operations: Object.fromEntries(WORKER_OPERATIONS.map((operation) => [operation, rule])) },
  });
  const clients: SFNClient[] = [];
  try {
    // Count each fault by operation: the injector's own counts are summed over operations.
    const faults: FaultTally = {};
    const decide = engine.faults.decide.bind(engine.faults);
    engine.faults.decide = (operation: string): FaultDecision => {
      const decision = decide(operation);
      const tally = (faults[operation] ??= { none: 0, throttle: 0, serverError: 0, drop: 0, dropResponse: 0 });
      tally[decision.outcome]++;
      return decision;
    };

    const control = engine.session;
    const activities = new ActivityRegistration({ prefix: "chaos", session: control });
    const work = activities.activity("Work", async (input: { n: number }, context) => {
      // One heartbeat per task, so SendTaskHeartbeat meets the faults too.
      await context.heartbeat();
      return input.n * 2;
    });
    const stateMachine = constructStateMachine("chaos", new Task("work", work), { session: control });
    await activities.register();
    await stateMachine.register();
    const machineArn = await stateMachine.arn();

    const worker: ChaosReport["workerSide"] = {
      tasksStarted: 0,
      tokensStartedTwice: 0,
      succeeded: 0,
      abandonedAfterLostAnswer: 0,
      abandonedOther: 0,
      failed: 0,
      cancelled: 0,
      tokensAnsweredTwice: 0,
      pollErrors: 0,
      reportRetries: 0,
      heartbeatErrors: 0,
      perWorker: [],
      sdk: {},
    };
    const started = new Set<string>();
    const answered = new Set<string>();
    const answer = (token: string): void => {
      if (answered.has(token)) worker.tokensAnsweredTwice++;
      answered.add(token);
    };
    const pool: Worker[] = [];
    for (let index = 0; index < options.workers; index++) {
      const sfn = new SFNClient({
        endpoint: engine.endpoint,
        region: engine.region,
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 5,
        retryMode: options.retryMode ?? "standard",
      });
      clients.push(sfn);
      countAttempts(sfn, worker.sdk);
      const session = new AWSSession({ region: engine.region, accountId: engine.accountId, endpoint: engine.endpoint, credentials: LOCAL_CREDENTIALS, sfn });
      const member = new Worker(work, {
        session,
        concurrency: options.concurrency,
        retry: { initialDelay: 0.01, maxDelay: 0.2 },
        random: mulberry32(seed * 131 + index),
      });
      let mine = 0;
      member.on("taskStarted", ({ taskToken }) => {
        worker.tasksStarted++;
        mine++;
        if (started.has(taskToken)) worker.tokensStartedTwice++;
        started.add(taskToken);
      });
      member.on("taskSucceeded", ({ taskToken }) => (worker.succeeded++, answer(taskToken)));
      member.on("taskFailed", ({ taskToken }) => (worker.failed++, answer(taskToken)));
      member.on("taskCancelled", ({ taskToken }) => (worker.cancelled++, answer(taskToken)));
      member.on("taskAbandoned", ({ taskToken, reportMayHaveLanded }) => {
        if (reportMayHaveLanded) worker.abandonedAfterLostAnswer++;
        else worker.abandonedOther++;
        answer(taskToken);
      });
      member.on("pollError", () => worker.pollErrors++);
      member.on("reportError", () => worker.reportRetries++);
      member.on("heartbeatError", () => worker.heartbeatErrors++);
      member.on("stopped", () => worker.perWorker.push(mine));
      pool.push(member);
    }
    for (const member of pool) member.start();

    const t0 = performance.now();
    const arns: string[] = [];
    const batch = options.startBatch ?? 200;
    const ends: Promise<{ status: string; output?: string }>[] = [];
    for (let first = 0; first < executions; first += batch) {
      const count = Math.min(batch, executions - first);
      const startedBatch = await Promise.all(
        Array.from({ length: count }, (_, offset) =>
          control.sfn.send(
            new StartExecutionCommand({ stateMachineArn: machineArn, name: `chaos-${first + offset}`, input: JSON.stringify({ n: first + offset }) }),
          ),
        ),
      );
      for (const { executionArn } of startedBatch) {
        arns.push(executionArn!);
        ends.push(engine.whenExecutionEnds(executionArn!));
      }
    }
    const outcomes = await Promise.all(ends);
    const elapsedMs = performance.now() - t0;

    const ending = Promise.all(pool.map((member) => member.end()));
    await stateMachine.deregister();
    await activities.deregister(); // ends the open long polls empty
    await ending;

    const statuses: Record<string, number> = {};
    let wrongOutputs = 0;
    outcomes.forEach((outcome, n) => {
      statuses[outcome.status] = (statuses[outcome.status] ?? 0) + 1;
      if (outcome.output !== String(2 * n)) wrongOutputs++;
    });

    const names = new Set(pool.map((member) => member.name));
    const engineSide: ChaosReport["engineSide"] = {
      badHistories: [],
      activityScheduled: 0,
      activityStarted: 0,
      activitySucceeded: 0,
      activityFailedOrTimedOut: 0,
      foreignWorkers: 0,
    };
    const expected = EXPECTED_HISTORY.join(",");
    for (let first = 0; first < arns.length; first += 100) {
      const histories = await Promise.all(
        arns.slice(first, first + 100).map((executionArn) => control.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))),
      );
      histories.forEach(({ events = [] }, offset) => {
        const types = events.map((event) => event.type ?? "?");
        if (types.join(",") !== expected) engineSide.badHistories.push(`${arns[first + offset]}: ${types.join(",")}`);
        for (const event of events) {
          if (event.type === "ActivityScheduled") engineSide.activityScheduled++;
          if (event.type === "ActivityStarted") {
            engineSide.activityStarted++;
            if (!names.has(event.activityStartedEventDetails?.workerName ?? "")) engineSide.foreignWorkers++;
          }
          if (event.type === "ActivitySucceeded") engineSide.activitySucceeded++;
          if (event.type === "ActivityFailed" || event.type === "ActivityTimedOut") engineSide.activityFailedOrTimedOut++;
        }
      });
    }
    return { elapsedMs, executions, statuses, wrongOutputs, faults, engineSide, workerSide: worker };
  } finally {
    for (const client of clients) client.destroy();
    await engine.close();
  }
}
