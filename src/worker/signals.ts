import { constants } from "node:os";
import { silentLogger, type WorkerLogger } from "./logger.js";
import type { Worker } from "./worker.js";

/** Something that delivers process signals; `process` by default, an EventEmitter in tests. */
export interface SignalSource {
  /** Call `listener` each time `signal` arrives (as `process.on`). */
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
  /** Stop calling `listener` for `signal` (as `process.off`). */
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Options of {@link runWorkersUntilSignal}. */
export interface RunUntilSignalOptions {
  /** Signals that stop the workers (default SIGINT and SIGTERM). */
  signals?: readonly NodeJS.Signals[];
  /** Where signals come from (default `process`). */
  source?: SignalSource;
  /** Where to say what happens (default silent). */
  logger?: WorkerLogger;
}

/**
 * Run workers until a signal, as a command-line worker should: the first SIGINT/SIGTERM ends
 * them gracefully (no new task; running ones finish and are answered) and the promise
 * resolves 0; a second signal cancels them (running tasks are reported failed with
 * `WorkerCancel`) and it resolves 128 + the signal's number, as a shell reports a killed
 * process. Workers not yet started are started.
 * @returns the exit code for the process
 */
export async function runWorkersUntilSignal(workers: readonly Worker[], options: RunUntilSignalOptions = {}): Promise<number> {
  const signals = options.signals ?? ["SIGINT", "SIGTERM"];
  const source: SignalSource = options.source ?? process;
  const logger = options.logger ?? silentLogger;
  let received = 0;
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    received++;
    if (received === 1) {
      logger.warn(`${signal}: finishing running tasks (on AWS open polls are waited out, up to a minute); send it again to cancel them`);
      for (const worker of workers) void worker.end();
    } else if (received === 2) {
      logger.warn(`${signal}: cancelling running tasks`);
      exitCode = 128 + (constants.signals[signal] ?? 0);
      for (const worker of workers) void worker.cancel();
    }
  };
  for (const signal of signals) source.on(signal, onSignal);
  try {
    for (const worker of workers) if (worker.state === "idle") worker.start();
    await Promise.all(workers.map((worker) => worker.join()));
  } finally {
    for (const signal of signals) source.off(signal, onSignal);
  }
  return exitCode;
}
