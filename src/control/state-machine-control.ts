/**
 * AWS calls of a state machine. `StateMachine`'s methods (`control/state-machine.ts`) delegate
 * here; the definition layer (src/definitions) stays free of I/O.
 */
import { randomBytes } from "node:crypto";
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  ListTagsForResourceCommand,
  StartSyncExecutionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateStateMachineCommand,
  paginateListExecutions,
  paginateListStateMachines,
} from "@aws-sdk/client-sfn";
import { CreateRoleCommand, GetRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { EXECUTION_STATUSES, type ExecutionStatus } from "../asl/execution-status.js";
import { InvalidOptionError, SfiniError } from "../errors.js";
import type { JsonValue } from "../json.js";
import { MAX_NAME_LENGTH } from "../asl/limits.js";
import { validateName } from "../names.js";
import { roleArn as buildRoleArn, stateMachineArn } from "../arn.js";
import type { AWSSession } from "../session.js";
import { awsErrorCode, callAws } from "../aws-call.js";
import { Execution, serializeInput } from "./execution.js";
import { deriveRolePolicy, stepFunctionsTrustPolicy } from "./role-policy.js";

/**
 * What the AWS calls need of a state machine; `StateMachine` of src/definitions has it all.
 * Kept structural so this layer does not depend on how definitions are built.
 */
export interface ControlledStateMachine {
  /** The machine's name on AWS. */
  readonly name: string;
  /** Session the machine's AWS calls go through. */
  readonly session: AWSSession;
  /** The ASL definition object. */
  toDefinition(): unknown;
  /** Throws a `DefinitionError` when the definition is not valid; else returns the checked ASL. */
  assertValid(): unknown;
  /** `STANDARD` (default) or `EXPRESS`. */
  readonly type?: "STANDARD" | "EXPRESS" | undefined;
  /** Tags set on the machine when it is created. */
  readonly tags?: Readonly<Record<string, string>> | undefined;
}

/** Name of the IAM role sfini creates and uses by default. */
export const DEFAULT_ROLE_NAME = "sfiniGenerated";

/** Options of `StateMachine.register`. */
export interface RegisterOptions {
  /** IAM role the machine runs as; default `StateMachine.defaultRoleArn()`. */
  roleArn?: string;
  /** Update the machine when one of the name exists (else it is an error). */
  allowUpdate?: boolean;
}

/** A machine of that name exists with another definition, and updating was not allowed. */
export class StateMachineExistsError extends SfiniError {
  /**
   * @param stateMachineName - Name of the machine that already exists.
   * @param options - `cause`: the error of the CreateStateMachine call AWS refused.
   */
  constructor(readonly stateMachineName: string, options?: { cause?: unknown }) {
    super(
      `state machine ${JSON.stringify(stateMachineName)} already exists with another definition or role: ` +
        "pass { allowUpdate: true } to update it",
      options,
    );
  }
}

/** ARN of the machine (needs the account id: from the session, or STS once). */
export async function stateMachineArnOf(sm: ControlledStateMachine): Promise<string> {
  return stateMachineArn(await sm.session.resolveArnScope(), sm.name);
}

/** `arn:<partition>:iam::<account>:role/sfiniGenerated`. */
export async function defaultRoleArn(sm: ControlledStateMachine): Promise<string> {
  return buildRoleArn(await sm.session.resolveArnScope(), DEFAULT_ROLE_NAME);
}

function tagList(tags: Readonly<Record<string, string>> | undefined): { key: string; value: string }[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

/**
 * Create the machine on AWS; when one of the name exists with another definition, update it
 * if `allowUpdate`, else throw {@link StateMachineExistsError}. The definition is checked
 * first, so an invalid one never reaches AWS.
 */
export async function registerStateMachine(sm: ControlledStateMachine, options: RegisterOptions = {}): Promise<void> {
  validateName(sm.name, "state machine name");
  // Rendering activity ARNs needs the account id (asked of STS once when not given, then cached).
  await sm.session.accountId();
  // The definition that was checked is the one sent: rendered once.
  const definition = JSON.stringify(sm.assertValid(), null, 2);
  const roleArn = options.roleArn ?? (await defaultRoleArn(sm));
  const tags = tagList(sm.tags);
  try {
    await callAws("CreateStateMachine", () =>
      sm.session.sfn.send(
        new CreateStateMachineCommand({
          name: sm.name,
          definition,
          roleArn,
          type: sm.type ?? "STANDARD",
          ...(tags.length > 0 ? { tags } : {}),
        }),
      ),
    );
  } catch (error) {
    if (awsErrorCode(error) !== "StateMachineAlreadyExists") throw error;
    if (!options.allowUpdate) throw new StateMachineExistsError(sm.name, { cause: error });
    const arn = await stateMachineArnOf(sm);
    // Without an explicit role the machine keeps the role it has.
    await callAws("UpdateStateMachine", () =>
      sm.session.sfn.send(
        new UpdateStateMachineCommand({ stateMachineArn: arn, definition, ...(options.roleArn ? { roleArn: options.roleArn } : {}) }),
      ),
    );
    if (tags.length > 0) await tagStateMachine(sm, sm.tags ?? {});
  }
}

/** Whether a machine of this ARN exists (pages through ListStateMachines). */
export async function isStateMachineRegistered(sm: ControlledStateMachine): Promise<boolean> {
  const arn = await stateMachineArnOf(sm);
  return callAws("ListStateMachines", async () => {
    for await (const page of paginateListStateMachines({ client: sm.session.sfn }, {})) {
      if (page.stateMachines?.some((m) => m.stateMachineArn === arn)) return true;
    }
    return false;
  });
}

/** Delete the machine from AWS. */
export async function deregisterStateMachine(sm: ControlledStateMachine): Promise<void> {
  const arn = await stateMachineArnOf(sm);
  await callAws("DeleteStateMachine", () => sm.session.sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arn })));
}

