// The scaled forward algorithm (SPEC 10b) for n token strings at once: alpha_t is the posterior over the
// hidden state given o_1..o_t, one row per string.
//   a_1 = pi * E[:, o_1]^T,  a_t = (alpha_{t-1} P) * E[:, o_t]^T,  alpha_t = a_t / (a_t 1)
// The propagation alpha_{t-1} P is one n x H by H x H product on dgemm; the emission weights and the
// normalization then run in place, row by row. Emissions are read from E^T (V x H), so E[:, o] is a row.
// see: Rabiner (1989), "A tutorial on hidden Markov models", Proc. IEEE 77(2), section V.A (scaling).
import { dgemm } from "../linalg/dgemm";

/**
 * alpha (n x H) = alpha_T of each of the n strings in tokens (n x T i32, entries in 0..V-1; not checked),
 * for start law pi (H), transitions P (H x H) and transposed emissions Et (V x H); work holds n x H f64.
 * Returns 0, or i + 1 for the first string i whose normalizer a_t 1 is not a positive finite number (a string
 * of probability zero under the model, or underflow).
 */
export function hmmForward(n: i32, T: i32, H: i32, pi: usize, P: usize, Et: usize, tokens: usize, alpha: usize, work: usize): i32 {
  for (let t = 0; t < T; t++) {
    if (t > 0) dgemm(0, 0, n, H, H, 1.0, alpha, H, P, H, 0.0, work, H);
    for (let i = 0; i < n; i++) {
      const o = load<i32>(tokens + ((<usize>i * <usize>T + <usize>t) << 2));
      const row = alpha + ((<usize>i * <usize>H) << 3);
      const prior = t > 0 ? work + ((<usize>i * <usize>H) << 3) : pi;
      if (!weighRow(H, prior, Et + ((<usize>o * <usize>H) << 3), row)) return i + 1;
    }
  }
  return 0;
}

/** out = prior * e, then out /= sum(out); false (out unnormalized) when the sum is not positive and finite. */
function weighRow(H: i32, prior: usize, e: usize, out: usize): bool {
  let s0 = f64x2.splat(0.0);
  let j = 0;
  for (; j + 2 <= H; j += 2) {
    const o = <usize>j << 3;
    // (out[j], out[j+1]) = (prior[j] e[j], prior[j+1] e[j+1]), summed lane-wise
    const v = f64x2.mul(v128.load(prior + o), v128.load(e + o));
    v128.store(out + o, v);
    s0 = f64x2.add(s0, v);
  }
  let s = f64x2.extract_lane(s0, 0) + f64x2.extract_lane(s0, 1);
  if (j < H) {
    const v = load<f64>(prior + (<usize>j << 3)) * load<f64>(e + (<usize>j << 3));
    store<f64>(out + (<usize>j << 3), v);
    s += v;
  }
  if (!(s > 0.0 && s < Infinity)) return false;
  const inv = f64x2.splat(1.0 / s);
  j = 0;
  for (; j + 2 <= H; j += 2) {
    const o = <usize>j << 3;
    v128.store(out + o, f64x2.mul(v128.load(out + o), inv));
  }
  if (j < H) store<f64>(out + (<usize>j << 3), load<f64>(out + (<usize>j << 3)) * (1.0 / s));
  return true;
}
