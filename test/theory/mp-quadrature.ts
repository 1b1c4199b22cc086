/**
 * Test oracle: integrals against the Marchenko-Pastur law mu_g by quadrature, independent of the closed forms.
 * mu_g (limit spectrum of X^T X / n, x ~ N(0, I_p), g = p / n) has density sqrt((b - x)(x - a)) / (2 pi g x) on
 * [a, b] = [(1 - sqrt g)^2, (1 + sqrt g)^2] and an atom 1 - 1/g at 0 when g > 1. With x = a + (b - a) sin^2 t,
 * density dx = (b - a)^2 sin^2(2t) / (4 pi g x) dt: a smooth, even, pi-periodic integrand for smooth h, so the
 * midpoint rule on [0, pi/2] converges geometrically.
 */

function edges(g: number): { a: number; b: number } {
  return { a: (1 - Math.sqrt(g)) ** 2, b: (1 + Math.sqrt(g)) ** 2 };
}

/** Density of mu_g times dx/dt at t, written without 0/0 at t = 0 when a = 0 (g = 1). */
function weightAt(t: number, g: number): { x: number; w: number } {
  const { a, b } = edges(g);
  const s2 = Math.sin(t) ** 2;
  const c2 = Math.cos(t) ** 2;
  const x = a + (b - a) * s2;
  // (b - a)^2 sin^2(2t) / (4 pi g x) = (b - a)^2 s2 c2 / (pi g x)
  return { x, w: ((b - a) ** 2 * s2 * c2) / (Math.PI * g * x) };
}

/** int h(x) dmu_g(x), g > 0, by the midpoint rule with `nodes` nodes on [0, pi/2] plus the atom at 0. */
export function mpIntegral(h: (x: number) => number, g: number, nodes = 4000): number {
  const step = Math.PI / 2 / nodes;
  let sum = 0;
  for (let j = 0; j < nodes; j++) {
    const { x, w } = weightAt((j + 0.5) * step, g);
    sum += w * h(x);
  }
  return sum * step + (g > 1 ? (1 - 1 / g) * h(0) : 0);
}

/**
 * The q quantiles F^{-1}((j + 1/2) / q), j < q, of the continuous part of mu_c, c in (0, 1] (no atom):
 * a deterministic stand-in for the q eigenvalues of Z Z^T / p, Z a q x p standard normal matrix, c = q / p.
 */
export function mpQuantiles(c: number, q: number, nodes = 20000): Float64Array {
  const step = Math.PI / 2 / nodes;
  const cdf = new Float64Array(nodes + 1);
  for (let j = 0; j < nodes; j++) cdf[j + 1] = cdf[j]! + weightAt((j + 0.5) * step, c).w * step;
  const total = cdf[nodes]!;
  const out = new Float64Array(q);
  let j = 0;
  for (let i = 0; i < q; i++) {
    const target = ((i + 0.5) / q) * total;
    while (cdf[j + 1]! < target) j++;
    const t = (j + (target - cdf[j]!) / (cdf[j + 1]! - cdf[j]!)) * step;
    out[i] = weightAt(t, c).x;
  }
  return out;
}
