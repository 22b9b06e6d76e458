/**
 * The definition layer's public names: states, choice rules, task resources, the state graph
 * and the state machine's definition. Pure: nothing here touches the network.
 */
export { State, type StateEdge, type StateOptions, type SubGraph, type SubGraphRenderer } from "./states/state.js";
export * from "./states/chainable-state.js";
export * from "./states/error-handling-state.js";
export type { ArgumentsOptions, ParametersOptions, ResultFields, ResultFieldsOptions, ResultOptions, ResultSelectorOptions } from "./states/result-fields.js";
export type { Branch, GraphLike } from "./states/branch.js";
export * from "./states/succeed.js";
export * from "./states/fail.js";
export * from "./states/pass.js";
export * from "./states/wait.js";
export * from "./states/parallel.js";
export * from "./states/map.js";
export { Map as MapState } from "./states/map.js";
export { Task, type TaskCredentials, type TaskOptions, type TaskResourceLike } from "./states/task.js";
export * from "./states/choice.js";
export * from "./resources/task-resource.js";
export * from "./resources/lambda.js";
export { ServiceIntegration, type IntegrationPattern, type ServiceIntegrationOptions } from "./resources/service-integration.js";
export * from "./resources/named-integrations.js";
export { StateGraph, type GraphPath, type GraphSource } from "./graph.js";
export * from "./state-machine.js";
export * from "./choice/index.js";
