/** Statistics for the random-stream tests: moments, the normal CDF, the Kolmogorov-Smirnov statistic. */

/** mean of f(x_i). */
export function meanOf(x: Float64Array, f: (v: number) => number = (v) => v): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += f(x[i]!);
  return s / x.length;
}

/** Sample correlation of x and y (same length). */
export function correlation(x: Float64Array, y: Float64Array): number {
  const mx = meanOf(x);
  const my = meanOf(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/**
 * erfc(z), Chebyshev fit with fractional error below 1.2e-7 everywhere (Numerical Recipes, erfcc):
 * far below the KS bounds (~2e-3) and the tail tolerances used here.
 */
function erfc(z: number): number {
  const a = Math.abs(z);
  const t = 1 / (1 + 0.5 * a);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(-a * a + poly);
  return z >= 0 ? r : 2 - r;
}

/** Phi(x) = P(Z <= x) for Z ~ N(0, 1). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** P(Z > x) for Z ~ N(0, 1), accurate in the tail. */
export function normalUpperTail(x: number): number {
  return 0.5 * erfc(x / Math.SQRT2);
}

/** D = sup_x |F_n(x) - F(x)| of the sample against the continuous CDF F. */
export function ksStatistic(sample: Float64Array, cdf: (v: number) => number): number {
  const sorted = Float64Array.from(sample).sort();
  const n = sorted.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(sorted[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

/** D = sup_x |F_a(x) - F_b(x)| of two samples' empirical CDFs (two-sample Kolmogorov-Smirnov). */
export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < x.length && j < y.length) {
    const v = Math.min(x[i]!, y[j]!);
    while (i < x.length && x[i]! <= v) i++;
    while (j < y.length && y[j]! <= v) j++;
    d = Math.max(d, Math.abs(i / x.length - j / y.length));
  }
  return d;
}

/**
 * The two-sample KS critical value at level alpha for sizes n and m (asymptotic):
 * sqrt(-ln(alpha / 2) / 2) sqrt((n + m) / (n m)); 1.949 sqrt((n + m) / (n m)) at alpha = 0.001.
 */
export function ksTwoSampleCritical(alpha: number, n: number, m: number): number {
  return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((n + m) / (n * m));
}
