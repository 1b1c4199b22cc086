// Token sequences of a discrete HMM (SPEC 10a), n at a time: h_1 ~ pi, then for t = 1..T the token
// o_t ~ E[h_t, :] and the next state h_{t+1} ~ P[h_t, :], every categorical draw through an alias table
// (alias.ts) from one uniform. Sequence i reads the 2T + 1 uniforms u[i (2T + 1) ..] in the order
// h_1, o_1, h_2, o_2, ..., o_T, h_{T+1}, so a sequence depends on its own uniforms only.
import { aliasDraw } from "./alias";

/**
 * tokens (n x T i32) and last (n i32, the state h_{T+1}) from u (n (2T + 1) f64 uniforms in [0, 1)) and the
 * alias tables: start (1 x H), transitions (H x H), emissions (H x V); tables' prob f64, alias i32.
 */
export function hmmSample(
  n: i32, T: i32, H: i32, V: i32, u: usize,
  startProb: usize, startAlias: usize, transProb: usize, transAlias: usize, emitProb: usize, emitAlias: usize,
  tokens: usize, last: usize,
): void {
  let q = u;
  for (let i = 0; i < n; i++) {
    let h = aliasDraw(H, startProb, startAlias, load<f64>(q));
    q += 8;
    const row = tokens + ((<usize>i * <usize>T) << 2);
    for (let t = 0; t < T; t++) {
      const eo = <usize>h * <usize>V;
      store<i32>(row + (<usize>t << 2), aliasDraw(V, emitProb + (eo << 3), emitAlias + (eo << 2), load<f64>(q)));
      const po = <usize>h * <usize>H;
      h = aliasDraw(H, transProb + (po << 3), transAlias + (po << 2), load<f64>(q, 8));
      q += 16;
    }
    store<i32>(last + (<usize>i << 2), h);
  }
}
