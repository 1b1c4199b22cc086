/**
 * One replicate of a diagonal model (SPEC 8c) without any p x p product on the dual side (p > n).
 * With X~ (n x p) and Y~ (n x k) drawn by the spectral sampler, the n x n Grams K = X~ X~^T, K_L = X~ Lambda X~^T,
 * Y~ Y~^T, and A1 = X~ B~*, A2 = X~ Lambda B~* (n x k), a head B = X~^T R with R = K_s^{-1} Y~, K_s = K + s I
 * (s = 0: min-norm; s = n lambda: ridge), has, with P = K_s^{-1} K_L K_s^{-1},
 *   excess = ||Lambda^(1/2) (B - B~*)||^2 = <P, Y~ Y~^T> - 2 <A2, R> + sum_j l_j ||B~*_j||^2,
 * and the min-norm head (s = 0) has
 *   var_X  = tr(Se) tr(P),
 *   bias_X = ||Lambda^(1/2) (I - X~^+ X~) B~*||^2 = <P, A1 A1^T> - 2 <K^{-1}, A2 A1^T> + sum_j l_j ||B~*_j||^2,
 *   test   = ||Y~t - (X~t X~^T) R||^2 / nTest, the test rows drawn and consumed in blocks.
 * A replicate costs about n^2 (2 p + 2.5 k) + 3 n^3 + nTest n (p + k) multiply-adds and holds O(n (p + k) + n^2)
 * f64. With a diagonal B~* (the paper's family) A1 and A2 are column scalings of X~'s first min(p, k) columns,
 * and A1 A1^T, A2 A1^T weighted Grams of them; a dense B~* (SPEC 8b) costs two n p k products.
 * On the primal side (p <= n) the p x p Gram is small: B is formed and Lambda stays diagonal (primalSide).
 * Everything runs at the pointer tier on arena memory: inputs are the sweep's own, so nothing is re-validated.
 * A Gram is factored by Cholesky when its pivots pass gram-pinv.ts's criterion, else by gramPinv's eigen path.
 */
import { choleskyTrusted, gramPinv } from "../head/gram-pinv.js";
import { gramSide, type GramSide } from "../head/minnorm.js";
import { featureGramSpectrum, gcvLambda, sampleGramSpectrum } from "../head/ridge-gcv.js";
import { diagonalPopulation, type DiagonalModel } from "../hmm/diagonal.js";
import { diagonalFactors, drawDiagonalRows, type DiagonalFactors } from "../hmm/diagonal-sample.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import { identity, matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import {
  addToDiagonal,
  allocMatrix,
  allocVector,
  asMatrix,
  block,
  copyBlock,
  copyIn,
  dot,
  fill,
  gemm,
  get,
  LEFT,
  NO_TRANSPOSE,
  potrf,
  readMatrix,
  scaleColumns,
  scope,
  setIdentity,
  squaredDistance,
  syrk,
  trace,
  TRANSPOSE,
  trsm,
  vectorIn,
  viewOf,
  weightedSyrk,
  weightedSyrkScratch,
  writeMatrix,
  type WasmMatrix,
  type WasmVector,
} from "../wasm/pointer.js";
import { checkedBiasVariance } from "./conditional.js";
import type { HeadRisks } from "./minnorm-risks.js";
import { frobenius2 } from "../linalg/norms.js";
import { checkedExcess, riskPartsOfExcess } from "./oracle.js";
import type { MemoryStep } from "../wasm/memory.js";
import { symmetricEigenMemory } from "../linalg/eigen.js";
import { gramHeadsMemorySteps } from "./minnorm-risks.js";

/** A head as its lambda (0: min-norm; ridge: the smaller Gram shifted by n lambda; "gcv": lambda chosen by gcvLambda). */
export interface ShiftedHead {
  lambda: number | "gcv";
  /** Whether to compute bias_X and var_X (the min-norm head; NaN otherwise). */
  conditional: boolean;
}

/** One head's risks on a replicate (totals over the k outputs) and the path of its factorization. */
export interface MeasuredHead {
  risks: HeadRisks;
  path: string;
}

/** A head measured by diagonalRisks and the lambda it used, as given (gcv: as chosen). */
export type MeasuredShiftedHead = MeasuredHead & { lambda: number };

/** Test rows drawn and consumed at once. */
const TEST_BLOCK = 128;

/** A head fitted on one side, before its test risk. */
interface FittedHead {
  lambda: number;
  excess: number;
  biasX: number;
  varX: number;
  path: string;
}

