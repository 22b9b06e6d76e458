/** Limits of Step Functions that the library checks before a call and the local engine enforces. */

/** Largest execution input, task output and state payload: 256 KiB of UTF-8. */
export const MAX_PAYLOAD_BYTES = 262_144;

/** Most events one execution's history may hold; crossing it fails the execution. */
export const MAX_HISTORY_EVENTS = 25_000;

/** Longest name of an activity, state machine, execution, alias or state, in characters. */
export const MAX_NAME_LENGTH = 80;

/** Largest Task timeout, heartbeat and Wait seconds AWS accepts. */
export const MAX_STATE_SECONDS = 99_999_999;

/** Largest retry `MaxDelaySeconds` AWS accepts (a year and a day). */
export const MAX_RETRY_DELAY_SECONDS = 31_622_400;

/** Longest execution timeout (`TimeoutSeconds` of a machine): a year and a day, in seconds. */
export const MAX_EXECUTION_TIMEOUT_SECONDS = 31_622_400;
