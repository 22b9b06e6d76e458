import { EventEmitter } from "node:events";
import { describe, expect, expectTypeOf, it } from "vitest";
import { GetActivityTaskCommand, SendTaskSuccessCommand } from "@aws-sdk/client-sfn";
import { ActivityRegistration } from "../../src/activities/registration.js";
import type { StateMachine } from "../../src/control/state-machine.js";
import type { JsonValue } from "../../src/json.js";
import { CLI, type CliExecution, type CliIo, type CliStateMachine, type CliActivities } from "../../src/cli/cli.js";
import type { ExecutionStatus } from "../../src/asl/execution-status.js";
import { ExecutionFailedError } from "../../src/errors.js";
import { mockedSession, nextEvent } from "../worker/helpers.js";

/** A state machine that records what the CLI asks of it. */
class FakeMachine implements CliStateMachine {
  readonly name = "adder";
  readonly calls: unknown[][] = [];
  failWait = false;
  executions: CliExecution[] = [];

  async register(options: { roleArn?: string; allowUpdate?: boolean }) {
    this.calls.push(["register", options]);
  }
  async deregister() {
    this.calls.push(["deregister"]);
  }
  async startExecution(input?: JsonValue): Promise<CliExecution> {
    this.calls.push(["startExecution", input]);
    const failWait = this.failWait;
    return {
      name: "adder_2026-01-02T03-04-05_0a1b2c3d",
      output: { sum: 3 },
      async wait() {
        if (failWait) throw new ExecutionFailedError("arn:x", "FAILED", "States.TaskFailed", "boom");
      },
      async formatHistory() {
        return "";
      },
    };
  }
  async listExecutions(options: { status?: ExecutionStatus }) {
    this.calls.push(["listExecutions", options]);
    return this.executions;
  }
}

function fakeActivities(): CliActivities & { calls: string[] } {
  const { session } = mockedSession();
  const group = new ActivityRegistration({ prefix: "adder-", session });
  group.activity("add", (input: { a: number; b: number }) => input.a + input.b);
  group.activity("multiply", (input: { a: number; b: number }) => input.a * input.b);
  const calls: string[] = [];
  return {
    activities: group.activities,
    calls,
    async register() {
      calls.push("register");
    },
    async deregister() {
      calls.push("deregister");
    },
  };
}

function capture(extra: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const exits: number[] = [];
  const io: CliIo = {
    stdout: { write: (text: string) => out.push(text) },
    stderr: { write: (text: string) => err.push(text) },
    exit: (code) => exits.push(code),
    stdin: (async function* () {})(),
    readFile: async (path) => {
      if (path === "input.json") return '{"a": 1, "b": 2}';
      if (path === "bad.json") return "{a: 1";
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
    },
    ...extra,
  };
  return { io, out: () => out.join(""), err: () => err.join(""), exits };
}

function both(extra: Partial<CliIo> = {}) {
  const machine = new FakeMachine();
  const activities = fakeActivities();
  const io = capture(extra);
  const cli = new CLI({ stateMachine: machine, activities, roleArn: "arn:aws:iam::123456789012:role/runner", version: "1.2.3", prog: "adder", io: io.io });
  return { machine, activities, cli, ...io };
}

