/**
 * The HTTP edge under hostile clients: inherited names as operations, bodies that never finish,
 * many requests holding buffers at once, and bodies nested millions deep.
 */
import { afterEach, describe, expect, it } from "vitest";
import { connect, type Socket } from "node:net";
import { ListActivitiesCommand, type SFNClient } from "@aws-sdk/client-sfn";
import type { LocalEngine, LocalEngineOptions } from "../../src/local/index.js";
import { startEngine } from "../local/helpers.js";

let engine: LocalEngine;
let sfn: SFNClient;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  sfn.destroy();
  await engine.close();
});

async function start(options: LocalEngineOptions = {}): Promise<void> {
  ({ engine, sfn } = await startEngine(options));
}

/** A raw connection that sends `head` (request line and headers) and then whatever the test writes. */
function open(target: string, contentLength: number): { socket: Socket; answer: Promise<{ status: number; body: string; closed: boolean }> } {
  const socket = connect(engine.port, "127.0.0.1");
  sockets.push(socket);
  socket.write(
    `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: ${target}\r\nContent-Length: ${contentLength}\r\n\r\n`,
  );
  const answer = new Promise<{ status: number; body: string; closed: boolean }>((resolve) => {
    let text = "";
    socket.on("data", (chunk: Buffer) => (text += chunk.toString()));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      const [head = "", body = ""] = text.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1] ?? 0), body, closed: true });
    });
  });
  return { socket, answer };
}

function post(target: string, body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  return fetch(engine.endpoint, { method: "POST", headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target }, body }).then(async (res) => ({
    status: res.status,
    json: (await res.json()) as Record<string, unknown>,
  }));
}

describe("the HTTP edge", () => {
  it("looks operations up among real ones only: inherited names are UnknownOperationException", async () => {
    await start();
    for (const name of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      const answer = await post(`AWSStepFunctions.${name}`, "{}");
      expect({ name, ...answer }).toEqual({ name, status: 400, json: { __type: "UnknownOperationException", message: expect.stringContaining(name) } });
    }
  });

  it("answers 408 and closes when a body does not arrive within the timeout, and keeps serving meanwhile", async () => {
    await start({ requestBodyTimeoutMs: 1000 });
    const slow = open("AWSStepFunctions.ListActivities", 100);
    slow.socket.write("{");
    // The engine answers others while the slow body is pending.
    await expect(sfn.send(new ListActivitiesCommand({}))).resolves.toMatchObject({ activities: [] });
    const answer = await slow.answer;
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: "RequestTimeoutException" });
    expect(answer.closed).toBe(true);
  });

  it("caps the bytes buffered across requests in flight (503), and frees them when clients go away", async () => {
    await start({ maxBufferedRequestBytes: 10_000 });
    const first = open("AWSStepFunctions.ListActivities", 4000);
    const second = open("AWSStepFunctions.ListActivities", 4000);
    first.socket.write("{");
    second.socket.write("{");
    await expect(sfn.send(new ListActivitiesCommand({}))).resolves.toBeDefined();
    const third = open("AWSStepFunctions.ListActivities", 4000);
    const refused = await third.answer;
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ __type: "ServiceUnavailable" });
    first.socket.destroy();
    second.socket.destroy();
    await Promise.all([first.answer, second.answer]);
    // Room for a body of nearly the whole cap again.
    const big = await post("AWSStepFunctions.ListActivities", JSON.stringify({ nextToken: null, pad: "x".repeat(9000) }));
    expect(big.status).toBe(200);
  });

  it("answers bodies nested two million deep with 400 SerializationException, never a 500", async () => {
    await start();
    const deep = "[".repeat(2_000_000) + "]".repeat(2_000_000);
    for (const body of [`{"name":${deep}}`, `{"name":"a","tags":${deep}}`]) {
      const answer = await post("AWSStepFunctions.CreateActivity", body);
      expect(answer).toEqual({ status: 400, json: { __type: "SerializationException", message: "Malformed request body: nested deeper than 1000 levels" } });
    }
    await expect(sfn.send(new ListActivitiesCommand({}))).resolves.toMatchObject({ activities: [] });
  });
});
