/**
 * The two samplers of (x_T, y) pairs (SPEC section 3). Both run their matrix products at the pointer tier
 * of the WebAssembly core: the stream fills normals straight into arena scratch, dgemm with beta adds the
 * scaled noise in the same pass (C = alpha A B + beta C with C pre-filled with normals), and the only
 * copies are the inputs in and the two results out: no per-sample work in JavaScript, no per-sample
 * allocation.
 */
import { assertContextLength, samplerStep } from "../context-length.js";
import { ShapeError } from "../errors.js";
import { symmetricEigenUnchecked } from "../linalg/eigen.js";
import { matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { assertInteger } from "../validate.js";
import { getCore } from "../wasm/core.js";
import { allocMatrix, copyIn, gemm, index, NO_TRANSPOSE, TRANSPOSE, viewOf } from "../wasm/pointer.js";
import { assertShape } from "./config.js";
import { isIdentity, validateModel, type Model } from "./model.js";
import type { Population } from "./population.js";

export { sampleSequences, type Sequences } from "./sequences.js";

/** n samples: X is n x p (features x_T), Y is n x k (targets). */
export interface Sample {
  X: Matrix;
  Y: Matrix;
}

/**
 * X (n x p), Y (n x k) from n independent runs of the HMM: z_1 = g, z_{t+1} = z_t A + sEps eps,
 * x = z_T W + sU u, y = z_{T+1} V + sY xi, batched over the n sequences (Z_{t+1} = Z_t A + sEps G).
 * Cost O(n T d^2 + n d p + n d k). Draw order from the stream (each an n x _ matrix, row-major):
 * z_1, eps_2, ..., eps_T, u, eps_{T+1}, xi (xi is drawn even when sY = 0, so the layout never changes).
 * @param model the HMM (S_1 = I_d)
 * @param n number of sequences (>= 0)
 * @param stream random stream, advanced by n (d (T + 1) + p + k) normals
 * @returns fresh X (n x p) and Y (n x k)
 * @throws {ArgumentError} n is not a non-negative integer, or the model is invalid (validateModel).
 * @throws {ShapeError} a matrix of the model has the wrong shape.
 * @throws {NonFiniteError} a matrix of the model has NaN or Infinity.
 * @throws {TooLargeError} the scratch does not fit in WebAssembly memory, or the T steps of n sequences would
 *   cost more than src/context-length.ts allows (the message names T and the largest T allowed).
 * @example const { X, Y } = sampleSequential(model, 200, new RandomStream(1, model.p, 1));
 */
export function sampleSequential(model: Model, n: number, stream: RandomStream): Sample {
  assertInteger("n", n, 0);
  validateModel(model);
  assertContextLength(model.T, samplerStep(n, model.d));
  const out = { X: matrix(n, model.p), Y: matrix(n, model.k) };
  sampleSequentialInto(model, stream, out);
  return out;
}

/**
 * sampleSequential writing into out.X (n x p) and out.Y (n x k), n = out.X.rows. Internal: the model is checked
 * (drawModel made it, or sampleSequential validated it), so each draw does not scan it again.
 * @param model the HMM, checked
 * @param stream random stream
 * @param out caller-provided matrices, overwritten
 * @throws {ShapeError} out.X is not n x p or out.Y is not n x k.
 * @throws {TooLargeError} the scratch does not fit in WebAssembly memory.
 */
export function sampleSequentialInto(model: Model, stream: RandomStream, out: Sample): void {
  const { d, p, k, T, sEps, sU, sY } = model;
  const n = out.X.rows;
  assertOutShape(out, n, p, k);
  const { arena } = getCore();
  const identityV = isIdentity(model.V);
  arena.scope(() => {
    const A = copyIn(model.A, "A");
    const W = copyIn(model.W, "W");
    let Z = allocMatrix(n, d, "Z_t");
    let next = allocMatrix(n, d, "Z_{t+1}");
    const X = allocMatrix(n, p, "X");
    const Y = allocMatrix(n, k, "Y");
    stream.fillNormal(Z.ptr, n * d);
    const step = (): void => {
      // Z_{t+1} = Z_t A + sEps G, with G already in Z_{t+1}.
      stream.fillNormal(next.ptr, n * d);
      gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, Z, A, sEps, next);
      [Z, next] = [next, Z];
    };
    for (let t = 1; t < T; t++) step();
    // X = Z_T W + sU U.
    stream.fillNormal(X.ptr, n * p);
    gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, Z, W, sU, X);
    step();
    // Y = Z_{T+1} V + sY Xi.
    stream.fillNormal(Y.ptr, n * k);
    if (identityV) {
      const f = arena.f64;
      const z = index(Z, 0, 0);
      const y = index(Y, 0, 0);
      for (let i = 0; i < n * k; i++) f[y + i] = f[z + i]! + sY * f[y + i]!;
    } else {
      gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, Z, copyIn(model.V, "V"), sY, Y);
    }
    out.X.data.set(viewOf(X));
    out.Y.data.set(viewOf(Y));
  });
}

