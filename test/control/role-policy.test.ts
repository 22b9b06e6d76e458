import { describe, expect, it } from "vitest";
import { deriveRolePolicy, lambdaFunctionArn, taskResources } from "../../src/control/role-policy.js";

const scope = { region: "us-west-2", accountId: "123456789012" };
const task = (Resource: string, Parameters?: object) => ({ Type: "Task", Resource, ...(Parameters ? { Parameters } : {}), End: true });
const machine = (states: Record<string, object>) => ({ StartAt: Object.keys(states)[0], States: states });

describe("deriveRolePolicy", () => {
  it("grants nothing for activities and flow states", () => {
    const definition = machine({
      act: task("arn:aws:states:us-west-2:123456789012:activity:add"),
      pass: { Type: "Pass", End: true },
    });
    expect(deriveRolePolicy(definition, scope)).toEqual({ Version: "2012-10-17", Statement: [] });
  });

  it("invokes exactly the Lambda functions used, direct and through lambda:invoke", () => {
    const definition = machine({
      direct: task("arn:aws:lambda:us-west-2:123456789012:function:add"),
      byName: task("arn:aws:states:::lambda:invoke", { FunctionName: "sub", "Payload.$": "$" }),
      byAlias: task("arn:aws:states:::lambda:invoke.waitForTaskToken", { FunctionName: "mul:live" }),
      again: task("arn:aws:lambda:us-west-2:123456789012:function:add"),
    });
    expect(deriveRolePolicy(definition, scope).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["lambda:InvokeFunction"],
        Resource: [
          "arn:aws:lambda:us-west-2:123456789012:function:add",
          "arn:aws:lambda:us-west-2:123456789012:function:mul:live",
          "arn:aws:lambda:us-west-2:123456789012:function:sub",
        ],
      },
    ]);
  });

  it("widens to the account's functions only for a dynamic FunctionName", () => {
    const definition = machine({ dyn: task("arn:aws:states:::lambda:invoke", { "FunctionName.$": "$.fn" }) });
    expect(deriveRolePolicy(definition, scope).Statement[0]!.Resource).toEqual(["arn:aws:lambda:us-west-2:123456789012:function:*"]);
  });

  it("grants nested .sync executions start, describe, stop and the events rule", () => {
    const child = "arn:aws:states:us-west-2:123456789012:stateMachine:child";
    const definition = machine({ nested: task("arn:aws:states:::states:startExecution.sync:2", { StateMachineArn: child, "Input.$": "$" }) });
    expect(deriveRolePolicy(definition, scope).Statement).toEqual([
      {
        Effect: "Allow",
        Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
        Resource: ["arn:aws:events:us-west-2:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule"],
      },
      { Effect: "Allow", Action: ["states:DescribeExecution", "states:StopExecution"], Resource: ["arn:aws:states:us-west-2:123456789012:execution:child:*"] },
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: [child] },
    ]);
  });

  it("starts a nested execution without .sync with no polling grants", () => {
    const definition = machine({ fire: task("arn:aws:states:::states:startExecution", { StateMachineArn: "arn:aws:states:us-west-2:123456789012:stateMachine:c" }) });
    expect(deriveRolePolicy(definition, scope).Statement.map((s) => s.Action)).toEqual([["states:StartExecution"]]);
  });

  it("walks Parallel branches and Map processors, old and new", () => {
    const definition = machine({
      par: {
        Type: "Parallel",
        Branches: [machine({ pub: task("arn:aws:states:::sns:publish", { TopicArn: "arn:aws:sns:us-west-2:123456789012:t" }) })],
        Next: "map",
      },
      map: {
        Type: "Map",
        ItemProcessor: machine({ put: task("arn:aws:states:::dynamodb:putItem", { TableName: "items" }) }),
        Next: "old",
      },
      old: { Type: "Map", Iterator: machine({ send: task("arn:aws:states:::sqs:sendMessage", { QueueUrl: "https://sqs.us-west-2.amazonaws.com/123456789012/q" }) }), End: true },
    });
    expect(taskResources(definition).map((t) => t.resource)).toHaveLength(3);
    expect(deriveRolePolicy(definition, scope).Statement).toEqual([
      { Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: ["arn:aws:dynamodb:us-west-2:123456789012:table/items"] },
      { Effect: "Allow", Action: ["sns:Publish"], Resource: ["arn:aws:sns:us-west-2:123456789012:t"] },
      { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: ["arn:aws:sqs:us-west-2:123456789012:q"] },
    ]);
  });

  it("a distributed Map may start, describe and stop child executions of its own machine, and read and write its S3 objects", () => {
    const definition = machine({
      each: {
        Type: "Map",
        ItemReader: { Resource: "arn:aws:states:::s3:getObject", ReaderConfig: { InputType: "JSON" }, Parameters: { Bucket: "in", Key: "items.json" } },
        ItemProcessor: {
          ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
          StartAt: "work",
          States: { work: task("arn:aws:states:::lambda:invoke", { FunctionName: "work" }) },
        },
        ResultWriter: { Resource: "arn:aws:states:::s3:putObject", Parameters: { Bucket: "out", Prefix: "runs/" } },
        End: true,
      },
    });
    expect(taskResources(definition).map((t) => [t.field, t.resource])).toEqual([
      ["ItemReader", "arn:aws:states:::s3:getObject"],
      ["ResultWriter", "arn:aws:states:::s3:putObject"],
      ["Task", "arn:aws:states:::lambda:invoke"],
    ]);
    expect(deriveRolePolicy(definition, scope, "files").Statement).toEqual([
      { Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: ["arn:aws:lambda:us-west-2:123456789012:function:work"] },
      { Effect: "Allow", Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"], Resource: ["arn:aws:s3:::out/runs/*"] },
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::in/items.json"] },
      { Effect: "Allow", Action: ["states:DescribeExecution", "states:StopExecution"], Resource: ["arn:aws:states:us-west-2:123456789012:execution:files/*"] },
      { Effect: "Allow", Action: ["states:StartExecution"], Resource: ["arn:aws:states:us-west-2:123456789012:stateMachine:files"] },
    ]);
  });

  it("an inline Map starts no child executions", () => {
    const definition = machine({
      each: { Type: "Map", ItemProcessor: { ProcessorConfig: { Mode: "INLINE" }, StartAt: "p", States: { p: { Type: "Pass", End: true } } }, End: true },
    });
    expect(deriveRolePolicy(definition, scope, "files").Statement).toEqual([]);
  });

  it("maps SDK integrations and unknown optimised ones to service:Action", () => {
    const definition = machine({
      sdk: task("arn:aws:states:::aws-sdk:s3:getObject", { Bucket: "b", Key: "k" }),
      other: task("arn:aws:states:::codebuild:startBuild.sync", { ProjectName: "p" }),
    });
    expect(deriveRolePolicy(definition, scope).Statement).toEqual([
      { Effect: "Allow", Action: ["codebuild:StartBuild"], Resource: ["*"] },
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["*"] },
    ]);
  });

  it("follows the partition", () => {
    const definition = machine({ put: task("arn:aws-cn:states:::dynamodb:getItem", { TableName: "t" }) });
    expect(deriveRolePolicy(definition, { region: "cn-north-1", accountId: "123456789012" }).Statement[0]!.Resource).toEqual([
      "arn:aws-cn:dynamodb:cn-north-1:123456789012:table/t",
    ]);
  });
});

describe("lambdaFunctionArn", () => {
  it("resolves names, aliases, partial and full ARNs", () => {
    expect(lambdaFunctionArn("f", scope)).toBe("arn:aws:lambda:us-west-2:123456789012:function:f");
    expect(lambdaFunctionArn("f:1", scope)).toBe("arn:aws:lambda:us-west-2:123456789012:function:f:1");
    expect(lambdaFunctionArn("210987654321:function:f", scope)).toBe("arn:aws:lambda:us-west-2:210987654321:function:f");
    expect(lambdaFunctionArn("arn:aws:lambda:eu-west-1:1:function:f", scope)).toBe("arn:aws:lambda:eu-west-1:1:function:f");
  });
});
