/**
 * ARNs are built, never fetched: the partition follows the region, so definitions can be
 * rendered offline for any partition.
 */

/** The AWS partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, ...). */
export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("us-isob-")) return "aws-iso-b";
  if (region.startsWith("us-iso-")) return "aws-iso";
  if (region.startsWith("eu-isoe-")) return "aws-iso-e";
  if (region.startsWith("us-isof-")) return "aws-iso-f";
  return "aws";
}

/** Where a resource lives: what every ARN is built from. */
export interface ArnScope {
  /** AWS region, e.g. `eu-west-1`; it also decides the partition. */
  region: string;
  /** 12-digit AWS account id. */
  accountId: string;
}

/** `arn:<partition>:states:<region>:<account>:activity:<name>` */
export function activityArn(scope: ArnScope, name: string): string {
  return `arn:${partitionOf(scope.region)}:states:${scope.region}:${scope.accountId}:activity:${name}`;
}

/** `arn:<partition>:states:<region>:<account>:stateMachine:<name>` */
export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:${partitionOf(scope.region)}:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

/** `arn:<partition>:states:<region>:<account>:execution:<machine>:<name>` */
export function executionArn(scope: ArnScope, machineName: string, name: string): string {
  return `arn:${partitionOf(scope.region)}:states:${scope.region}:${scope.accountId}:execution:${machineName}:${name}`;
}

/** `arn:<partition>:lambda:<region>:<account>:function:<name>` */
export function lambdaArn(scope: ArnScope, name: string): string {
  return `arn:${partitionOf(scope.region)}:lambda:${scope.region}:${scope.accountId}:function:${name}`;
}

/** `arn:<partition>:iam::<account>:role/<name>` */
export function roleArn(scope: ArnScope, name: string): string {
  return `arn:${partitionOf(scope.region)}:iam::${scope.accountId}:role/${name}`;
}

/** `arn:<partition>:states:::<service>:<action>`: an optimised service integration. */
export function serviceIntegrationArn(region: string, service: string, action: string): string {
  return `arn:${partitionOf(region)}:states:::${service}:${action}`;
}

/** The parts of an ARN, split on `:` (the resource keeps any further colons). */
export interface ParsedArn {
  /** The partition, e.g. `aws` or `aws-cn`. */
  partition: string;
  /** The service namespace, e.g. `states`, `lambda` or `iam`. */
  service: string;
  /** The region; empty for global resources (IAM) and service integrations. */
  region: string;
  /** The account id; empty for service integrations. */
  accountId: string;
  /** Everything after the account id, e.g. `activity:myActivity` or `role/myRole`. */
  resource: string;
}

/** Split an ARN into its parts; undefined when it is not an ARN. */
export function parseArn(arn: string): ParsedArn | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return {
    partition: parts[1]!,
    service: parts[2]!,
    region: parts[3]!,
    accountId: parts[4]!,
    resource: parts.slice(5).join(":"),
  };
}
