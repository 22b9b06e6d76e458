/**
 * The console in a real browser (Debian's headless Chromium through playwright-core): start
 * an execution through the form, see every state coloured; a state named like markup stays
 * text; a running execution's page updates itself; `sfini graph -f svg` renders.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { CreateActivityCommand, CreateStateMachineCommand, GetActivityTaskCommand, SendTaskSuccessCommand, StartExecutionCommand, type SFNClient } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../../src/local/index.js";
import { runSfiniCommand } from "../../src/cli/sfini-command.js";
import { ROLE, startEngine } from "../local/helpers.js";
import { ORDER_MACHINE, ORDER_STATUSES, browserMissing, launchChromium, registerOrderLambdas } from "./fixture.js";

const missing = browserMissing();
if (missing) console.log(`console browser tests skipped: ${missing}`);

const XSS = "<img src=x onerror=alert(1)>";

describe.skipIf(missing !== undefined)("web console in Chromium", () => {
  let engine: LocalEngine;
  let sfn: SFNClient;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    ({ engine, sfn } = await startEngine({ runExecution: undefined, console: true, timeScale: 0.001 }));
    registerOrderLambdas(engine);
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await engine?.close();
  });

  async function statuses(): Promise<Record<string, string | null>> {
    return page.$$eval("[data-state]", (elements) => Object.fromEntries(elements.map((e) => [e.getAttribute("data-state"), e.getAttribute("data-status")])));
  }

  it("starts an execution through the form and colours every state by what happened", async () => {
    await sfn.send(new CreateStateMachineCommand({ name: "orders", definition: JSON.stringify(ORDER_MACHINE), roleArn: ROLE }));
    await page.goto(engine.consoleUrl!);
    await page.getByRole("link", { name: "orders" }).click();
    await page.waitForSelector("#start-form");
    // Not JSON: the page refuses before sending.
    await page.fill("textarea[name=input]", "{items: [1]");
    await page.click("#start-form button[type=submit]");
    await page.waitForSelector("#input-error:not([hidden])", { timeout: 5000 });
    expect(await page.textContent("#input-error")).toMatch(/^The input is not valid JSON: /);
    await page.fill("textarea[name=input]", JSON.stringify({ items: [{ sku: "a" }, { sku: "b" }] }));
    await page.fill("input[name=name]", "first-order");
    await Promise.all([page.waitForURL(/\/console\/executions\/arn%3Aaws%3Astates%3A/), page.click("#start-form button[type=submit]")]);
    await page.waitForSelector('#live[data-status="SUCCEEDED"]', { timeout: 15_000 });
    expect(await page.textContent("h1")).toContain("first-order");
    expect(await statuses()).toEqual(ORDER_STATUSES);
    expect(await page.getAttribute('[data-state="Reserve stock"]', "data-retried")).toBe("true");
    // Branches and the Map's processor are drawn inside their state.
    expect(await page.$$eval('[data-state="Reserve and charge"] [data-state]', (e) => e.map((x) => x.getAttribute("data-state")).sort())).toEqual(["Charge card", "Reserve stock", "Send invoice"]);
    expect(await page.$$eval('[data-state="Ship items"] [data-state]', (e) => e.map((x) => x.getAttribute("data-state")))).toEqual(["Ship"]);
    expect(await page.textContent('[data-state="Ship items"] > .box > .iterations')).toBe("2 iterations");
    // Selecting a state shows its input and output beside the graph.
    await page.click('[data-state="Charge card"] > a.box');
    await page.waitForSelector('#selected-state[data-selected="Charge card"]');
    expect(await page.textContent("#selected-input pre")).toContain('"sku": "a"');
    expect(await page.textContent("#selected-output pre")).toContain('"Error": "CardDeclined"');
    // The event table's JSON opens on demand.
    const firstInput = page.locator("#ev1-input");
    expect(await firstInput.getAttribute("open")).toBeNull();
    await firstInput.locator("summary").click();
    expect(await firstInput.locator("pre").isVisible()).toBe(true);
  });

  it("shows a state named like markup, and markup in the input, as text", async () => {
    const definition = { StartAt: XSS, States: { [XSS]: { Type: "Pass", Next: "<script>alert(2)</script>" }, "<script>alert(2)</script>": { Type: "Succeed" } } };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "xss", definition: JSON.stringify(definition), roleArn: ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ html: "<img src=y onerror=alert(3)>" }) }));
    await engine.whenExecutionEnds(executionArn!);
    await page.goto(`${engine.endpoint}/console/executions/${encodeURIComponent(executionArn!)}?state=${encodeURIComponent(XSS)}`);
    await page.waitForSelector('#live[data-status="SUCCEEDED"]');
    expect(await page.$$eval("img", (images) => images.length)).toBe(0);
    expect(await page.$$eval("main script", (scripts) => scripts.length)).toBe(0);
    expect(await statuses()).toEqual({ [XSS]: "succeeded", "<script>alert(2)</script>": "succeeded" });
    expect(await page.textContent(`[data-state="${XSS.replace(/"/g, '\\"')}"] text`)).toBe(XSS);
    expect(await page.textContent("#selected-state q")).toBe(XSS);
    expect(await page.textContent("#selected-input pre")).toContain("<img src=y onerror=alert(3)>");
    await page.goto(`${engine.endpoint}/console/state-machines/${encodeURIComponent(stateMachineArn!)}`);
    expect(await page.$$eval("img", (images) => images.length)).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it("updates a running execution's page as it goes: an activity task, a Wait, then success", async () => {
    const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "approve" }));
    const definition = { StartAt: "Approve", States: { Approve: { Type: "Task", Resource: activityArn, Next: "Pause" }, Pause: { Type: "Wait", Seconds: 5, Next: "Done" }, Done: { Type: "Succeed" } } };
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({ name: "live", definition: JSON.stringify(definition), roleArn: ROLE }));
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: "watch-me" }));
    await page.goto(`${engine.endpoint}/console/executions/${encodeURIComponent(executionArn!)}`);
    // The execution waits for a worker, so the page is loaded while it runs.
    await page.waitForSelector('#live[data-status="RUNNING"] [data-state="Approve"][data-status="running"]');
    expect(await page.$$eval("[data-state]", (e) => e.map((x) => x.getAttribute("data-status")))).toEqual(["running", "not-run", "not-run"]);
    await page.evaluate(() => Object.assign(globalThis, { sameDocument: true }));
    const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "test" }));
    await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ approved: true }) }));
    await page.waitForSelector('#live[data-status="SUCCEEDED"]', { timeout: 15_000 });
    expect(await statuses()).toEqual({ Approve: "succeeded", Pause: "succeeded", Done: "succeeded" });
    expect(await page.evaluate(() => (globalThis as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(await page.$$eval("tr[data-type]", (rows) => rows.map((r) => r.getAttribute("data-type")))).toEqual([
      "ExecutionStarted",
      "TaskStateEntered",
      "ActivityScheduled",
      "ActivityStarted",
      "ActivitySucceeded",
      "TaskStateExited",
      "WaitStateEntered",
      "WaitStateExited",
      "SucceedStateEntered",
      "SucceedStateExited",
      "ExecutionSucceeded",
    ]);
  });

  it("sfini graph -f svg writes an SVG Chromium draws, every state a box of some size", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sfini-svg-"));
    try {
      await writeFile(join(dir, "orders.asl.json"), JSON.stringify(ORDER_MACHINE));
      const out: string[] = [];
      await expect(runSfiniCommand(["graph", join(dir, "orders.asl.json"), "-f", "svg"], { stdout: { write: (t: string) => out.push(t) } })).resolves.toBe(0);
      await writeFile(join(dir, "orders.svg"), out.join(""));
      await page.goto(`file://${join(dir, "orders.svg")}`);
      const boxes = await page.$$eval("[data-state]", (elements) =>
        elements.map((e) => {
          const box = (e as unknown as { getBoundingClientRect(): { width: number; height: number } }).getBoundingClientRect();
          return [e.getAttribute("data-state"), box.width > 20 && box.height > 20];
        }),
      );
      expect(Object.fromEntries(boxes)).toEqual(Object.fromEntries(Object.keys(ORDER_STATUSES).map((name) => [name, true])));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
