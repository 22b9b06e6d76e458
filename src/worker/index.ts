/**
 * Activity workers: poll an activity, run its function on each task, heartbeat, and answer
 * every task exactly once, through throttling, 5xx and dropped connections. The public names;
 * the helpers behind them stay in their modules.
 * @module
 */
export { Worker, PollTimeoutError, WorkerStateError, type EndOptions, type TaskEvent, type WorkerEvents, type WorkerOptions, type WorkerState } from "./worker.js";
export { TaskExecution, type TaskExecutionHooks, type TaskExecutionOptions, type TaskOutcome } from "./task-execution.js";
export * from "./errors.js";
export type { RetryPolicy } from "./backoff.js";
export { createLogger, silentLogger, type LogLevel, type WorkerLogger } from "./logger.js";
export { runWorkersUntilSignal, type RunUntilSignalOptions, type SignalSource } from "./signals.js";
