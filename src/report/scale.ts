/**
 * Axis scales for the plot: a map from data values to pixels, linear or base-10 logarithmic, with ticks
 * at "nice" values (1, 2, 5 times a power of ten).
 */
import { formatCompact } from "./format.js";

export interface Scale {
  readonly log: boolean;
  /** Data interval shown, lo < hi (both > 0 when log). */
  readonly lo: number;
  readonly hi: number;
  /** Pixel of a value: lo maps to `from`, hi to `to`; for log scales a value <= 0 maps to `from` (clipped). */
  at(v: number): number;
  ticks(): { value: number; label: string }[];
}

/** 1, 2 or 5 times a power of ten, the smallest at least x (x > 0). */
function niceStep(x: number): number {
  const e = Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * 10 ** e >= x * (1 - 1e-12)) return m * 10 ** e;
  return 10 ** (e + 1);
}

function linearTicks(lo: number, hi: number): number[] {
  const step = niceStep((hi - lo) / 5);
  const out: number[] = [];
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++)
    out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** m * 10^e for the mantissas given, inside [lo, hi]. */
function logTicksWith(lo: number, hi: number, mantissas: number[]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** e).toPrecision(12));
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) out.push(v);
    }
  }
  return out;
}

/** Decades when the range spans at least three, else 1-2-5 per decade, else 1..9 per decade. */
function logTicks(lo: number, hi: number): number[] {
  const decades = logTicksWith(lo, hi, [1]);
  if (decades.length >= 4) return decades;
  const coarse = logTicksWith(lo, hi, [1, 2, 5]);
  if (coarse.length >= 3) return coarse;
  return logTicksWith(lo, hi, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
}

/**
 * The scale from [lo, hi] to pixels [from, to].
 * @param lo smallest value shown (> 0 when log)
 * @param hi largest value shown, > lo
 * @param from pixel of lo
 * @param to pixel of hi
 * @param log base-10 logarithmic when true
 */
export function makeScale(lo: number, hi: number, from: number, to: number, log: boolean): Scale {
  const f = log ? Math.log10 : (v: number) => v;
  const a = f(lo);
  const b = f(hi);
  return {
    log,
    lo,
    hi,
    at: (v) => (log && v <= 0 ? from : from + ((f(v) - a) / (b - a)) * (to - from)),
    ticks: () =>
      (log ? logTicks(lo, hi) : linearTicks(lo, hi)).map((value) => ({ value, label: formatCompact(value, 6) })),
  };
}

/**
 * The interval shown for values `vs` (non-finite ignored): padded by `pad` of the range on each side
 * (a factor on log scales), starting at 0 when all values are >= 0 on a linear scale. Log scales use
 * only positive values. With no usable value the interval is [0, 1] (linear) or [0.1, 1] (log).
 * @param vs the values to show
 * @param log for a logarithmic axis
 * @param pad fraction of the range added at each end
 */
export function domain(vs: number[], log: boolean, pad: number): [number, number] {
  const use = vs.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (use.length === 0) return log ? [0.1, 1] : [0, 1];
  let lo = Math.min(...use);
  let hi = Math.max(...use);
  if (log) {
    if (lo === hi) return [lo / 2, hi * 2];
    const r = Math.log10(hi / lo);
    return [lo / 10 ** (r * pad), hi * 10 ** (r * pad)];
  }
  if (lo >= 0) lo = 0;
  if (lo === hi) return hi === 0 ? [0, 1] : [Math.min(0, 2 * lo), Math.max(0, 2 * hi)];
  const r = hi - lo;
  return [lo === 0 ? 0 : lo - r * pad, hi + r * pad];
}
