// Smoke test of the benchmark harness (bench/): runs it in --quick mode with a tiny time budget and checks
// the shape of what it prints, JSON and Markdown. No timing is asserted: speed is measured by `npm run bench`.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SUITES = ["gram", "dgemm", "cholesky", "eigen", "normals", "headfit", "task", "forward"];
const NUMPY_PEERS = ["numpy-1T", "numpy-1T-avx2", "numpy-default"];
const PEERS = ["ref", "ml-matrix", ...NUMPY_PEERS];
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
  min?: number;
  count?: number;
}

/** Whether python3 with numpy is on this machine: the numpy peers' checks run only then, and show as skipped otherwise. */
const HAS_NUMPY = spawnSync("python3", ["-c", "import numpy"], { encoding: "utf8" }).status === 0;

interface Report {
  machine: { cpu: string; cpuId: string; logicalCores: number; node: string };
  numpy: Record<string, { status: string; info?: { openblas: { core?: string; threads?: number } } }>;
  ceiling: {
    peak: { outcome: Outcome; chains: number; steps: number; flops: number; rate: number | null };
    rows: { kernel: string; ourRate: number | null; ofPeak: number | null; numpy: Record<string, { rate: number | null; ceiling: number | null }> }[];
  };
  kernels: {
    planned: { name: string; how: string; rates: Record<string, number>; speedups: Record<string, number> };
    cases: { size: string; work: number; peakRate: number | null; rounds: number }[];
    rows: { name: string; results: { outcome: Outcome; rate: number | null; ofPeak: number | null }[] }[];
  };
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
    numpy: { peer: string; processes: number; coreType?: string; outcome: Outcome; ratio: number | null; maxRssKiB: number | null }[];
    excess: { p: number; z: number }[];
    cli: { status: string; seconds?: number; kib?: number };
    cliTmpfs: { status: string; seconds?: number } | null;
  }[];
}

let cached: Report | undefined;
/** The --quick report as JSON, run once for the tests that read it. */
function quickReport(): Report {
  cached ??= JSON.parse(bench("--json")) as Report;
  return cached;
}

