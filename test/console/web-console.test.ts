/**
 * The console over HTTP without a browser: its addresses, its defences (Host, token, Origin,
 * Content-Security-Policy) and its actions (start, stop, redrive) through the API's operations.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { CreateActivityCommand, CreateStateMachineCommand, DescribeExecutionCommand, GetActivityTaskCommand, StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../src/local/index.js";
import { CONTENT_SECURITY_POLICY } from "../../src/local/console/security.js";
import { ROLE, startEngine } from "../local/helpers.js";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let engine: LocalEngine;
let sfn: SFNClient;
let plain: LocalEngine;
beforeAll(async () => {
  ({ engine, sfn } = await startEngine({ runExecution: undefined, console: true }));
  plain = await LocalEngine.start();
});
afterAll(async () => {
  await engine.close();
  await plain.close();
});

function send(engineOf: LocalEngine, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: engineOf.port, method, path, headers: { Host: `127.0.0.1:${engineOf.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function form(fields: Record<string, string>): [Record<string, string>, string] {
  return [{ "Content-Type": "application/x-www-form-urlencoded" }, new URLSearchParams(fields).toString()];
}

async function tokenOf(path: string): Promise<string> {
  const page = await send(engine, "GET", path);
  const token = /name="token" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error(`no token in ${path}`);
  return token;
}

describe("web console over HTTP", () => {
  it("GET / redirects to /console/; pages and assets carry a strict CSP; unknown pages are 404", async () => {
    const root = await send(engine, "GET", "/");
    expect([root.status, root.headers["location"]]).toEqual([302, "/console/"]);
    const home = await send(engine, "GET", "/console/");
    expect(home.status).toBe(200);
    expect(home.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(home.headers["x-frame-options"]).toBe("DENY");
    // Our script and style are files: no inline script or style, no external address.
    expect(home.body).not.toMatch(/<script(?![^>]*\bsrc="\/console\/assets\/console\.js")/);
    expect(home.body).not.toMatch(/<style|style="|https?:\/\//);
    expect((await send(engine, "GET", "/console/assets/console.js")).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await send(engine, "GET", "/console/assets/console.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await send(engine, "GET", "/console/nothing-here")).status).toBe(404);
    expect((await send(engine, "GET", `/console/executions/${encodeURIComponent("arn:aws:states:us-east-1:123456789012:execution:x:y")}`)).status).toBe(404);
    expect((await send(engine, "GET", "/console/executions/%E0%A4%A")).status).toBe(404);
    expect((await send(engine, "DELETE", "/console/")).status).toBe(405);
  });

  it("answers only the Host it is bound to (no DNS rebinding); localhost is the same machine", async () => {
    const rebound = await send(engine, "GET", "/console/", { Host: `attacker.example:${engine.port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toBe(`Forbidden: the console answers only requests to the address it is bound to, not Host "attacker.example:${engine.port}"\n`);
    expect((await send(engine, "GET", "/console/", { Host: "127.0.0.1:1" })).status).toBe(403);
    expect((await send(engine, "GET", "/console/", { Host: `localhost:${engine.port}` })).status).toBe(200);
  });

  it("is off unless asked: the engine answers GETs as unknown operations, as before", async () => {
    expect(plain.consoleUrl).toBeUndefined();
    expect(engine.consoleUrl).toBe(`${engine.endpoint}/console/`);
    const answer = await send(plain, "GET", "/console/");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)["__type"]).toBe("UnknownOperationException");
  });

  it("starts an execution from a POSTed form with the token; refuses one without it, from another site, or with input that is not JSON", async () => {
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "form", definition: JSON.stringify({ StartAt: "p", States: { p: { Type: "Pass", End: true } } }), roleArn: ROLE }));
    const path = `/console/state-machines/${encodeURIComponent(stateMachineArn!)}`;
    const token = await tokenOf(path);
    const [headers, body] = form({ token, name: "from-the-form", input: '{"a":1}' });
    const started = await send(engine, "POST", `${path}/executions`, headers, body);
    const executionArn = `arn:aws:states:us-east-1:123456789012:execution:form:from-the-form`;
    expect([started.status, started.headers["location"]]).toEqual([303, `/console/executions/${encodeURIComponent(executionArn)}`]);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).input).toBe('{"a":1}');

    const noToken = await send(engine, "POST", `${path}/executions`, ...form({ name: "x", input: "{}" }));
    expect([noToken.status, noToken.body]).toEqual([403, "Forbidden: the form's token is missing or not this engine's; reload the page\n"]);
    expect((await send(engine, "POST", `${path}/executions`, ...form({ token: "guess", input: "{}" }))).status).toBe(403);
    const [h, b] = form({ token, name: "y", input: "{}" });
    const crossSite = await send(engine, "POST", `${path}/executions`, { ...h, Origin: "http://attacker.example" }, b);
    expect([crossSite.status, crossSite.body]).toEqual([403, 'Forbidden: a form of "http://attacker.example" cannot act on this console\n']);
    expect((await send(engine, "POST", `${path}/executions`, { "Content-Type": "application/json" }, "{}")).status).toBe(415);

    const notJson = await send(engine, "POST", `${path}/executions`, ...form({ token, name: "z", input: "{oops" }));
    expect(notJson.status).toBe(400);
    expect(notJson.body).toContain("The input is not valid JSON: ");
    expect(notJson.body).toContain(">{oops</textarea>");
    // The API's own checks answer too, word for word.
    const taken = await send(engine, "POST", `${path}/executions`, ...form({ token, name: "from-the-form", input: "{}" }));
    expect(taken.status).toBe(400);
    expect(taken.body).toContain("ExecutionAlreadyExists: ");
  });

  it("stops a running execution and redrives it from POSTs with the token", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "held" }));
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "held", definition: JSON.stringify({ StartAt: "w", States: { w: { Type: "Task", Resource: activityArn, End: true } } }), roleArn: ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "one" }));
    const path = `/console/executions/${encodeURIComponent(executionArn!)}`;
    const page = await send(engine, "GET", path);
    expect(page.body).toContain('id="stop"');
    const token = await tokenOf(path);
    expect((await send(engine, "POST", `${path}/stop`, ...form({}))).status).toBe(403);
    const stopped = await send(engine, "POST", `${path}/stop`, ...form({ token }));
    expect([stopped.status, stopped.headers["location"]]).toEqual([303, path]);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe("ABORTED");
    const after = await send(engine, "GET", path);
    expect(after.body).not.toContain('id="stop"');
    expect(after.body).toContain('id="redrive"');
    const redriven = await send(engine, "POST", `${path}/redrive`, ...form({ token }));
    expect(redriven.status).toBe(303);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    expect([described.status, described.redriveCount]).toEqual(["RUNNING", 1]);
    // The live part: 204 while nothing changed, the fragment once something did.
    const live = await send(engine, "GET", `${path}/live`);
    const events = /id="live" data-events="(\d+)"/.exec(live.body)![1]!;
    expect((await send(engine, "GET", `${path}/live?events=${events}&status=RUNNING`)).status).toBe(204);
    expect((await send(engine, "GET", `${path}/live?events=0&status=RUNNING`)).status).toBe(200);
    await send(engine, "POST", `${path}/stop`, ...form({ token }));
  });

  it("shows an activity's pending tasks and the workers polling it", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "queue-b" }));
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "queued", definition: JSON.stringify({ StartAt: "w", States: { w: { Type: "Task", Resource: activityArn, End: true } } }), roleArn: ROLE }));
    await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ job: "<i>42</i>" }) }));
    const untilShown = async (pattern: RegExp): Promise<string> => {
      for (;;) {
        const page = await send(engine, "GET", "/console/activities");
        const section = page.body.slice(page.body.indexOf('data-activity="queue-b"'));
        if (pattern.test(section)) return section;
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const pending = await untilShown(/Pending tasks \(1\)/);
    expect(pending).toContain("<h3>Workers polling (0)</h3>");
    expect(pending).toContain("&quot;job&quot;: &quot;&lt;i&gt;42&lt;/i&gt;&quot;");
    const taken = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "first" }));
    expect(taken.taskToken).toBeDefined();
    const poll = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "worker <one>" }));
    const polling = await untilShown(/Workers polling \(1\)/);
    expect(polling).toContain("<li>worker &lt;one&gt;</li>");
    expect(polling).toContain("Pending tasks (0)");
    // A second execution's task ends the poll.
    await sfn.send(new StartExecutionCommand({ stateMachineArn }));
    expect((await poll).taskToken).toBeDefined();
  });

  it("lists an execution's map runs with their counts, and a map run's page", async () => {
    const definition = {
      StartAt: "Fan",
      States: { Fan: { Type: "Map", ItemsPath: "$.items", ItemProcessor: { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, StartAt: "P", States: { P: { Type: "Pass", End: true } } }, End: true } },
    };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "fan", definition: JSON.stringify(definition), roleArn: ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ items: [1, 2, 3] }) }));
    await engine.whenExecutionEnds(executionArn!);
    const page = await send(engine, "GET", `/console/executions/${encodeURIComponent(executionArn!)}`);
    const row = /<table class="list map-runs">.*?<tbody><tr>(.*?)<\/tr>/s.exec(page.body)![1]!;
    const cells = [...row.matchAll(/<td class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    // pending, running, succeeded, failed, aborted, total
    expect(cells).toEqual([0, 0, 3, 0, 0, 3]);
    const link = /href="(\/console\/map-runs\/[^"]+)"/.exec(row)![1]!;
    const run = await send(engine, "GET", link);
    expect(run.status).toBe(200);
    expect(run.body).toContain("<h1>Map run <span class=\"badge status-succeeded\">SUCCEEDED</span></h1>");
    expect(run.body).toMatch(/<tr><th>Items<\/th><td class="num">0<\/td><td class="num">0<\/td><td class="num">3<\/td>/);
  });
});
