import { InvalidOptionError } from "../errors.js";
import { describeValue, type JsonValue } from "../json.js";
import { StateGraph } from "../definitions/graph.js";
import { StateMachineDefinition, type StateMachineOptions } from "../definitions/state-machine.js";
import { State } from "../definitions/states/state.js";
import type { Execution } from "./execution.js";
import * as control from "./state-machine-control.js";

/**
 * A state machine: its definition (a name, its states and its start state, rendered offline)
 * and the AWS calls on it, each a one-line delegation to `state-machine-control.ts`.
 */
export class StateMachine extends StateMachineDefinition {
  /** The machine's ARN. */
  arn(): Promise<string> {
    return control.stateMachineArnOf(this);
  }

  /** The ARN of the role sfini creates for machines: `arn:aws:iam::<account>:role/sfiniGenerated`. */
  defaultRoleArn(): Promise<string> {
    return control.defaultRoleArn(this);
  }

  /** Create the machine on AWS, or update it when `allowUpdate` and it exists. */
  register(options: control.RegisterOptions = {}): Promise<void> {
    return control.registerStateMachine(this, options);
  }

  /** Whether a machine with this ARN exists. */
  isRegistered(): Promise<boolean> {
    return control.isStateMachineRegistered(this);
  }

  /** Delete the machine from AWS. */
  deregister(): Promise<void> {
    return control.deregisterStateMachine(this);
  }

  /**
   * Start an execution with this input. `Output` types the execution's `output` (unchecked:
   * your word for what the machine returns), e.g. `sm.startExecution<{ a: number }, number>({ a: 1 })`.
   */
  startExecution<Input extends JsonValue = JsonValue, Output = JsonValue>(input?: Input): Promise<Execution<Output>> {
    return control.startExecution<Input, Output>(this, input);
  }

  /** The machine's executions, optionally only those with a status; ended ones described (output known). */
  listExecutions(options: control.ListExecutionsOptions = {}): Promise<Execution[]> {
    return control.listExecutions(this, options);
  }

  /** Create the default role if it is missing; returns its ARN. */
  ensureDefaultRole(): Promise<string> {
    return control.ensureDefaultRole(this);
  }

  /** Run an EXPRESS execution synchronously and return its result. */
  startSyncExecution(input?: JsonValue): Promise<control.SyncExecutionResult> {
    return control.startSyncExecution(this, input);
  }
}

/**
 * Build a machine from its start state: every state reachable through Next, Catch targets,
 * Choice rules and Default is collected (without recursion, so any length works).
 */
export function constructStateMachine(name: string, startState: State, options: StateMachineOptions = {}): StateMachine {
  if (!(startState instanceof State)) {
    throw new InvalidOptionError(`state machine ${JSON.stringify(name)}: startState must be a State, got ${describeValue(startState)}`);
  }
  const graph = StateGraph.build({ startState });
  return new StateMachine(name, [...graph.states.values()], startState, options);
}
