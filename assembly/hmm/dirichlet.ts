// Rows of Dirichlet(a 1_K) variates (SPEC 10a: the transition noise D and the emissions E), from the stream's
// words in order: w_j = G_j / sum_i G_i with G_j ~ Gamma(a, 1) independent. For a >= 1, G_j by Marsaglia and
// Tsang (rng/chi.ts); for a < 1, by their boost G(a) = G(a + 1) U^(1/a) carried in logarithms,
// log G_j = log G(a + 1) + log(U) / a, and normalized as exp(log G_j - max_i log G_i) so that a row never
// underflows to all zeros (small a puts nearly all mass on one entry; the others may round to 0).
// AssemblyScript's Math.exp is compiled into the module, so the bits do not depend on the engine.
// see: Marsaglia and Tsang (2000), ACM TOMS 26(3), section 6 (shape below one).
import { gamma } from "../rng/chi";
import { logPositive } from "../rng/log";
import { closeSource, nextU64, openSource } from "../rng/source";
import { uniformOpen } from "../rng/ziggurat";

/** out (rows x K, row-major) = rows of Dirichlet(a 1_K) for a > 0 finite (not checked), advancing the stream. */
export function rngDirichlet(state: usize, rows: i32, K: i32, a: f64, out: usize): void {
  openSource(state);
  for (let r = 0; r < rows; r++) {
    const row = out + ((<usize>r * <usize>K) << 3);
    let sum = 0.0;
    if (a >= 1.0) {
      for (let j = 0; j < K; j++) {
        const g = gamma(a);
        store<f64>(row + (<usize>j << 3), g);
        sum += g;
      }
    } else {
      let top = -Infinity;
      for (let j = 0; j < K; j++) {
        const lg = logPositive(gamma(a + 1.0)) + logPositive(uniformOpen(nextU64())) / a;
        store<f64>(row + (<usize>j << 3), lg);
        if (lg > top) top = lg;
      }
      for (let j = 0; j < K; j++) {
        const g = Math.exp(load<f64>(row + (<usize>j << 3)) - top);
        store<f64>(row + (<usize>j << 3), g);
        sum += g;
      }
    }
    const inv = 1.0 / sum;
    for (let j = 0; j < K; j++) store<f64>(row + (<usize>j << 3), load<f64>(row + (<usize>j << 3)) * inv);
  }
  closeSource(state);
}
