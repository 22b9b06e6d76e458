/**
 * AWS calls of a state machine. `StateMachine`'s methods delegate here, so the definition
 * layer (src/definitions) stays free of I/O. Owned by the AWS-control work; the signatures are
 * the contract with `src/definitions/state-machine.ts`.
 */
import type { JsonValue } from "../json.js";
import type { StateMachine } from "../definitions/state-machine.js";
import type { Execution } from "./execution.js";

/** Options of {@link registerStateMachine}. */
export interface RegisterOptions {
  /** IAM role the machine runs as; default {@link defaultRoleArn}. */
  roleArn?: string;
  /** Update the machine when one of the name exists (else it is an error). */
  allowUpdate?: boolean;
}

/** Status filter of {@link listExecutions}. */
export type ExecutionStatusFilter = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";

function notYet(what: string): never {
  throw new Error(`${what} is not implemented yet`);
}

export async function stateMachineArnOf(sm: StateMachine): Promise<string> {
  return notYet(`arn of ${sm.name}`);
}
export async function defaultRoleArn(sm: StateMachine): Promise<string> {
  return notYet(`defaultRoleArn of ${sm.name}`);
}
export async function registerStateMachine(sm: StateMachine, options: RegisterOptions = {}): Promise<void> {
  void options;
  return notYet(`register of ${sm.name}`);
}
export async function isStateMachineRegistered(sm: StateMachine): Promise<boolean> {
  return notYet(`isRegistered of ${sm.name}`);
}
export async function deregisterStateMachine(sm: StateMachine): Promise<void> {
  return notYet(`deregister of ${sm.name}`);
}
export async function startExecution(sm: StateMachine, input?: JsonValue): Promise<Execution> {
  void input;
  return notYet(`startExecution of ${sm.name}`);
}
export async function listExecutions(sm: StateMachine, options: { status?: ExecutionStatusFilter } = {}): Promise<Execution[]> {
  void options;
  return notYet(`listExecutions of ${sm.name}`);
}

/** Result of a synchronous (EXPRESS) execution. */
export interface SyncExecutionResult {
  executionArn: string;
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  output?: JsonValue;
  error?: string;
  cause?: string;
}

export async function ensureDefaultRole(sm: StateMachine): Promise<string> {
  return notYet(`ensureDefaultRole of ${sm.name}`);
}
export async function startSyncExecution(sm: StateMachine, input?: JsonValue): Promise<SyncExecutionResult> {
  void input;
  return notYet(`startSyncExecution of ${sm.name}`);
}
