/**
 * Tasks answered from the mock configuration's test case (Step Functions Local's
 * `MockConfigFile.json`) instead of their resource: any resource, activities and
 * `.waitForTaskToken` callbacks included (our extension), answered at once, with the history
 * events of the resource's own family.
 */
import { TaskFailed } from "../../interpreter/host.js";
import type { MockedInvocation } from "../../mock-config/test-case-runs.js";
import { lambdaFunctionName } from "../lambda-registry.js";
import { isJsonObject, type JsonObject } from "../../../json.js";
import { callLambda } from "./lambda-function.js";
import { invokeResponse } from "./lambda-invoke.js";
import type { EventFamily, TaskIntegration, TaskTarget } from "./integration.js";
import { scheduleAndStart } from "./task-start.js";
import { jsonCopy } from "./json-copy.js";

function familyOf(target: TaskTarget): EventFamily {
  if (target.kind === "activity") return "Activity";
  if (target.kind === "lambdaFunction") return "LambdaFunction";
  return "Task";
}

/** The integration answering one invocation of a mocked state with `mocked`. */
export function testCaseMock(mocked: MockedInvocation, target: TaskTarget): TaskIntegration {
  return {
    events: familyOf(target),
    async run(call) {
      const { request, control, parts } = call;
      await scheduleAndStart(call, target.kind === "activity" ? "mock-config" : undefined);
      if (mocked.kind === "missing") throw new TaskFailed("States.Runtime", mocked.cause);
      if (mocked.kind === "outcome") {
        // The configuration's value serves every run: each gets its own copy.
        if ("result" in mocked.outcome) return jsonCopy(mocked.outcome.result);
        throw new TaskFailed(mocked.outcome.error, mocked.outcome.cause);
      }
      const lambdaInvoke = target.kind === "service" && target.service === "lambda" && target.action === "invoke";
      if (!lambdaInvoke) return callLambda(mocked.handler, lambdaFunctionName(request.resource), request.input, control);
      // lambda:invoke: the handler is the function; the Task's result is Lambda's Invoke response.
      const parameters: JsonObject = isJsonObject(request.input) ? request.input : {};
      const functionName = typeof parameters["FunctionName"] === "string" ? parameters["FunctionName"] : request.stateName;
      return invokeResponse(mocked.handler, { ...parameters, FunctionName: functionName }, control.signal, () => parts.clock.now());
    },
  };
}