/** Length of `_<YYYY-MM-DDTHH-MM-SS>_<8 hex>`. */
const EXECUTION_SUFFIX_LENGTH = 1 + 19 + 1 + 8;

/**
 * sfini's execution name `<machine>_<YYYY-MM-DDTHH-MM-SS>_<8 hex>`, the time in UTC; the
 * machine part is cut so the name stays within 80 characters.
 */
export function executionName(machineName: string, now: Date = new Date(), hex: string = randomBytes(4).toString("hex")): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, "-");
  return `${machineName.slice(0, MAX_NAME_LENGTH - EXECUTION_SUFFIX_LENGTH)}_${stamp}_${hex}`;
}

/** Start an execution on `input` (default `{}`), named by {@link executionName}. */
export async function startExecution<Input extends JsonValue = JsonValue, Output = JsonValue>(
  sm: ControlledStateMachine,
  input?: Input,
): Promise<Execution<Output>> {
  const execution = new Execution<Output>(executionName(sm.name), await stateMachineArnOf(sm), {
    ...(input === undefined ? {} : { input }),
    session: sm.session,
  });
  return execution.start();
}

const STATUSES: ReadonlySet<string> = new Set(EXECUTION_STATUSES);

/** Options of `StateMachine.listExecutions`. */
export interface ListExecutionsOptions {
  /** Only executions of this status. */
  status?: ExecutionStatus;
  /**
   * Describe every ended execution (default true), so its `output`, `error`, `cause` and `input`
   * are known: a ListExecutions item carries none of them. One DescribeExecution per ended
   * execution, 8 at a time; false lists with no further call, and
   * `output` then throws until the execution is described.
   */
  describe?: boolean;
}

/** How many DescribeExecution calls {@link listExecutions} keeps in flight. */
export const DESCRIBE_CONCURRENCY = 8;

/** Every execution of the machine (all pages), optionally only those of one status. */
export async function listExecutions(sm: ControlledStateMachine, options: ListExecutionsOptions = {}): Promise<Execution[]> {
  const { status, describe = true } = options;
  if (status !== undefined && !STATUSES.has(status)) {
    throw new InvalidOptionError(`unknown execution status ${JSON.stringify(status)}: expected one of ${[...STATUSES].join(", ")}`);
  }
  const arn = await stateMachineArnOf(sm);
  const executions = await callAws("ListExecutions", async () => {
    const listed: Execution[] = [];
    const input = { stateMachineArn: arn, ...(status === undefined ? {} : { statusFilter: status }) };
    for await (const page of paginateListExecutions({ client: sm.session.sfn }, input)) {
      for (const item of page.executions ?? []) listed.push(Execution.fromListItem(item, { session: sm.session }));
    }
    return listed;
  });
  if (describe) {
    const ended = executions.filter((execution) => execution.finished);
    let next = 0;
    const describeRest = async (): Promise<void> => {
      while (next < ended.length) await ended[next++]!.describe();
    };
    await Promise.all(Array.from({ length: Math.min(DESCRIBE_CONCURRENCY, ended.length) }, describeRest));
  }
  return executions;
}

