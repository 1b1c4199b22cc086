/**
 * The benchmark report: its data (printed as JSON with --json) and its Markdown rendering (a header on the
 * machine, the builds and the method, the kernel table, the growth table of the cases that form a series,
 * the ceiling table (the WebAssembly f64x2 peak against our and numpy's rates), then the end-to-end table
 * with its numpy peer, peak memory and the per-size agreement of the two). Ratios are peer time / our time,
 * so a ratio above 1 means we are faster.
 */
import type { BenchOptions } from "./args.js";
import { CEILING_PEERS, type Ceiling } from "./ceiling.js";
import type { MachineInfo } from "./machine.js";
import { AVX2_CORE, NUMPY_PEERS, NUMPY_SETTINGS, type NumpyInfo, type NumpyPeer } from "./numpy.js";
import { JS_PEERS, type JsPeer, type Suite } from "./suite.js";
import type { SweepRow } from "./sweep.js";
import type { KernelRun } from "./kernels.js";
import type { ExplorerRun, LargeReplicate, LargeSweep, ReplicateRun } from "./targets.js";
import { renderFiniteRun, type FiniteRun } from "./finite.js";
import type { Outcome } from "./outcome.js";

export type PeerName = JsPeer | NumpyPeer;
export const PEERS: readonly PeerName[] = [...JS_PEERS, ...NUMPY_PEERS];

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
  /** One numpy child per column; null when no kernel suite ran. */
  numpy: Record<NumpyPeer, NumpyStatus> | null;
  /** The machine's OpenBLAS overrides, unset for the numpy children only (the AVX2 child then forces its core type). */
  unsetForNumpy: Record<string, string>;
  /** The f64x2 peak and the Gram and dgemm rates against it; null when the ceiling suite did not run. */
  ceiling: Ceiling | null;
  /** Every product kernel candidate's rates and the planner's choice; null when the ceiling suite did not run. */
  kernels: KernelRun | null;
  settings: Omit<BenchOptions, "json">;
  notes: string[];
  rows: Row[];
  sweep: SweepRow[];
  /** The spectral sampler's other targets (bench/targets.ts); null where not run. */
  /** explorer: one run per engine installed, Chromium first. */
  targets: { replicate: LargeReplicate | null; explorer: ExplorerRun[] | null; paperLarge: LargeSweep | null };
  /** The finite-n theory's z tables (bench/finite.ts); empty when not run. */
  finite: FiniteRun[];
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

/** A ratio cell whose peer time is not shown: the ratio, or why there is none. */
function fmtPeerRatio(o: Outcome, r: number | null): string {
  if (o.status === "skipped") return `skipped (${o.reason})`;
  return o.status === "ok" || o.status === "n/a" ? fmtRatio(r) : o.status;
}

function fmtFlops(rate: number | null): string {
  return rate === null ? "—" : `${(rate / 1e9).toPrecision(3)} GFLOP/s`;
}

function fmtRate(row: Row): string {
  if (row.ourRate === null) return "—";
  return row.rate === "flops" ? fmtFlops(row.ourRate) : `${(row.ourRate / 1e6).toPrecision(3)} M/s`;
}

/** The column name of a numpy peer: its threads, and AVX2 for the child forced to AVX2 kernels. */
function numpyLabel(peer: NumpyPeer, report: Report): string {
  if (peer === "numpy-1T") return "numpy 1T";
  if (peer === "numpy-1T-avx2") return "numpy 1T AVX2";
  const s = report.numpy?.[peer];
  return `numpy ${s?.status === "ok" && s.info.openblas.threads !== undefined ? `${s.info.openblas.threads}T` : "default"}`;
}

