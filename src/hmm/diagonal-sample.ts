/**
 * The spectral sampler (SPEC 8): rows (x~, y~) of a diagonal model, x~ = g diag(sqrt l), y~ = x~ B~* + e diag(sqrt se),
 * written at the pointer tier into one arena buffer of rows x (p + k) f64, features in columns [0, p) and targets
 * in [p, p + k) of each row. Draw order: row by row, the p normals of g then the k of e, so a sample drawn in
 * blocks of rows is the same as one drawn at once (the stream does not depend on how requests are chunked).
 */
import { matrix } from "../linalg/matrix.js";
import { assertInteger } from "../validate.js";
import type { RandomStream } from "../rng/stream.js";
import {
  allocMatrix,
  asMatrix,
  block,
  gemm,
  NO_TRANSPOSE,
  scaleColumns,
  scope,
  vectorIn,
  viewOf,
  type WasmMatrix,
  type WasmVector,
} from "../wasm/pointer.js";
import type { DiagonalModel } from "./diagonal.js";
import type { Sample } from "./sample.js";

/** The vectors the sampler scales by, in the arena; allocated once per replicate by diagonalFactors. */
export interface DiagonalFactors {
  /** sqrt(l_j), p f64. */
  sqrtSx: WasmVector;
  /** sqrt(se_i), k f64. */
  sqrtSe: WasmVector;
  /** B~*: the min(p, k) diagonal values, or the dense p x k matrix row by row (asMatrix(bstar, p, k)). */
  bstar: WasmVector;
}

/**
 * Copies the model's scale vectors into the arena (in the caller's arena scope).
 * @param dm the diagonal model
 */
export function diagonalFactors(dm: DiagonalModel): DiagonalFactors {
  return {
    sqrtSx: vectorIn(dm.sx.map(Math.sqrt), "sqrt(Sx)"),
    sqrtSe: vectorIn(dm.se.map(Math.sqrt), "sqrt(Se)"),
    bstar: vectorIn(dm.bstar.kind === "diagonal" ? dm.bstar.values : dm.bstar.matrix.data, "B~*"),
  };
}

/**
 * sample.rows samples of the diagonal model into sample (rows x (p + k), compact: ld = p + k), drawn from the
 * stream in the order of the file header. Internal: the operands come from the caller's arena scope, unchecked.
 * @param dm the diagonal model
 * @param f its factors in the arena (diagonalFactors)
 * @param stream random stream, advanced by rows (p + k) normals
 * @param sample the rows [x~ y~] to overwrite
 */
export function drawDiagonalRows(dm: DiagonalModel, f: DiagonalFactors, stream: RandomStream, sample: WasmMatrix): void {
  const { p, k } = dm;
  const { rows } = sample;
  const X = block(sample, 0, 0, rows, p);
  const Y = block(sample, 0, p, rows, k);
  stream.fillNormalUnchecked(sample.ptr, rows * sample.ld);
  // X = G diag(sqrt l); Y = E diag(sqrt se), in place.
  scaleColumns(X, f.sqrtSx, 0, X);
  scaleColumns(Y, f.sqrtSe, 0, Y);
  // Y += X B~*: diagonal, Y[:, j] += b_j X[:, j] for j < min(p, k); dense, one product.
  if (dm.bstar.kind === "diagonal") scaleColumns(block(sample, 0, 0, rows, Math.min(p, k)), f.bstar, 1, Y);
  else gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, X, asMatrix(f.bstar, p, k), 1, Y);
}

/**
 * n samples (x~, y~) of a diagonal model as matrices: X~ = G diag(sqrt l) (n x p), Y~ = X~ B~* + E diag(sqrt se)
 * (n x k), drawn row by row as drawDiagonalRows draws (SPEC 8).
 * @param dm the diagonal model (drawDiagonalModel or diagonalOfPopulation)
 * @param n number of samples, integer >= 0
 * @param stream random stream, advanced by n (p + k) normals
 * @throws {ArgumentError} n is not a non-negative integer.
 * @throws {TooLargeError} the sample does not fit in WebAssembly memory.
 * @example const { X, Y } = sampleDiagonal(drawDiagonalModel(spec, stream), 200, stream);
 */
export function sampleDiagonal(dm: DiagonalModel, n: number, stream: RandomStream): Sample {
  assertInteger("n", n, 0);
  const { p, k } = dm;
  const ld = p + k;
  return scope(() => {
    const sample = allocMatrix(n, ld, "sample [X~ Y~]");
    drawDiagonalRows(dm, diagonalFactors(dm), stream, sample);
    const rows = viewOf(sample);
    const out = { X: matrix(n, p), Y: matrix(n, k) };
    for (let i = 0; i < n; i++) {
      out.X.data.set(rows.subarray(i * ld, i * ld + p), i * p);
      out.Y.data.set(rows.subarray(i * ld + p, (i + 1) * ld), i * k);
    }
    return out;
  });
}
