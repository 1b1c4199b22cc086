/**
 * The benchmark report: its data (printed as JSON with --json) and its Markdown rendering (a header on the
 * machine, the builds and the method, the kernel table, the growth table of the cases that form a series,
 * then the end-to-end table with its numpy peer, peak memory and the per-size agreement of the two). Ratios are peer time /
 * our time, so a ratio above 1 means we are faster.
 */
import type { BenchOptions } from "./args.js";
import type { MachineInfo } from "./machine.js";
import type { NumpyInfo } from "./numpy.js";
import type { Suite } from "./suite.js";
import type { SweepRow } from "./sweep.js";
import type { Timing } from "./timer.js";

export type Outcome =
  | ({ status: "ok" } & Timing)
  | { status: "skipped" | "absent" | "error" | "n/a"; reason: string };

/** The outcome of an implementation that threw: the error's name and message. */
export function errorOutcome(err: unknown): Outcome {
  return { status: "error", reason: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}

export type PeerName = "ref" | "ml-matrix" | "numpy-1T" | "numpy-default";
export const PEERS: readonly PeerName[] = ["ref", "ml-matrix", "numpy-1T", "numpy-default"];

export interface Row {
  kernel: string;
  size: string;
  /** Flops or normals of one call (an estimate, not shown, where rate is "time"). */
  work: number;
  rate: Suite["rate"];
  ours: { pointer: Outcome; friendly: Outcome };
  /** The tier the ratios divide by: the pointer tier, or friendly where there is none. */
  base: "pointer" | "friendly";
  peers: Record<PeerName, Outcome>;
  /** Peer median / our median (> 1: we are faster); null when either is missing. */
  ratio: Record<PeerName, number | null>;
  /** Our pointer-tier rate: flops/s or normals/s; null where rate is "time" or it did not run. */
  ourRate: number | null;
  /** The growth series this case belongs to (see BenchCase.scaling). */
  scaling?: { series: string; x: number };
}

export type NumpyStatus = { status: "ok"; info: NumpyInfo } | { status: "absent" | "error"; reason: string };

export interface Report {
  machine: MachineInfo;
  /** 1-minute load average when the report was written (machine.loadAverage is the one at the start). */
  loadAverageEnd: number;
  /** null when no kernel suite ran. */
  numpy: { single: NumpyStatus; default: NumpyStatus } | null;
  /** The machine's OpenBLAS overrides, unset for the numpy children only. */
  unsetForNumpy: Record<string, string>;
  settings: Omit<BenchOptions, "json">;
  notes: string[];
  rows: Row[];
  sweep: SweepRow[];
}

function fmtSeconds(s: number): string {
  if (s < 1e-3) return `${(s * 1e6).toPrecision(3)} µs`;
  if (s < 1) return `${(s * 1e3).toPrecision(3)} ms`;
  return `${s.toPrecision(3)} s`;
}

function fmtOutcome(o: Outcome): string {
  if (o.status === "ok") return `${fmtSeconds(o.median)} [${o.count}]`;
  if (o.status === "n/a") return "—";
  if (o.status === "skipped") return `skipped (${o.reason})`;
  return o.status;
}

function fmtRatio(r: number | null): string {
  if (r === null) return "—";
  return r >= 10 ? r.toFixed(0) : r.toPrecision(2);
}

function fmtRate(row: Row): string {
  if (row.ourRate === null) return "—";
  return row.rate === "flops" ? `${(row.ourRate / 1e9).toPrecision(3)} GFLOP/s` : `${(row.ourRate / 1e6).toPrecision(3)} M/s`;
}

function numpyThreads(s: NumpyStatus | undefined): string {
  return s?.status === "ok" && s.info.openblas.threads !== undefined ? `${s.info.openblas.threads}T` : "default";
}

function describeNumpy(label: string, s: NumpyStatus): string {
  if (s.status !== "ok") return `${label}: ${s.status} (${s.reason})`;
  const b = s.info.openblas;
  const build = b.config ?? (b.version !== undefined ? `OpenBLAS ${b.version}` : "OpenBLAS (version unknown)");
  return `${label}: numpy ${s.info.numpy}, ${build.replace(/\s+/g, " ")}; runs core ${b.core ?? "?"} with ${b.threads ?? "?"} thread(s) (read via ${b.source})`;
}

function table(header: string[], body: string[][]): string {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, j) => c.padEnd(widths[j]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

function header(report: Report): string[] {
  const m = report.machine;
  const s = report.settings;
  const unset = Object.entries(report.unsetForNumpy).map(([k, v]) => `${k}=${v}`);
  const numpy = report.numpy
    ? [
        describeNumpy("numpy single-threaded", report.numpy.single),
        describeNumpy("numpy default threads", report.numpy.default),
        `numpy children run with ${unset.length > 0 ? `${unset.join(" and ")} unset (set on this machine; unset for numpy only)` : "no OpenBLAS override set on this machine"}`,
      ]
    : [];
  return [
    "# headtune benchmarks",
    "",
    ...[
      `Machine: ${m.cpu}, ${m.logicalCores} logical cores, ${m.memoryGiB} GiB; ${m.os}; load average ${m.loadAverage.toFixed(2)} at the start, ${report.loadAverageEnd.toFixed(2)} at the end (other work on the machine skews times)`,
      `Node ${m.node} (V8 ${m.v8}); our kernels: AssemblyScript → WebAssembly SIMD, single-threaded`,
      ...numpy,
      `Settings: ${s.quick ? "--quick, " : ""}${s.only.length > 0 ? `--only ${s.only.join(",")}, ` : ""}budget ${s.budget} s, at most ${s.maxReps} calls, JS peers skipped past ${s.maxPeerSeconds} s per call`,
      ...report.notes,
    ].map((line) => `- ${line}`),
  ];
}

function kernelTable(report: Report): string[] {
  if (report.rows.length === 0) return [];
  const nT = numpyThreads(report.numpy?.default);
  const cols = ["kernel", "size", "ours ptr", "ours friendly", "ours rate", "plain TS", "×TS", "ml-matrix", "×ml", "numpy 1T", "×np 1T", `numpy ${nT}`, `×np ${nT}`];
  const body = report.rows.map((r) => [
    r.kernel,
    r.size,
    fmtOutcome(r.ours.pointer),
    fmtOutcome(r.ours.friendly),
    fmtRate(r),
    ...PEERS.flatMap((p) => [fmtOutcome(r.peers[p]), fmtRatio(r.ratio[p])]),
  ]);
  return ["", table(cols, body)];
}

/** log(t / tPrev) / log(x / xPrev) for two successful outcomes, else "—". */
function exponent(prev: { x: number; o: Outcome } | undefined, x: number, o: Outcome): string {
  if (prev === undefined || prev.o.status !== "ok" || o.status !== "ok") return "—";
  return (Math.log(o.median / prev.o.median) / Math.log(x / prev.x)).toFixed(2);
}

function scalingTable(report: Report): string[] {
  const rows = report.rows.filter((r) => r.scaling !== undefined);
  if (rows.length === 0) return [];
  const columns: [string, (r: Row) => Outcome][] = [
    ["ours", (r) => r.ours[r.base]],
    ["numpy 1T", (r) => r.peers["numpy-1T"]],
    [`numpy ${numpyThreads(report.numpy?.default)}`, (r) => r.peers["numpy-default"]],
  ];
  const body = rows.map((r, i) => {
    const before = rows[i - 1]?.scaling?.series === r.scaling!.series ? rows[i - 1] : undefined;
    return [
      r.kernel,
      r.scaling!.series,
      String(r.scaling!.x),
      ...columns.flatMap(([, get]) => [
        fmtOutcome(get(r)),
        exponent(before && { x: before.scaling!.x, o: get(before) }, r.scaling!.x, get(r)),
      ]),
    ];
  });
  return [
    "",
    "Growth in p: time at fixed n, and the exponent a of time ∝ p^a between each size and the previous one of its series (log of the time ratio / log of the size ratio).",
    "",
    table(["kernel", "series", "p", ...columns.flatMap(([name]) => [name, `a ${name}`])], body),
  ];
}

function fmtMiB(kib: number | null): string {
  return kib === null ? "—" : `${(kib / 1024).toFixed(0)} MiB`;
}

function fmtMean(m: { mean: number; se: number }): string {
  return `${m.mean.toPrecision(5)} ± ${m.se.toPrecision(2)}`;
}

function sweepTable(report: Report): string[] {
  if (report.sweep.length === 0) return [];
  const first = report.sweep[0]!;
  const counts = first.runs.map((r) => r.workers);
  const most = counts.at(-1)!;
  const peers = first.numpy.map((r) => `numpy ${r.processes} proc × ${r.threads === "single" ? "1T" : "default T"}`);
  const cols = [
    "sweep",
    "grid",
    ...counts.map((w) => `${w} worker${w > 1 ? "s" : ""}`),
    `×(${most} vs 1)`,
    ...peers.flatMap((label) => [label, `×${label.replace("numpy ", "np ")}`]),
    `peak RSS ours (${most} workers)`,
    ...first.numpy.map((r) => `peak RSS numpy ${r.processes} proc`),
  ];
  const body = report.sweep.map((s) => [
    s.preset,
    s.description,
    ...s.runs.map((r) => fmtOutcome(r.outcome)),
    fmtRatio(s.ratio),
    ...s.numpy.flatMap((r) => [fmtOutcome(r.outcome), fmtRatio(r.ratio)]),
    s.maxRss.status === "ok" ? fmtMiB(s.maxRss.kib) : "error",
    ...s.numpy.map((r) => fmtMiB(r.maxRssKiB)),
  ]);
  const agreement = report.sweep.flatMap((s) => {
    if (s.excess.length === 0) return [];
    const chi2 = s.excess.reduce((a, e) => a + e.z * e.z, 0);
    const maxZ = Math.max(...s.excess.map((e) => Math.abs(e.z)));
    const N = s.excess.length;
    return [
      "",
      `Same work? Mean excess risk per size (min-norm head, total over k, ± standard error over the replicates), ours (${most} workers) against the numpy peer's first run; z = difference / combined standard error. ` +
        `Σz² = ${chi2.toFixed(1)} over ${N} sizes (a χ² with ${N} degrees of freedom has mean ${N}, sd ${Math.sqrt(2 * N).toFixed(1)}; each side also draws its own model per size, which the standard errors leave out), max |z| = ${maxZ.toFixed(2)}.`,
      "",
      table(
        ["p", "ours", "numpy", "z"],
        s.excess.map((e) => [String(e.p), fmtMean(e.ours), fmtMean(e.numpy), e.z.toFixed(2)]),
      ),
    ];
  });
  return [
    "",
    "End to end: runSweep on the preset in Node worker threads, timed once each without warm-up (worker start-up and core compilation included); ×(N vs 1) = time with 1 worker / time with N (> 1: the pool is faster). " +
      `numpy: bench/peers/sweep_peer.py, the same sweep in numpy/scipy (other random numbers), timed once: a pool of ${first.numpy[0]?.processes ?? most} single-threaded processes, and one process with OpenBLAS's default threads; ×np = numpy time / our time with ${most} workers (> 1: we are faster). ` +
      "Peak RSS: ours = the built CLI's sweep in a child process (worker threads included); numpy = the main process's peak plus each pool process's peak.",
    "",
    table(cols, body),
    ...agreement,
  ];
}

/** The report as Markdown: header bullets, the kernel table, the growth table, the end-to-end table, then each error in full. */
export function renderMarkdown(report: Report): string {
  const cells = report.rows.flatMap((r) =>
    [
      ["ours ptr", r.ours.pointer] as const,
      ["ours friendly", r.ours.friendly] as const,
      ...PEERS.map((p) => [p, r.peers[p]] as const),
    ].map(([who, o]) => [`${r.kernel} ${r.size}, ${who}`, o] as const),
  );
  const sweepCells = report.sweep.flatMap((s) => [
    ...s.runs.map((r) => [`sweep ${s.preset}, ${r.workers} worker(s)`, r.outcome] as const),
    ...s.numpy.map((r) => [`sweep ${s.preset}, numpy ${r.processes} process(es)`, r.outcome] as const),
    ...(s.maxRss.status === "error" ? [[`sweep ${s.preset}, peak RSS`, { status: "error", reason: s.maxRss.reason }] as const] : []),
  ]);
  const errors = [...cells, ...sweepCells].flatMap(([where, o]) => (o.status === "error" ? [`- ${where}: ${o.reason}`] : []));
  return [...header(report), ...kernelTable(report), ...scalingTable(report), ...sweepTable(report), ...(errors.length > 0 ? ["", "Errors:", ...errors] : []), ""].join("\n");
}