/** The ratio column's name of a numpy peer: ×np 1T, ×np AVX2, ×np 2T. */
function numpyRatioLabel(peer: NumpyPeer, report: Report): string {
  return peer === "numpy-1T-avx2" ? "×np AVX2" : `×np ${numpyLabel(peer, report).replace("numpy ", "")}`;
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
  const forced = NUMPY_PEERS.flatMap((p) => {
    const core = NUMPY_SETTINGS[p].coreType;
    return core === undefined ? [] : [`the ${numpyLabel(p, report)} child then sets OPENBLAS_CORETYPE=${core}`];
  });
  const numpy = report.numpy
    ? [
        ...NUMPY_PEERS.map((p) => describeNumpy(`${numpyLabel(p, report)} (${NUMPY_SETTINGS[p].label})`, report.numpy![p])),
        `numpy children run with ${unset.length > 0 ? `${unset.join(" and ")} unset (set on this machine; unset for numpy only)` : "no OpenBLAS override set on this machine"}; ${forced.join("; ")}`,
      ]
    : [];
  return [
    "# headtune benchmarks",
    "",
    ...[
      `Machine: ${m.cpu}${m.cpuId ? ` (${m.cpuId})` : ""}, ${m.logicalCores} logical cores, ${m.memoryGiB} GiB; ${m.os}; load average ${m.loadAverage.toFixed(2)} at the start, ${report.loadAverageEnd.toFixed(2)} at the end (other work on the machine skews times)`,
      `Node ${m.node} (V8 ${m.v8}); our kernels: AssemblyScript → WebAssembly SIMD, single-threaded`,
      ...numpy,
      `Settings: ${s.quick ? "--quick, " : ""}${s.only.length > 0 ? `--only ${s.only.join(",")}, ` : ""}budget ${s.budget} s, at most ${s.maxReps} calls, JS peers skipped past ${s.maxPeerSeconds} s per call`,
      ...report.notes,
    ].map((line) => `- ${line}`),
  ];
}

