/**
 * Plain-TypeScript twins of the token-world kernels (assembly/hmm/): Vose's alias tables and their draws, the
 * token sampler on given uniforms, and the scaled forward filter one string at a time. The oracle in tests and
 * the readable version of each kernel.
 */
import { matrix, type Matrix } from "../linalg/matrix.js";

/** An alias table of K outcomes: keep i with probability prob[i], else take alias[i]. */
export interface RefAliasTable {
  prob: Float64Array;
  alias: Int32Array;
}

/**
 * Vose's alias table of weights w (>= 0, positive sum), as assembly/hmm/alias.ts builds it.
 * @example refAliasTable([1, 3]) // prob [0.5, 1], alias [1, 1]
 */
export function refAliasTable(w: ArrayLike<number>): RefAliasTable {
  const K = w.length;
  let sum = 0;
  for (let i = 0; i < K; i++) sum += w[i]!;
  const scale = K / sum;
  const prob = new Float64Array(K);
  const alias = Int32Array.from({ length: K }, (_, i) => i);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < K; i++) {
    prob[i] = w[i]! * scale;
    (prob[i]! < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1]!;
    alias[s] = l;
    prob[l] = prob[l]! + prob[s]! - 1;
    if (prob[l]! < 1) small.push(large.pop()!);
  }
  for (const i of [...large, ...small]) prob[i] = 1;
  return { prob, alias };
}

/** The alias draw for the uniform u in [0, 1): i = floor(u K), kept when the fraction is below prob[i]. */
export function refAliasDraw(t: RefAliasTable, u: number): number {
  const x = u * t.prob.length;
  const i = Math.floor(x);
  return x - i < t.prob[i]! ? i : t.alias[i]!;
}

/** The HMM laws the twins read: start pi (H), transitions P (H x H), emissions E (H x V). */
export interface RefHmm {
  pi: Float64Array;
  P: Matrix;
  E: Matrix;
}

/**
 * n strings of length T from uniforms u (n (2T + 1)), per string h_1, then o_t and h_{t+1} for t = 1..T.
 * @returns tokens (n x T) and last (the state h_{T+1} of each string)
 */
export function refSampleTokens(hmm: RefHmm, T: number, n: number, u: Float64Array): { tokens: Int32Array; last: Int32Array } {
  const H = hmm.pi.length;
  const V = hmm.E.cols;
  const start = refAliasTable(hmm.pi);
  const trans = Array.from({ length: H }, (_, h) => refAliasTable(hmm.P.data.subarray(h * H, (h + 1) * H)));
  const emit = Array.from({ length: H }, (_, h) => refAliasTable(hmm.E.data.subarray(h * V, (h + 1) * V)));
  const tokens = new Int32Array(n * T);
  const last = new Int32Array(n);
  let q = 0;
  for (let i = 0; i < n; i++) {
    let h = refAliasDraw(start, u[q++]!);
    for (let t = 0; t < T; t++) {
      tokens[i * T + t] = refAliasDraw(emit[h]!, u[q++]!);
      h = refAliasDraw(trans[h]!, u[q++]!);
    }
    last[i] = h;
  }
  return { tokens, last };
}

/**
 * alpha_T of each string (tokens n x T) by the scaled forward algorithm, with the log-likelihood
 * log P(o_1..o_T) = sum_t log(a_t 1) of each string.
 */
export function refForwardFilter(hmm: RefHmm, T: number, tokens: Int32Array): { alpha: Matrix; logLik: Float64Array } {
  const H = hmm.pi.length;
  const V = hmm.E.cols;
  const n = tokens.length / T;
  const alpha = matrix(n, H);
  const logLik = new Float64Array(n);
  const a = new Float64Array(H);
  for (let i = 0; i < n; i++) {
    const row = alpha.data.subarray(i * H, (i + 1) * H);
    for (let t = 0; t < T; t++) {
      const o = tokens[i * T + t]!;
      for (let j = 0; j < H; j++) {
        let prior = 0;
        if (t === 0) prior = hmm.pi[j]!;
        else for (let h = 0; h < H; h++) prior += row[h]! * hmm.P.data[h * H + j]!;
        a[j] = prior * hmm.E.data[j * V + o]!;
      }
      let s = 0;
      for (let j = 0; j < H; j++) s += a[j]!;
      for (let j = 0; j < H; j++) row[j] = a[j]! / s;
      logLik[i]! += Math.log(s);
    }
  }
  return { alpha, logLik };
}
