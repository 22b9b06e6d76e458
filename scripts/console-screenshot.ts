/**
 * Take docs/console-execution.png: the console's page of an execution of the showcase order
 * machine (a Choice, a Parallel with a retried and a caught failure, a Map), in Debian's
 * headless Chromium. Run: npx tsx scripts/console-screenshot.ts [output.png]
 */
import { CreateStateMachineCommand, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { LocalEngine } from "../src/local/index.js";
import { ORDER_MACHINE, browserMissing, launchChromium, registerOrderLambdas } from "../test/console/fixture.js";

const output = process.argv[2] ?? "docs/console-execution.png";
const missing = browserMissing();
if (missing) {
  console.error(`cannot take the screenshot: ${missing}`);
  process.exit(1);
}
const engine = await LocalEngine.start({ console: true, timeScale: 0.001 });
const browser = await launchChromium();
try {
  registerOrderLambdas(engine);
  const { stateMachineArn } = await engine.session.sfn.send(
    new CreateStateMachineCommand({ name: "orders", definition: JSON.stringify(ORDER_MACHINE), roleArn: "arn:aws:iam::123456789012:role/orders" }),
  );
  const { executionArn } = await engine.session.sfn.send(
    new StartExecutionCommand({ stateMachineArn, name: "order-1042", input: JSON.stringify({ order: 1042, items: [{ sku: "tea", quantity: 2 }, { sku: "cup", quantity: 1 }] }) }),
  );
  await engine.whenExecutionEnds(executionArn!);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1240 }, deviceScaleFactor: 1 });
  await page.goto(`${engine.endpoint}/console/executions/${encodeURIComponent(executionArn!)}?state=${encodeURIComponent("Charge card")}`);
  await page.waitForSelector('#live[data-status="SUCCEEDED"]');
  await page.screenshot({ path: output });
  console.log(`wrote ${output}`);
} finally {
  await browser.close();
  await engine.close();
}
