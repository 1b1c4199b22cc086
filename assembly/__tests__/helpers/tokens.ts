// Helpers for the token-world kernel tests: Dirichlet rows from a seeded stream of the library's generator.

import { rngDirichlet } from "../../hmm/dirichlet";
import { rngInit } from "../../rng/stream";
import { newMatrix } from "./dense";

/**
 * rows x K Dirichlet(a 1_K) rows from stream (seed, 0); free with release(). With `first` > 0 they are drawn in
 * two calls (the first `first` rows, then the rest) on the same state.
 */
export function dirichletRows(seed: u32, rows: i32, K: i32, a: f64, first: i32 = 0): usize {
  const state = heap.alloc(64);
  rngInit(state, seed, 0, 0, 0);
  const w = newMatrix(rows, K);
  if (first > 0) {
    rngDirichlet(state, first, K, a, w);
    rngDirichlet(state, rows - first, K, a, w + ((<usize>first * <usize>K) << 3));
  } else {
    rngDirichlet(state, rows, K, a, w);
  }
  heap.free(state);
  return w;
}
