// Categorical draws in O(1) by Walker's alias method: a row of K weights becomes a table (prob[i], alias[i])
// such that drawing i uniformly from 0..K-1 and keeping it with probability prob[i], else taking alias[i],
// gives i with probability w_i / sum(w). Built by Vose's stable variant (two work lists, O(K)); a draw
// takes one uniform u in [0, 1): x = u K, i = floor(x), and the fraction x - i decides keep or alias.
// see: Walker (1977), ACM TOMS 3(3); Vose (1991), IEEE TSE 17(9).

/**
 * Alias tables of `rows` rows of K weights (row-major at w, each >= 0 with a positive sum; not checked):
 * prob (rows x K f64) and alias (rows x K i32). work holds K i32.
 */
export function aliasBuild(rows: i32, K: i32, w: usize, prob: usize, alias: usize, work: usize): void {
  for (let r = 0; r < rows; r++) {
    const off = <usize>r * <usize>K;
    buildRow(K, w + (off << 3), prob + (off << 3), alias + (off << 2), work);
  }
}

/**
 * One row: q_i = K w_i / sum(w) in prob; indices with q < 1 ("small") fill the work list from the front and
 * those with q >= 1 ("large") from the back; each small i takes the top large j as its alias, and j gives
 * away 1 - q_i. What remains (large, or small only by rounding) keeps itself with probability 1.
 */
function buildRow(K: i32, w: usize, prob: usize, alias: usize, work: usize): void {
  let sum = 0.0;
  for (let i = 0; i < K; i++) sum += load<f64>(w + (<usize>i << 3));
  const scale = <f64>K / sum;
  let nSmall = 0;
  let nLarge = 0;
  for (let i = 0; i < K; i++) {
    const q = load<f64>(w + (<usize>i << 3)) * scale;
    store<f64>(prob + (<usize>i << 3), q);
    store<i32>(alias + (<usize>i << 2), i);
    if (q < 1.0) store<i32>(work + (<usize>(nSmall++) << 2), i);
    else store<i32>(work + (<usize>(K - 1 - nLarge++) << 2), i);
  }
  while (nSmall > 0 && nLarge > 0) {
    const s = load<i32>(work + (<usize>(--nSmall) << 2));
    const l = load<i32>(work + (<usize>(K - nLarge) << 2));
    store<i32>(alias + (<usize>s << 2), l);
    // q_l -= 1 - q_s, written as (q_l + q_s) - 1 to lose less when q_l is near 1
    const ql = load<f64>(prob + (<usize>l << 3)) + load<f64>(prob + (<usize>s << 3)) - 1.0;
    store<f64>(prob + (<usize>l << 3), ql);
    if (ql < 1.0) {
      nLarge--;
      store<i32>(work + (<usize>(nSmall++) << 2), l);
    }
  }
  for (let j = 0; j < nLarge; j++) store<f64>(prob + (<usize>load<i32>(work + (<usize>(K - 1 - j) << 2)) << 3), 1.0);
  for (let j = 0; j < nSmall; j++) store<f64>(prob + (<usize>load<i32>(work + (<usize>j << 2)) << 3), 1.0);
}

/** The draw of table row (prob, alias) of K entries for the uniform u in [0, 1). */
@inline export function aliasDraw(K: i32, prob: usize, alias: usize, u: f64): i32 {
  const x = u * <f64>K;
  const i = <i32>x;
  return x - <f64>i < load<f64>(prob + (<usize>i << 3)) ? i : load<i32>(alias + (<usize>i << 2));
}
