/**
 * Benchmark inputs, the same for every implementation of a case: Gaussian matrices from the library's own
 * random stream (seed 1, stream id = a fixed tag per input) and the SPD matrix S = X^T X / n + I_n built
 * from a Gaussian X (n x n), whose spectrum (Marchenko-Pastur shifted by 1) keeps Cholesky and eigen
 * well conditioned.
 */
import { Matrix as MlMatrix } from "ml-matrix";
import { gram } from "../src/linalg/gram.js";
import type { Matrix } from "../src/linalg/matrix.js";
import { RandomStream } from "../src/rng/stream.js";

const SEED = 1;

/** X (rows x cols) with iid N(0, 1) entries; `tag` selects an independent stream. */
export function gaussian(rows: number, cols: number, tag: number): Matrix {
  return new RandomStream(SEED, tag).normalMatrix(rows, cols);
}

/** S = X^T X / n + I_n for a Gaussian X (n x n). */
export function spd(n: number, tag: number): Matrix {
  const S = gram(gaussian(n, n, tag), "XtX");
  for (let i = 0; i < S.data.length; i++) S.data[i]! /= n;
  for (let i = 0; i < n; i++) S.data[i * n + i]! += 1;
  return S;
}

/** The same matrix as an ml-matrix Matrix (copied). */
export function toMl(m: Matrix): MlMatrix {
  return MlMatrix.from1DArray(m.rows, m.cols, m.data);
}

/** Memoizes a builder so a case builds its input once, only when some implementation asks for it. */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