function kernelTable(report: Report): string[] {
  if (report.rows.length === 0) return [];
  const cols = [
    "kernel",
    "size",
    "ours ptr",
    "ours friendly",
    "ours rate",
    "×TS",
    "×ml",
    ...NUMPY_PEERS.flatMap((p) => [numpyLabel(p, report), numpyRatioLabel(p, report)]),
  ];
  const body = report.rows.map((r) => [
    r.kernel,
    r.size,
    fmtOutcome(r.ours.pointer),
    fmtOutcome(r.ours.friendly),
    fmtRate(r),
    ...JS_PEERS.map((p) => fmtPeerRatio(r.peers[p], r.ratio[p])),
    ...NUMPY_PEERS.flatMap((p) => [fmtOutcome(r.peers[p]), fmtRatio(r.ratio[p])]),
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
    ...NUMPY_PEERS.map((p): [string, (r: Row) => Outcome] => [numpyLabel(p, report), (r) => r.peers[p]]),
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

function ceilingTable(report: Report): string[] {
  if (report.ceiling === null) return [];
  const { peak, rows } = report.ceiling;
  const o = peak.outcome;
  const time = o.status === "ok" ? `${fmtOutcome(o)}, fastest ${fmtSeconds(o.min)}` : o.status;
  const kernels =
    rows.length === 0
      ? ["", "(No Gram or dgemm case ran: add gram,dgemm to --only to set their rates against the peak.)"]
      : [
          "",
          table(
            [
              "kernel",
              "size",
              "ours rate",
              "ours / peak",
              ...CEILING_PEERS.flatMap((p) => [`${numpyLabel(p, report)} rate`, numpyRatioLabel(p, report), `ceiling ${numpyRatioLabel(p, report)}`]),
            ],
            rows.map((r) => [
              r.kernel,
              r.size,
              fmtFlops(r.ourRate),
              fmtRatio(r.ofPeak),
              ...CEILING_PEERS.flatMap((p) => [fmtFlops(r.numpy[p].rate), fmtRatio(r.numpy[p].ratio), fmtRatio(r.numpy[p].ceiling)]),
            ]),
          ),
        ];
  return [
    "",
    `Ceiling: the peak rate of WebAssembly f64x2 multiply-then-add on this core (bench/wasm/peak.ts: v = v·m + c on ${peak.chains} independent f64x2 register accumulators, ` +
      `2 flops per lane and step, compiled with asc ${peak.flags.join(" ")}; rate = flops of one call / the fastest call). ` +
      "Below it, each Gram and dgemm case: our rate as a fraction of the peak, and for each single-threaded numpy column its rate, the measured ×np, " +
      "and the ceiling = peak / numpy's rate: the largest ×np any WebAssembly SIMD kernel could show against that column here.",
    "",
    table(["ceiling", "loop", "time per call", "peak rate"], [["f64x2 mul+add", `${peak.chains} chains × ${peak.steps} steps`, time, fmtFlops(peak.rate)]]),
    ...kernels,
  ];
}

function kernelsTable(report: Report): string[] {
  const run = report.kernels;
  if (run === null) return [];
  const { planned } = run;
  const timed = run.rows
    .map(({ name }) => name)
    .map((name) => `${name} ${fmtFlops(planned.rates[name] ?? null)} (×${fmtRatio(planned.speedups[name] ?? null)})`)
    .join(", ");
  const choice =
    planned.how === "planned"
      ? `the planner chose ${planned.name} when this process's core started (dgemm 192×192×256, 2 untimed then 7 timed rounds of every candidate; the fastest call's rate, and in brackets the median over rounds of 2x8's time / the candidate's in the same round; 2x8 unless another's is ≥ 1.05: ${timed})`
      : planned.how === "default"
        ? `${planned.name}, untimed: ${planned.reason}`
        : `${planned.name}, forced by HEADTUNE_KERNEL (no planning)`;
  const rounds = run.cases.map((c) => `${c.size} ${c.rounds} rounds, peak ${fmtFlops(c.peakRate)}`).join("; ");
  return [
    "",
    `Product kernels (src/wasm/kernels.ts; every candidate gives the same bits): ${choice}. ` +
      "Below, every candidate on each product (pointer tier) in interleaved rounds: each round runs the f64x2 peak loop, then each candidate once in a rotated order; " +
      `rate = flops / the candidate's fastest call; / peak = the median over rounds of the candidate's rate in a round over the peak loop's rate in the same round (${rounds}; peak = the peak loop's fastest call).`,
    "",
    table(
      ["candidate", ...run.cases.flatMap((c) => [c.size, "/ peak"])],
      run.rows.map((r) => [
        r.name === planned.name ? `${r.name} (chosen)` : r.name,
        ...r.results.flatMap((x) => [x.rate === null ? x.outcome.status : fmtFlops(x.rate), fmtRatio(x.ofPeak)]),
      ]),
    ),
  ];
}

function fmtMiB(kib: number | null): string {
  return kib === null ? "—" : `${(kib / 1024).toFixed(0)} MiB`;
}

function fmtMean(m: { mean: number; se: number }): string {
  return `${m.mean.toPrecision(5)} ± ${m.se.toPrecision(2)}`;
}

/** A time difference in seconds with its sign, or "—". */
function fmtDifference(d: number | null): string {
  return d === null ? "—" : `${d < 0 ? "−" : "+"}${Math.abs(d).toFixed(2)} s`;
}

/** The CLI's time less runSweep's with as many workers (seconds), or null when either failed or did not run. */
function cliOverhead(s: SweepRow, cli: SweepRow["cli"] | null): number | null {
  const most = s.runs.at(-1)?.outcome;
  return cli?.status === "ok" && most?.status === "ok" ? cli.seconds - most.median : null;
}

function sweepTable(report: Report): string[] {
  if (report.sweep.length === 0) return [];
  const first = report.sweep[0]!;
  const counts = first.runs.map((r) => r.workers);
  const most = counts.at(-1)!;
  const peers = first.numpy.map(
    (r) => `numpy ${r.peer} ${r.processes} proc × ${r.threads === "single" ? "1T" : "default T"}${r.coreType ? ` ${r.coreType === AVX2_CORE ? "AVX2" : r.coreType}` : ""}`,
  );
  const cols = [
    "sweep",
    "grid",
    ...counts.map((w) => `${w} worker${w > 1 ? "s" : ""}`),
    `×(${most} vs 1)`,
    `CLI end to end (${most} workers)`,
    "CLI − runSweep",
    "CLI on tmpfs",
    "CLI on tmpfs − runSweep",
    ...peers.flatMap((label) => [label, `×${label.replace("numpy ", "np ")}`]),
    `peak RSS ours (${most} workers)`,
    ...peers.map((label) => `peak RSS ${label}`),
  ];
  const body = report.sweep.map((s) => [
    s.preset,
    s.description,
    ...s.runs.map((r) => fmtOutcome(r.outcome)),
    fmtRatio(s.ratio),
    s.cli.status === "ok" ? `${s.cli.seconds.toFixed(2)} s` : "error",
    fmtDifference(cliOverhead(s, s.cli)),
    s.cliTmpfs === null ? "—" : s.cliTmpfs.status === "ok" ? `${s.cliTmpfs.seconds.toFixed(2)} s` : "error",
    fmtDifference(cliOverhead(s, s.cliTmpfs)),
    ...s.numpy.flatMap((r) => [fmtOutcome(r.outcome), fmtRatio(r.ratio)]),
    s.cli.status === "ok" ? fmtMiB(s.cli.kib) : "error",
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
      "CLI end to end: the built CLI's `headtune sweep` in a child process, wall time from spawn to exit (Node start-up, worker start-up, checkpoint and results written), its results folder on the disk of the system's temporary folder, then on tmpfs (/dev/shm); CLI − runSweep: its time less runSweep's with as many workers (the CLI's whole cost: start-up, checkpoint, result files). " +
      `numpy (bench/peers/, other random numbers, timed once): spectral_peer.py, our spectral algorithm (SPEC 8) in numpy/scipy, as a pool of ${most} single-threaded processes on the kernels OpenBLAS picks for this CPU and on its AVX2 kernels (OPENBLAS_CORETYPE=${AVX2_CORE}); ` +
      "naive_peer.py, the experiment written plainly (sequences token by token, Cholesky or pinv, B formed, risks through Sx), one process on OpenBLAS's default threads; " +
      `sweep_peer.py, the previous algorithm (sequential sampler, risks folded through X Lx), as a pool of ${most} single-threaded processes and as one process on default threads; ×np = numpy time / our time with ${most} workers (> 1: we are faster). ` +
      "Peak RSS: ours = the built CLI's sweep in a child process (worker threads included); numpy = the main process's peak plus each pool process's peak.",
    "",
    table(cols, body),
    ...agreement,
  ];
}

/** One line of the targets table: its issue, what, its goal, the measured value, and whether it is met (null: not run). */
type Target = [issue: number, what: string, goal: string, measured: string, met: boolean | null];

function timeTarget(issue: number, what: string, limit: number, o: Outcome | undefined, unit = "s"): Target {
  if (o === undefined) return [issue, what, `≤ ${limit} ${unit}`, "not run", null];
  if (o.status !== "ok") return [issue, what, `≤ ${limit} ${unit}`, o.status, false];
  const value = unit === "min" ? o.median / 60 : o.median;
  return [issue, what, `≤ ${limit} ${unit}`, `${value.toPrecision(3)} ${unit}`, value <= limit];
}

function ratioTarget(issue: number, what: string, least: number, ratio: number | null | undefined): Target {
  return [issue, what, `≥ ${least}×`, ratio === undefined ? "not run" : ratio === null ? "—" : `${fmtRatio(ratio)}×`, ratio == null ? null : ratio >= least];
}

function fractionTarget(issue: number, what: string, least: number, fraction: number | null | undefined): Target {
  const measured = fraction === undefined ? "not run" : fraction === null ? "—" : `${(100 * fraction).toFixed(0)}%`;
  return [issue, what, `≥ ${(100 * least).toFixed(0)}%`, measured, fraction == null ? null : fraction >= least];
}

/** A replicate's product rate (2 issued multiply-adds per second) over dgemm's rate in the same process. */
function replicateFraction(replicate: LargeReplicate, run: ReplicateRun): number | null {
  const { outcome, issued } = run;
  if (outcome.status !== "ok" || issued === null || replicate.dgemm.rate === null) return null;
  return (2 * issued) / outcome.median / replicate.dgemm.rate;
}

/** What the large replicate's runs did: times, the products' work and rate against dgemm's, the size's preparation. */
function replicateNote(replicate: LargeReplicate): string {
  const rate = replicate.dgemm.rate;
  const run = (what: string, x: ReplicateRun) => {
    if (x.outcome.status !== "ok" || x.issued === null) return `${what}: ${x.outcome.status}`;
    const fraction = replicateFraction(replicate, x);
    return `${what} ${x.outcome.median.toFixed(2)} s, ${(2 * x.issued / 1e9).toPrecision(3)} GFLOP through the product kernel, ${fmtFlops((2 * x.issued) / x.outcome.median)}${fraction === null ? "" : ` (${(100 * fraction).toFixed(0)}% of dgemm's)`}`;
  };
  const prepare = replicate.prepare.status === "ok" ? `${replicate.prepare.median.toFixed(2)} s` : replicate.prepare.status;
  return (
    `One replicate at n = ${replicate.n}, p = k = ${replicate.p}: ${run("the first (memory touched for the first time)", replicate.first)}; ${run("the second (warm, as every later replicate of a worker)", replicate.warm)}; ` +
    `dgemm ${replicate.dgemm.n}³ in the same process ${fmtFlops(rate)}. The cost model (src/sweep/cost.ts) counts ${(2 * replicate.work / 1e9).toPrecision(3)} GFLOP for it. Preparing the size (Laguerre draw, tridiagonal eigenvalues, theory): ${prepare}.`
  );
}

/** The chosen candidate's smallest fraction of the peak over the kernel table's products (undefined: not run). */
function productsFraction(report: Report): { fraction: number | null; where: string } | undefined {
  const run = report.kernels;
  if (run === null) return undefined;
  const chosen = run.rows.find((r) => r.name === run.planned.name)!;
  let worst: { fraction: number | null; where: string } = { fraction: null, where: "" };
  chosen.results.forEach((r, i) => {
    if (r.ofPeak !== null && (worst.fraction === null || r.ofPeak < worst.fraction)) worst = { fraction: r.ofPeak, where: run.cases[i]!.size };
  });
  return worst;
}

/** explorer time / API time in the same browser, or null when either failed. */
function explorerRatio(run: ExplorerRun): number | null {
  return run.outcome.status === "ok" && run.api.status === "ok" ? run.outcome.min / run.api.min : null;
}

/** The engines table: per engine, the explorer's and runSweep's time on the preset, and their ratio. */
function enginesTable(report: Report): string[] {
  const runs = report.targets.explorer;
  if (!runs || runs.length === 0) return [];
  const seconds = (o: Outcome) => (o.status === "ok" ? o.min.toFixed(2) : o.status);
  const body = runs.map((run) => {
    const ratio = explorerRatio(run);
    return [run.engine, run.browser, String(run.workers), seconds(run.outcome), seconds(run.api), ratio === null ? "—" : `${fmtRatio(ratio)}×`];
  });
  return [
    "",
    `## The ${runs[0]!.preset} preset in each browser engine`,
    "",
    `Explorer: the click on Run to the finished plot, verdict and table; runSweep: the library bundle in the same page and browser, the same workers, nothing drawn. The faster of ${runs[0]!.outcome.status === "ok" ? runs[0]!.outcome.count : "the"} runs each, alternating.`,
    "",
    table(["engine", "version", "workers", "explorer s", "runSweep s", "explorer / runSweep"], body),
  ];
}

/** The targets of issues 11 and 18, each with its measured value from this run. */
function targetsTable(report: Report): string[] {
  const sweep = report.sweep[0];
  const { replicate, paperLarge } = report.targets;
  const explorer = report.targets.explorer?.[0];
  const products = productsFraction(report);
  if (sweep === undefined && replicate === null && explorer === undefined && paperLarge === null && products === undefined) return [];
  const most = sweep?.runs.at(-1);
  const peer = (name: string, coreType?: string) => sweep?.numpy.find((r) => r.peer === name && r.coreType === coreType)?.ratio;
  const overhead = sweep && cliOverhead(sweep, sweep.cli);
  const cli: Outcome | undefined = sweep && (sweep.cli.status === "ok" ? { status: "ok", median: sweep.cli.seconds, min: sweep.cli.seconds, count: 1 } : { status: "error", reason: sweep.cli.reason });
  const preset = sweep?.preset ?? "paper";
  const workers = most?.workers ?? "N";
  const size = replicate ? `n = ${replicate.n}, p = k = ${replicate.p}` : "n = 2000, p = k = 10,000";
  const rows: Target[] = [
    fractionTarget(18, `dgemm and Grams, the chosen kernel / the f64x2 peak of the same rounds, every product of the kernel table${products?.where ? ` (lowest: ${products.where})` : ""}`, 0.85, products?.fraction),
    timeTarget(11, `${preset} sweep, ${workers} workers`, 2, most?.outcome),
    timeTarget(11, `${preset} sweep, CLI end to end`, 3, cli),
    timeTarget(18, `${preset} sweep, CLI end to end (results on disk) − runSweep`, 0.5, overhead == null ? undefined : { status: "ok", median: overhead, min: overhead, count: 1 }),
    ratioTarget(11, "× numpy naive peer (sequences, B formed)", 15, peer("naive")),
    ratioTarget(18, `× numpy spectral peer, ${workers} processes, native kernels`, 1.2, peer("spectral")),
    ratioTarget(18, `× numpy spectral peer, ${workers} processes, AVX2 kernels`, 1.2, peer("spectral", AVX2_CORE)),
    timeTarget(11, `explorer, ${explorer?.preset ?? "paper"} preset, Run to plot${explorer ? ` (${explorer.workers} workers, ${explorer.engine} ${explorer.browser})` : ""}`, 3, explorer?.outcome),
    ...(report.targets.explorer ?? []).map((run): Target => {
      const ratio = explorerRatio(run);
      return [18, `explorer / runSweep in the same browser, ${run.preset} preset, ${run.engine}`, "≤ 1.15×", ratio === null ? run.outcome.status : `${fmtRatio(ratio)}×`, ratio !== null && ratio <= 1.15];
    }),
    timeTarget(11, `one replicate, ${size}, warm (as in a sweep)`, 15, replicate?.warm.outcome),
    fractionTarget(18, `one replicate, ${size}, warm: its products' rate / dgemm's rate in the same process`, 0.8, replicate && replicateFraction(replicate, replicate.warm)),
    timeTarget(11, "paper-large preset, CLI end to end", 30, paperLarge?.outcome, "min"),
  ];
  const notes: string[] = [];
  if (replicate) notes.push(replicateNote(replicate));
  if (paperLarge?.kib != null) notes.push(`paper-large peak RSS (all workers): ${fmtMiB(paperLarge.kib)}.`);
  const a = paperLarge?.agreement;
  const l = paperLarge?.agreementLimit;
  if (a) {
    notes.push(
      `paper-large against the finite-n theory (SPEC 6): z = (mean excess − theory) / se per size with |p − n| ≥ 4; max |z| = ${a.maxAbsZ.toFixed(2)} (p = ${a.worst.p}), ${a.beyond4} of ${a.sizes} sizes beyond 4` +
        (l ? `; against its n → ∞ limit: max |z| = ${l.maxAbsZ.toFixed(2)} (p = ${l.worst.p}), ${l.beyond4} beyond 4.` : "."),
    );
  }
  return [
    "",
    "## Targets (issues 11 and 18)",
    "",
    table(["issue", "target", "goal", "measured", "met"], rows.map(([issue, what, goal, measured, met]) => [String(issue), what, goal, measured, met === null ? "—" : met ? "yes" : "no"])),
    ...(notes.length > 0 ? ["", ...notes] : []),
  ];
}

/** The finite-n theory against the simulation: each preset's z table, paper-large's too when it ran. */
function finiteSection(report: Report): string[] {
  const { paperLarge } = report.targets;
  const large: FiniteRun[] =
    paperLarge && paperLarge.rows.length > 0
      ? [{ preset: "paper-large", n: paperLarge.n, replicates: paperLarge.replicates, outcome: paperLarge.outcome, rows: paperLarge.rows }]
      : [];
  const runs = [...report.finite, ...large];
  if (runs.length === 0) return [];
  return ["", "## The finite-n theory against the simulation (SPEC 6, issue 22)", ...runs.flatMap(renderFiniteRun)];
}

/** The report as Markdown: header bullets, the kernel, growth, ceiling and end-to-end tables, then each error in full. */
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
    ...(s.cli.status === "error" ? [[`sweep ${s.preset}, CLI`, { status: "error", reason: s.cli.reason }] as const] : []),
  ]);
  const ceilingCells = report.ceiling ? [["ceiling, f64x2 peak", report.ceiling.peak.outcome] as const] : [];
  const { replicate, paperLarge } = report.targets;
  const targetCells = [
    ...(replicate ? [["large replicate, first", replicate.first.outcome] as const, ["large replicate, warm", replicate.warm.outcome] as const] : []),
    ...(report.targets.explorer ?? []).flatMap((run) => [[`explorer, ${run.engine}`, run.outcome] as const, [`runSweep in ${run.engine}`, run.api] as const]),
    ...(paperLarge ? [["paper-large", paperLarge.outcome] as const] : []),
  ];
  const errors = [...cells, ...ceilingCells, ...sweepCells, ...targetCells].flatMap(([where, o]) => (o.status === "error" ? [`- ${where}: ${o.reason}`] : []));
  return [
    ...header(report),
    ...targetsTable(report),
    ...enginesTable(report),
    ...kernelTable(report),
    ...scalingTable(report),
    ...ceilingTable(report),
    ...kernelsTable(report),
    ...sweepTable(report),
    ...finiteSection(report),
    ...(errors.length > 0 ? ["", "Errors:", ...errors] : []),
    "",
  ].join("\n");
}
