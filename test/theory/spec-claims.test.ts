/**
 * SPEC 6 and 7 quote risk values for the HMM presets. With the default Haar-orthogonal A = rho Q (or
 * A = rho I) and S_1 = I, every S_t is a scalar s_t^2 I (S_{t+1} = rho^2 Q^T S_t Q + s_eps^2 I), so the
 * population quantities depend on W only through the nonzero eigenvalues nu_j of W^T W (W is d x p with
 * iid N(0, 1/d) entries, q = min(d, p) of them), with k = d outputs (V = I):
 *   Sx eigenvalues  s_T^2 nu_j + s_u^2 (j < q) and s_u^2 (p - q times)
 *   weights         w_j = rho^2 s_T^4 nu_j / (s_T^2 nu_j + s_u^2)^2 (j < q), 0 otherwise
 *   tr(Se)          = d (rho^2 s_T^2 + s_eps^2) - rho^2 s_T^4 sum_j nu_j / (s_T^2 nu_j + s_u^2)
 * We replace the random nu_j by their deterministic equivalent, the Marchenko-Pastur quantiles
 * (W^T W = Z^T Z / d with ratio p / d when p <= d; W W^T = (p/d) Z Z^T / p with ratio d / p otherwise), and
 * compare the per-output theory with the quoted numbers ("about": we allow 5%).
 */
import { describe, expect, it } from "vitest";
import { minNormTheory } from "../../src/theory/index.js";
import { mpQuantiles } from "./mp-quadrature.js";

const T = 5;
const RHO = 0.9;
const S_EPS = 0.5;
const S_U = 1;
const N = 200;

function stateVariance(): number {
  let s = 1;
  for (let t = 1; t < T; t++) s = RHO * RHO * s + S_EPS * S_EPS;
  return s;
}

/** Per-output min-norm theory for hidden size d and representation size p (deterministic equivalent). */
function perOutput(d: number, p: number): { noise: number; excess: number; risk: number } {
  const s = stateVariance();
  const nu = p <= d ? mpQuantiles(p / d, p) : mpQuantiles(d / p, d).map((v) => (v * p) / d);
  const l = new Float64Array(p).fill(S_U * S_U);
  const w = new Float64Array(p);
  let explained = 0;
  nu.forEach((v, j) => {
    const lj = s * v + S_U * S_U;
    l[j] = lj;
    w[j] = (RHO * RHO * s * s * v) / (lj * lj);
    explained += v / lj;
  });
  const noise = d * (RHO * RHO * s + S_EPS * S_EPS) - RHO * RHO * s * s * explained;
  const r = minNormTheory(l, w, noise, N);
  return { noise: r.noise / d, excess: r.excess / d, risk: r.risk / d };
}

describe("SPEC 6 features scaling (d = 20, n = 200): a real first descent, then a lower second one", () => {
  const quoted: [number, number][] = [
    [2, 1.17],
    [80, 0.75],
    [160, 1.7],
    [1000, 0.36],
  ];
  const risk = new Map(quoted.map(([p]) => [p, perOutput(20, p).risk]));

  it.each(quoted)("p = %i: per-output risk about %f", (p, value) => {
    expect(Math.abs(risk.get(p)! / value - 1)).toBeLessThan(0.05);
  });

  it("falls, peaks near g = 1, then falls below its first minimum", () => {
    expect(risk.get(80)!).toBeLessThan(risk.get(2)!);
    expect(risk.get(160)!).toBeGreaterThan(risk.get(2)!);
    expect(risk.get(1000)!).toBeLessThan(risk.get(80)!);
  });
});

describe("SPEC 7 paper preset (width scaling d = p, n = 200): a degenerate first descent", () => {
  const quoted: [number, number][] = [
    [0.1, 0.09],
    [0.8, 3.3],
    [1.25, 3.5],
    [2, 1.1],
    [5, 0.54],
  ];
  const parts = new Map(quoted.map(([g]) => [g, perOutput(Math.round(g * N), Math.round(g * N))]));

  it.each(quoted)("g = %f: per-output excess about %f", (g, value) => {
    expect(Math.abs(parts.get(g)!.excess / value - 1)).toBeLessThan(0.05);
  });

  it("keeps tr(Se)/k nearly constant, so no size beats g -> 0", () => {
    const noises = quoted.map(([g]) => parts.get(g)!.noise);
    expect(Math.max(...noises) - Math.min(...noises)).toBeLessThan(1e-3 * noises[0]!);
  });
});