describe("bench harness --quick", () => {
  it("prints a report as JSON with one row per case and every cell accounted for", () => {
    const report = quickReport();
    expect(report.machine.node).toBe(process.version);
    expect(report.machine.logicalCores).toBeGreaterThan(0);
    expect(Object.keys(report.numpy)).toEqual(NUMPY_PEERS);
    for (const peer of NUMPY_PEERS) expect(["ok", "absent"]).toContain(report.numpy[peer]!.status);
    if (!HAS_NUMPY) for (const peer of NUMPY_PEERS) expect(report.numpy[peer]!.status).toBe("absent");
    // The AVX2 column runs single-threaded on the core it was forced to, read back from OpenBLAS (or is named absent).
    const avx2 = report.numpy["numpy-1T-avx2"]!;
    if (avx2.status === "ok") {
      expect(avx2.info!.openblas.threads).toBe(1);
      expect(avx2.info!.openblas.core).toBeTruthy();
    }
    expect(new Set(report.rows.map((r) => r.kernel))).toEqual(new Set(SUITES));
    for (const row of report.rows) {
      expect(row.ours.pointer!.status).toBe(row.base === "pointer" ? "ok" : "n/a");
      expect(row.ours.friendly!.status).toBe("ok");
      // A median of at least one timed call: positive and finite (the timer's resolution is below any kernel here).
      expect(row.ours[row.base]!.median).toBeGreaterThan(0);
      expect(Number.isFinite(row.ours[row.base]!.median)).toBe(true);
      expect(row.ours[row.base]!.count).toBeGreaterThanOrEqual(1);
      for (const peer of PEERS) {
        expect(STATUSES).toContain(row.peers[peer]!.status);
        expect(row.ratio[peer] === null).toBe(row.peers[peer]!.status !== "ok");
      }
    }
    // Every phase of a sweep task has its numpy twin in bench/peers/sweep_peer.py.
    const tasks = report.rows.filter((r) => r.kernel === "task");
    expect(tasks.length).toBe(8);
    if (report.numpy["numpy-1T"]!.status === "ok") for (const row of tasks) expect(row.peers["numpy-1T"]!.status).toBe("ok");
    expect(report.sweep.map((s) => s.preset)).toEqual(["quick"]);
    expect(report.sweep[0]!.runs[0]!.workers).toBe(1);
    for (const run of report.sweep[0]!.runs) expect(run.outcome.status).toBe("ok");
    const sweep = report.sweep[0]!;
    const cores = report.machine.logicalCores;
    expect(sweep.numpy.map((r) => r.peer)).toEqual(["spectral", "spectral", "naive", "sweep", "sweep"]);
    expect(sweep.numpy.map((r) => r.processes)).toEqual([cores, cores, 1, cores, 1]);
    expect(sweep.numpy.map((r) => r.coreType)).toEqual([undefined, "Haswell", undefined, undefined, undefined]);
    for (const run of sweep.numpy) {
      expect(["ok", "absent"]).toContain(run.outcome.status);
      expect(run.ratio === null).toBe(run.outcome.status !== "ok");
      expect(run.maxRssKiB === null).toBe(run.outcome.status !== "ok");
    }
    // The quick preset has 10 sizes; every one is compared when the peer ran.
    expect(sweep.excess.length).toBe(sweep.numpy[0]!.outcome.status === "ok" ? 10 : 0);
    for (const e of sweep.excess) expect(Number.isFinite(e.z)).toBe(true);
    expect(sweep.cli.status).toBe("ok");
    expect(sweep.cli.seconds).toBeGreaterThan(0);
    expect(sweep.cli.kib).toBeGreaterThan(0);
    // The same CLI run with its results on tmpfs, where Linux has one.
    if (existsSync("/dev/shm")) expect(sweep.cliTmpfs).toMatchObject({ status: "ok", seconds: expect.any(Number) });
    else expect(sweep.cliTmpfs).toBeNull();
    // The ceiling: the f64x2 peak ran and is a positive finite rate; every Gram and dgemm case is set against it.
    const { peak, rows: ceilingRows } = report.ceiling;
    expect(peak.outcome.status).toBe("ok");
    expect(peak.rate).toBeGreaterThan(0);
    expect(Number.isFinite(peak.rate)).toBe(true);
    expect(peak.flops).toBe(peak.steps * peak.chains * 4);
    // The ceiling module is the microkernel alone, without the product's kernels.
    const peakModule = new WebAssembly.Module(readFileSync(join(root, "build", "bench-peak.wasm")));
    expect(WebAssembly.Module.exports(peakModule).map((e) => e.name).sort()).toEqual(["chains", "memory", "peak", "scratch"]);
    const flopRows = report.rows.filter((r) => r.kernel === "gram" || r.kernel === "dgemm");
    expect(ceilingRows.map((r) => r.kernel)).toEqual(flopRows.map((r) => r.kernel));
    for (const row of ceilingRows) {
      expect(row.ofPeak).toBeGreaterThan(0);
      for (const peer of ["numpy-1T", "numpy-1T-avx2"]) {
        const cell = row.numpy[peer]!;
        expect(cell.ceiling === null).toBe(cell.rate === null);
        if (cell.ceiling !== null) expect(cell.ceiling).toBeCloseTo(peak.rate! / cell.rate!, 12);
      }
    }
    // The product kernels: the planner timed every candidate and chose the fastest; each ran on each product.
    const { kernels } = report;
    expect(kernels.rows.map((r) => r.name)).toEqual(["2x8", "2x8-small", "2x6", "4x4", "4x4-swap"]);
    expect(kernels.planned.how).toBe("planned");
    expect(Object.keys(kernels.planned.rates).sort()).toEqual(kernels.rows.map((r) => r.name).sort());
    const fastest = Math.max(...Object.values(kernels.planned.speedups));
    expect(kernels.planned.name === "2x8" || kernels.planned.speedups[kernels.planned.name] === fastest).toBe(true);
    // Each case ran every candidate in at least 5 timed rounds beside the peak loop of the same rounds.
    for (const c of kernels.cases) {
      expect(c.rounds).toBeGreaterThanOrEqual(5);
      expect(c.peakRate).toBeGreaterThan(0);
    }
    for (const row of kernels.rows) {
      expect(row.results).toHaveLength(kernels.cases.length);
      row.results.forEach((r, i) => {
        expect(r.outcome).toMatchObject({ status: "ok", count: kernels.cases[i]!.rounds });
        expect(r.rate).toBeCloseTo(kernels.cases[i]!.work / r.outcome.min!, 6);
        expect(r.ofPeak).toBeGreaterThan(0);
        expect(Number.isFinite(r.ofPeak)).toBe(true);
      });
    }
    const series = report.rows.filter((r) => r.scaling !== undefined);
    expect(series.map((r) => r.scaling!.x)).toEqual([25, 100]);
  });

  it.skipIf(!HAS_NUMPY)("with numpy present: every numpy peer ran, its ratios are positive and the sweep's excess agrees within 5 se", () => {
    const report = quickReport();
    for (const peer of ["numpy-1T", "numpy-default"]) expect(report.numpy[peer]!.status, peer).toBe("ok");
    for (const row of report.rows) {
      for (const peer of ["numpy-1T", "numpy-default"]) {
        const ratio = row.ratio[peer];
        if (row.peers[peer]!.status !== "ok") continue;
        expect(ratio, `${row.kernel} ${peer}`).toBeGreaterThan(0);
        expect(Number.isFinite(ratio)).toBe(true);
      }
    }
    const sweep = report.sweep[0]!;
    for (const run of sweep.numpy.filter((r) => r.coreType === undefined)) {
      expect(run.outcome.status, run.peer).toBe("ok");
      expect(run.ratio).toBeGreaterThan(0);
      expect(run.maxRssKiB).toBeGreaterThan(0);
    }
    // Ours and the peer draw other random models and samples: per size, (mean_np - mean_ours) / hypot(se, se) is
    // about N(0, 1) (measured: |z| <= 1.7 over the 10 sizes), so |z| > 5 at any of them (chance 6e-6) means the
    // two compute different risks.
    expect(sweep.excess.length).toBe(10);
    for (const e of sweep.excess) expect(Math.abs(e.z), `p = ${e.p}`).toBeLessThanOrEqual(5);
  });

  it("prints Markdown tables (kernels with the AVX2 numpy column, then the ceiling) whose rows have as many cells as their header, filtered by --only", () => {
    const text = bench("--only", "dgemm,cholesky,ceiling");
    const tables = text.split("\n\n").filter((block) => block.startsWith("|"));
    expect(tables.length).toBe(5);
    const [targets, kernels, peak, ratios, candidates] = tables.map((t) => t.trim().split("\n"));
    const cells = (l: string) => l.split("|").length;
    for (const lines of [targets!, kernels!, peak!, ratios!, candidates!]) {
      expect(lines[1]).toMatch(/^\|(-+\|)+$/);
      for (const line of lines) expect(cells(line)).toBe(cells(lines[0]!));
    }
    expect(kernels![0]).toContain("ours ptr");
    expect(kernels![0]).toContain("| numpy 1T AVX2 | ×np AVX2 |");
    expect(new Set(kernels!.slice(2).map((l) => l.split("|")[1]!.trim()))).toEqual(new Set(["dgemm", "cholesky"]));
    expect(text).toContain("- Machine: ");
    expect(text).toContain("> 1 means we are faster");
    expect(text).toMatch(/- numpy 1T AVX2 \(single-threaded, AVX2 kernels: OPENBLAS_CORETYPE=Haswell forced\): (numpy .* runs core \S+ with 1 thread|absent)/);
    expect(peak![2]).toMatch(/^\| f64x2 mul\+add \| 12 chains × \d+ steps \| .* \| \d[\d.]* GFLOP\/s \|$/);
    expect(ratios![0]).toContain("| ours / peak |");
    expect(ratios!.slice(2).map((l) => l.split("|")[1]!.trim())).toEqual(["dgemm", "dgemm"]);
    expect(text).toMatch(/Product kernels .*: the planner chose (2x8|2x8-small|2x6|4x4|4x4-swap) when this process's core started/);
    expect(candidates!.slice(2).map((l) => l.split("|")[1]!.trim().replace(" (chosen)", ""))).toEqual(["2x8", "2x8-small", "2x6", "4x4", "4x4-swap"]);
    expect(candidates!.slice(2).filter((l) => l.includes("(chosen)"))).toHaveLength(1);
    // The targets table sets the chosen candidate's lowest fraction of the peak against 85%.
    expect(targets!.join("\n")).toMatch(/\| 18 +\| dgemm and Grams, the chosen kernel \/ the f64x2 peak of the same rounds, every product of the kernel table \(lowest: (dgemm|Gram) [^)]+\) +\| ≥ 85% +\| \d+% +\| (yes|no) +\|/);
  });

  it("prints the growth table of the head fit and the sweep table with its numpy and memory columns", () => {
    const text = bench("--only", "headfit,sweep");
    expect(text).toContain("Growth in p");
    expect(text).toMatch(/\| headfit \| n=50, k=p \| 100 \|/);
    expect(text).toContain("peak RSS ours (");
    expect(text).toMatch(/\| quick \| 10 sizes × 5 replicates/);
    // The targets table reads the sweep's row: times and ratios measured, the parts not asked for "not run".
    expect(text).toMatch(/\| 11 +\| quick sweep, \d+ workers +\| ≤ 2 s +\| \d[\d.]* (s|ms) +\| (yes|no) +\|/);
    expect(text).toMatch(/\| 18 +\| quick sweep, CLI end to end \(results on disk\) − runSweep +\| ≤ 0\.5 s +\| -?\d[\d.]* (s|ms) +\| (yes|no) +\|/);
    expect(text).toMatch(/\| 18 +\| × numpy spectral peer, \d+ processes, native kernels +\| ≥ 1\.2× +\| /);
    expect(text).toMatch(/\| 11 +\| one replicate, n = 2000, p = k = 10,000, warm \(as in a sweep\) +\| ≤ 15 s +\| not run +\| — +\|/);
    expect(text).toMatch(/\| 18 +\| dgemm and Grams, the chosen kernel \/ the f64x2 peak of the same rounds, every product of the kernel table +\| ≥ 85% +\| not run +\| — +\|/);
  });

  it("prints the large replicate in the targets table", () => {
    const text = bench("--only", "replicate");
    expect(text).toMatch(/\| 11 +\| one replicate, n = 200, p = k = 1000, warm \(as in a sweep\) +\| ≤ 15 s +\| \d[\d.]* s +\| (yes|no) +\|/);
    expect(text).toMatch(/\| 18 +\| one replicate, n = 200, p = k = 1000, warm: its products' rate \/ dgemm's rate in the same process +\| ≥ 80% +\| \d+% +\| (yes|no) +\|/);
    // The note: both runs with the work their products did (through gemmIssued), dgemm's rate, the cost model.
    expect(text).toMatch(/the first \(memory touched for the first time\) [\d.]+ s, [\d.]+ GFLOP through the product kernel, [\d.]+ GFLOP\/s \(\d+% of dgemm's\); the second \(warm, as every later replicate of a worker\) [\d.]+ s, /);
    expect(text).toMatch(/dgemm 256³ in the same process [\d.]+ GFLOP\/s\. The cost model \(src\/sweep\/cost\.ts\) counts [\d.]+ GFLOP for it\. Preparing the size \(Laguerre draw, tridiagonal eigenvalues, theory\): [\d.]+ s\./);
  });

  it("prints the finite-n theory's z table of the quick preset", () => {
    const text = bench("--only", "finite");
    expect(text).toContain("## The finite-n theory against the simulation (SPEC 6, issue 22)");
    expect(text).toContain("### quick, n = 40, 5 replicates");
    expect(text).toMatch(/Finite-n theory: max \|z\| = [\d.]+ \(p = \d+\), \d+ of \d+ sizes beyond 4; its limit: max \|z\| = /);
    const table = text.split("\n").filter((l) => l.startsWith("| ") && l.split("|").length === 9);
    // The header, then one line per size of the quick grid (10), each with a z against either theory.
    expect(table[0]).toBe("| p | g | excess/out (mean ± se) | finite-n theory | z | n → ∞ limit | z limit |");
    expect(table.slice(1)).toHaveLength(10);
    for (const line of table.slice(1)) expect(line).toMatch(/^\| \d+ \| [\d.]+ \| [\d.e+-]+ ± [\d.e+-]+ \| [\d.e+-]+ \| -?[\d.]+ \| [\d.e+-]+ \| -?[\d.]+ \|$/);
  });

  it("rejects an unknown suite with exit code 2 and names it", () => {
    const child = spawnSync(process.execPath, ["bench/main.mjs", "--only", "gram,nope"], { cwd: root, encoding: "utf8" });
    expect(child.status).toBe(2);
    expect(child.stderr).toContain("nope");
  });
});
