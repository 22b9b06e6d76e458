/**
 * Test helpers for workers: a mocked SFN client in a session, AWS-shaped errors, controllable
 * promises, and a fake activity queue that answers polls and reports like SFN does.
 */
import { mockClient, type AwsClientStub } from "aws-sdk-client-mock";
import {
  GetActivityTaskCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  SFNServiceException,
  TaskDoesNotExist,
  TaskTimedOut,
  InvalidToken,
} from "@aws-sdk/client-sfn";
import type { EventEmitter } from "node:events";
import { AWSSession } from "../../src/session.js";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";

/** A session whose SFN client is mocked. */
export function mockedSession(): { session: AWSSession; sfn: AwsClientStub<SFNClient> } {
  const client = new SFNClient({ region: REGION, credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "secret" } });
  const sfn = mockClient(client);
  return { session: new AWSSession({ region: REGION, accountId: ACCOUNT, sfn: client }), sfn };
}

/** A promise with its resolve and reject in hand. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** The next emission of `event`, as a promise of its arguments. */
export function nextEvent(emitter: EventEmitter, event: string): Promise<unknown[]> {
  return new Promise((resolve) => emitter.once(event, (...args: unknown[]) => resolve(args)));
}

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

/** SFN's throttling answer (HTTP 400 ThrottlingException). */
export function throttling(): SFNServiceException {
  return new SFNServiceException({ name: "ThrottlingException", $fault: "client", message: "Rate exceeded", ...meta(400) });
}

/** An SFN 5xx. */
export function serverError(): SFNServiceException {
  return new SFNServiceException({ name: "ServiceUnavailable", $fault: "server", message: "Service unavailable", ...meta(503) });
}

/** A dropped connection, as Node's HTTP stack reports it (not an AWS error). */
export function connectionReset(): Error {
  return Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
}

export function taskTimedOut(): TaskTimedOut {
  return new TaskTimedOut({ message: "Task Timed Out: 'Provided task does not exist anymore'", ...meta(400) });
}

export function taskDoesNotExist(): TaskDoesNotExist {
  return new TaskDoesNotExist({ message: "Task does not exist", ...meta(400) });
}

export function invalidToken(): InvalidToken {
  return new InvalidToken({ message: "Invalid Token", ...meta(400) });
}

/** One answer a fake SFN accepted for a task. */
export interface Answer {
  kind: "success" | "failure";
  output?: string;
  error?: string;
  cause?: string;
}

/**
 * A fake activity queue on a mocked client: polls take the next queued task (or answer with
 * no task), SendTask* calls are recorded per token, and `fault(call)` may inject an error in
 * place of any call (before SFN acts on it, so a faulted poll takes no task).
 */
export class FakeActivityQueue {
  readonly queue: { token: string; input: string }[] = [];
  readonly answers = new Map<string, Answer[]>();
  readonly heartbeats = new Map<string, number>();
  /** Every token ever handed to a worker. */
  readonly handedOut: string[] = [];
  calls = 0;
  /** Answers sent for a task already answered (a worker must never do this on purpose). */
  duplicates = 0;
  private allAnswered: Deferred<void> = deferred();
  private expected = 0;

  constructor(
    sfn: AwsClientStub<SFNClient>,
    private readonly fault: (call: number, operation: string) => Error | undefined = () => undefined,
  ) {
    sfn.on(GetActivityTaskCommand).callsFake(async () => {
      this.maybeFail("GetActivityTask");
      const task = this.queue.shift();
      if (!task) return { $metadata: {} };
      this.handedOut.push(task.token);
      return { taskToken: task.token, input: task.input, $metadata: {} };
    });
    sfn.on(SendTaskSuccessCommand).callsFake(async (input: { taskToken: string; output: string }) => {
      this.maybeFail("SendTaskSuccess");
      return this.answer(input.taskToken, { kind: "success", output: input.output });
    });
    sfn.on(SendTaskFailureCommand).callsFake(async (input: { taskToken: string; error: string; cause: string }) => {
      this.maybeFail("SendTaskFailure");
      return this.answer(input.taskToken, { kind: "failure", error: input.error, cause: input.cause });
    });
    sfn.on(SendTaskHeartbeatCommand).callsFake(async (input: { taskToken: string }) => {
      this.maybeFail("SendTaskHeartbeat");
      if (this.answers.has(input.taskToken)) throw taskTimedOut();
      this.heartbeats.set(input.taskToken, (this.heartbeats.get(input.taskToken) ?? 0) + 1);
      return { $metadata: {} };
    });
  }

  /** Queue `count` tasks with inputs `{ "n": i }`; the returned promise resolves when all are answered. */
  enqueue(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const token = `token-${this.expected + i}`;
      this.queue.push({ token, input: JSON.stringify({ n: this.expected + i }) });
    }
    this.expected += count;
    return this.allAnswered.promise;
  }

  private maybeFail(operation: string): void {
    this.calls++;
    const error = this.fault(this.calls, operation);
    if (error) throw error;
  }

  private answer(token: string, answer: Answer) {
    const previous = this.answers.get(token);
    // SFN refuses a second answer for a closed task.
    if (previous) {
      this.duplicates++;
      throw taskDoesNotExist();
    }
    this.answers.set(token, [answer]);
    if (this.answers.size === this.expected) this.allAnswered.resolve();
    return { $metadata: {} };
  }
}
