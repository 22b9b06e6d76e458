import { describe, expect, it } from "vitest";
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

  it("refuses a bad port or account before starting", async () => {
    const lines: string[] = [];
    expect(await runLocalCommand(["--port", "http"], { out: (line) => lines.push(line) })).not.toBe(0);
    expect(lines.join("\n")).toContain('"http"');
    expect(await runLocalCommand(["--account", "12"], { out: (line) => lines.push(line) })).not.toBe(0);
    expect(lines.join("\n")).toContain('"12"');
  });
});
