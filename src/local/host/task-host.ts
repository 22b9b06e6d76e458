/**
 * The engine's {@link InterpreterHost}: routes each Task's resource to the integration that
 * runs it here (`integrations/routing.ts`) and runs it under the task's time limits.
 */
import { type InterpreterHost, type MapRunObserver, type MapRunStart, type TaskRequest } from "../interpreter/host.js";
import { newTaskToken, TaskTokens } from "../store/task-tokens.js";
import { ActivityStore } from "../store/activity-store.js";
import { EngineClock } from "../clock.js";
import type { LambdaRegistry } from "./lambda-registry.js";
import { ServiceMocks } from "./service-mocks.js";
import { superviseTask } from "./task-supervisor.js";
import type { TaskHostParts } from "./integrations/integration.js";
import { eventsFor, resourceRoute, routeTask, type ResourceRoute } from "./integrations/routing.js";
import { testCaseMock } from "./integrations/mock-config.js";
import type { JsonValue } from "../../json.js";

export type { TaskHostParts } from "./integrations/integration.js";
export { UNSUPPORTED_INTEGRATION_ERROR } from "./integrations/unsupported.js";

/** Resources whose route a host keeps (more are routed afresh: resources written by JSONata can be many). */
const KEPT_ROUTES = 1_000;

/** The local engine's host of the interpreter. */
export class LocalTaskHost implements InterpreterHost {
  /** What each resource's text says of its route: a Task's resource is routed once, not per visit. */
  private readonly routes = new Map<string, ResourceRoute>();

  constructor(private readonly parts: TaskHostParts) {}

  /** @inheritDoc */
  newTaskToken(): string {
    return newTaskToken();
  }

  /** @inheritDoc */
  now(): number {
    return this.parts.clock.now();
  }

  /** @inheritDoc */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return this.parts.clock.sleep(ms, signal);
  }

  /** @inheritDoc */
  random(): number {
    return (this.parts.random ?? Math.random)();
  }

  /** Record the run for DescribeMapRun / ListMapRuns / UpdateMapRun. */
  mapRunStarted(start: MapRunStart): MapRunObserver {
    return this.parts.mapRuns ? this.parts.mapRuns.start(start) : { iteration: () => undefined, ended: () => undefined };
  }

  /** @inheritDoc */
  invokeTask(request: TaskRequest): JsonValue | Promise<JsonValue> {
    const { parts } = this;
    const route = this.routeOf(request.resource);
    const { target } = route;
    // A state the execution's test case mocks is answered from the mock file, whatever its resource.
    const mocked = parts.testCases?.next(request.executionArn, request.stateName);
    const integration = mocked ? testCaseMock(mocked, target) : (route.integration ?? routeTask(target, request.resource, parts));
    if (request.runsAlone === true && integration.runAlone) return integration.runAlone(request, target, parts);
    const events = eventsFor(integration, request, target, parts.region);
    return superviseTask(request, events, parts.clock, (control) => integration.run({ request, target, events, control, parts }));
  }

  private routeOf(resource: string): ResourceRoute {
    let route = this.routes.get(resource);
    if (route === undefined) {
      route = resourceRoute(resource);
      if (this.routes.size < KEPT_ROUTES) this.routes.set(resource, route);
    }
    return route;
  }
}

/**
 * A task host of its own, outside an engine, for `runExecution` in process (benches, tests):
 * `lambdas` answer Lambda Tasks, activities wait for no one, and there are no nested executions.
 */
export function standaloneTaskHost(lambdas: LambdaRegistry, clock = new EngineClock()): LocalTaskHost {
  return new LocalTaskHost({
    clock,
    region: "us-east-1",
    accountId: "123456789012",
    activities: new ActivityStore(clock, 60_000),
    tokens: new TaskTokens(),
    lambdas,
    mocks: new ServiceMocks(),
    executions: () => {
      throw new Error("this task host runs no nested executions");
    },
  });
}
