import { describe, expect, it } from "vitest";
import { createServer, type AddressInfo } from "node:net";
import { ListActivitiesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { LOCAL_CREDENTIALS, runLocalCommand } from "../../src/local/index.js";

describe("sfini local", () => {
  it("prints the endpoint, serves until asked to stop, then closes", async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const stopRequested = new Promise<void>((resolve) => (stop = resolve));
    let announced!: () => void;
    const listening = new Promise<void>((resolve) => (announced = resolve));
    const running = runLocalCommand(["--port", "0", "--region", "eu-west-1", "--account", "210987654321"], {
      out: (line) => {
        lines.push(line);
        announced();
      },
      stopRequested,
    });
    await listening;
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(lines[0]!)![1]!;
    const sfn = new SFNClient({ endpoint, region: "eu-west-1", credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    expect((await sfn.send(new ListActivitiesCommand({}))).activities).toEqual([]);
    sfn.destroy();
    expect(lines[0]).toContain("region eu-west-1, account 210987654321");
    stop();
    expect(await running).toBe(0);
  });

  it("serves the web console by default and prints its URL; --no-console turns it off", async () => {
    const started = async (argv: string[]): Promise<string[]> => {
      const lines: string[] = [];
      await runLocalCommand(["--port", "0", ...argv], { out: (line) => lines.push(line), stopRequested: Promise.resolve() });
      return lines;
    };
    const lines = await started([]);
    const endpoint = /listening on (http:\/\/127\.0\.0\.1:[0-9]+)/.exec(lines[0]!)![1]!;
    expect(lines).toContain(`web console: ${endpoint}/console/`);
    expect((await started(["--no-console"])).filter((line) => line.includes("console"))).toEqual([]);
  });

  it("the console answers while sfini local runs", async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const stopRequested = new Promise<void>((resolve) => (stop = resolve));
    let announced!: () => void;
    const ready = new Promise<void>((resolve) => (announced = resolve));
    const running = runLocalCommand(["--port", "0"], {
      out: (line) => {
        lines.push(line);
        if (line.startsWith("web console: ")) announced();
      },
      stopRequested,
    });
    await ready;
    const url = lines.find((line) => line.startsWith("web console: "))!.slice("web console: ".length);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<h1>State machines</h1>");
    stop();
    expect(await running).toBe(0);
  });

  it("refuses a bad port or account before starting", async () => {
    const lines: string[] = [];
    expect(await runLocalCommand(["--port", "http"], { out: (line) => lines.push(line) })).not.toBe(0);
    expect(lines.join("\n")).toContain('"http"');
    expect(await runLocalCommand(["--account", "12"], { out: (line) => lines.push(line) })).not.toBe(0);
    expect(lines.join("\n")).toContain('"12"');
  });
});

describe("sfini local errors", () => {
  const run = async (argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runLocalCommand(argv, { out: (line) => out.push(line), err: (line) => err.push(line), stopRequested: Promise.resolve() });
    return { code, out, err };
  };

  it("bad options are usage errors: exit code 2, one line naming the value", async () => {
    for (const argv of [["--port", "abc"], ["--port", "70000"], ["--account", "12"], ["--retain-executions", "-1"], ["--nope"]]) {
      const result = await run(argv);
      expect({ argv, code: result.code, lines: result.err.length, out: result.out }).toEqual({ argv, code: 2, lines: 1, out: [] });
      expect(result.err[0]).toMatch(/^error: /);
    }
    expect((await run(["--port", "abc"])).err[0]).toContain('"abc"');
  });

  it("a port in use or an address not available: exit code 1, one line, no stack trace", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      expect(await run(["--port", String(port)])).toEqual({ code: 1, out: [], err: [`sfini local: error: port ${port} on 127.0.0.1 is already in use (choose another with --port, or --port 0 for any free one)`] });
    } finally {
      busy.close();
    }
    expect(await run(["--host", "192.0.2.1", "--port", "0"])).toEqual({ code: 1, out: [], err: ["sfini local: error: address 192.0.2.1 is not available on this machine (--host)"] });
  });
});
