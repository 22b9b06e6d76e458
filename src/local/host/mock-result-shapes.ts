/**
 * TestState's `mock.fieldValidationMode`: the response shapes of the integrations the local
 * engine knows (from each service's API reference), one table, and the check AWS words as
 * `Mock result schema validation error: ...`. STRICT also wants the required fields, PRESENT
 * only checks the fields given, NONE checks nothing; a resource with no shape here (or a field
 * not in its shape) passes, as fields outside the API's shape pass on AWS.
 */
import { isJsonObject, type JsonValue } from "../../json.js";

/** A field's type: a primitive, an array of a shape, or a nested object. */
type FieldShape = "string" | "number" | "boolean" | "any" | { array: FieldShape } | ObjectShape;

interface ObjectShape {
  fields: Record<string, FieldShape>;
  required?: readonly string[];
}

const consumedCapacity: ObjectShape = {
  fields: { TableName: "string", CapacityUnits: "number", ReadCapacityUnits: "number", WriteCapacityUnits: "number" },
};

const describeExecution: ObjectShape = {
  fields: {
    ExecutionArn: "string",
    StateMachineArn: "string",
    Name: "string",
    Status: "string",
    StartDate: "string",
    StopDate: "string",
    Input: "any",
    Output: "any",
    Error: "string",
    Cause: "string",
  },
  required: ["ExecutionArn", "StateMachineArn", "Status", "StartDate"],
};

/** Response shapes by resource, without the `.sync` / `.waitForTaskToken` suffix unless it changes the shape. */
const SHAPES: Readonly<Record<string, ObjectShape>> = {
  "lambda:invoke": {
    fields: { StatusCode: "number", FunctionError: "string", LogResult: "string", Payload: "any", ExecutedVersion: "string" },
  },
  "states:startExecution": { fields: { ExecutionArn: "string", StartDate: "string" }, required: ["ExecutionArn", "StartDate"] },
  "states:startExecution.sync": describeExecution,
  "states:startExecution.sync:2": describeExecution,
  "sqs:sendMessage": {
    fields: { MD5OfMessageBody: "string", MD5OfMessageAttributes: "string", MD5OfMessageSystemAttributes: "string", MessageId: "string", SequenceNumber: "string" },
  },
  "sns:publish": { fields: { MessageId: "string", SequenceNumber: "string" } },
  "events:putEvents": {
    fields: { FailedEntryCount: "number", Entries: { array: { fields: { EventId: "string", ErrorCode: "string", ErrorMessage: "string" } } } },
  },
  "dynamodb:getItem": { fields: { Item: "any", ConsumedCapacity: consumedCapacity } },
  "dynamodb:putItem": { fields: { Attributes: "any", ConsumedCapacity: consumedCapacity, ItemCollectionMetrics: "any" } },
  "dynamodb:updateItem": { fields: { Attributes: "any", ConsumedCapacity: consumedCapacity, ItemCollectionMetrics: "any" } },
  "dynamodb:deleteItem": { fields: { Attributes: "any", ConsumedCapacity: consumedCapacity, ItemCollectionMetrics: "any" } },
};

/** How strictly a mocked result is checked. */
export type FieldValidationMode = "STRICT" | "PRESENT" | "NONE";

function shapeOf(resource: string): ObjectShape | undefined {
  const match = /^arn:[^:]+:states:::(.+)$/.exec(resource);
  if (!match) return undefined;
  const operation = match[1]!;
  return SHAPES[operation] ?? SHAPES[operation.replace(/\.(sync(:2)?|waitForTaskToken)$/, "")];
}

const ARTICLE: Readonly<Record<string, string>> = { string: "a string", number: "a number", boolean: "a boolean" };

function check(value: JsonValue, shape: FieldShape, name: string, strict: boolean): string | undefined {
  if (shape === "any") return undefined;
  if (typeof shape === "string") return typeof value === shape ? undefined : `Field '${name}' must be ${ARTICLE[shape]}`;
  if ("array" in shape) {
    if (!Array.isArray(value)) return `Field '${name}' must be an array`;
    for (const item of value) {
      const problem = check(item, shape.array, name, strict);
      if (problem) return problem;
    }
    return undefined;
  }
  if (!isJsonObject(value)) return `Field '${name}' must be an object`;
  return checkObject(value, shape, strict);
}

function checkObject(value: Record<string, JsonValue>, shape: ObjectShape, strict: boolean): string | undefined {
  if (strict) {
    const missing = (shape.required ?? []).find((field) => !(field in value));
    if (missing !== undefined) return `Required field '${missing}' is missing`;
  }
  for (const [field, fieldShape] of Object.entries(shape.fields)) {
    if (!(field in value)) continue;
    const problem = check(value[field]!, fieldShape, field, strict);
    if (problem) return problem;
  }
  return undefined;
}

/** The problem AWS would report with `result` as the mocked result of `resource`, or undefined. */
export function mockResultProblem(resource: string, result: JsonValue, mode: FieldValidationMode): string | undefined {
  if (mode === "NONE") return undefined;
  const shape = shapeOf(resource);
  if (!shape || !isJsonObject(result)) return undefined;
  const problem = checkObject(result, shape, mode === "STRICT");
  return problem === undefined ? undefined : `Mock result schema validation error: ${problem}`;
}
