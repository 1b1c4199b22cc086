/**
 * Fuzzing the command line in this process (main() with its io injected): every generated command line ends
 * with exit 0, 2, 3, 4 or 6, never 70; a failure prints one "headtune: error:" line and no stack; a sweep or
 * map that succeeds leaves its complete results folder, one that fails leaves no result file (at most its
 * checkpoint); JSON output parses.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe } from "vitest";
import { main } from "../../src/cli/main.js";
import { drawModel, modelToJson, RandomStream } from "../../src/index.js";
import { argvCases } from "./generators/argv.js";
import { fuzzSurface } from "./harness.js";

const root = mkdtempSync(join(tmpdir(), "headtune-fuzz-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "empty"));
writeFileSync(join(root, "file"), "not a folder\n");

const model = modelToJson(drawModel({ d: 3, p: 4, k: 3, T: 3, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 4, 0)));
const FILES: Record<string, string> = {
  "tiny.json": JSON.stringify({ preset: "quick", n: 12, nTest: 10, grid: { p: [3, 20] }, replicates: 2, heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }] }),
  "tiny-features.json": JSON.stringify({ preset: "features", scaling: "features", d: 4, n: 10, nTest: 5, grid: { gamma: [0.3, 2] }, replicates: 1, heads: [{ kind: "ridge-opt" }, { kind: "ridge-gcv" }] }),
  "bad.json": "{ \"n\": 12,",
  "deep.json": "[".repeat(100_000) + "]".repeat(100_000),
  "huge.json": JSON.stringify({ preset: "quick", grid: { p: [10_000_000] } }),
  "empty.json": "",
  "model.json": model,
  "model-bad.json": model.replace(/\d\.\d+/, "1e999"),
};

/** A file the fake file system lacks: the error Node's readFileSync throws (errno, syscall). */
function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT", errno: -2, syscall: "open", path });
}

const RESULTS: Record<string, string[]> = {
  sweep: ["config.json", "plot-linear.svg", "plot.svg", "replicates.csv", "summary.csv"],
  shard: ["config.json", "records.jsonl"],
  map: ["config.json", "map.csv", "map.svg"],
};

let cases = 0;

describe("command lines", () => {
  fuzzSurface(
    "cli",
    argvCases,
    async ({ command, args }) => {
      const out = join(root, `case-${cases++}`);
      const words = args.map((w) => (w === "@empty" ? join(root, "empty") : w === "@file" ? join(root, "file") : w === "@missing" ? join(root, "missing") : w));
      const runs = command === "sweep" || command === "map";
      const argv = [command, ...words];
      if (runs && !words.some((w) => w.startsWith("--config"))) argv.push("--config", "tiny.json");
      if (runs && !words.some((w) => w.startsWith("--workers"))) argv.push("--workers", "0");
      if (runs || command === "merge") argv.push("--out", out);
      let stdout = "";
      let stderr = "";
      const code = await main(
        argv.filter((w, i) => !(i === 0 && w === "")),
        {
          io: { stdout: (t) => void (stdout += t), readFile: (path) => FILES[path] ?? (() => { throw missing(path); })() },
          stderr: { write: (t: string) => void (stderr += t) },
          signal: new AbortController().signal,
        },
      );
      const where = `${JSON.stringify(argv)}: exit ${code}\n${stderr}`;
      if (![0, 2, 3, 4, 6].includes(code)) throw new Error(`exit ${code} for ${where}`);
      if (/\n\s+at /.test(stderr)) throw new Error(`a stack on stderr for ${where}`);
      const files = (() => {
        try {
          return readdirSync(out).sort();
        } catch {
          return [];
        }
      })();
      if (argv.length === 1 && argv[0] === "") {
        // No command: the help on stdout, exit 2 (test/cli/main.test.ts).
        if (code !== 2 || !stdout.startsWith("headtune ")) throw new Error(`no command: not the help with exit 2 for ${where}`);
      } else if (code !== 0) {
        if (!/(^|\n)headtune: error: [^\n]+\n$/.test(stderr)) throw new Error(`not one error line at the end of stderr for ${where}`);
        if (files.some((f) => f !== "checkpoint.jsonl")) throw new Error(`a failed run left ${files.join(", ")} for ${where}`);
      } else if (runs && !argv.includes("--help") && !argv.includes("-h") && !argv.includes("--help=true")) {
        const shard = argv.some((w) => w.startsWith("--shard"));
        const kind = command === "map" ? (files.includes("records.jsonl") ? "shard" : "map") : shard ? "shard" : "sweep";
        const want = RESULTS[kind]!;
        // A shard of a map that got no tasks still writes its records; a theory map (no --replicates) writes no checkpoint.
        if (JSON.stringify(files) !== JSON.stringify(want)) throw new Error(`exit 0 left [${files.join(", ")}], not [${want.join(", ")}], for ${where}`);
      }
      if (code === 0 && argv.includes("--json") && !argv.some((w) => w === "--help" || w === "-h")) JSON.parse(stdout);
      rmSync(out, { recursive: true, force: true });
      return `exit ${code}`;
    },
    { seed: 24, sample: 300, caseLimitMs: 20_000 },
  );
});