/** The training sample in the arena: X~ (n x p) and Y~ (n x k), blocks of one buffer of rows [x~ y~]. */
interface Training {
  dm: DiagonalModel;
  f: DiagonalFactors;
  X: WasmMatrix;
  Y: WasmMatrix;
}

/**
 * The risks of the given heads on one replicate of a diagonal model: n training rows drawn from the stream,
 * each head fitted and measured on the dual side (p > n) or the primal side (p <= n), then nTest test rows
 * drawn and consumed in blocks (see the file header).
 * Internal: the sweep's replicate calls it with a validated model and sizes.
 * @param dm the diagonal model
 * @param n training samples
 * @param nTest test samples (0: testRisk is NaN)
 * @param heads the heads, each a shift of the smaller Gram
 * @param stream the replicate's stream: the n training rows, then the nTest test rows (hmm/diagonal-sample.ts)
 * @returns per head: the risks (totals over k), the path ("primal-cholesky", "dual-cholesky" or "eigen") and the
 *   lambda it used
 * @throws {HeadtuneError} code E_NON_FINITE: a risk overflows f64.
 * @throws {NoConvergenceError} the eigen fallback of a near-singular Gram failed.
 */
export function diagonalRisks(
  dm: DiagonalModel,
  n: number,
  nTest: number,
  heads: ShiftedHead[],
  stream: RandomStream,
): MeasuredShiftedHead[] {
  const ld = dm.p + dm.k;
  return scope(() => {
    const f = diagonalFactors(dm);
    const train = allocMatrix(n, ld, "training sample [X~ Y~]");
    drawDiagonalRows(dm, f, stream, train);
    const t: Training = { dm, f, X: block(train, 0, 0, n, dm.p), Y: block(train, 0, dm.p, n, dm.k) };
    const { fitted, predictor } = gramSide(n, dm.p) === "dual" ? dualSide(t, heads) : primalSide(t, heads);
    const tests = testRisks(dm, f, stream, nTest, heads.length, predictor);
    return fitted.map(({ lambda, excess, biasX, varX, path }, h) => ({
      risks: { ...riskPartsOfExcess(dm.noise, excess), testRisk: tests[h]!, biasX, varX },
      path,
      lambda,
    }));
  });
}

/**
 * The dual side (p > n): every head through n x n Grams, R_h = K_s^{-1} Y~ kept for the test predictions
 * (X~t X~^T) R_h; B is never formed.
 */
function dualSide({ dm, f, X, Y }: Training, heads: ShiftedHead[]): { fitted: FittedHead[]; predictor: Predictor } {
  const { p, k } = dm;
  const n = X.rows;
  const K = allocMatrix(n, n, "K = X~ X~^T");
  syrk(NO_TRANSPOSE, 1, X, 0, K);
  const KL = weightedGram(X, f.sqrtSx);
  const YY = allocMatrix(n, n, "Y~ Y~^T");
  syrk(NO_TRANSPOSE, 1, Y, 0, YY);
  const { A2, bias } = signalProducts(dm, f, X, heads.some((h) => h.conditional));
  const signal = signalOf(dm);
  const Kinv = allocMatrix(n, n, "K_s^{-1}");
  const work = allocMatrix(n, n, "K_s^{-1} K_L");
  const P = allocMatrix(n, n, "P = K_s^{-1} K_L K_s^{-1}");
  const R = allocMatrix(heads.length * n, k, "R = K_s^{-1} Y~, per head");
  const Rof = (h: number) => block(R, h * n, 0, n, k);
  const gcv = heads.some((head) => head.lambda === "gcv") ? gcvLambda(sampleGramSpectrum(readMatrix(K), readMatrix(Y)), n) : NaN;
  const fitted = heads.map((head, h) => {
    const lambda = head.lambda === "gcv" ? gcv : head.lambda;
    const shift = n * lambda;
    const Rh = Rof(h);
    copyBlock(Y, Rh);
    const path = invertShifted(K, shift, Math.max(n, p), Kinv, Rh, "dual");
    gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, Kinv, KL, 0, work);
    gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, work, Kinv, 0, P);
    // Both forms below are ||.||^2 expanded into three terms; rounding may leave -O(eps signal) where they are 0.
    const excess = checkedExcess(Math.max(0, dot(P, YY) - 2 * dot(A2, Rh) + signal));
    let conditional = { biasX: NaN, varX: NaN };
    if (head.conditional && bias !== undefined) {
      const b = Math.max(0, dot(P, bias.G11) - 2 * dot(Kinv, bias.G21) + signal);
      conditional = checkedBiasVariance(b, dm.noise, trace(P));
    }
    return { lambda, excess, ...conditional, path };
  });
  const predictor: Predictor = (rows) => {
    const C = allocMatrix(rows, n, "X~t X~^T");
    const Cof = (b: number) => block(C, 0, 0, b, n);
    return {
      prepare: (testX) => gemm(NO_TRANSPOSE, TRANSPOSE, 1, testX, X, 0, Cof(testX.rows)),
      predict: (h, testX, out) => gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, Cof(testX.rows), Rof(h), 0, out),
    };
  };
  return { fitted, predictor };
}

