/**
 * Where the finite-n min-norm theory (SPEC 6, "Finite n") holds: per size of a preset's sweep, the simulated mean
 * excess per output against the finite-n theory the plot draws and against its n -> infinity limit, as
 * z = (mean - theory) / se. `--only finite` runs the paper and features presets as shipped (20 replicates) and
 * the features preset at 100 replicates (the SPEC's check); the paper-large preset's table comes with
 * `--only paper-large` (bench/targets.ts), from the same functions.
 */
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SummaryRow } from "../src/report/types.js";
import { nodeWorkerFactory } from "../src/sweep/node-workers.js";
import { presetConfig } from "../src/sweep/presets.js";
import { runSweep } from "../src/sweep/run.js";
import { errorOutcome, type Outcome } from "./outcome.js";

/** One size: per-output excess, mean and se, the finite-n theory and the limit, and z against each. */
export interface ZRow {
  p: number;
  gamma: number;
  mean: number;
  se: number;
  finite: number;
  limit: number;
  z: number;
  zLimit: number;
}

/** The worst |z| over the sizes with |p - n| >= 4 (closer, var_X has an infinite variance: no se bounds the mean). */
export interface ZSummary {
  sizes: number;
  maxAbsZ: number;
  beyond4: number;
  worst: { p: number; z: number };
}

/** A preset's z table. */
export interface FiniteRun {
  preset: string;
  n: number;
  replicates: number;
  outcome: Outcome;
  rows: ZRow[];
}

/**
 * The min-norm head's rows of a summary as z rows (per output; z is the same per output and in total).
 * @param summary the summary rows of a sweep
 */
export function zRows(summary: readonly SummaryRow[]): ZRow[] {
  return summary
    .filter((r) => r.head === "minnorm")
    .map((r) => ({
      p: r.p,
      gamma: r.gamma,
      mean: r.excess_mean / r.k,
      se: r.excess_se / r.k,
      finite: r.theory_finite_excess / r.k,
      limit: r.theory_excess / r.k,
      z: (r.excess_mean - r.theory_finite_excess) / r.excess_se,
      zLimit: (r.excess_mean - r.theory_excess) / r.excess_se,
    }));
}

/**
 * Max |z| (against the finite-n theory, or its limit) over the sizes with |p - n| >= 4 and a finite z; null when none.
 * @param rows zRows of a sweep
 * @param n training samples
 * @param key "z" (finite n) or "zLimit"
 */
export function zSummary(rows: readonly ZRow[], n: number, key: "z" | "zLimit"): ZSummary | null {
  const zs = rows.filter((r) => Math.abs(r.p - n) >= 4 && Number.isFinite(r[key])).map((r) => ({ p: r.p, z: r[key] }));
  if (zs.length === 0) return null;
  const worst = zs.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a));
  return { sizes: zs.length, maxAbsZ: Math.abs(worst.z), beyond4: zs.filter((r) => Math.abs(r.z) > 4).length, worst };
}

/** The presets `--only finite` runs: as shipped, and the features preset at 100 replicates. */
const RUNS = [
  { preset: "paper", replicates: undefined },
  { preset: "features", replicates: undefined },
  { preset: "features", replicates: 100 },
] as const;

/**
 * Runs each preset's sweep with one worker per core (quick: the quick preset only) and returns its z rows.
 * @param quick the quick preset only (a smoke test)
 * @param root the package folder (dist/worker.node.js is the workers' entry)
 */
export async function benchFinite(quick: boolean, root: string): Promise<FiniteRun[]> {
  const runs = quick ? [{ preset: "quick", replicates: undefined }] : RUNS;
  const out: FiniteRun[] = [];
  for (const { preset, replicates } of runs) {
    const config = presetConfig(preset);
    if (replicates !== undefined) config.replicates = replicates;
    try {
      const workerFactory = await nodeWorkerFactory(pathToFileURL(join(root, "dist", "worker.node.js")));
      const t0 = performance.now();
      const { summary } = await runSweep(config, { workers: availableParallelism(), workerFactory });
      const s = (performance.now() - t0) / 1000;
      process.stderr.write(`finite-n z table, ${preset} (${config.replicates} replicates): ${s.toFixed(1)} s\n`);
      out.push({ preset, n: config.n, replicates: config.replicates, outcome: { status: "ok", median: s, min: s, count: 1 }, rows: zRows(summary) });
    } catch (err) {
      out.push({ preset, n: config.n, replicates: config.replicates, outcome: errorOutcome(err), rows: [] });
    }
  }
  return out;
}

function sig(v: number, digits: number): string {
  return Number.isFinite(v) ? v.toPrecision(digits) : String(v);
}

/**
 * A preset's z table as Markdown lines: a summary sentence, then one line per size.
 * @param run the preset's run
 */
export function renderFiniteRun(run: FiniteRun): string[] {
  const title = `### ${run.preset}, n = ${run.n}, ${run.replicates} replicates`;
  if (run.outcome.status !== "ok") return ["", title, "", `not run: ${run.outcome.status === "error" ? run.outcome.reason : run.outcome.status}`];
  const say = (s: ZSummary | null, what: string) =>
    s === null ? `${what}: no size with a finite z` : `${what}: max |z| = ${s.maxAbsZ.toFixed(2)} (p = ${s.worst.p}), ${s.beyond4} of ${s.sizes} sizes beyond 4`;
  const head = ["p", "g", "excess/out (mean ± se)", "finite-n theory", "z", "n → ∞ limit", "z limit"];
  const lines = run.rows.map((r) =>
    [String(r.p), sig(r.gamma, 3), `${sig(r.mean, 5)} ± ${sig(r.se, 2)}`, sig(r.finite, 5), r.z.toFixed(2), sig(r.limit, 5), r.zLimit.toFixed(2)].join(" | "),
  );
  return [
    "",
    title,
    "",
    `z = (mean − theory) / se over the sizes with |p − n| ≥ 4. ${say(zSummary(run.rows, run.n, "z"), "Finite-n theory")}; ${say(zSummary(run.rows, run.n, "zLimit"), "its limit")}.`,
    "",
    `| ${head.join(" | ")} |`,
    `|${head.map(() => "---").join("|")}|`,
    ...lines.map((l) => `| ${l} |`),
  ];
}
