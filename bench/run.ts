/**
 * The benchmark runner: times each selected suite's cases (ours through the pointer tier and the friendly
 * tier, then the JS peers, in this process), then the f64x2 peak of the ceiling suite, then the numpy peer
 * in child processes (single-threaded on OpenBLAS's native kernels, single-threaded on its AVX2 kernels, and
 * default threads), then the end-to-end sweep, and prints one report (Markdown, or JSON with --json).
 * Progress goes to stderr. Bundled and started by bench/main.mjs, which passes the arguments and bench/.
 */
import { loadavg } from "node:os";
import { dirname } from "node:path";
import { parseBenchArgs, USAGE, type BenchOptions } from "./args.js";
import { ceilingRows, measurePeak } from "./ceiling.js";
import { choleskySuite } from "./cholesky.js";
import { dgemmSuite } from "./dgemm.js";
import { eigenSuite } from "./eigen.js";
import { forwardSuite } from "./forward.js";
import { gramSuite } from "./gram.js";
import { headfitSuite } from "./headfit.js";
import { benchKernels } from "./kernels.js";
import { machineInfo } from "./machine.js";
import { normalsSuite } from "./normals.js";
import { NUMPY_PEERS, NUMPY_SETTINGS, runNumpy, unsetOverrides, type NumpyRun } from "./numpy.js";
import { errorOutcome, type Outcome } from "./outcome.js";
import { PEERS, renderMarkdown, type NumpyStatus, type PeerName, type Report, type Row } from "./report.js";
import { JS_PEERS, type NumpyTask, type Prepare, type Suite } from "./suite.js";
import { benchSweep } from "./sweep.js";
import { benchExplorer, benchLargeReplicate, benchLargeSweep } from "./targets.js";
import { benchFinite } from "./finite.js";
import { taskSuite } from "./task.js";
import { measure, type TimingOptions } from "./timer.js";
import { getCore } from "../src/wasm/core.js";

const SUITES: readonly Suite[] = [gramSuite, dgemmSuite, choleskySuite, eigenSuite, normalsSuite, headfitSuite, taskSuite, forwardSuite];
const SWEEP = "sweep";
const CEILING = "ceiling";
const REPLICATE = "replicate";
const EXPLORER = "explorer";
/** Half an hour on 2 cores: run only when named in --only. */
const PAPER_LARGE = "paper-large";
/** The finite-n theory's z tables (about a minute on 2 cores): run only when named in --only. */
const FINITE = "finite";

/** The method notes of the header: the general ones, then what work counts in each suite that ran. */
function methodNotes(suites: readonly Suite[]): string[] {
  if (suites.length === 0) return [];
  return [
    "Times: median of the timed calls, [count]; warm-up first (≥ 1 call and ≥ budget/4), then calls until ≥ budget and ≥ 3 calls (1 when a call takes > 1 s). numpy is timed by the same protocol in Python.",
    "ours ptr: the WebAssembly kernel on data already in WebAssembly memory (inputs an in-place kernel overwrites are restored untimed between calls). ours friendly: the public TS function (validation, copies in and out, fresh result).",
    "×peer = peer time / our time (pointer tier; friendly tier where there is no pointer tier): > 1 means we are faster. Single-threaded against single-threaded, except the numpy default-threads column (our 1 thread against its threads).",
    "plain TS = src/ref; ×TS and ×ml stand without their times (peer time = ×peer × our time; --json has them); skipped = predicted from the previous size of the same path (time × work ratio) to exceed the per-call limit; — = no such operation (or tier).",
    ...suites.map((s) => `Work: ${s.workNote}.`),
    "Inputs: Gaussian matrices; Cholesky and eigen take S = XᵀX/n + I for a Gaussian X (n×n).",
  ];
}

type Task = NumpyTask & { id: string };

/** Times one implementation inside an arena scope (its WebAssembly allocations are released after). */
function timeOne(prepare: Prepare, timing: TimingOptions): Outcome {
  const { arena } = getCore();
  try {
    return arena.scope(() => ({ status: "ok", ...measure(prepare(), timing) }));
  } catch (err) {
    return errorOutcome(err);
  }
}

function fmt(o: Outcome): string {
  return o.status === "ok" ? `${(o.median * 1e3).toPrecision(3)} ms` : o.status;
}

/** Times ours and the JS peers on each case; returns the rows (numpy cells pending) and the numpy tasks. */
function runSuite(suite: Suite, opts: BenchOptions): { rows: Row[]; tasks: Task[] } {
  const timing = { budget: opts.budget, maxReps: opts.maxReps };
  const last = new Map<string, { work: number; seconds: number }>();
  const rows: Row[] = [];
  const tasks: Task[] = [];
  suite.cases(opts.quick).forEach((c, i) => {
    const pointer: Outcome = c.pointer ? timeOne(c.pointer, timing) : { status: "n/a", reason: "no pointer tier" };
    const friendly = timeOne(c.friendly, timing);
    const pending: Outcome = { status: "absent", reason: "numpy runs after the JS measurements" };
    const peers = Object.fromEntries(PEERS.map((p) => [p, pending])) as Record<PeerName, Outcome>;
    for (const peer of JS_PEERS) {
      const prepare = c.js[peer];
      const key = `${peer}/${c.family ?? ""}`;
      const prev = last.get(key);
      const predicted = prev ? (prev.seconds * c.work) / prev.work : 0;
      if (!prepare) peers[peer] = { status: "n/a", reason: `${peer} has no such operation` };
      else if (predicted > opts.maxPeerSeconds) peers[peer] = { status: "skipped", reason: `~${predicted.toPrecision(2)} s` };
      else peers[peer] = timeOne(prepare, timing);
      const o = peers[peer];
      if (o.status === "ok") last.set(key, { work: c.work, seconds: o.median });
    }
    tasks.push({ id: `${suite.name}:${i}`, ...c.numpy });
    rows.push({
      kernel: suite.name,
      size: c.size,
      work: c.work,
      rate: suite.rate,
      ours: { pointer, friendly },
      base: c.pointer ? "pointer" : "friendly",
      peers,
      ratio: Object.fromEntries(PEERS.map((p) => [p, null])) as Record<PeerName, number | null>,
      ourRate: suite.rate !== "time" && pointer.status === "ok" ? c.work / pointer.median : null,
      ...(c.scaling ? { scaling: c.scaling } : {}),
    });
    process.stderr.write(
      `${suite.name} ${c.size}: ptr ${fmt(pointer)}, friendly ${fmt(friendly)}, ${JS_PEERS.map((p) => `${p} ${fmt(peers[p])}`).join(", ")}\n`,
    );
  });
  return { rows, tasks };
}

