// `npm run demo`: builds dist/ (the library and worker bundles, then the explorer in dist/demo/) and serves dist/
// on localhost with a small static file server (node:http, GET and HEAD only, no special headers needed).
//   node demo/serve.mjs [--port N]     N: 0..65535 (default 5173; 0 picks a free port)
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const DIST = fileURLToPath(new URL("../dist", import.meta.url));
const DEFAULT_PORT = 5173;
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".wasm": "application/wasm",
};

/** A request the server refuses with 400: its target is not a URL path, or its path cannot be a file name. */
class BadRequest extends Error {}

/** Error codes of a path that names no file: missing, a file used as a folder, or a name too long for the system. */
const NO_SUCH_FILE = new Set(["ENOENT", "ENOTDIR", "ENAMETOOLONG"]);

/** statSync, with undefined for a path that names no file (any other failure is the server's own and throws). */
function statOrUndefined(path) {
  try {
    return statSync(path);
  } catch (err) {
    if (NO_SUCH_FILE.has(err?.code)) return undefined;
    throw err;
  }
}

/**
 * The file under root that a URL path names (a folder gives its index.html), or undefined when none or outside
 * root. Throws BadRequest for a path that cannot be a file name (a bad percent-encoding, a NUL byte).
 */
function fileFor(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw new BadRequest(`bad percent-encoding in ${pathname}`);
  }
  if (decoded.includes("\0")) throw new BadRequest("NUL byte in the path");
  const path = resolve(root, `.${decoded}`);
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const stats = statOrUndefined(path);
  if (stats?.isDirectory()) {
    const index = join(path, "index.html");
    return statOrUndefined(index)?.isFile() ? index : undefined;
  }
  return stats?.isFile() ? path : undefined;
}

/** The URL of a request target, or BadRequest when it does not parse as one. */
function urlOf(target) {
  try {
    return new URL(target, "http://localhost");
  } catch {
    throw new BadRequest("the request target is not a URL");
  }
}

const TEXT = { "content-type": "text/plain; charset=utf-8" };

/** Answers one GET or HEAD request for a file under base; throws BadRequest, or the server's own failure. */
function serveFile(base, req, res, send) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(405, { allow: "GET, HEAD" }, "method not allowed\n");
  const url = urlOf(req.url ?? "/");
  if (url.pathname === "/") return send(302, { location: "/demo/" }, "");
  const file = fileFor(base, url.pathname);
  if (!file) return send(404, TEXT, "not found\n");
  if (!url.pathname.endsWith("/") && file.endsWith(`${sep}index.html`) && !url.pathname.endsWith("index.html")) {
    return send(301, { location: `${url.pathname}/${url.search}` }, "");
  }
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": statSync(file).size,
    "cache-control": "no-store",
  });
  if (req.method === "HEAD") return res.end();
  createReadStream(file)
    .on("error", (err) => {
      // The file went away or became unreadable after its headers were sent: end the connection, log it once.
      console.error(`headtune explorer: ${req.method} ${req.url}: ${err.message}`);
      res.destroy();
    })
    .pipe(res);
}

/**
 * Serves the files under root on 127.0.0.1; "/" redirects to "/demo/", and a folder path without its trailing
 * slash redirects to the path with it (so the page's relative URLs resolve).
 * @param options root (default dist/), port (default 5173; 0 picks a free one)
 * @returns the origin ("http://127.0.0.1:PORT"), the port and close()
 */
export function startServer({ root = DIST, port = DEFAULT_PORT } = {}) {
  const base = resolve(root);
  const server = createServer((req, res) => {
    const send = (status, headers, body) => {
      res.writeHead(status, { "cache-control": "no-store", "content-length": Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    try {
      serveFile(base, req, res, send);
    } catch (err) {
      if (err instanceof BadRequest) return send(400, TEXT, `bad request: ${err.message}\n`);
      // The server's own failure: one line on its console, a 500 without details for the client.
      console.error(`headtune explorer: ${req.method} ${req.url}: ${err?.stack ?? err}`);
      if (res.headersSent) return res.destroy();
      send(500, TEXT, "internal server error\n");
    }
  });
  return new Promise((resolveStart, rejectStart) => {
    server.once("error", rejectStart);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", rejectStart);
      const actual = server.address().port;
      resolveStart({
        origin: `http://127.0.0.1:${actual}`,
        port: actual,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

function parsePort(text) {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535 (0 picks a free port). Value: ${text}.`);
  }
  return Number(text);
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string" }, help: { type: "boolean", short: "h" } } });
  if (values.help) {
    console.log("Usage: npm run demo [-- --port N]   builds dist/demo/ and serves it (default port 5173; 0 picks a free port)");
    return;
  }
  const port = values.port === undefined ? DEFAULT_PORT : parsePort(values.port);
  const { bundle } = await import("../scripts/bundle.mjs");
  const { buildDemo } = await import("./build.mjs");
  await bundle();
  await buildDemo();
  const server = await startServer({ port });
  console.log(`headtune explorer: http://localhost:${server.port}/demo/  (Ctrl-C stops it)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err) => {
    const busy = err?.code === "EADDRINUSE";
    console.error(`npm run demo: ${busy ? `port ${err.port} is in use: pick another with --port N (0 picks a free one)` : err?.message ?? err}`);
    process.exit(1);
  });
}
