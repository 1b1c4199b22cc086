/**
 * The ABI of the WebAssembly core (assembly/index.ts). Only numbers cross the boundary: pointers are byte
 * offsets into `memory`, sizes and leading dimensions count f64 elements, all matrices are row-major.
 * Kernels never throw; those that can fail return a status.
 */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  /** First byte past the module's static data: the arena starts here. */
  heapBase(): number;

  /** C = alpha op(A) op(B) + beta C; op(A) is m x k, op(B) is k x n; trans = 1 means transposed. */
  dgemm(
    transA: number, transB: number, m: number, n: number, k: number,
    alpha: number, a: number, lda: number, b: number, ldb: number,
    beta: number, c: number, ldc: number,
  ): void;
  /**
   * Selects the micro-kernel and blocking of every later product (see src/wasm/kernels.ts for the names of the
   * ids); returns 0, or -1 for an unknown id (nothing changes). Every choice gives the same bits.
   */
  gemmSelect(id: number): number;
  /** The MR, NR, MC or NC (what = 0, 1, 2, 3) of the selected kernel. */
  gemmBlock(what: number): number;
  /** Multiply-adds run by the product micro-kernel since the core started (edge tiles counted whole). */
  gemmIssued(): number;
  /**
   * C = alpha A A^T + beta C (trans = 0, A is n x k) or C = alpha A^T A + beta C (trans = 1, A is k x n).
   * C is n x n; one triangle is computed and mirrored, so the result is exactly symmetric.
   */
  dsyrk(trans: number, n: number, k: number, alpha: number, a: number, lda: number, beta: number, c: number, ldc: number): void;
  /**
   * C = beta C + (A diag(w)) (A diag(w))^T, A n x k, w k f64, scratch n x 256 f64: the bits of scaling A's
   * columns by w and calling dsyrk on successive 256-column blocks (beta, then 1), with one mirror at the end.
   */
  dsyrkWeighted(n: number, k: number, a: number, lda: number, w: number, beta: number, c: number, ldc: number, scratch: number): void;
  /**
   * In-place Cholesky A = L L^T of the lower triangle of A (n x n). L overwrites the lower triangle and the
   * strict upper triangle is zeroed. Returns 0, or j + 1 where j is the first pivot that is not positive.
   */
  dpotrf(n: number, a: number, lda: number): number;
  /**
   * Triangular solve with many right-hand sides, L lower triangular with a non-zero diagonal, B m x n
   * overwritten by X. side 0: op(L) X = alpha B (L m x m); side 1: X op(L) = alpha B (L n x n).
   * trans 0: op(L) = L; trans 1: op(L) = L^T.
   */
  dtrsm(side: number, trans: number, m: number, n: number, alpha: number, l: number, ldl: number, b: number, ldb: number): void;
  /**
   * Symmetric eigendecomposition of A (n x n, lower triangle read). Eigenvalues ascending in w (n f64);
   * eigenvector j overwrites column j of A. work holds at least dsyevWorkSize(n) f64 (any contents).
   * Returns 0, or i + 1 if the QL iteration for eigenvalue i did not converge (above the divide-and-conquer
   * crossover: a leaf's QL or a merge's secular equation, i counted from the first row of T).
   */
  dsyev(n: number, a: number, lda: number, w: number, work: number): number;
  /**
   * The f64 of workspace dsyev needs for order n: n for n <= 64 (implicit QL), 3 n^2 + 12 n above
   * (divide and conquer and the blocked back-transform). Exact for n < 2^26.
   */
  dsyevWorkSize(n: number): number;
  /**
   * Eigenvalues of the symmetric tridiagonal (diagonal d, n f64; off-diagonal e, n - 1 f64, destroyed), ascending
   * in d (LAPACK dsterf). Returns 0, or the number of off-diagonal entries that did not converge.
   */
  dsterf(n: number, d: number, e: number): number;
  /** C = A diag(x) + beta C, A and C row-major m x n (C may be A); beta = 0 does not read C. */
  ddgmm(m: number, n: number, a: number, lda: number, x: number, beta: number, c: number, ldc: number): void;
  /** B = A, row-major m x n blocks with leading dimensions lda and ldb (LAPACK dlacpy). */
  dlacpy(m: number, n: number, a: number, lda: number, b: number, ldb: number): void;
  /** sum over the m x n block of (A_ij - B_ij)^2. */
  dsqdiff(m: number, n: number, a: number, lda: number, b: number, ldb: number): number;
  /** sum_i x[i] y[i] over n contiguous f64. */
  ddot(n: number, x: number, y: number): number;

  /**
   * Alias tables (Walker, Vose) of `rows` rows of K weights at w (row-major, each >= 0 with a positive sum):
   * prob (rows x K f64) and alias (rows x K i32); work holds K i32.
   */
  aliasBuild(rows: number, K: number, w: number, prob: number, alias: number, work: number): void;
  /**
   * n token strings of a discrete HMM from n (2T + 1) uniforms at u (per string: h_1, then o_t and h_{t+1} for
   * t = 1..T) and alias tables of the start law (1 x H), transitions (H x H), emissions (H x V): tokens (n x T i32)
   * and last (n i32, the state h_{T+1}).
   */
  hmmSample(
    n: number, T: number, H: number, V: number, u: number,
    startProb: number, startAlias: number, transProb: number, transAlias: number, emitProb: number, emitAlias: number,
    tokens: number, last: number,
  ): void;
  /**
   * Scaled forward filter: alpha (n x H) = the posterior over h_T given each string of tokens (n x T i32), for the
   * start law pi (H), transitions P (H x H) and transposed emissions Et (V x H); work holds n x H f64. Returns 0, or
   * i + 1 for the first string whose normalizer is not positive and finite.
   */
  hmmForward(n: number, T: number, H: number, pi: number, P: number, Et: number, tokens: number, alpha: number, work: number): number;
  /** Fills out (rows x K) with rows of Dirichlet(a 1_K) variates (a > 0), advancing the stream at state. */
  rngDirichlet(state: number, rows: number, K: number, a: number, out: number): void;

  /** One Philox4x32-10 block: out[0..4) = philox(ctr[0..4), key[0..2)), all u32 (known-answer tests). */
  philox4x32(ctr: number, key: number, out: number): void;
  /** Initializes the stream state at `state` (RNG_STATE_BYTES bytes) for (seed, stream id). */
  rngInit(state: number, seedLo: number, seedHi: number, streamLo: number, streamHi: number): void;
  /** Fills n f64 at out with uniforms in [0, 1) (53 random bits each), advancing the stream. */
  rngUniform(state: number, out: number, n: number): void;
  /** Fills n f64 at out with standard normals, advancing the stream. */
  rngNormal(state: number, out: number, n: number): void;
  /** Fills n f64 at out with chi variates, out[i] with dof[i] degrees of freedom (integers >= 1), advancing the stream. */
  rngChi(state: number, dof: number, out: number, n: number): void;
}

/** Bytes of one random stream's state in WebAssembly memory. */
export const RNG_STATE_BYTES = 64;