/**
 * The primal side (p <= n) through the p x p Gram G = X~^T X~: B = (G + s I)^{-1} X~^T Y~ formed (p x k is small
 * here), excess = sum_j l_j ||B_j - B~*_j||^2, var_X = tr(Se) sum_j l_j (G^{-1})_jj, bias_X = 0 on the Cholesky
 * path (P = I) and ||Lambda^(1/2) (I - G^+ G) B~*||^2 on the eigen path; the test predictions X~t B.
 */
function primalSide({ dm, X, Y }: Training, heads: ShiftedHead[]): { fitted: FittedHead[]; predictor: Predictor } {
  const { p, k } = dm;
  const n = X.rows;
  const G = allocMatrix(p, p, "G = X~^T X~");
  syrk(TRANSPOSE, 1, X, 0, G);
  const XtY = allocMatrix(p, k, "X~^T Y~");
  gemm(TRANSPOSE, NO_TRANSPOSE, 1, X, Y, 0, XtY);
  const Ginv = allocMatrix(p, p, "G_s^{-1}");
  const B = allocMatrix(heads.length * p, k, "B, per head");
  const Bof = (h: number) => block(B, h * p, 0, p, k);
  const gcv = heads.some((head) => head.lambda === "gcv")
    ? gcvLambda(featureGramSpectrum(readMatrix(G), readMatrix(XtY), frobenius2(readMatrix(Y))), n)
    : NaN;
  const fitted = heads.map((head, h) => {
    const lambda = head.lambda === "gcv" ? gcv : head.lambda;
    const shift = n * lambda;
    const Bh = Bof(h);
    copyBlock(XtY, Bh);
    const path = invertShifted(G, shift, Math.max(n, p), Ginv, Bh, "primal");
    const excess = checkedExcess(weightedDistance(dm, viewOf(Bh)));
    let conditional = { biasX: NaN, varX: NaN };
    if (head.conditional) {
      const bias = path === "eigen" ? residualBias(dm, readMatrix(Ginv), readMatrix(G)) : 0;
      let tr = 0;
      for (let j = 0; j < p; j++) tr += dm.sx[j]! * get(Ginv, j, j);
      conditional = checkedBiasVariance(bias, dm.noise, tr);
    }
    return { lambda, excess, ...conditional, path };
  });
  const predictor: Predictor = () => ({
    prepare: () => undefined,
    predict: (h, testX, out) => gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, testX, Bof(h), 0, out),
  });
  return { fitted, predictor };
}

/** sum_j l_j ||B_j - B~*_j||^2 for a p x k head B (row-major). */
function weightedDistance(dm: DiagonalModel, B: Float64Array): number {
  const { p, k, sx } = dm;
  let s = 0;
  for (let j = 0; j < p; j++) {
    let row = 0;
    for (let i = 0; i < k; i++) {
      const d = B[j * k + i]! - bstarAt(dm, j, i);
      row += d * d;
    }
    s += sx[j]! * row;
  }
  return s;
}

/** ||Lambda^(1/2) (I - G^+ G) B~*||^2, the primal bias when G is singular (eigen path). */
function residualBias(dm: DiagonalModel, Ginv: Matrix, G: Matrix): number {
  const { p, k } = dm;
  const { Bstar } = diagonalPopulation(dm);
  const P = matmulUnchecked(Ginv, G);
  const PB = matmulUnchecked(P, Bstar);
  const D = Bstar.data.map((b, idx) => b - PB.data[idx]!);
  let s = 0;
  for (let j = 0; j < p; j++) for (let i = 0; i < k; i++) s += dm.sx[j]! * D[j * k + i]! ** 2;
  return s;
}

/** B~*_ji. */
function bstarAt(dm: DiagonalModel, j: number, i: number): number {
  if (dm.bstar.kind === "dense") return dm.bstar.matrix.data[j * dm.k + i]!;
  return j === i && j < dm.bstar.values.length ? dm.bstar.values[j]! : 0;
}

/**
 * Kinv = (K + shift I)^{-1} and rhs := (K + shift I)^{-1} rhs (n x c), by Cholesky when gram-pinv.ts's criterion
 * trusts it, else by its eigen pseudo-inverse. Returns the path taken: the side's Cholesky ("primal-cholesky",
 * "dual-cholesky") or "eigen".
 */
