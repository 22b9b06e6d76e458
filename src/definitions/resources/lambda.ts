import { lambdaArn } from "../../arn.js";
import { TaskResource } from "./task-resource.js";

/** An AWS Lambda function run directly by its ARN as a Task resource. */
export class Lambda extends TaskResource {
  readonly service = "lambda";

  get arn(): string {
    return lambdaArn(this.session.arnScope, this.name);
  }
}
