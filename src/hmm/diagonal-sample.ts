/**
 * The spectral sampler (SPEC 8): rows (x~, y~) of a diagonal model, x~ = g diag(sqrt l), y~ = x~ B~* + e diag(sqrt se),
 * written at the pointer tier into one arena buffer of rows x (p + k) f64, features in columns [0, p) and targets
 * in [p, p + k) of each row. Draw order: row by row, the p normals of g then the k of e, so a sample drawn in
 * blocks of rows is the same as one drawn at once (the stream does not depend on how requests are chunked).
 */
import { matrix } from "../linalg/matrix.js";
import { assertInteger } from "../validate.js";
import type { RandomStream } from "../rng/stream.js";
import { getCore } from "../wasm/core.js";
import { block, gemm, NO_TRANSPOSE, scaleColumns, type WasmMatrix } from "../wasm/pointer.js";
import type { DiagonalModel } from "./diagonal.js";
import type { Sample } from "./sample.js";

/** Arena pointers to the vectors the sampler scales by; allocated once per replicate by diagonalFactors. */
export interface DiagonalFactors {
  /** sqrt(l_j), p f64. */
  sqrtSx: number;
  /** sqrt(se_i), k f64. */
  sqrtSe: number;
  /** B~*: the min(p, k) diagonal values, or the dense p x k matrix. */
  bstar: number;
}

/**
 * Copies the model's scale vectors into the arena (in the caller's arena scope).
 * @param dm the diagonal model
 */
export function diagonalFactors(dm: DiagonalModel): DiagonalFactors {
  const { arena } = getCore();
  return {
    sqrtSx: arena.allocFrom(dm.sx.map(Math.sqrt), "sqrt(Sx)"),
    sqrtSe: arena.allocFrom(dm.se.map(Math.sqrt), "sqrt(Se)"),
    bstar: arena.allocFrom(dm.bstar.kind === "diagonal" ? dm.bstar.values : dm.bstar.matrix.data, "B~*"),
  };
}

/**
 * rows samples of the diagonal model into buf (rows x (p + k), leading dimension p + k), drawn from the stream
 * in the order of the file header. Internal: pointers come from the caller's arena scope and are not checked.
 * @param dm the diagonal model
 * @param f its factors in the arena (diagonalFactors)
 * @param stream random stream, advanced by rows (p + k) normals
 * @param rows number of samples
 * @param buf arena pointer to rows (p + k) f64
 */
export function drawDiagonalRows(dm: DiagonalModel, f: DiagonalFactors, stream: RandomStream, rows: number, buf: number): void {
  const { p, k } = dm;
  const sample: WasmMatrix = { ptr: buf, rows, cols: p + k, ld: p + k };
  const X = block(sample, 0, 0, rows, p);
  const Y = block(sample, 0, p, rows, k);
  stream.fillNormal(buf, rows * sample.ld);
  // X = G diag(sqrt l); Y = E diag(sqrt se), in place.
  scaleColumns(X, f.sqrtSx, 0, X);
  scaleColumns(Y, f.sqrtSe, 0, Y);
  // Y += X B~*: diagonal, Y[:, j] += b_j X[:, j] for j < min(p, k); dense, one product.
  if (dm.bstar.kind === "diagonal") scaleColumns(block(sample, 0, 0, rows, Math.min(p, k)), f.bstar, 1, Y);
  else gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, X, { ptr: f.bstar, rows: p, cols: k, ld: k }, 1, Y);
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
  const { arena } = getCore();
  const { p, k } = dm;
  const ld = p + k;
  return arena.scope(() => {
    const buf = arena.alloc(n * ld, "sample [X~ Y~]");
    drawDiagonalRows(dm, diagonalFactors(dm), stream, n, buf);
    const rows = arena.view(buf, n * ld);
    const out = { X: matrix(n, p), Y: matrix(n, k) };
    for (let i = 0; i < n; i++) {
      out.X.data.set(rows.subarray(i * ld, i * ld + p), i * p);
      out.Y.data.set(rows.subarray(i * ld + p, (i + 1) * ld), i * k);
    }
    return out;
  });
}
