/**
 * Raw HTTP requests for the explorer's server: a method (standard, lower case, odd tokens), a target built
 * from path segments (every byte raw or percent-encoded, dot segments, encoded slashes, long names, queries,
 * absolute forms), a version, and headers (repeated, long, malformed values, bodies announced and not sent).
 */
import fc from "fast-check";

const byte = fc.integer({ min: 0, max: 255 });
const hex = (b: number) => `%${b.toString(16).padStart(2, "0")}`;

const segment = fc.oneof(
  fc.constantFrom("demo", "index.html", "index.js", "sub", "missing", "..", ".", "%2e%2e", "%2E.", "..%2f", "%2f", "%5c", "%00", "%", "%zz", "%c0%ae", "", "~", "con", "a:b"),
  fc.array(byte, { minLength: 1, maxLength: 6 }).map((bs) => bs.map(hex).join("")),
  // Raw bytes the request line can carry (no space, CR or LF: those end the target).
  fc.array(byte.filter((b) => b !== 0x20 && b !== 0x0d && b !== 0x0a), { minLength: 1, maxLength: 6 }).map((bs) => Buffer.from(bs).toString("latin1")),
  fc.integer({ min: 200, max: 20_000 }).map((n) => "a".repeat(n)),
  fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
);

const target = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.array(segment, { maxLength: 5 }), fc.boolean(), fc.option(fc.constantFrom("?a=1", "?", "?%00", "#x", "?a=%zz"))).map(([segs, slash, tail]) => `/${segs.join("/")}${slash ? "/" : ""}${tail ?? ""}`) },
  { weight: 1, arbitrary: fc.constantFrom("*", "", "http://127.0.0.1/demo/", "http://[::1]:1/x", "//demo", "demo/", "/%00", "/\\..\\..\\etc\\passwd", "/..", "/../../etc/passwd") },
);

const method = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("GET", "HEAD") },
  { weight: 2, arbitrary: fc.constantFrom("POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH", "CONNECT", "get", "PROPFIND") },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-]{1,12}$/) },
);

const header = fc.oneof(
  fc.constantFrom(
    "Content-Length: 0",
    "Content-Length: 5",
    "Content-Length: -1",
    "Content-Length: 99999999999999999999",
    "Content-Length: 1\r\nContent-Length: 2",
    "Transfer-Encoding: chunked",
    "Range: bytes=0-3",
    "Range: bytes=999999-",
    "If-None-Match: *",
    "Expect: 100-continue",
    "Accept-Encoding: gzip",
    "Host: ",
    "Host: a\r\nHost: b",
    "X-Nul: a\u0000b",
    "Bad Header: x",
    ": empty",
  ),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => `X-Long: ${"b".repeat(n)}`),
  fc.tuple(fc.stringMatching(/^[A-Za-z-]{1,10}$/), fc.string({ maxLength: 30 })).map(([k, v]) => `${k}: ${v.replace(/[\r\n]/g, " ")}`),
);

export interface RawRequest {
  method: string;
  target: string;
  version: string;
  headers: string[];
  /** Bytes sent after the headers (a body, or a second request). */
  body: string;
}

export const requests: fc.Arbitrary<RawRequest> = fc.record({
  method,
  target,
  version: fc.oneof({ weight: 8, arbitrary: fc.constant("HTTP/1.1") }, { weight: 1, arbitrary: fc.constantFrom("HTTP/1.0", "HTTP/2.0", "HTTP/9.9", "HTTP/1.1x", "") }),
  headers: fc.array(header, { maxLength: 4 }),
  body: fc.oneof({ weight: 5, arbitrary: fc.constant("") }, { weight: 1, arbitrary: fc.constantFrom("hello", "0\r\n\r\n", "5\r\nhello\r\n0\r\n\r\n", "GET / HTTP/1.1\r\n\r\n") }),
});

/** The bytes of a request (Host and Connection: close first, so that the server ends the exchange). */
export function requestBytes(r: RawRequest): Buffer {
  const lines = [`${r.method} ${r.target} ${r.version}`.trimEnd(), "Host: 127.0.0.1", "Connection: close", ...r.headers];
  return Buffer.from(`${lines.join("\r\n")}\r\n\r\n${r.body}`, "latin1");
}
