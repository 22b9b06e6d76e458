import { MAX_PAYLOAD_BYTES } from "../asl/limits.js";

/** Step Functions API limits on what a worker sends (SendTask* request fields). */
export const TASK_LIMITS = {
  /** Characters of `error` in SendTaskFailure. */
  errorChars: 256,
  /** Characters of `cause` in SendTaskFailure. */
  causeChars: 32_768,
  /** Bytes (UTF-8) of `output` in SendTaskSuccess: 256 KiB. */
  outputBytes: MAX_PAYLOAD_BYTES,
} as const;

/** Cut `text` to at most `max` UTF-16 units without leaving half a surrogate pair. */
export function cutToLength(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