describe("CLI", () => {
  it("the real StateMachine and ActivityRegistration fit what the CLI takes", () => {
    expectTypeOf<StateMachine>().toExtend<CliStateMachine>();
    expectTypeOf<ActivityRegistration>().toExtend<CliActivities>();
  });

  it("needs a state machine or activities", () => {
    expect(() => new CLI({})).toThrow(TypeError);
  });

  describe("register", () => {
    it("registers both, with the role and without update by default", async () => {
      const { cli, machine, activities, exits } = both();
      await expect(cli.parseArgs(["register"])).resolves.toBe(0);
      expect(machine.calls).toEqual([["register", { roleArn: "arn:aws:iam::123456789012:role/runner", allowUpdate: false }]]);
      expect(activities.calls).toEqual(["register"]);
      expect(exits).toEqual([0]);
    });

    it("-u allows update; -s only the machine; -a only the activities", async () => {
      let t = both();
      await t.cli.parseArgs(["register", "-u", "-s"]);
      expect(t.machine.calls).toEqual([["register", { roleArn: "arn:aws:iam::123456789012:role/runner", allowUpdate: true }]]);
      expect(t.activities.calls).toEqual([]);
      t = both();
      await t.cli.parseArgs(["register", "--activities-only"]);
      expect(t.machine.calls).toEqual([]);
      expect(t.activities.calls).toEqual(["register"]);
    });

    it("refuses -s with -a as a usage error (exit 2) and does nothing", async () => {
      const { cli, machine, activities, err } = both();
      await expect(cli.parseArgs(["register", "-s", "-a"])).resolves.toBe(2);
      expect(err()).toMatch(/cannot be used with option/);
      expect(machine.calls).toEqual([]);
      expect(activities.calls).toEqual([]);
    });

    it("has no -s/-a without both, and no -u without a state machine", async () => {
      const io = capture();
      const cli = new CLI({ activities: fakeActivities(), prog: "acts", io: io.io });
      await expect(cli.parseArgs(["register", "-u"])).resolves.toBe(2);
      expect(io.err()).toContain("unknown option '-u'");
      await expect(cli.parseArgs(["start", "x.json"])).resolves.toBe(2);
      expect(io.err()).toContain("unknown command 'start'");
    });
  });

  it("deregister: both, or one with -s / -a", async () => {
    let t = both();
    await expect(t.cli.parseArgs(["deregister"])).resolves.toBe(0);
    expect(t.machine.calls).toEqual([["deregister"]]);
    expect(t.activities.calls).toEqual(["deregister"]);
    t = both();
    await t.cli.parseArgs(["deregister", "-a"]);
    expect(t.machine.calls).toEqual([]);
    expect(t.activities.calls).toEqual(["deregister"]);
  });

  describe("start", () => {
    it("starts with the file's JSON and prints the execution name", async () => {
      const { cli, machine, out } = both();
      await expect(cli.parseArgs(["start", "input.json"])).resolves.toBe(0);
      expect(machine.calls).toEqual([["startExecution", { a: 1, b: 2 }]]);
      expect(out()).toBe("adder_2026-01-02T03-04-05_0a1b2c3d\n");
    });

    it("reads '-' from stdin, and with --wait prints the output (name on stderr)", async () => {
      const stdin = (async function* () {
        yield Buffer.from('{"a": ');
        yield '5, "b": 6}';
      })();
      const { cli, machine, out, err } = both({ stdin });
      await expect(cli.parseArgs(["start", "-", "--wait"])).resolves.toBe(0);
      expect(machine.calls).toEqual([["startExecution", { a: 5, b: 6 }]]);
      expect(out()).toBe('{"sum":3}\n');
      expect(err()).toContain("started execution adder_2026-01-02T03-04-05_0a1b2c3d");
    });

    it("input that is not JSON, or a missing file, is one clear error line and exit 1", async () => {
      let t = both();
      await expect(t.cli.parseArgs(["start", "bad.json"])).resolves.toBe(1);
      expect(t.err()).toMatch(/^adder: error: input file "bad.json" is not JSON: .+\n$/);
      expect(t.machine.calls).toEqual([]);
      t = both();
      await expect(t.cli.parseArgs(["start", "missing.json"])).resolves.toBe(1);
      expect(t.err()).toBe(`adder: error: cannot read input file "missing.json": ENOENT: no such file or directory, open 'missing.json'\n`);
    });

    it("a failed execution exits 1 with one line; --verbose adds the stack", async () => {
      let t = both();
      t.machine.failWait = true;
      await expect(t.cli.parseArgs(["-q", "start", "input.json", "-w"])).resolves.toBe(1);
      expect(t.err()).toBe("adder: error: execution arn:x ended FAILED: States.TaskFailed: boom\n");
      t = both();
      t.machine.failWait = true;
      await expect(t.cli.parseArgs(["-v", "start", "input.json", "-w"])).resolves.toBe(1);
      expect(t.err()).toMatch(/adder: error: execution arn:x ended FAILED[^\n]*\nExecutionFailedError: [^\n]*\n\s+at /);
    });

    it("needs PATH", async () => {
      const { cli, err } = both();
      await expect(cli.parseArgs(["start"])).resolves.toBe(2);
      expect(err()).toContain("missing required argument 'PATH'");
    });
  });

  describe("executions", () => {
    it("prints each execution with its history, filtered by --status", async () => {
      const { cli, machine, out } = both();
      const execution = (name: string, history: string): CliExecution => ({
        name,
        output: null,
        wait: async () => undefined,
        formatHistory: async () => history,
      });
      machine.executions = [execution("run-1", "ExecutionStarted [1] @ 2026-01-01T00:00:00.000Z\nOutput: 3\n"), execution("run-2", "ExecutionStarted [1] @ t")];
      await expect(cli.parseArgs(["executions", "-s", "SUCCEEDED"])).resolves.toBe(0);
      expect(machine.calls).toEqual([["listExecutions", { status: "SUCCEEDED" }]]);
      expect(out()).toBe(
        "\nExecution 'run-1':\nExecutionStarted [1] @ 2026-01-01T00:00:00.000Z\nOutput: 3\n" + "\nExecution 'run-2':\nExecutionStarted [1] @ t\n",
      );
    });

    it("refuses an unknown status", async () => {
      const { cli, err, machine } = both();
      await expect(cli.parseArgs(["executions", "--status", "DONE"])).resolves.toBe(2);
      expect(err()).toContain("Allowed choices are RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE");
      expect(machine.calls).toEqual([]);
    });

    it("without a filter lists all", async () => {
      const { cli, machine } = both();
      await cli.parseArgs(["executions"]);
      expect(machine.calls).toEqual([["listExecutions", {}]]);
    });
  });

  describe("help, version, usage", () => {
    it("--help lists the commands and exits 0", async () => {
      const { cli, out } = both();
      await expect(cli.parseArgs(["--help"])).resolves.toBe(0);
      const help = out();
      expect(help).toContain("Usage: adder [options] [command]");
      expect(help).toContain('Control state machine "adder" and 2 activities on AWS Step Functions.');
      for (const command of ["register", "deregister", "start", "worker", "executions"]) expect(help).toMatch(new RegExp(`^  ${command}\\b`, "m"));
      expect(help).toContain("-V, --version");
      expect(help).toContain("Exit codes: 0 done, 1 the command failed, 2 usage error.");
    });

    it("a command's help shows its flags", async () => {
      const { cli, out } = both();
      await expect(cli.parseArgs(["register", "--help"])).resolves.toBe(0);
      expect(out()).toContain("-u, --allow-update");
      expect(out()).toContain("-s, --state-machine-only");
      expect(out()).toContain("-a, --activities-only");
    });

    it("-V prints the version; without a version there is no -V", async () => {
      const { cli, out } = both();
      await expect(cli.parseArgs(["-V"])).resolves.toBe(0);
      expect(out()).toBe("1.2.3\n");
      const io = capture();
      await expect(new CLI({ stateMachine: new FakeMachine(), io: io.io }).parseArgs(["-V"])).resolves.toBe(2);
    });

    it("no command, or an unknown one, is a usage error", async () => {
      let t = both();
      await expect(t.cli.parseArgs([])).resolves.toBe(2);
      expect(t.err()).toContain("Usage: adder");
      t = both();
      await expect(t.cli.parseArgs(["frobnicate"])).resolves.toBe(2);
      expect(t.err()).toContain("unknown command 'frobnicate'");
    });
  });

  describe("worker", () => {
    it("refuses an activity name not in the group", async () => {
      const { cli, err } = both();
      await expect(cli.parseArgs(["worker", "adder-divide"])).resolves.toBe(2);
      expect(err()).toContain("Allowed choices are adder-add, adder-multiply");
    });

    it("refuses a bad --concurrency", async () => {
      const { cli, err } = both();
      await expect(cli.parseArgs(["worker", "adder-add", "--concurrency", "0"])).resolves.toBe(2);
      expect(err()).toContain('expected a whole number >= 1, got "0"');
    });

    it("runs the activity's worker until a signal, then exits 0", async () => {
      const { session, sfn } = mockedSession();
      const group = new ActivityRegistration({ prefix: "adder-", session });
      group.activity("add", (input: { a: number; b: number }) => input.a + input.b);
      sfn.on(GetActivityTaskCommand).resolvesOnce({ taskToken: "tok", input: '{"a":2,"b":3}' }).resolves({});
      const answered = new EventEmitter();
      sfn.on(SendTaskSuccessCommand).callsFake(async () => {
        answered.emit("answered");
        return {};
      });
      const signals = new EventEmitter();
      const io = capture({ signals });
      const cli = new CLI({ activities: group, prog: "adder", io: io.io });
      const exit = cli.parseArgs(["-v", "worker", "adder-add", "--concurrency", "2"]);
      await nextEvent(answered, "answered");
      signals.emit("SIGINT", "SIGINT");
      await expect(exit).resolves.toBe(0);
      expect(sfn.commandCalls(GetActivityTaskCommand)[0]!.args[0].input).toMatchObject({
        activityArn: "arn:aws:states:us-east-1:123456789012:activity:adder-add",
      });
      expect(sfn.commandCalls(SendTaskSuccessCommand)[0]!.args[0].input).toEqual({ taskToken: "tok", output: "5" });
      expect(io.err()).toMatch(/INFO worker .+-[0-9a-f]{8} polling activity adder-add \(concurrency 2\)/);
      expect(io.err()).toContain("WARN SIGINT: finishing running tasks");
      expect(io.exits).toEqual([0]);
    });
  });
});
