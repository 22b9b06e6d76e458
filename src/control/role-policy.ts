/**
 * The IAM policy a state machine's role needs, derived from its definition alone (pure, no
 * I/O): the Lambda functions it invokes, the service integrations it calls, and for `.sync`
 * integrations the describe/stop calls and EventBridge rule Step Functions uses to follow them.
 */
import { isJsonObject, type JsonObject } from "../json.js";
import { parseArn, partitionOf, type ArnScope } from "../arn.js";

/** One IAM policy statement. */
export interface PolicyStatement {
  /** Always `Allow`: the derived policy only grants. */
  Effect: "Allow";
  /** IAM actions granted, e.g. `lambda:InvokeFunction`. */
  Action: string[];
  /** ARNs the actions are granted on; `*` where the definition names none statically. */
  Resource: string[];
}

/** An IAM policy document. */
export interface PolicyDocument {
  /** The IAM policy language version. */
  Version: "2012-10-17";
  /** The policy's statements, one per set of actions. */
  Statement: PolicyStatement[];
}

/** Actions allowed on resources: one statement of the derived policy. */
export interface Grant {
  /** IAM actions granted, e.g. `dynamodb:PutItem`. */
  actions: string[];
  /** ARNs the actions are granted on. */
  resources: string[];
}

/** What one integration needs, given its Task's Parameters. */
interface IntegrationRule {
  /** IAM actions of the call itself. */
  actions: string[];
  /** Resource ARN(s) the Parameters name, or `*` when they are dynamic or absent. */
  resources?: (params: JsonObject, scope: Scope) => string[];
  /** Extra grants for the `.sync` pattern (polling and the EventBridge rule). */
  sync?: (params: JsonObject, scope: Scope) => Grant[];
}

interface Scope extends ArnScope {
  partition: string;
}

// A static string parameter; undefined when absent or given as a path (`Key.$`).
function staticParam(params: JsonObject, key: string): string | undefined {
  const value = params[key];
  return typeof value === "string" ? value : undefined;
}

function eventsRule(scope: Scope, rule: string): Grant {
  return {
    actions: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
    resources: [`arn:${scope.partition}:events:${scope.region}:${scope.accountId}:rule/${rule}`],
  };
}

/** The function ARN a `FunctionName` parameter names (name, `name:alias`, partial or full ARN). */
export function lambdaFunctionArn(functionName: string, scope: ArnScope): string {
  const partition = partitionOf(scope.region);
  if (functionName.startsWith("arn:")) return functionName;
  const parts = functionName.split(":");
  // `123456789012:function:name[:qualifier]` is a partial ARN.
  if (parts[1] === "function") return `arn:${partition}:lambda:${scope.region}:${functionName}`;
  return `arn:${partition}:lambda:${scope.region}:${scope.accountId}:function:${functionName}`;
}

function functionResources(params: JsonObject, scope: Scope): string[] {
  const name = staticParam(params, "FunctionName");
  return [name === undefined ? `arn:${scope.partition}:lambda:${scope.region}:${scope.accountId}:function:*` : lambdaFunctionArn(name, scope)];
}

function tableResources(params: JsonObject, scope: Scope): string[] {
  const table = staticParam(params, "TableName");
  if (table?.startsWith("arn:")) return [table];
  return [`arn:${scope.partition}:dynamodb:${scope.region}:${scope.accountId}:table/${table ?? "*"}`];
}

// `arn:<partition>:s3:::<bucket>/<key>`; a key prefix (ResultWriter's `Prefix`) ends in `*`.
function s3ObjectArn(params: JsonObject, scope: Scope): string {
  const bucket = staticParam(params, "Bucket") ?? "*";
  const key = staticParam(params, "Key");
  const prefix = staticParam(params, "Prefix");
  return `arn:${scope.partition}:s3:::${bucket}/${key ?? `${prefix ?? ""}*`}`;
}

const dynamodb = (action: string): IntegrationRule => ({ actions: [`dynamodb:${action}`], resources: tableResources });

/**
 * Optimised integrations (`arn:aws:states:::<service>:<action>`) → what the role needs. Any
 * other integration gets `<service>:<Action>` on `*`, the narrowest that is known to work.
 */