/** Result of a synchronous (EXPRESS) execution. */
export interface SyncExecutionResult {
  /** ARN of the execution (`executionArn`). */
  executionArn: string;
  /** How the execution ended (`status`). */
  status: "SUCCEEDED" | "FAILED" | "TIMED_OUT";
  /** The execution's output, parsed from JSON; left out when it has none (it did not succeed). */
  output?: JsonValue;
  /** Error name of the failure (`error`); left out when it succeeded. */
  error?: string;
  /** Cause of the failure (`cause`); left out when it succeeded or AWS gave none. */
  cause?: string;
}

/** IAM inline-policy names allow `[\w+=,.@-]`, up to 128 characters. */
function policyName(machineName: string): string {
  return `sfini-${machineName}`.replace(/[^\w+=,.@-]/g, "-").slice(0, 128);
}

/**
 * Make sure the `sfiniGenerated` role exists (created, trusted by Step Functions of this
 * account, when missing) and holds an inline policy `sfini-<machine>` granting exactly what
 * the definition calls ({@link deriveRolePolicy}). Returns the role ARN.
 */
export async function ensureDefaultRole(sm: ControlledStateMachine): Promise<string> {
  const scope = await sm.session.resolveArnScope();
  const iam = sm.session.iam;
  try {
    await callAws("GetRole", () => iam.send(new GetRoleCommand({ RoleName: DEFAULT_ROLE_NAME })));
  } catch (error) {
    if (awsErrorCode(error) !== "NoSuchEntity") throw error;
    await callAws("CreateRole", () =>
      iam.send(
        new CreateRoleCommand({
          RoleName: DEFAULT_ROLE_NAME,
          AssumeRolePolicyDocument: JSON.stringify(stepFunctionsTrustPolicy(scope)),
          Description: "Role of state machines registered by sfini",
        }),
      ),
    );
  }
  const policy = deriveRolePolicy(sm.toDefinition(), scope, sm.name);
  // IAM refuses a policy without statements; a machine that calls nothing needs none.
  if (policy.Statement.length > 0) {
    await callAws("PutRolePolicy", () =>
      iam.send(
        new PutRolePolicyCommand({ RoleName: DEFAULT_ROLE_NAME, PolicyName: policyName(sm.name), PolicyDocument: JSON.stringify(policy) }),
      ),
    );
  }
  return buildRoleArn(scope, DEFAULT_ROLE_NAME);
}

/** Run an EXPRESS machine synchronously (StartSyncExecution) and return how it ended. */
export async function startSyncExecution(sm: ControlledStateMachine, input?: JsonValue): Promise<SyncExecutionResult> {
  if ((sm.type ?? "STANDARD") !== "EXPRESS") {
    throw new InvalidOptionError(`state machine ${JSON.stringify(sm.name)} is ${sm.type ?? "STANDARD"}: only EXPRESS machines run synchronously`);
  }
  const name = executionName(sm.name);
  const text = serializeInput(input ?? {}, name);
  const arn = await stateMachineArnOf(sm);
  const result = await callAws("StartSyncExecution", () =>
    sm.session.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, name, input: text })),
  );
  return {
    executionArn: result.executionArn ?? "",
    status: result.status ?? "FAILED",
    ...(result.output === undefined ? {} : { output: JSON.parse(result.output) as JsonValue }),
    ...(result.error === undefined ? {} : { error: result.error }),
    ...(result.cause === undefined ? {} : { cause: result.cause }),
  };
}

/** Add (or overwrite) tags on the machine. */
export async function tagStateMachine(sm: ControlledStateMachine, tags: Readonly<Record<string, string>>): Promise<void> {
  const arn = await stateMachineArnOf(sm);
  await callAws("TagResource", () => sm.session.sfn.send(new TagResourceCommand({ resourceArn: arn, tags: tagList(tags) })));
}

/** Remove tags (by key) from the machine. */
export async function untagStateMachine(sm: ControlledStateMachine, keys: readonly string[]): Promise<void> {
  const arn = await stateMachineArnOf(sm);
  await callAws("UntagResource", () => sm.session.sfn.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: [...keys] })));
}

/** The machine's tags, as a record. */
export async function listStateMachineTags(sm: ControlledStateMachine): Promise<Record<string, string>> {
  const arn = await stateMachineArnOf(sm);
  const result = await callAws("ListTagsForResource", () => sm.session.sfn.send(new ListTagsForResourceCommand({ resourceArn: arn })));
  return Object.fromEntries((result.tags ?? []).map((t) => [t.key ?? "", t.value ?? ""]));
}
