// Chi variates with integer degrees of freedom k >= 1, from the stream's words in order (so a stream gives the
// same numbers however requests are chunked): chi_1 = |z| for a standard normal z; chi_k = sqrt(2 G) for
// k >= 2, G ~ Gamma(k / 2, 1) by Marsaglia and Tsang's squeeze-and-reject method (shape a = k / 2 >= 1):
// d = a - 1/3, c = 1 / sqrt(9 d); repeat x ~ N(0, 1), v = (1 + c x)^3 until v > 0, u ~ U(0, 1] and
// u < 1 - 0.0331 x^4 or log u < x^2 / 2 + d (1 - v + log v); then G = d v.
// see: Marsaglia and Tsang (2000), "A simple method for generating gamma variables", ACM TOMS 26(3).
import { logPositive } from "./log";
import { closeSource, nextU64, openSource } from "./source";
import { normalSlow, uniformOpen } from "./ziggurat";

/** Fills n f64 at out with chi variates, out[i] with dof[i] degrees of freedom (integers >= 1; not checked). */
export function rngChi(state: usize, dof: usize, out: usize, n: i32): void {
  openSource(state);
  for (let i = 0; i < n; i++) {
    const k = load<f64>(dof + (<usize>i << 3));
    store<f64>(out + (<usize>i << 3), k == 1.0 ? Math.abs(normalSlow(nextU64())) : Math.sqrt(2.0 * gamma(0.5 * k)));
  }
  closeSource(state);
}

/** G ~ Gamma(a, 1) for a >= 1 (Marsaglia-Tsang); its normals and uniforms come from the open source. */
export function gamma(a: f64): f64 {
  const d = a - 1.0 / 3.0;
  const c = 1.0 / Math.sqrt(9.0 * d);
  while (true) {
    let x: f64;
    let v: f64;
    do {
      x = normalSlow(nextU64());
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const u = uniformOpen(nextU64());
    const x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (logPositive(u) < 0.5 * x2 + d * (1.0 - v + logPositive(v))) return d * v;
  }
}