function invertShifted(K: WasmMatrix, shift: number, maxDim: number, Kinv: WasmMatrix, rhs: WasmMatrix, side: GramSide): string {
  const n = K.rows;
  return scope(() => {
    const L = allocMatrix(n, n, "Cholesky factor of K_s");
    copyBlock(K, L);
    addToDiagonal(L, shift);
    if (potrf(L) === 0 && choleskyTrusted(n, maxDim, (i) => get(L, i, i))) {
      setIdentity(Kinv);
      for (const target of [Kinv, rhs]) {
        trsm(LEFT, NO_TRANSPOSE, L, target);
        trsm(LEFT, TRANSPOSE, L, target);
      }
      return `${side}-cholesky`;
    }
    const Ks = readMatrix(K);
    for (let i = 0; i < n; i++) Ks.data[i * n + i]! += shift;
    const pinv = gramPinv(Ks, maxDim);
    writeMatrix(Kinv, pinv.solve(identity(n)));
    writeMatrix(rhs, pinv.solve(readMatrix(rhs)));
    return pinv.kind === "eigen" ? "eigen" : `${side}-cholesky`;
  });
}

/** X~ diag(w) X~^T (n x n, allocated here) from sqrtW = sqrt(w) (X~.cols entries), by dsyrkWeighted. */
function weightedGram(X: WasmMatrix, sqrtW: WasmVector): WasmMatrix {
  const { rows: n, cols } = X;
  const G = allocMatrix(n, n, "weighted Gram X~ W X~^T");
  // With no columns, dsyrkWeighted's beta = 0 pass leaves G = 0.
  scope(() => weightedSyrk(X, sqrtW, 0, G, allocVector(weightedSyrkScratch(n, cols), "X~ W^(1/2) block")));
  return G;
}

/**
 * A2 = X~ Lambda B~* (n x k), and when the min-norm head's bias is wanted, G11 = A1 A1^T and G21 = A2 A1^T
 * (n x n) with A1 = X~ B~*. Diagonal B~* (b_j, j < m = min(p, k)): A2 = X~_{:, <m} diag(l b), zero beyond m;
 * G11 and G21 are the weighted Grams of X~_{:, <m} with weights b^2 and l b^2. Dense: two n p k products.
 */
function signalProducts(
  dm: DiagonalModel,
  f: DiagonalFactors,
  X: WasmMatrix,
  withBias: boolean,
): { A2: WasmMatrix; bias?: { G11: WasmMatrix; G21: WasmMatrix } } {
  const { p, k, sx } = dm;
  const n = X.rows;
  const A2 = allocMatrix(n, k, "A2 = X~ Lambda B~*");
  if (dm.bstar.kind === "diagonal") {
    const b = dm.bstar.values;
    const m = b.length;
    fill(A2, 0);
    const lb = vectorIn(b.map((v, j) => v * sx[j]!), "Lambda b");
    const Xm = block(X, 0, 0, n, m);
    scaleColumns(Xm, lb, 0, A2);
    if (!withBias) return { A2 };
    const absB = vectorIn(b.map(Math.abs), "|b|");
    const sqrtLB2 = vectorIn(b.map((v, j) => Math.abs(v) * Math.sqrt(sx[j]!)), "sqrt(l) |b|");
    return { A2, bias: { G11: weightedGram(Xm, absB), G21: weightedGram(Xm, sqrtLB2) } };
  }
  const LB = copyIn(matrix(p, k, dm.bstar.matrix.data.map((v, idx) => v * sx[Math.floor(idx / k)]!)), "Lambda B~*");
  gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, X, LB, 0, A2);
  if (!withBias) return { A2 };
  const A1 = allocMatrix(n, k, "A1 = X~ B~*");
  gemm(NO_TRANSPOSE, NO_TRANSPOSE, 1, X, asMatrix(f.bstar, p, k), 0, A1);
  const G11 = allocMatrix(n, n, "A1 A1^T");
  syrk(NO_TRANSPOSE, 1, A1, 0, G11);
  const G21 = allocMatrix(n, n, "A2 A1^T");
  gemm(NO_TRANSPOSE, TRANSPOSE, 1, A2, A1, 0, G21);
  return { A2, bias: { G11, G21 } };
}

/**
 * ||Y~t - F_h||^2 / nTest for each head h, with F_h the head's predictions of the test rows: the nTest rows drawn
 * from the stream and consumed TEST_BLOCK rows at a time (NaN when nTest = 0). prepare(block, b) runs once per
 * block (the dual side's X~t X~^T), predict(h, block, b, fitted) writes the b x k predictions of head h.
 */
