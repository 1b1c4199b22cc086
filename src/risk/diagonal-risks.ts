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
import { matmul } from "../linalg/matmul.js";
import { identity, matrix, type Matrix } from "../linalg/matrix.js";
import type { RandomStream } from "../rng/stream.js";
import { getCore } from "../wasm/core.js";
import { checkedBiasVariance } from "./conditional.js";
import type { HeadRisks } from "./minnorm-risks.js";
import { checkedExcess, frobenius2, riskPartsOfExcess } from "./oracle.js";

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
/** Columns of X~ scaled at once for a weighted Gram X~ W X~^T. */
const COLUMN_BLOCK = 256;

/** A head fitted on one side, before its test risk. */
interface FittedHead {
  lambda: number;
  excess: number;
  biasX: number;
  varX: number;
  path: string;
}

/** The training sample in the arena: rows [x~ y~] of n x (p + k), leading dimension ld = p + k. */
interface Training {
  dm: DiagonalModel;
  f: DiagonalFactors;
  n: number;
  train: number;
  ld: number;
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
  const { arena } = getCore();
  const ld = dm.p + dm.k;
  return arena.scope(() => {
    const f = diagonalFactors(dm);
    const train = arena.alloc(n * ld, "training sample [X~ Y~]");
    drawDiagonalRows(dm, f, stream, n, train);
    const t: Training = { dm, f, n, train, ld };
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
function dualSide({ dm, f, n, train, ld }: Training, heads: ShiftedHead[]): { fitted: FittedHead[]; predictor: Predictor } {
  const { arena, exports: kx } = getCore();
  const { p, k } = dm;
  const nn = n * n;
  const y = train + 8 * p;
  const K = arena.alloc(nn, "K = X~ X~^T");
  kx.dsyrk(0, n, p, 1, train, ld, 0, K, n);
  const KL = weightedGram(n, p, train, ld, f.sqrtSx);
  const YY = arena.alloc(nn, "Y~ Y~^T");
  kx.dsyrk(0, n, k, 1, y, ld, 0, YY, n);
  const { A2, bias } = signalProducts(dm, f, n, train, ld, heads.some((h) => h.conditional));
  const signal = signalOf(dm);
  const Kinv = arena.alloc(nn, "K_s^{-1}");
  const work = arena.alloc(nn, "K_s^{-1} K_L");
  const P = arena.alloc(nn, "P = K_s^{-1} K_L K_s^{-1}");
  const R = arena.alloc(heads.length * n * k, "R = K_s^{-1} Y~, per head");
  const gcv = heads.some((head) => head.lambda === "gcv")
    ? gcvLambda(sampleGramSpectrum(matrix(n, n, arena.read(K, nn)), readBlock(y, n, k, ld)), n)
    : NaN;
  const fitted = heads.map((head, h) => {
    const lambda = head.lambda === "gcv" ? gcv : head.lambda;
    const shift = n * lambda;
    const Rh = R + 8 * h * n * k;
    kx.dlacpy(n, k, y, ld, Rh, k);
    const path = invertShifted(K, n, shift, Math.max(n, p), Kinv, Rh, k, "dual");
    kx.dgemm(0, 0, n, n, n, 1, Kinv, n, KL, n, 0, work, n);
    kx.dgemm(0, 0, n, n, n, 1, work, n, Kinv, n, 0, P, n);
    // Both forms below are ||.||^2 expanded into three terms; rounding may leave -O(eps signal) where they are 0.
    const excess = checkedExcess(Math.max(0, kx.ddot(nn, P, YY) - 2 * kx.ddot(n * k, A2, Rh) + signal));
    let conditional = { biasX: NaN, varX: NaN };
    if (head.conditional && bias !== undefined) {
      const b = Math.max(0, kx.ddot(nn, P, bias.G11) - 2 * kx.ddot(nn, Kinv, bias.G21) + signal);
      conditional = checkedBiasVariance(b, dm.noise, trace(P, n));
    }
    return { lambda, excess, ...conditional, path };
  });
  const predictor: Predictor = (rows) => {
    const C = arena.alloc(rows * n, "X~t X~^T");
    return {
      prepare: (block, b) => kx.dgemm(0, 1, b, n, p, 1, block, ld, train, ld, 0, C, n),
      predict: (h, _block, b, out) => kx.dgemm(0, 0, b, k, n, 1, C, n, R + 8 * h * n * k, k, 0, out, k),
    };
  };
  return { fitted, predictor };
}

/**
 * The primal side (p <= n) through the p x p Gram G = X~^T X~: B = (G + s I)^{-1} X~^T Y~ formed (p x k is small
 * here), excess = sum_j l_j ||B_j - B~*_j||^2, var_X = tr(Se) sum_j l_j (G^{-1})_jj, bias_X = 0 on the Cholesky
 * path (P = I) and ||Lambda^(1/2) (I - G^+ G) B~*||^2 on the eigen path; the test predictions X~t B.
 */
function primalSide({ dm, n, train, ld }: Training, heads: ShiftedHead[]): { fitted: FittedHead[]; predictor: Predictor } {
  const { arena, exports: kx } = getCore();
  const { p, k } = dm;
  const G = arena.alloc(p * p, "G = X~^T X~");
  kx.dsyrk(1, p, n, 1, train, ld, 0, G, p);
  const XtY = arena.alloc(p * k, "X~^T Y~");
  kx.dgemm(1, 0, p, k, n, 1, train, ld, train + 8 * p, ld, 0, XtY, k);
  const Ginv = arena.alloc(p * p, "G_s^{-1}");
  const B = arena.alloc(heads.length * p * k, "B, per head");
  const yy = () => frobenius2(readBlock(train + 8 * p, n, k, ld));
  const gcv = heads.some((head) => head.lambda === "gcv")
    ? gcvLambda(featureGramSpectrum(matrix(p, p, arena.read(G, p * p)), matrix(p, k, arena.read(XtY, p * k)), yy()), n)
    : NaN;
  const fitted = heads.map((head, h) => {
    const lambda = head.lambda === "gcv" ? gcv : head.lambda;
    const shift = n * lambda;
    const Bh = B + 8 * h * p * k;
    kx.dlacpy(p, k, XtY, k, Bh, k);
    const path = invertShifted(G, p, shift, Math.max(n, p), Ginv, Bh, k, "primal");
    const excess = checkedExcess(weightedDistance(dm, arena.view(Bh, p * k)));
    let conditional = { biasX: NaN, varX: NaN };
    if (head.conditional) {
      const bias = path === "eigen" ? residualBias(dm, arena.read(Ginv, p * p), arena.read(G, p * p)) : 0;
      const ginv = arena.f64;
      let tr = 0;
      for (let j = 0; j < p; j++) tr += dm.sx[j]! * ginv[Ginv / 8 + j * p + j]!;
      conditional = checkedBiasVariance(bias, dm.noise, tr);
    }
    return { lambda, excess, ...conditional, path };
  });
  const predictor: Predictor = () => ({
    prepare: () => undefined,
    predict: (h, block, b, out) => kx.dgemm(0, 0, b, k, p, 1, block, ld, B + 8 * h * p * k, k, 0, out, k),
  });
  return { fitted, predictor };
}

/** A copy of the rows x cols block at ptr (leading dimension ld) as a Matrix. */
function readBlock(ptr: number, rows: number, cols: number, ld: number): Matrix {
  const { arena, exports: kx } = getCore();
  return arena.scope(() => {
    const packed = arena.alloc(rows * cols, "packed block");
    kx.dlacpy(rows, cols, ptr, ld, packed, cols);
    return matrix(rows, cols, arena.read(packed, rows * cols));
  });
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
function residualBias(dm: DiagonalModel, Ginv: Float64Array, G: Float64Array): number {
  const { p, k } = dm;
  const { Bstar } = diagonalPopulation(dm);
  const P = matmul(matrix(p, p, Ginv), matrix(p, p, G));
  const PB = matmul(P, Bstar);
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
 * Kinv = (K + shift I)^{-1} and rhs := (K + shift I)^{-1} rhs (n x c, leading dimension c), by Cholesky when
 * gram-pinv.ts's criterion trusts it, else by its eigen pseudo-inverse. Returns the path taken: the side's
 * Cholesky ("primal-cholesky", "dual-cholesky") or "eigen".
 */
function invertShifted(
  K: number,
  n: number,
  shift: number,
  maxDim: number,
  Kinv: number,
  rhs: number,
  c: number,
  side: GramSide,
): string {
  const { arena, exports: kx } = getCore();
  return arena.scope(() => {
    const L = arena.alloc(n * n, "Cholesky factor of K_s");
    kx.dlacpy(n, n, K, n, L, n);
    const f64 = arena.f64;
    for (let i = 0; i < n; i++) f64[L / 8 + i * n + i]! += shift;
    if (kx.dpotrf(n, L, n) === 0 && choleskyTrusted(n, maxDim, (i) => arena.f64[L / 8 + i * n + i]!)) {
      arena.f64.fill(0, Kinv / 8, Kinv / 8 + n * n);
      for (let i = 0; i < n; i++) arena.f64[Kinv / 8 + i * n + i] = 1;
      for (const target of [Kinv, rhs]) {
        const width = target === Kinv ? n : c;
        kx.dtrsm(0, 0, n, width, 1, L, n, target, width);
        kx.dtrsm(0, 1, n, width, 1, L, n, target, width);
      }
      return `${side}-cholesky`;
    }
    const Ks = matrix(n, n, arena.read(K, n * n));
    for (let i = 0; i < n; i++) Ks.data[i * n + i]! += shift;
    const pinv = gramPinv(Ks, maxDim);
    arena.write(Kinv, pinv.solve(identity(n)).data);
    arena.write(rhs, pinv.solve(matrix(n, c, arena.read(rhs, n * c))).data);
    return pinv.kind === "eigen" ? "eigen" : `${side}-cholesky`;
  });
}

/** X~ diag(w) X~^T (an n x n arena pointer, allocated here) from sqrtW = sqrt(w), over column blocks of X~. */
function weightedGram(n: number, cols: number, x: number, ld: number, sqrtW: number): number {
  const { arena, exports: kx } = getCore();
  const G = arena.alloc(n * n, "weighted Gram X~ W X~^T");
  if (cols === 0) {
    arena.f64.fill(0, G / 8, G / 8 + n * n);
    return G;
  }
  arena.scope(() => {
    const width = Math.min(COLUMN_BLOCK, cols);
    const scaled = arena.alloc(n * width, "X~ W^(1/2) block");
    for (let j = 0; j < cols; j += width) {
      const w = Math.min(width, cols - j);
      kx.ddgmm(n, w, x + 8 * j, ld, sqrtW + 8 * j, 0, scaled, w);
      kx.dsyrk(0, n, w, 1, scaled, w, j === 0 ? 0 : 1, G, n);
    }
  });
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
  n: number,
  x: number,
  ld: number,
  withBias: boolean,
): { A2: number; bias?: { G11: number; G21: number } } {
  const { arena, exports: kx } = getCore();
  const { p, k, sx } = dm;
  const A2 = arena.alloc(n * k, "A2 = X~ Lambda B~*");
  if (dm.bstar.kind === "diagonal") {
    const b = dm.bstar.values;
    const m = b.length;
    arena.f64.fill(0, A2 / 8, A2 / 8 + n * k);
    const lb = arena.allocFrom(b.map((v, j) => v * sx[j]!), "Lambda b");
    kx.ddgmm(n, m, x, ld, lb, 0, A2, k);
    if (!withBias) return { A2 };
    const absB = arena.allocFrom(b.map(Math.abs), "|b|");
    const sqrtLB2 = arena.allocFrom(b.map((v, j) => Math.abs(v) * Math.sqrt(sx[j]!)), "sqrt(l) |b|");
    return { A2, bias: { G11: weightedGram(n, m, x, ld, absB), G21: weightedGram(n, m, x, ld, sqrtLB2) } };
  }
  const LB = arena.allocFrom(dm.bstar.matrix.data.map((v, idx) => v * sx[Math.floor(idx / k)]!), "Lambda B~*");
  kx.dgemm(0, 0, n, k, p, 1, x, ld, LB, k, 0, A2, k);
  if (!withBias) return { A2 };
  const A1 = arena.alloc(n * k, "A1 = X~ B~*");
  kx.dgemm(0, 0, n, k, p, 1, x, ld, f.bstar, k, 0, A1, k);
  const G11 = arena.alloc(n * n, "A1 A1^T");
  kx.dsyrk(0, n, k, 1, A1, k, 0, G11, n);
  const G21 = arena.alloc(n * n, "A2 A1^T");
  kx.dgemm(0, 1, n, n, k, 1, A2, k, A1, k, 0, G21, n);
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
  const { arena, exports: kx } = getCore();
  const { p, k } = dm;
  const ld = p + k;
  const sums = new Array<number>(heads).fill(0);
  if (nTest === 0) return sums.map(() => NaN);
  arena.scope(() => {
    const rows = Math.min(TEST_BLOCK, nTest);
    const block = arena.alloc(rows * ld, "test rows [X~t Y~t]");
    const fitted = arena.alloc(rows * k, "test predictions");
    const { prepare, predict } = predictor(rows);
    for (let t = 0; t < nTest; t += rows) {
      const b = Math.min(rows, nTest - t);
      drawDiagonalRows(dm, f, stream, b, block);
      prepare(block, b);
      for (let h = 0; h < heads; h++) {
        predict(h, block, b, fitted);
        sums[h]! += kx.dsqdiff(b, k, block + 8 * p, ld, fitted, k);
      }
    }
  });
  return sums.map((s) => s / nTest);
}

/** How a side predicts test rows (arena pointers; the block's rows have leading dimension p + k). */
interface TestPredictor {
  prepare(block: number, rows: number): void;
  predict(head: number, block: number, rows: number, fitted: number): void;
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

/** The trace of the n x n matrix at ptr. */
function trace(ptr: number, n: number): number {
  const f64 = getCore().arena.f64;
  let s = 0;
  for (let i = 0; i < n; i++) s += f64[ptr / 8 + i * n + i]!;
  return s;
}
