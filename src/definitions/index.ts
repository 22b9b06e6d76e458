/**
 * The definition layer: states, choice rules, task resources, the state graph and the state
 * machine. Pure: nothing here touches the network.
 */
export * from "./states/state.js";
export * from "./states/chainable-state.js";
export * from "./states/error-handling-state.js";
export * from "./states/result-fields.js";
export * from "./states/branch.js";
export * from "./states/succeed.js";
export * from "./states/fail.js";
export * from "./states/pass.js";
export * from "./states/wait.js";
export * from "./states/parallel.js";
export * from "./states/map.js";
export { Map as MapState } from "./states/map.js";
export * from "./states/task.js";
export * from "./states/choice.js";
export * from "./resources/task-resource.js";
export * from "./resources/lambda.js";
export * from "./resources/service-integration.js";
export * from "./resources/named-integrations.js";
export * from "./graph.js";
export * from "./state-machine.js";
export * from "./choice/index.js";
