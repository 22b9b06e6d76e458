/** How loud a {@link WorkerLogger} is; each level includes the ones above it. */
export type LogLevel = "error" | "warn" | "info" | "debug";

const RANK: Readonly<Record<LogLevel, number>> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Where workers and the CLI write what they do; `console` fits. */
export interface WorkerLogger {
  /** Something failed that the caller should see (e.g. a task whose token died unanswered). */
  error(message: string, ...details: unknown[]): void;
  /** Something went wrong but work goes on (e.g. a failed poll or report, to be retried). */
  warn(message: string, ...details: unknown[]): void;
  /** What the worker does: tasks taken and answered. */
  info(message: string, ...details: unknown[]): void;
  /** Every step, for debugging: polls, heartbeats, retries. */
  debug(message: string, ...details: unknown[]): void;
}

/** A logger that drops everything. */
export const silentLogger: WorkerLogger = {
  error() {},
  warn() {},
  info() {},
  debug() {},
};

/** `logger`, with anything its methods throw swallowed: logging never stops a task's answer. */
export function neverThrowing(logger: WorkerLogger): WorkerLogger {
  const guard =
    (method: keyof WorkerLogger) =>
    (message: string, ...details: unknown[]): void => {
      try {
        logger[method](message, ...details);
      } catch {
        // The logger is the user's; work goes on regardless.
      }
    };
  return { error: guard("error"), warn: guard("warn"), info: guard("info"), debug: guard("debug") };
}

/**
 * A logger writing one line per message at `level` and above, through `write` (default: the
 * process's stderr, so stdout stays clean for a program's output).
 */
export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line)): WorkerLogger {
  const at = (wanted: LogLevel) => (message: string, ...details: unknown[]) => {
    if (RANK[wanted] > RANK[level]) return;
    const extra = details.map(describeDetail).filter((d) => d !== "");
    write(`${wanted.toUpperCase()} ${message}${extra.length > 0 ? " " + extra.join(" ") : ""}\n`);
  };
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
}

/**
 * The level that `-v` and `-q` counts give, as sfini: warnings by default, each `-v` one
 * level louder, each `-q` one quieter (never below errors).
 */
export function levelFromVerbosity(verbose: number, quiet: number): LogLevel {
  const levels: LogLevel[] = ["error", "warn", "info", "debug"];
  const index = Math.min(Math.max(1 + verbose - quiet, 0), levels.length - 1);
  return levels[index]!;
}

function describeDetail(detail: unknown): string {
  try {
    return describeDetailOrThrow(detail);
  } catch {
    return "(a value that cannot be described)";
  }
}

function describeDetailOrThrow(detail: unknown): string {
  if (detail instanceof Error) return `(${detail.name}: ${detail.message})`;
  if (detail === undefined) return "";
  if (typeof detail === "string") return detail;
  try {
    return JSON.stringify(detail) ?? String(detail);
  } catch {
    return String(detail);
  }
}
