import { createRequire } from "node:module";
import { expect } from "vitest";
import type { JsonObject } from "../../src/json.js";
import { AWSSession } from "../../src/session.js";

interface AslValidatorResult {
  isValid: boolean;
  errorsText(separator?: string): string;
}
// asl-validator ships no types; this is the part of its API the tests use.
type AslValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => AslValidatorResult;
const aslValidator = createRequire(import.meta.url)("asl-validator") as AslValidator;

/** The session of every definition test: ARNs known offline. */
export const session = new AWSSession({ region: "us-west-2", accountId: "123456789012" });

/**
 * Assert a whole machine definition passes asl-validator. The validator writes
 * `QueryLanguage` into the states it checks, so it gets a copy.
 */
export function expectAslValid(definition: JsonObject): void {
  const result = aslValidator(structuredClone(definition), { checkPaths: true, checkArn: true });
  expect(result.isValid, result.errorsText("\n")).toBe(true);
}

/** Wrap one state's ASL in a one-state machine and check it with asl-validator. */
export function expectStateAslValid(name: string, state: JsonObject, extra: JsonObject = {}): void {
  expectAslValid({ StartAt: name, States: { [name]: state, ...extra } });
}