const INTEGRATIONS: Readonly<Record<string, IntegrationRule>> = {
  "lambda:invoke": { actions: ["lambda:InvokeFunction"], resources: functionResources },
  "states:startExecution": {
    actions: ["states:StartExecution"],
    resources: (p, s) => [staticParam(p, "StateMachineArn") ?? `arn:${s.partition}:states:${s.region}:${s.accountId}:stateMachine:*`],
    sync: (p, s) => {
      const machine = staticParam(p, "StateMachineArn");
      const name = machine === undefined ? "*" : (parseArn(machine)?.resource.split(":")[1] ?? "*");
      return [
        {
          actions: ["states:DescribeExecution", "states:StopExecution"],
          resources: [`arn:${s.partition}:states:${s.region}:${s.accountId}:execution:${name}:*`],
        },
        eventsRule(s, "StepFunctionsGetEventsForStepFunctionsExecutionRule"),
      ];
    },
  },
  "sns:publish": {
    actions: ["sns:Publish"],
    resources: (p, s) => [staticParam(p, "TopicArn") ?? `arn:${s.partition}:sns:${s.region}:${s.accountId}:*`],
  },
  "sqs:sendMessage": {
    actions: ["sqs:SendMessage"],
    resources: (p, s) => {
      const url = staticParam(p, "QueueUrl");
      // https://sqs.<region>.amazonaws.com/<account>/<queue>
      const match = url?.match(/^https:\/\/[^/]+\/(\d{12})\/([^/]+)$/);
      return [match ? `arn:${s.partition}:sqs:${s.region}:${match[1]}:${match[2]}` : `arn:${s.partition}:sqs:${s.region}:${s.accountId}:*`];
    },
  },
  "dynamodb:getItem": dynamodb("GetItem"),
  "dynamodb:putItem": dynamodb("PutItem"),
  "dynamodb:updateItem": dynamodb("UpdateItem"),
  "dynamodb:deleteItem": dynamodb("DeleteItem"),
  "events:putEvents": {
    actions: ["events:PutEvents"],
    resources: (_p, s) => [`arn:${s.partition}:events:${s.region}:${s.accountId}:event-bus/*`],
  },
  "batch:submitJob": {
    actions: ["batch:SubmitJob"],
    sync: (_p, s) => [
      { actions: ["batch:DescribeJobs", "batch:TerminateJob"], resources: ["*"] },
      eventsRule(s, "StepFunctionsGetEventsForBatchJobsRule"),
    ],
  },
  "ecs:runTask": {
    actions: ["ecs:RunTask"],
    sync: (_p, s) => [
      { actions: ["ecs:DescribeTasks", "ecs:StopTask"], resources: ["*"] },
      eventsRule(s, "StepFunctionsGetEventsForECSTaskRule"),
    ],
  },
  "s3:getObject": { actions: ["s3:GetObject"], resources: (p, s) => [s3ObjectArn(p, s)] },
  "s3:listObjectsV2": {
    actions: ["s3:ListBucket"],
    resources: (p, s) => [`arn:${s.partition}:s3:::${staticParam(p, "Bucket") ?? "*"}`],
  },
  "s3:putObject": { actions: ["s3:PutObject"], resources: (p, s) => [s3ObjectArn(p, s)] },
  "glue:startJobRun": {
    actions: ["glue:StartJobRun"],
    sync: () => [{ actions: ["glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"], resources: ["*"] }],
  },
};

/** The grants one Task resource (with its Parameters) needs; none for activities. */
export function grantsForResource(resource: string, params: JsonObject, scope: ArnScope): Grant[] {
  const s: Scope = { ...scope, partition: partitionOf(scope.region) };
  const arn = parseArn(resource);
  if (!arn) return [];
  if (arn.service === "lambda") return [{ actions: ["lambda:InvokeFunction"], resources: [resource] }];
  if (arn.service !== "states" || arn.region !== "" || arn.accountId !== "") return []; // activities need no IAM grant
  // `arn:aws:states:::<service>:<action>[.sync[:2]|.waitForTaskToken]`
  const [service = "", rawAction = ""] = arn.resource.split(":");
  if (service === "aws-sdk") {
    // `aws-sdk:<service>:<apiAction>`: the IAM action is the API action in PascalCase.
    const [sdkService = "", sdkAction = ""] = arn.resource.split(":").slice(1);
    const action = sdkAction.split(".")[0]!;
    return [{ actions: [`${sdkService}:${action.charAt(0).toUpperCase()}${action.slice(1)}`], resources: ["*"] }];
  }
  const [action = "", pattern] = rawAction.split(".");
  const rule = INTEGRATIONS[`${service}:${action}`];
  if (!rule) return [{ actions: [`${service}:${action.charAt(0).toUpperCase()}${action.slice(1)}`], resources: ["*"] }];
  const grants: Grant[] = [{ actions: rule.actions, resources: rule.resources?.(params, s) ?? ["*"] }];
  if (pattern === "sync" && rule.sync) grants.push(...rule.sync(params, s));
  return grants;
}

