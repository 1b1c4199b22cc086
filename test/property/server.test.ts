/**
 * Fuzzing the explorer's static server (demo/serve.mjs) on 127.0.0.1 with raw requests: every request gets an
 * answer (a status line with a status the server means: 200, 301, 302, 400, 404, 405, or Node's own 400, 413,
 * 431, 501 or 505 for what it cannot parse) or, at worst, a closed connection, within a time limit; never a
 * 500 or a line on the server's console; and the server still serves its page after every case.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, vi } from "vitest";
import { startServer, type DemoServer } from "../../demo/serve.mjs";
import { requestBytes, requests } from "./generators/http.js";
import { fuzzSurface } from "./harness.js";

let root: string;
let server: DemoServer;
const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "headtune-fuzz-serve-"));
  mkdirSync(join(root, "demo", "sub"), { recursive: true });
  writeFileSync(join(root, "demo", "index.html"), "<!doctype html><title>explorer</title>\n");
  writeFileSync(join(root, "index.js"), "export {};\n");
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
  errors.mockRestore();
});

/** Sends bytes on a fresh connection; resolves with all the server sent back before closing. */
function exchange(bytes: Buffer, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Written, not ended: the server closes the connection (Connection: close) once it has answered.
    const socket = connect(server.port, "127.0.0.1", () => socket.write(bytes));
    let text = "";
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    // A reset after the answer (the server closing while bytes remain unread) is not a failure.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

const MEANT = new Set([200, 301, 302, 400, 404, 405, 413, 431, 501, 505]);

describe("the explorer's server", () => {
  fuzzSurface(
    "server",
    requests,
    async (r) => {
      const answer = await exchange(requestBytes(r), 5_000);
      const where = `${JSON.stringify(requestBytes(r).toString("latin1").slice(0, 300))} -> ${JSON.stringify(answer.slice(0, 200))}`;
      // An interim "100 Continue" (Expect: 100-continue) may come before the answer.
      const status = /^(?:HTTP\/1\.1 100 Continue\r\n\r\n)?HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1];
      if (answer !== "" && (status === undefined || !MEANT.has(Number(status)))) throw new Error(`an answer the server does not mean: ${where}`);
      if (errors.mock.calls.length > 0) throw new Error(`the server logged ${JSON.stringify(errors.mock.calls[0])} for ${where}`);
      const page = await exchange(Buffer.from("GET /demo/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), 5_000);
      if (!page.startsWith("HTTP/1.1 200 ")) throw new Error(`the server stopped serving its page (${JSON.stringify(page.slice(0, 100))}) after ${where}`);
      return status === undefined ? "connection closed without an answer" : `status ${status}`;
    },
    { seed: 27, sample: 300, caseLimitMs: 12_000 },
  );
});
