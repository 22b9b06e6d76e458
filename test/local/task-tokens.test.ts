import { describe, expect, it } from "vitest";
import { ApiError } from "../../src/local/api-error.js";
import { newTaskToken, TaskTokens } from "../../src/local/store/task-tokens.js";

const waiter = { succeed: () => undefined, fail: () => undefined, heartbeat: () => undefined };

function codeOf(answer: () => void): string | undefined {
  try {
    answer();
  } catch (error) {
    return error instanceof ApiError ? error.code : String(error);
  }
  return undefined;
}

describe("TaskTokens", () => {
  it("answers a finished token TaskTimedOut, and forgets the oldest finished tokens past its bound", () => {
    const tokens = new TaskTokens(3);
    const issued = Array.from({ length: 5 }, () => newTaskToken());
    for (const token of issued) tokens.register(token, waiter);
    for (const token of issued) tokens.succeed(token, null);
    // The three newest are remembered: a late answer is TaskTimedOut, as on AWS.
    for (const token of issued.slice(2)) expect(codeOf(() => tokens.succeed(token, null))).toBe("TaskTimedOut");
    // The two oldest are forgotten: as a token never issued.
    for (const token of issued.slice(0, 2)) expect(codeOf(() => tokens.heartbeat(token))).toBe("TaskDoesNotExist");
    expect(codeOf(() => tokens.heartbeat("not a token!"))).toBe("InvalidToken");
  });

  it("keeps a live token answerable however many others finish", () => {
    const tokens = new TaskTokens(2);
    const kept = newTaskToken();
    tokens.register(kept, waiter);
    for (let i = 0; i < 10; i++) {
      const token = newTaskToken();
      tokens.register(token, waiter);
      tokens.fail(token, "E", "c");
    }
    expect(tokens.isLive(kept)).toBe(true);
    expect(codeOf(() => tokens.succeed(kept, 1))).toBeUndefined();
  });
});
