/**
 * Activity workers: poll an activity, run its function on each task, heartbeat, and answer
 * every task exactly once, through throttling, 5xx and dropped connections.
 * @module
 */
export * from "./worker.js";
export * from "./task-execution.js";
export * from "./errors.js";
export * from "./backoff.js";
export * from "./logger.js";
export * from "./limits.js";
export * from "./task-faults.js";
export * from "./worker-name.js";
export * from "./signals.js";
