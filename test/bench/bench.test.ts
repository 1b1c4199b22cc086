// Smoke test of the benchmark harness (bench/): runs it in --quick mode with a tiny time budget and checks
// the shape of what it prints, JSON and Markdown. No timing is asserted: speed is measured by `npm run bench`.
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SUITES = ["gram", "dgemm", "cholesky", "eigen", "normals", "headfit", "task"];
const PEERS = ["ref", "ml-matrix", "numpy-1T", "numpy-default"];
const STATUSES = ["ok", "skipped", "absent", "error", "n/a"];

function bench(...args: string[]): string {
  return execFileSync(process.execPath, ["bench/main.mjs", "--quick", "--budget", "0.002", "--max-reps", "5", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
}

interface Outcome {
  status: string;
  median?: number;
  count?: number;
}

describe("bench harness --quick", () => {
  it("prints a report as JSON with one row per case and every cell accounted for", () => {
    const report = JSON.parse(bench("--json")) as {
      machine: { cpu: string; logicalCores: number; node: string };
      numpy: { single: { status: string }; default: { status: string } };
      rows: {
        kernel: string;
        base: "pointer" | "friendly";
        ours: Record<string, Outcome>;
        peers: Record<string, Outcome>;
        ratio: Record<string, number | null>;
        scaling?: { series: string; x: number };
      }[];
      sweep: {
        preset: string;
        runs: { workers: number; outcome: Outcome }[];
        numpy: { processes: number; outcome: Outcome; ratio: number | null; maxRssKiB: number | null }[];
        excess: { p: number; z: number }[];
        maxRss: { status: string; kib?: number };
      }[];
    };
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.logicalCores).toBeGreaterThan(0);
    expect(["ok", "absent"]).toContain(report.numpy.single.status);
    expect(new Set(report.rows.map((r) => r.kernel))).toEqual(new Set(SUITES));
    for (const row of report.rows) {
      expect(row.ours.pointer!.status).toBe(row.base === "pointer" ? "ok" : "n/a");
      expect(row.ours.friendly!.status).toBe("ok");
      expect(row.ours[row.base]!.median).toBeGreaterThanOrEqual(0);
      expect(row.ours[row.base]!.count).toBeGreaterThanOrEqual(1);
      for (const peer of PEERS) {
        expect(STATUSES).toContain(row.peers[peer]!.status);
        expect(row.ratio[peer] === null).toBe(row.peers[peer]!.status !== "ok");
      }
    }
    // Every phase of a sweep task has its numpy twin in bench/peers/sweep_peer.py.
    const tasks = report.rows.filter((r) => r.kernel === "task");
    expect(tasks.length).toBe(8);
    if (report.numpy.single.status === "ok") for (const row of tasks) expect(row.peers["numpy-1T"]!.status).toBe("ok");
    expect(report.sweep.map((s) => s.preset)).toEqual(["quick"]);
    expect(report.sweep[0]!.runs[0]!.workers).toBe(1);
    for (const run of report.sweep[0]!.runs) expect(run.outcome.status).toBe("ok");
    const sweep = report.sweep[0]!;
    expect(sweep.numpy.map((r) => r.processes)).toEqual([report.machine.logicalCores, 1]);
    for (const run of sweep.numpy) {
      expect(["ok", "absent"]).toContain(run.outcome.status);
      expect(run.ratio === null).toBe(run.outcome.status !== "ok");
      expect(run.maxRssKiB === null).toBe(run.outcome.status !== "ok");
    }
    // The quick preset has 10 sizes; every one is compared when the peer ran.
    expect(sweep.excess.length).toBe(sweep.numpy[0]!.outcome.status === "ok" ? 10 : 0);
    for (const e of sweep.excess) expect(Number.isFinite(e.z)).toBe(true);
    expect(sweep.maxRss.status).toBe("ok");
    expect(sweep.maxRss.kib).toBeGreaterThan(0);
    const series = report.rows.filter((r) => r.scaling !== undefined);
    expect(series.map((r) => r.scaling!.x)).toEqual([25, 100]);
  });

  it("prints a Markdown table whose rows have as many cells as its header, filtered by --only", () => {
    const text = bench("--only", "gram,cholesky");
    const lines = text.split("\n").filter((l) => l.startsWith("|"));
    const cells = (l: string) => l.split("|").length;
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toContain("ours ptr");
    expect(lines[1]).toMatch(/^\|(-+\|)+$/);
    for (const line of lines) expect(cells(line)).toBe(cells(lines[0]!));
    const kernels = new Set(lines.slice(2).map((l) => l.split("|")[1]!.trim()));
    expect(kernels).toEqual(new Set(["gram", "cholesky"]));
    expect(text).toContain("- Machine: ");
    expect(text).toContain("> 1 means we are faster");
  });

  it("prints the growth table of the head fit and the sweep table with its numpy and memory columns", () => {
    const text = bench("--only", "headfit,sweep");
    expect(text).toContain("Growth in p");
    expect(text).toMatch(/\| headfit \| n=50, k=p \| 100 \|/);
    expect(text).toContain("peak RSS ours (");
    expect(text).toMatch(/\| quick \| 10 sizes × 5 replicates/);
  });

  it("rejects an unknown suite with exit code 2 and names it", () => {
    const child = spawnSync(process.execPath, ["bench/main.mjs", "--only", "gram,nope"], { cwd: root, encoding: "utf8" });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain("nope");
  });
});