/** What the marginal sampler needs: x = g Lx^T, y = x B* + h Le^T with Sx = Lx Lx^T and Se = Le Le^T. */
export interface MarginalFactors {
  /** p x p lower Cholesky factor of Sx. */
  Lx: Matrix;
  /** p x k best linear head. */
  Bstar: Matrix;
  /** k x k square root of Se (not triangular): Le = U diag(sqrt(max(lambda, 0))) from Se = U diag(lambda) U^T. */
  Le: Matrix;
}

/**
 * Factors for the marginal sampler: Lx from the population, Le from the eigendecomposition of Se.
 * Se may be singular (e.g. sY = 0 and k > d): the eigen square root needs neither pivoting nor jitter, and
 * eigenvalues that rounding left slightly negative (|lambda| ~ k eps ||Se||) are taken as 0.
 * @param pop population quantities (Lx p x p, Bstar p x k, Se k x k)
 * @throws {ArgumentError} Lx, Bstar or Se is not a Matrix.
 * @throws {ShapeError} Lx, Bstar or Se has the wrong shape.
 * @throws {NonFiniteError} Lx, Bstar or Se has NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver failed on Se.
 * @example const f = marginalFactors(population(model));
 */
export function marginalFactors(pop: Population): MarginalFactors {
  const p = pop.Lx?.rows;
  const k = pop.Bstar?.cols;
  assertShape("Lx", pop.Lx, p, p);
  assertShape("Bstar", pop.Bstar, p, k);
  assertShape("Se", pop.Se, k, k);
  const { values, vectors } = symmetricEigenUnchecked(pop.Se, "Se");
  const Le = matrix(k, k);
  for (let j = 0; j < k; j++) {
    const s = Math.sqrt(Math.max(values[j]!, 0));
    for (let i = 0; i < k; i++) Le.data[i * k + j] = vectors.data[i * k + j]! * s;
  }
  return { Lx: pop.Lx, Bstar: pop.Bstar, Le };
}

/**
 * X (n x p), Y (n x k) drawn from the joint Gaussian law of (x_T, y): X = G Lx^T, Y = X B* + H Le^T.
 * Cost O(n p^2 + n p k + n k^2) after the factors (computed here; reuse them with sampleMarginalInto).
 * Draw order from the stream: G (n x p), then H (n x k).
 * @param pop population quantities
 * @param n number of samples (>= 0)
 * @param stream random stream, advanced by n (p + k) normals
 * @returns fresh X (n x p) and Y (n x k)
 * @throws {ArgumentError} n is not a non-negative integer, or Lx, Bstar or Se is not a Matrix.
 * @throws {ShapeError} Lx, Bstar or Se has the wrong shape.
 * @throws {NonFiniteError} Lx, Bstar or Se has NaN or Infinity.
 * @throws {NoConvergenceError} the eigensolver failed on Se.
 * @throws {TooLargeError} the scratch does not fit in WebAssembly memory.
 * @example const { X, Y } = sampleMarginal(pop, 200, new RandomStream(1, pop.Sx.rows, 1));
 */
