/**
 * The one routing table from a Task's `Resource` to the integration that runs it here. The
 * first row that matches wins: a configured mock beats the built-in service integrations.
 */
import type { TaskRequest } from "../../interpreter/host.js";
import { resourceEvents, serviceTaskEvents, type TaskEvents } from "../task-events.js";
import { activity } from "./activity.js";
import type { TaskHostParts, TaskIntegration, TaskTarget } from "./integration.js";
import { lambdaFunction } from "./lambda-function.js";
import { lambdaFunctionName } from "../lambda-registry.js";
import { lambdaInvoke } from "./lambda-invoke.js";
import { mockedService } from "./mocked-service.js";
import { startExecution } from "./start-execution.js";
import { unknownResource, unsupportedService } from "./unsupported.js";

const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:[^:]+$/;
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;
const SERVICE_ARN = /^arn:[^:]+:states:::([^:]+):(.+)$/;

/** Sort a `Resource` into its family. */
export function taskTarget(resource: string): TaskTarget {
  if (ACTIVITY_ARN.test(resource)) return { kind: "activity" };
  if (LAMBDA_ARN.test(resource)) return { kind: "lambdaFunction", functionName: lambdaFunctionName(resource) };
  const service = SERVICE_ARN.exec(resource);
  if (!service) return { kind: "unknown" };
  const operation = service[2]!;
  const [action = operation, ...patternParts] = operation.split(".");
  return { kind: "service", service: service[1]!, operation, action, pattern: patternParts.join(".") };
}

/** A row: it looks at the target only (so its answer is fixed per resource), or also at the engine's parts (its mocks). */
type Route =
  | { byTarget(target: TaskTarget): boolean; integration: TaskIntegration }
  | { when(target: TaskTarget, resource: string, parts: TaskHostParts): boolean; integration: TaskIntegration };

function matches(route: Route, target: TaskTarget, resource: string, parts: TaskHostParts): boolean {
  return "byTarget" in route ? route.byTarget(target) : route.when(target, resource, parts);
}

const isService = (target: TaskTarget, service: string, action: string): boolean =>
  target.kind === "service" && target.service === service && target.action === action;

const ROUTES: readonly Route[] = [
  { byTarget: (t) => t.kind === "activity", integration: activity },
  { byTarget: (t) => t.kind === "lambdaFunction", integration: lambdaFunction },
  { when: (t, resource, parts) => t.kind === "service" && parts.mocks.find(resource) !== undefined, integration: mockedService },
  { when: (t) => isService(t, "lambda", "invoke"), integration: lambdaInvoke },
  { when: (t) => isService(t, "states", "startExecution"), integration: startExecution },
  { when: (t) => t.kind === "service", integration: unsupportedService },
  { when: () => true, integration: unknownResource },
];

/** The integration that runs `resource`. */
export function routeTask(target: TaskTarget, resource: string, parts: TaskHostParts): TaskIntegration {
  return ROUTES.find((route) => matches(route, target, resource, parts))!.integration;
}

/** What routing knows of a resource from its text alone: its target, and its integration when that is fixed. */
export interface ResourceRoute {
  readonly target: TaskTarget;
  /** Set when every row up to the one that matches looks at the target only. */
  readonly integration?: TaskIntegration;
}

/** {@link ResourceRoute} of `resource` (the same for every visit: a host may keep it). */
export function resourceRoute(resource: string): ResourceRoute {
  const target = taskTarget(resource);
  for (const route of ROUTES) {
    if (!("byTarget" in route)) break;
    if (route.byTarget(target)) return { target, integration: route.integration };
  }
  return { target };
}

/** The events writer of `integration` for `request`. */
export function eventsFor(integration: TaskIntegration, request: TaskRequest, target: TaskTarget, region: string): TaskEvents {
  if (integration.events !== "Task") return resourceEvents(integration.events, request);
  return target.kind === "service"
    ? serviceTaskEvents(request, target.service, target.operation, region)
    : serviceTaskEvents(request, "unknown", request.resource, region);
}
