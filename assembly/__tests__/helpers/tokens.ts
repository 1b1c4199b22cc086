// Helpers for the token-world kernel tests: Dirichlet rows from a seeded stream of the library's generator, and
// alias tables built from weights.

import { aliasBuild } from "../../hmm/alias";
import { rngDirichlet } from "../../hmm/dirichlet";
import { rngInit } from "../../rng/stream";
import { newMatrix, release } from "./dense";

/** The alias tables (prob f64, alias i32) of rows x K weights at `weights` (aliasBuild); free with free(). */
export class AliasTables {
  prob: usize;
  alias: usize;
  constructor(rows: i32, K: i32, weights: usize) {
    this.prob = newMatrix(rows, K);
    this.alias = heap.alloc(<usize>max(1, rows * K) << 2);
    const work = heap.alloc(<usize>K << 2);
    aliasBuild(rows, K, weights, this.prob, this.alias, work);
    heap.free(work);
  }
  free(): void {
    release(this.prob);
    heap.free(this.alias);
  }
}

/** The alias tables of rows x K weights given as numbers. */
export function aliasTablesOf(rows: i32, K: i32, w: f64[]): AliasTables {
  const weights = newMatrix(rows, K);
  for (let i = 0; i < rows * K; i++) store<f64>(weights + (<usize>i << 3), w[i]);
  const tables = new AliasTables(rows, K, weights);
  release(weights);
  return tables;
}

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