export function sampleMarginal(pop: Population, n: number, stream: RandomStream): Sample {
  assertInteger("n", n, 0);
  const out = { X: matrix(n, pop.Sx.rows), Y: matrix(n, pop.Se.rows) };
  sampleMarginalInto(marginalFactors(pop), stream, out);
  return out;
}

/**
 * sampleMarginal from precomputed factors, writing into out.X (n x p) and out.Y (n x k), n = out.X.rows.
 * @param f factors from marginalFactors
 * @param stream random stream
 * @param out caller-provided matrices, overwritten
 * @throws {ArgumentError} a factor is not a Matrix.
 * @throws {ShapeError} out.X is not n x p or out.Y is not n x k, or the factors' shapes disagree.
 * @throws {NonFiniteError} a factor has NaN or Infinity.
 * @throws {TooLargeError} the scratch does not fit in WebAssembly memory.
 */
export function sampleMarginalInto(f: MarginalFactors, stream: RandomStream, out: Sample): void {
  const p = f.Lx?.rows;
  const k = f.Le?.rows;
  assertShape("Lx", f.Lx, p, p);
  assertShape("Bstar", f.Bstar, p, k);
  assertShape("Le", f.Le, k, k);
  const n = out.X.rows;
  assertOutShape(out, n, p, k);
  getCore().arena.scope(() => {
    const Lx = copyIn(f.Lx, "Lx");
    const Bstar = copyIn(f.Bstar, "Bstar");
    const Le = copyIn(f.Le, "Le");
    const G = allocMatrix(n, p, "G");
    const H = allocMatrix(n, k, "H");
    const X = allocMatrix(n, p, "X");
    const Y = allocMatrix(n, k, "Y");
    stream.fillNormal(G.ptr, n * p);
    stream.fillNormal(H.ptr, n * k);
    gemm(NO_TRANSPOSE, TRANSPOSE, 1, G, Lx, 0, X);
    gemm(NO_TRANSPOSE, TRANSPOSE, 1, H, Le, 0, Y);
    gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, X, Bstar, 1, Y);
    out.X.data.set(viewOf(X));
    out.Y.data.set(viewOf(Y));
  });
}

function assertOutShape(out: Sample, n: number, p: number, k: number): void {
  if (out.X.rows !== n || out.X.cols !== p || out.X.data.length !== n * p) {
    throw new ShapeError(`out.X must be ${n} x ${p}. Value: ${out.X.rows} x ${out.X.cols}.`, { name: "out.X" });
  }
  if (out.Y.rows !== n || out.Y.cols !== k || out.Y.data.length !== n * k) {
    throw new ShapeError(`out.Y must be ${n} x ${k}. Value: ${out.Y.rows} x ${out.Y.cols}.`, { name: "out.Y" });
  }
}

/**
 * The f64 sampleSequentialInto holds in WebAssembly memory at once for N rows: A, W and the two chain states,
 * X and Y, d^2 + d p + N (2 d + p + k) (V = I_d is not copied).
 * @example sequentialSamplerMemory(20, 40, 20, 500)
 */
export function sequentialSamplerMemory(d: number, p: number, k: number, N: number): number {
  return d * d + d * p + N * (2 * d + p + k);
}

/**
 * The f64 sampleMarginalInto holds in WebAssembly memory at once for N rows: Lx, B*, Le and the normals G, H
 * with X and Y, p^2 + p k + k^2 + 2 N (p + k).
 * @example marginalSamplerMemory(40, 20, 500)
 */
export function marginalSamplerMemory(p: number, k: number, N: number): number {
  return p * p + p * k + k * k + 2 * N * (p + k);
}
