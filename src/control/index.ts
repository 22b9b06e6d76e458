export * from "../activities/registration.js";
export * from "../aws-call.js";
export * from "./execution.js";
export * from "./history.js";
export * from "./role-policy.js";
export * from "./state-machine.js";
export * from "./state-machine-control.js";
export * from "./wait-schedule.js";