function testRisks(
  dm: DiagonalModel,
  f: DiagonalFactors,
  stream: RandomStream,
  nTest: number,
  heads: number,
  predictor: Predictor,
): number[] {
  const { p, k } = dm;
  const sums = new Array<number>(heads).fill(0);
  if (nTest === 0) return sums.map(() => NaN);
  scope(() => {
    const rows = Math.min(TEST_BLOCK, nTest);
    const test = allocMatrix(rows, p + k, "test rows [X~t Y~t]");
    const fitted = allocMatrix(rows, k, "test predictions");
    const { prepare, predict } = predictor(rows);
    for (let t = 0; t < nTest; t += rows) {
      const b = Math.min(rows, nTest - t);
      drawDiagonalRows(dm, f, stream, block(test, 0, 0, b, p + k));
      const testX = block(test, 0, 0, b, p);
      const out = block(fitted, 0, 0, b, k);
      prepare(testX);
      for (let h = 0; h < heads; h++) {
        predict(h, testX, out);
        sums[h]! += squaredDistance(block(test, 0, p, b, k), out);
      }
    }
  });
  return sums.map((s) => s / nTest);
}

/** How a side predicts a block of test rows X~t (b x p): prepare once per block, then each head's b x k predictions. */
interface TestPredictor {
  prepare(testX: WasmMatrix): void;
  predict(head: number, testX: WasmMatrix, out: WasmMatrix): void;
}

/** A side's TestPredictor for blocks of at most `rows` test rows (it may allocate its scratch). */
type Predictor = (rows: number) => TestPredictor;

/** sum_j l_j ||B~*_j||^2 = tr(B*^T Sx B*), the signal variance. */
function signalOf(dm: DiagonalModel): number {
  let s = 0;
  if (dm.bstar.kind === "diagonal") dm.bstar.values.forEach((b, j) => (s += dm.sx[j]! * b * b));
  else dm.bstar.matrix.data.forEach((b, idx) => (s += dm.sx[Math.floor(idx / dm.k)]! * b * b));
  return s;
}

/**
 * The f64 diagonalRisks holds in WebAssembly memory at once, step by step. Primal side (p <= n): the scale
 * vectors and one sample of max(n, nTest) rows of p + k, the eigen fallback E(min(n, p)), then the heads as on
 * an explicit sample (gramHeadsMemorySteps). Dual side (p > n), as it allocates: held throughout, the scale
 * vectors and B~* (diagonal: 4 min(p, k) with the cross-term weights; dense: 2 p k), the training rows
 * n (p + k), the Grams K, K_L, Y~ Y~^T, A1 A1^T, A2 A1^T, K_s^{-1}, its product and P (8 n^2), A2 (n k; dense
 * adds A1) and one n x k solve per head; on top, the largest of a weighted Gram's column block n min(256, p),
 * a factorization (its n^2 copy, and in the eigen fallback E(n) or a product with the pseudo-inverse,
 * n^2 + 2 n max(n, k)) and the test blocks (128 rows of p + k, of k and of n).
 * @param n training samples
 * @param nTest test samples
 * @param p features
 * @param k outputs
 * @param heads number of heads
 * @param dense whether B~* is dense (SPEC 8b) rather than diagonal
 * @example diagonalRisksMemorySteps(200, 500, 400, 400, 1, false)
 */
export function diagonalRisksMemorySteps(n: number, nTest: number, p: number, k: number, heads: number, dense: boolean): MemoryStep[] {
  if (gramSide(n, p) !== "dual") {
    const factors = p + k + (dense ? p * k : Math.min(p, k));
    return [
      { step: "spectral sampler", f64: factors + Math.max(n, nTest) * (p + k) },
      { step: "symmetric eigensolver", f64: symmetricEigenMemory(Math.min(n, p)) },
      ...gramHeadsMemorySteps(n, nTest, p, k),
    ];
  }
  const model = p + k + (dense ? 2 * p * k : 4 * Math.min(p, k));
  const held = model + n * (p + k) + 8 * n * n + (dense ? 2 : 1) * n * k + heads * n * k;
  const rows = Math.min(TEST_BLOCK, nTest);
  const top = Math.max(
    weightedSyrkScratch(n, p),
    n * n + Math.max(symmetricEigenMemory(n), n * n + 2 * n * Math.max(n, k)),
    rows * (p + 2 * k + n),
  );
  return [{ step: "spectral replicate (dual side)", f64: held + top }];
}
