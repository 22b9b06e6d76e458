/**
 * A second client: the AWS CLI v2 drives `sfini local` through a whole activity run
 * (scripts/aws-cli-check.sh). Runs where a v2 CLI is installed (Debian: apt-get install awscli);
 * skipped, and said so, where none is.
 */
import { execFileSync, execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));

/** The first `aws` found that is version 2, or undefined. */
function awsCliV2(): string | undefined {
  for (const candidate of ["aws", "/usr/bin/aws", "/usr/local/bin/aws"]) {
    try {
      const version = execFileSync(candidate, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
      if (version.startsWith("aws-cli/2.")) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const aws = awsCliV2();
const SKIP_REASON = "skipped: no AWS CLI v2 found (tried aws, /usr/bin/aws, /usr/local/bin/aws; Debian: apt-get install awscli)";
// The reporter lists a skipped suite without a word of why: say it where the run's output shows it.
if (aws === undefined) console.warn(`test/integration/aws-cli.test.ts ${SKIP_REASON}`);

describe.skipIf(aws === undefined)(`the AWS CLI v2 against sfini local${aws === undefined ? ` (${SKIP_REASON})` : ""}`, () => {
  it("creates an activity and a machine, starts an execution, takes and answers its task, reads the history", { timeout: 120_000 }, async () => {
    const { stdout } = await run("bash", ["scripts/aws-cli-check.sh", aws!], { cwd: root, timeout: 110_000 });
    expect(stdout).toContain("status=SUCCEEDED output=45");
    expect(stdout).toContain("history: ExecutionStarted TaskStateEntered ActivityScheduled ActivityStarted ActivitySucceeded TaskStateExited ExecutionSucceeded");
    expect(stdout.trimEnd().endsWith("AWS CLI check passed")).toBe(true);
  });
});
