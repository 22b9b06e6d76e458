/**
 * What the console's browser tests and the screenshot script drive: Debian's Chromium through
 * playwright-core (no browser download), and a machine with a Choice, a Parallel with a retried
 * and a caught failure, and a Map.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import type { LocalEngine } from "../../src/local/index.js";
import type { JsonObject } from "../../src/json.js";

/** Where Debian puts its Chromium (`apt-get install chromium`); CI installs it when missing. */
export const CHROMIUM = "/usr/bin/chromium";

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return existsSync(CHROMIUM) ? undefined : `${CHROMIUM} is not installed (apt-get install -y chromium)`;
}

/** Launch headless Chromium (as root in CI containers, hence no sandbox). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--headless=new"], timeout: 30_000 });
}

const lambda = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** The showcase order workflow. */
export const ORDER_MACHINE: JsonObject = {
  Comment: "Check an order, reserve stock and charge in parallel, then ship each item",
  StartAt: "Check order",
  States: {
    "Check order": {
      Type: "Choice",
      Choices: [{ Variable: "$.items[0]", IsPresent: true, Next: "Reserve and charge" }],
      Default: "Reject",
    },
    Reject: { Type: "Fail", Error: "EmptyOrder", Cause: "the order has no items" },
    "Reserve and charge": {
      Type: "Parallel",
      Branches: [
        {
          StartAt: "Reserve stock",
          States: { "Reserve stock": { Type: "Task", Resource: lambda("reserve"), Retry: [{ ErrorEquals: ["Busy"], IntervalSeconds: 1, MaxAttempts: 2 }], End: true } },
        },
        {
          StartAt: "Charge card",
          States: {
            "Charge card": { Type: "Task", Resource: lambda("charge"), Catch: [{ ErrorEquals: ["CardDeclined"], Next: "Send invoice", ResultPath: "$.declined" }], End: true },
            "Send invoice": { Type: "Pass", Result: "invoice sent", ResultPath: "$.invoice", End: true },
          },
        },
      ],
      ResultPath: "$.prepared",
      Next: "Ship items",
    },
    "Ship items": {
      Type: "Map",
      ItemsPath: "$.items",
      ItemProcessor: { StartAt: "Ship", States: { Ship: { Type: "Pass", Parameters: { "shipped.$": "$" }, End: true } } },
      ResultPath: "$.shipped",
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};

/** An error as a Lambda function throws it, its trace only its first line (no local paths). */
function failure(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  error.stack = `${name}: ${message}`;
  return error;
}

/** Register the Lambda functions ORDER_MACHINE calls: reserve fails once (retried), charge is declined (caught). */
export function registerOrderLambdas(engine: LocalEngine): void {
  let reserveCalls = 0;
  engine.registerLambda("reserve", async () => {
    reserveCalls++;
    if (reserveCalls % 2 === 1) throw failure("Busy", "warehouse busy, try again");
    return { reserved: true };
  });
  engine.registerLambda("charge", async () => {
    throw failure("CardDeclined", "insufficient funds");
  });
}

/** The marks the console must show for one run of ORDER_MACHINE with items. */
export const ORDER_STATUSES: Readonly<Record<string, string>> = {
  "Check order": "succeeded",
  Reject: "not-run",
  "Reserve and charge": "succeeded",
  "Reserve stock": "succeeded",
  "Charge card": "caught",
  "Send invoice": "succeeded",
  "Ship items": "succeeded",
  Ship: "succeeded",
  Done: "succeeded",
};
