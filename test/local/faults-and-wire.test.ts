import { afterEach, describe, expect, it } from "vitest";
import { request } from "node:http";
import { CreateActivityCommand, ListActivitiesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { FaultInjector, LOCAL_CREDENTIALS, type LocalEngine } from "../../src/local/index.js";
import { rejectionOf, startEngine } from "./helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
afterEach(async () => {
  sfn.destroy();
  await engine.close();
});

function post(target: string | undefined, body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const url = new URL(engine.endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method: "POST", path: "/", headers: { "Content-Type": "application/x-amz-json-1.0", ...(target ? { "X-Amz-Target": target } : {}), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the wire protocol", () => {
  it("answers errors as { __type, message } with AWS's status codes", async () => {
    ({ engine, sfn } = await startEngine());
    const unknown = await post("AWSStepFunctions.Nope", "{}");
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.body)).toMatchObject({ __type: "UnknownOperationException" });
    const malformed = await post("AWSStepFunctions.ListActivities", "{not json");
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body).__type).toBe("SerializationException");
    const missing = await post("AWSStepFunctions.DescribeActivity", JSON.stringify({ activityArn: "arn:aws:states:us-east-1:123456789012:activity:x" }));
    expect(missing).toEqual({ status: 400, body: JSON.stringify({ __type: "ActivityDoesNotExist", message: "Activity Does Not Exist: 'arn:aws:states:us-east-1:123456789012:activity:x'" }) });
    const created = await post("AWSStepFunctions.CreateActivity", JSON.stringify({ name: "x" }));
    expect(created.status).toBe(200);
    expect(typeof JSON.parse(created.body).creationDate).toBe("number");
  });

  it("answers 413 for a body over the limit, unread", async () => {
    ({ engine, sfn } = await startEngine());
    const huge = await post("AWSStepFunctions.CreateActivity", "", { "Content-Length": String(6 * 1024 * 1024) }).catch(() => ({ status: 413, body: "" }));
    expect(huge.status).toBe(413);
  });
});

describe("fault injection", () => {
  it("is deterministic for a seed", () => {
    const rule = { throttleRate: 0.3, serverErrorRate: 0.2, dropRate: 0.1, latencyRate: 0.5, latencyMs: 3 };
    const decide = (seed: number) => {
      const faults = new FaultInjector({ seed, all: rule });
      return Array.from({ length: 50 }, () => faults.decide("ListActivities"));
    };
    expect(decide(7)).toEqual(decide(7));
    expect(decide(7)).not.toEqual(decide(8));
    const outcomes = new Set(decide(7).map((decision) => decision.outcome));
    expect(outcomes).toEqual(new Set(["none", "throttle", "serverError", "drop"]));
  });

  it("small seeds are not biased: at a rate of 0.5, about half of seeds 1-64 fault the first call, and seeds 1-6 are not all clean", () => {
    const firstCallFaulted = (seed: number): boolean => new FaultInjector({ seed, all: { throttleRate: 0.5 } }).decide("ListActivities").outcome === "throttle";
    const seeds = Array.from({ length: 64 }, (_, index) => index + 1);
    const faulted = seeds.filter(firstCallFaulted).length;
    expect(faulted).toBeGreaterThanOrEqual(20);
    expect(faulted).toBeLessThanOrEqual(44);
    expect(seeds.slice(0, 6).some(firstCallFaulted)).toBe(true);
  });

  it("refuses rates outside [0, 1] or adding up to more than 1", () => {
    expect(() => new FaultInjector({ all: { throttleRate: 1.5 } })).toThrow(/throttleRate.*1\.5/);
    expect(() => new FaultInjector({ operations: { X: { throttleRate: 0.6, dropRate: 0.6 } } })).toThrow(/operations\.X/);
  });

  it("throttles, fails and drops over HTTP as configured, per operation, changeable at run time", async () => {
    ({ engine, sfn } = await startEngine({ faults: { seed: 1, operations: { ListActivities: { throttleRate: 1 } } } }));
    const throttled = await rejectionOf(sfn.send(new ListActivitiesCommand({})));
    expect(throttled.name).toBe("ThrottlingException");
    expect(throttled.$metadata?.httpStatusCode).toBe(400);
    await sfn.send(new CreateActivityCommand({ name: "fine" }));

    engine.faults.configure({ operations: { ListActivities: { serverErrorRate: 1 } } });
    const failed = await rejectionOf(sfn.send(new ListActivitiesCommand({})));
    expect(failed.$metadata?.httpStatusCode).toBe(500);

    engine.faults.configure({ operations: { ListActivities: { dropRate: 1 } } });
    const dropped = await rejectionOf(sfn.send(new ListActivitiesCommand({})));
    expect(dropped.message).toMatch(/socket hang up|ECONNRESET/);

    engine.faults.configure({ operations: { CreateActivity: { dropResponseRate: 1 } } });
    await rejectionOf(sfn.send(new CreateActivityCommand({ name: "ranAnyway" })));
    engine.faults.clear();
    const names = (await sfn.send(new ListActivitiesCommand({}))).activities!.map((a) => a.name);
    expect(names).toEqual(["fine", "ranAnyway"]);
    expect(engine.faults.counts).toMatchObject({ throttle: 1, serverError: 1, drop: 1, dropResponse: 1 });
  });

  it("lets a retrying client through a seeded fraction of 5xx answers", async () => {
    ({ engine, sfn } = await startEngine({ faults: { seed: 42, all: { serverErrorRate: 0.3 } } }));
    const retrying = new SFNClient({ endpoint: engine.endpoint, region: engine.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 10, retryMode: "standard" });
    for (let i = 0; i < 6; i++) await retrying.send(new CreateActivityCommand({ name: `a${i}` }));
    engine.faults.clear();
    expect((await retrying.send(new ListActivitiesCommand({}))).activities).toHaveLength(6);
    // Seed 42 gives these failures for this sequence of calls; the same run gives the same count.
    expect(engine.faults.counts.serverError).toBeGreaterThan(0);
    retrying.destroy();
  });
});
