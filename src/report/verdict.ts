/**
 * The sweep in words: where the risk of the min-norm head peaks, whether its first descent is degenerate
 * (no size below the peak beats the smallest) or real, whether the second descent goes below the first
 * minimum, and the best size. The risk judged is noise + excess per output (total / k): sizes may differ
 * in k (width scaling: k = d = p), and per output is what the plot shows by default; with k fixed
 * (features scaling) it orders sizes exactly as the total does. Two sizes are called different only when
 * their means differ by more than 2 combined standard errors, 2 sqrt(se_a^2 + se_b^2) (independent
 * replicates at each size); otherwise the text says "within noise". A last sentence compares the simulated
 * means with the theory the plot draws, the finite-n theory (SPEC 6, "Finite n"), and with its n -> infinity limit.
 */
import type { Scaling } from "../hmm/config.js";
import { ArgumentError } from "../errors.js";
import { formatCompact, formatSig } from "./format.js";
import { argmaxFinite, argminFinite, assertSummaryRows, groupByHead, headLabel, primarySeries, type HeadSeries } from "./rows.js";
import type { SummaryRow } from "./types.js";

/** One size: p, g, mean and standard error of the risk per output. */
interface Size {
  p: number;
  g: number;
  m: number;
  s: number;
}

/** How the verdict names each scaling. */
const SCALING_NAMES: Record<Scaling | "posterior", string> = {
  width: "Width scaling (d = p)",
  features: "Features scaling (d fixed)",
  linear: "Linear scaling (d = round(alpha p) + d0)",
  posterior: "Posterior scaling (x = alpha_T, p = H)",
};

/** A world's own words for its scaling ("Features scaling (H fixed)") and its theory ("the Gaussian-equivalent theory"). */
export interface VerdictNames {
  scaling?: string;
  theory?: string;
}

/**
 * One to three sentences on the min-norm head's risk (noise + excess, per output) against size: the peak
 * (g and p of the largest mean, compared with g = 1), the first descent (degenerate, real, or within
 * noise), the second descent against the first minimum, and the best size; then the simulation against the
 * theory (theoryAgreement).
 * @param rows SummaryRow[] (totals over k); the min-norm head is judged, or the first head without one
 * @param scaling "width" (d = p) or "features" (d fixed): named in the text
 * @param names a world's own names for the scaling and the theory (default: the Gaussian world's)
 * @throws {ArgumentError} when scaling is neither, a row is malformed or two rows share a head and p
 * @example verdict(result.summary, "width")
 *   // "Width scaling (d = p), min-norm head, risk per output (noise + excess): peak at g = 0.95 (p = 190), ..."
 */
export function verdict(rows: SummaryRow[], scaling: Scaling | "posterior", names: VerdictNames = {}): string {
  const text = shapeVerdict(rows, scaling, names.scaling);
  const primary = primarySeries(groupByHead(rows));
  const agreement = primary === undefined ? "" : theoryAgreement(primary, names.theory ?? "the theory");
  return agreement === "" ? text : `${text} ${agreement}`;
}

/** Where a series' simulated risk per output sits against a theory: z = (mean - theory) / se per size. */
interface Agreement {
  sizes: number;
  worst: { z: number; row: SummaryRow };
}

/**
 * The largest |z| = |risk_mean - theory| / risk_se over the sizes with |p - n| >= 4 whose z is finite. Closer
 * to n the replicates' variance term has an infinite variance (the trace of an inverse Wishart with
 * |p - n| - 1 <= 2 degrees of freedom to spare), so a standard error does not measure the mean's error there.
 */
function agreement(rows: SummaryRow[], theory: (r: SummaryRow) => number): Agreement | undefined {
  const zs = rows
    .filter((row) => Math.abs(row.p - Math.round(row.p / row.gamma)) >= 4)
    .map((row) => ({ z: (row.risk_mean - theory(row)) / row.risk_se, row }))
    .filter(({ z }) => Number.isFinite(z));
  if (zs.length === 0) return undefined;
  return { sizes: zs.length, worst: zs.reduce((a, b) => (Math.abs(b.z) > Math.abs(a.z) ? b : a)) };
}

/**
 * "Against the theory at n = 200 (finite n, SPEC 6): |z| <= 1.2 over 36 sizes with |p - n| >= 4 (largest at g
 * = 0.95, p = 190); its n -> infinity limit: |z| up to 3.9 (g = 0.95)." with z = (mean - theory) / se; "" when
 * no size has a finite z. The limit's part only where it differs from the finite-n theory (min-norm).
 */
function theoryAgreement(series: HeadSeries, theory: string): string {
  const finite = agreement(series.rows, (r) => r.theory_finite_risk);
  if (finite === undefined) return "";
  const n = Math.round(series.rows[0]!.p / series.rows[0]!.gamma);
  const at = (a: Agreement) => `g = ${formatCompact(a.worst.row.gamma, 3)}, p = ${a.worst.row.p}`;
  const size = (a: Agreement) => `${formatSig(Math.abs(a.worst.z), 2)}`;
  const differs = series.rows.some((r) => !Object.is(r.theory_finite_risk, r.theory_risk));
  const limit = differs ? agreement(series.rows, (r) => r.theory_risk) : undefined;
  const head = differs ? `Against ${theory} at n = ${n} (finite n, SPEC 6)` : `Against ${theory}`;
  const tail = limit === undefined ? "" : `; its n → ∞ limit: |z| up to ${size(limit)} (${at(limit)})`;
  const over = finite.sizes === 1 ? "at the one size" : `over the ${finite.sizes} sizes`;
  return `${head}: |z| ≤ ${size(finite)} ${over} with |p − n| ≥ 4 (largest at ${at(finite)})${tail}; z = (mean − theory) / se.`;
}

