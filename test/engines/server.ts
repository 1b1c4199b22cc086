/**
 * The pages under test, served as `npm run demo` serves them (demo/serve.mjs on dist/), through a proxy that
 * puts a hook at the top of every HTML page: console.error, uncaught errors and unhandled rejections are kept
 * in window.__problems, which the tests read (WebKitWebDriver has no BiDi to report them). The proxy also
 * keeps every HTTP error status it passes on, and serves an empty page at /frame-host.html (for pages in frames).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startServer } from "../../demo/serve.mjs";

const HOOK = `<script>
window.__problems = [];
{
  const error = console.error.bind(console);
  console.error = (...args) => { window.__problems.push("console: " + args.map(String).join(" ")); error(...args); };
  addEventListener("error", (event) => window.__problems.push("error: " + event.message));
  addEventListener("unhandledrejection", (event) => window.__problems.push("unhandled rejection: " + (event.reason?.message ?? event.reason)));
}
</script>`;

export interface HookedServer {
  origin: string;
  /** HTTP statuses >= 400 served, as "STATUS PATH". */
  failures: string[];
  close(): Promise<void>;
}

/** Serves dist/ (built by npm run build and demo/build.mjs) with the hook in every page. */
export async function startHookedServer(): Promise<HookedServer> {
  const inner = await startServer({ port: 0 });
  const failures: string[] = [];
  const proxy: Server = createServer(async (req, res) => {
    if (req.url === "/frame-host.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(`<!doctype html><html><head>${HOOK}<title>frame host</title><link rel="icon" href="data:," /></head><body></body></html>`);
    }
    const response = await fetch(`${inner.origin}${req.url ?? "/"}`, { method: req.method, redirect: "manual" });
    if (response.status >= 400) failures.push(`${response.status} ${req.url}`);
    const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "content-length" && name !== "content-encoding"));
    let body = Buffer.from(await response.arrayBuffer());
    if ((response.headers.get("content-type") ?? "").startsWith("text/html")) body = Buffer.from(body.toString("utf8").replace("<head>", `<head>${HOOK}`));
    res.writeHead(response.status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    failures,
    close: async () => {
      await new Promise((resolve) => proxy.close(resolve));
      await inner.close();
    },
  };
}