/** Visit every state of a definition, Parallel branches and Map processors included (no recursion). */
function forEachState(definition: unknown, visit: (state: JsonObject) => void): void {
  // An explicit stack: definitions may be deep and wide.
  const machines: unknown[] = [definition];
  while (machines.length > 0) {
    const machine = machines.pop();
    if (!isJsonObject(machine) || !isJsonObject(machine["States"])) continue;
    for (const state of Object.values(machine["States"])) {
      if (!isJsonObject(state)) continue;
      visit(state);
      if (Array.isArray(state["Branches"])) for (const branch of state["Branches"]) machines.push(branch);
      if (state["ItemProcessor"] !== undefined) machines.push(state["ItemProcessor"]);
      if (state["Iterator"] !== undefined) machines.push(state["Iterator"]);
    }
  }
}

// A resource field's Parameters (or JSONata Arguments); `{}` when none or an expression.
function paramsOf(holder: JsonObject): JsonObject {
  const params = holder["Parameters"] ?? holder["Arguments"];
  return isJsonObject(params) ? params : {};
}

/**
 * Every resource a definition calls with its Parameters: Task resources, and a distributed
 * Map's `ItemReader` and `ResultWriter` (which call S3), Parallel branches and Map processors included.
 */
export function taskResources(definition: unknown): CalledResource[] {
  const found: CalledResource[] = [];
  forEachState(definition, (state) => {
    if (state["Type"] === "Task" && typeof state["Resource"] === "string") found.push({ resource: state["Resource"], params: paramsOf(state), field: "Task" });
    for (const field of ["ItemReader", "ResultWriter"] as const) {
      const holder = state[field];
      if (isJsonObject(holder) && typeof holder["Resource"] === "string") found.push({ resource: holder["Resource"], params: paramsOf(holder), field });
    }
  });
  return found;
}

/** A resource a definition calls: see {@link taskResources}. */
export interface CalledResource {
  /** The `Resource` ARN. */
  resource: string;
  /** Its `Parameters` (or JSONata `Arguments`); `{}` when it has none or they are an expression. */
  params: JsonObject;
  /** Where it is called from: a Task state, or a distributed Map's ItemReader or ResultWriter. */
  field: "Task" | "ItemReader" | "ResultWriter";
}

/** Whether a definition has a Map in distributed mode (it starts child executions of the machine itself). */
export function hasDistributedMap(definition: unknown): boolean {
  let found = false;
  forEachState(definition, (state) => {
    const processor = state["ItemProcessor"];
    const config = isJsonObject(processor) ? processor["ProcessorConfig"] : undefined;
    if (state["Type"] === "Map" && isJsonObject(config) && config["Mode"] === "DISTRIBUTED") found = true;
  });
  return found;
}

/**
 * What a distributed Map needs: to start child executions of its own machine, and to describe
 * and stop them (their ARNs are `execution:<machine>/<map run>:<id>`).
 */
function distributedMapGrants(scope: ArnScope, machineName: string): Grant[] {
  const base = `arn:${partitionOf(scope.region)}:states:${scope.region}:${scope.accountId}`;
  return [
    { actions: ["states:StartExecution"], resources: [`${base}:stateMachine:${machineName}`] },
    { actions: ["states:DescribeExecution", "states:StopExecution"], resources: [`${base}:execution:${machineName}/*`] },
  ];
}

/**
 * The inline policy a role running `definition` (of the machine `machineName`, which a
 * distributed Map starts child executions of) needs, no wider than the definition shows:
 * one statement per set of actions, resources sorted and deduplicated. Empty `Statement`
 * when the machine calls nothing that needs IAM (e.g. only activities and Pass states).
 */
export function deriveRolePolicy(definition: unknown, scope: ArnScope, machineName = "*"): PolicyDocument {
  const byActions = new Map<string, Set<string>>();
  const add = (grant: Grant): void => {
    const key = [...new Set(grant.actions)].sort().join(",");
    const resources = byActions.get(key) ?? new Set<string>();
    for (const r of grant.resources) resources.add(r);
    byActions.set(key, resources);
  };
  for (const { resource, params, field } of taskResources(definition)) {
    if (field === "ResultWriter") {
      // Results are written as multipart uploads, read back and cleaned up on failure.
      const object = s3ObjectArn(params, { ...scope, partition: partitionOf(scope.region) });
      add({ actions: ["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"], resources: [object] });
    } else {
      for (const grant of grantsForResource(resource, params, scope)) add(grant);
    }
  }
  if (hasDistributedMap(definition)) for (const grant of distributedMapGrants(scope, machineName)) add(grant);
  const statements = [...byActions.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([actions, resources]): PolicyStatement => {
      // `*` covers every other resource of the same actions.
      const list = resources.has("*") ? ["*"] : [...resources].sort();
      return { Effect: "Allow", Action: actions.split(","), Resource: list };
    });
  return { Version: "2012-10-17", Statement: statements };
}

/** The trust policy letting Step Functions (of this account only) assume the role. */
export function stepFunctionsTrustPolicy(scope: ArnScope): JsonObject {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "states.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": scope.accountId } },
      },
    ],
  };
}