/** The verdict's sentences on the shape of the curve (see verdict). */
function shapeVerdict(rows: SummaryRow[], scaling: Scaling | "posterior", scalingName?: string): string {
  if (!(scaling in SCALING_NAMES)) {
    throw new ArgumentError(`scaling must be one of ${Object.keys(SCALING_NAMES).join(", ")}. Value: ${String(scaling)}.`, {
      name: "scaling",
      value: scaling,
    });
  }
  assertSummaryRows(rows);
  const primary = primarySeries(groupByHead(rows));
  if (primary === undefined) return "No sizes were run: nothing to judge.";
  const lead = `${scalingName ?? SCALING_NAMES[scaling]}, ${headLabel(primary.head)} head, risk per output (noise + excess)`;
  const pts: Size[] = primary.rows
    .map((r) => ({ p: r.p, g: r.gamma, m: r.risk_mean / r.k, s: r.risk_se / r.k }))
    .filter((q) => Number.isFinite(q.m));
  if (pts.length === 0) return `${lead}: no finite simulated risk to judge.`;

  const seKnown = pts.every((q) => Number.isFinite(q.s) && q.s >= 0);
  const val = (q: Size) => (seKnown ? `${formatSig(q.m, 3)} ± ${formatSig(q.s, 2)}` : formatSig(q.m, 3));
  const where = (q: Size) => `g = ${formatCompact(q.g, 3)} (p = ${q.p})`;
  const desc = (q: Size) => `${val(q)} at ${where(q)}`;
  /** a's mean is below b's by more than 2 combined standard errors (by anything when they are unknown). */
  const below = (a: Size, b: Size) => b.m - a.m > (seKnown ? 2 * Math.sqrt(a.s * a.s + b.s * b.s) : 0);
  const caveat = seKnown
    ? ""
    : " Standard errors are unavailable (fewer than 2 replicates): no difference was tested against noise.";
  if (pts.length === 1) return `${lead}: one size only, ${desc(pts[0]!)}; nothing to compare.${caveat}`;

  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const ms = pts.map((q) => q.m);
  const best = bestSize(pts, argminFinite(ms), below, where, desc);
  const i = argmaxFinite(ms);
  const top = pts[i]!;

  if (i === 0 || i === pts.length - 1) {
    const at = i === 0 ? "smallest" : "largest";
    return `${lead}: no peak; the risk is largest at the ${at} size, ${desc(top)}. ${capital(best)}.${caveat}`;
  }
  if (!below(first, top) || !below(last, top)) {
    const edge = !below(first, top) ? first : last;
    return `${lead}: no clear peak; the largest mean, ${desc(top)}, is within noise of the ${edge === first ? "smallest" : "largest"} size's ${val(edge)}. ${capital(best)}.${caveat}`;
  }

  const s1 = `${lead}: peak at ${where(top)}, ${val(top)}, ${threshold(pts, i)}.`;
  const pre = pts.slice(0, i);
  const fmin = pre[argminFinite(pre.map((q) => q.m))]!;
  let fd: string;
  if (pre.length === 1)
    fd = `first descent not resolved: no size lies between the smallest, ${desc(first)}, and the peak`;
  else if (fmin === first) fd = `first descent degenerate: no size below the peak beats the smallest, ${desc(first)}`;
  else if (below(fmin, first)) fd = `first descent real: the risk falls from ${desc(first)} to ${desc(fmin)}`;
  else
    fd = `first descent within noise: the lowest risk below the peak, ${desc(fmin)}, is within 2 standard errors of the smallest size's ${val(first)}`;

  const post = pts.slice(i + 1);
  const smin = post[argminFinite(post.map((q) => q.m))]!;
  const firstMin = fmin === first ? "the smallest size" : "the first minimum";
  let sd: string;
  if (below(smin, fmin)) sd = `the second descent goes below ${firstMin}, to ${desc(smin)}`;
  else if (below(fmin, smin)) sd = `the second descent stays above ${firstMin}: its lowest is ${desc(smin)}`;
  else sd = `the second descent comes back to ${firstMin} within noise, to ${desc(smin)}`;

  return `${s1} ${capital(fd)}; ${sd}; ${best}.${caveat}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Where the peak (index i of pts, sorted by g) lies against g = 1: at it, at a grid point next to it, or away. */
function threshold(pts: Size[], i: number): string {
  const g = pts[i]!.g;
  if (g === 1) return "at the interpolation threshold g = 1";
  const lastBelow = pts.filter((q) => q.g < 1).length - 1;
  const firstAbove = pts.findIndex((q) => q.g > 1);
  if (i === lastBelow || i === firstAbove) return "the grid point next to the interpolation threshold g = 1";
  return "away from the interpolation threshold g = 1";
}

/** "best size: ..." for the size b of the lowest mean, against the smallest size. */
function bestSize(
  pts: Size[],
  b: number,
  below: (a: Size, b: Size) => boolean,
  where: (q: Size) => string,
  desc: (q: Size) => string,
): string {
  const first = pts[0]!;
  if (b === 0) {
    const rivals = pts.slice(1).filter((q) => !below(first, q));
    if (rivals.length === 0) return "best size: the smallest model";
    const rival = rivals[argminFinite(rivals.map((q) => q.m))]!;
    return `best size: the smallest model, though ${where(rival)} is within noise of it`;
  }
  const q = pts[b]!;
  if (below(q, first)) return `best size: ${where(q)}`;
  return `best size: the smallest model, within noise: the lowest mean, ${desc(q)}, is not 2 standard errors below it`;
}
