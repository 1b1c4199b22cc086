// The explorer's static server answers every request it can parse with a status and stays up: requests that
// once crashed it (a NUL byte, a file used as a folder, a name too long, a target that is no URL) are named here.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startServer, type DemoServer } from "../../demo/serve.mjs";

let root: string;
let server: DemoServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "headtune-serve-"));
  mkdirSync(join(root, "demo"));
  writeFileSync(join(root, "demo", "index.html"), "<!doctype html><title>explorer</title>\n");
  writeFileSync(join(root, "index.js"), "export {};\n");
  // A symbolic link to itself: stat fails with ELOOP, a failure of the server's own files, not of the request.
  symlinkSync("loop", join(root, "loop"));
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

/** Sends one raw request line (so the target reaches the server exactly as written); resolves status and body. */
function rawRequest(method: string, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => {
      socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let text = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
  });
}

async function expectStillServing(): Promise<void> {
  expect((await rawRequest("GET", "/index.js")).status).toBe(200);
}

describe("the explorer's server", () => {
  it.each([
    ["/%00 (issue: the NUL byte that stopped the server)", "/%00", 400],
    ["a NUL byte inside a name", "/demo/index%00.html", 400],
    ["a bad percent-encoding", "/%zz", 400],
    ["a target that is no URL", "http://[", 400],
    ["a file used as a folder (ENOTDIR)", "/index.js/x", 404],
    ["a name longer than the system allows (ENAMETOOLONG)", `/${"a".repeat(300)}`, 404],
    ["a traversal above its root", "/../../etc/passwd", 404],
    ["an encoded traversal", "/%2e%2e/%2e%2e/etc/passwd", 404],
    ["a missing file", "/nothing.js", 404],
  ])("answers %s with a status and keeps serving", async (_name, target, status) => {
    expect((await rawRequest("GET", target)).status).toBe(status);
    await expectStillServing();
  });

  it("serves files, redirects folders and refuses other methods", async () => {
    expect(await rawRequest("GET", "/index.js")).toEqual({ status: 200, body: "export {};\n" });
    expect((await rawRequest("HEAD", "/demo/")).status).toBe(200);
    expect((await rawRequest("GET", "/demo")).status).toBe(301);
    expect((await rawRequest("GET", "/")).status).toBe(302);
    expect((await rawRequest("POST", "/index.js")).status).toBe(405);
  });

  it("turns its own failure into a 500 without a stack in the body, logged once, and keeps serving", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const { status, body } = await rawRequest("GET", "/loop");
      expect(status).toBe(500);
      expect(body).toBe("internal server error\n");
      expect(log).toHaveBeenCalledTimes(1);
      expect(String(log.mock.calls[0]?.[0])).toMatch(/GET \/loop: .*ELOOP/);
    } finally {
      log.mockRestore();
    }
    await expectStillServing();
  });
});