/** Fills one numpy column of the rows (row i holds task ids[i]) from one numpy run. */
function attachNumpy(rows: Row[], ids: string[], run: NumpyRun, peer: PeerName): NumpyStatus {
  rows.forEach((row, i) => {
    if (run.status !== "ok") {
      row.peers[peer] = { status: run.status, reason: run.reason };
      return;
    }
    const r = run.results[ids[i]!];
    row.peers[peer] =
      r === undefined ? { status: "error", reason: "no result" } : "error" in r ? { status: "error", reason: r.error } : { status: "ok", ...r };
  });
  return run.status === "ok" ? { status: "ok", info: run.info } : run;
}

/** Runs the benchmarks for argv and prints the report; returns the exit code (1 if one of ours failed). */
export async function main(argv: string[], benchDir: string): Promise<number> {
  let opts: BenchOptions | "help";
  try {
    opts = parseBenchArgs(argv, [...SUITES.map((s) => s.name), CEILING, SWEEP, REPLICATE, EXPLORER, PAPER_LARGE, FINITE]);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  if (opts === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const wanted = (name: string) => (opts.only.length === 0 && name !== PAPER_LARGE && name !== FINITE) || opts.only.includes(name);
  const machine = machineInfo();
  const suites = SUITES.filter((s) => wanted(s.name));
  const rows: Row[] = [];
  const tasks: Task[] = [];
  for (const suite of suites) {
    const done = runSuite(suite, opts);
    rows.push(...done.rows);
    tasks.push(...done.tasks);
  }
  const ids = tasks.map((t) => t.id);
  const timing = { budget: opts.budget, maxReps: opts.maxReps };
  const measured = wanted(CEILING) ? measurePeak(dirname(benchDir), opts.quick, timing) : null;
  const peak = measured?.peak ?? null;
  if (peak) process.stderr.write(`ceiling: f64x2 peak ${peak.rate === null ? peak.outcome.status : `${(peak.rate / 1e9).toPrecision(3)} GFLOP/s`}\n`);
  const kernels = measured ? benchKernels(opts.quick, timing, measured.loop) : null;
  let numpy: Report["numpy"] = null;
  if (tasks.length > 0) {
    numpy = {} as NonNullable<Report["numpy"]>;
    for (const peer of NUMPY_PEERS) {
      process.stderr.write(`numpy peer: ${NUMPY_SETTINGS[peer].label}\n`);
      numpy[peer] = attachNumpy(rows, ids, runNumpy(benchDir, tasks, NUMPY_SETTINGS[peer], timing), peer);
    }
  }
  for (const row of rows) {
    const ours = row.ours[row.base];
    for (const peer of PEERS) {
      const o = row.peers[peer];
      row.ratio[peer] = o.status === "ok" && ours.status === "ok" ? o.median / ours.median : null;
    }
  }
  const root = dirname(benchDir);
  const sweep = wanted(SWEEP) ? [await benchSweep(opts.quick, root)] : [];
  const targets: Report["targets"] = {
    replicate: wanted(REPLICATE) ? benchLargeReplicate(opts.quick) : null,
    explorer: wanted(EXPLORER) ? await benchExplorer(opts.quick, root) : null,
    paperLarge: wanted(PAPER_LARGE) ? benchLargeSweep(root) : null,
  };
  const { json: _json, ...settings } = opts;
  const report: Report = {
    machine,
    loadAverageEnd: loadavg()[0]!,
    numpy,
    unsetForNumpy: unsetOverrides(),
    ceiling: peak && { peak, rows: ceilingRows(rows, peak) },
    kernels,
    settings,
    notes: methodNotes(suites),
    rows,
    sweep,
    targets,
    finite: wanted(FINITE) ? await benchFinite(opts.quick, root) : [],
  };
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : renderMarkdown(report));
  const failed = (o: Outcome) => o.status === "error";
  const oursFailed =
    rows.some((r) => failed(r.ours.pointer) || failed(r.ours.friendly)) ||
    (peak !== null && failed(peak.outcome)) ||
    (kernels?.rows.some((k) => k.results.some((r) => failed(r.outcome))) ?? false) ||
    sweep.some((s) => s.runs.some((r) => failed(r.outcome))) ||
    [targets.replicate?.first.outcome, targets.replicate?.warm.outcome, ...(targets.explorer ?? []).flatMap((run) => [run.outcome, run.api]), targets.paperLarge?.outcome].some((o) => o !== undefined && failed(o)) ||
    report.finite.some((f) => failed(f.outcome));
  return oursFailed ? 1 : 0;
}
