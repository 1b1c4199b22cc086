// Right-side triangular solves on a diagonal block, vectorized across rows of B (private to dtrsm):
//   trans 1: X L^T = B (forward: x_j = (b_j - sum_{i<j} L[j][i] x_i) / L[j][j])
//   trans 0: X L = B   (backward: x_i = (b_i - sum_{j>i} L[j][i] x_j) / L[i][i])
// for an n x n lower-triangular block L (n <= SOLVE_MAX) and an m x n block B, overwritten by X.
// Algorithm: ROWS rows of B at a time are transposed into scratch (column i of the group becomes ROWS / 2
// f64x2 pairs), solved there with ROWS / 2 independent accumulators per unknown (one broadcast of L[j][i]
// serves all of them, so the loop carries no horizontal sums), and transposed back. A short last group is
// padded with zero rows that are never written back. ROWS = 12 keeps 6 accumulators + 6 loads + 1
// broadcast in V8's 15 xmm registers (V8 schedules a loop body's loads at its top) and covers the 3-cycle
// latency of each accumulator chain with 6 mul + 6 sub per step.
// See: reference BLAS dtrsm (SIDE = 'R', UPLO = 'L'); the transposition trick is the packing idea of BLIS trsm.

/** Largest order of a diagonal block (dtrsm uses TRSM_NB <= SOLVE_MAX). */
export const SOLVE_MAX = 128;
/** Rows of B solved together. */
export const ROWS = 12;
/** Bytes of one transposed column of the group: ROWS f64. */
const COL = ROWS * 8;

const XS: usize = memory.data(SOLVE_MAX * COL, 16);
/** 1 / L[i][i] of the current diagonal block (reciprocals). */
export const RECIP: usize = memory.data(SOLVE_MAX * 8, 16);

/** RECIP[i] = 1 / L[i][i] for i < n (n <= SOLVE_MAX), for the substitutions here and in dtrsm. */
export function reciprocals(n: i32, l: usize, ldl: i32): void {
  const step = (<usize>ldl + 1) << 3;
  for (let i = 0; i < n; i++) store<f64>(RECIP + (<usize>i << 3), 1.0 / load<f64>(l + <usize>i * step));
}

/** Solves X op(L) = B in place of B (m x n, leading dimension ldb); L is n x n lower, n <= SOLVE_MAX. */
export function solveRightBlock(trans: i32, m: i32, n: i32, l: usize, ldl: i32, b: usize, ldb: i32): void {
  reciprocals(n, l, ldl);
  const lRow = <usize>ldl << 3;
  const bRow = <usize>ldb << 3;
  for (let r = 0; r < m; r += ROWS) {
    const rows = min(ROWS, m - r);
    const group = b + <usize>r * bRow;
    gather(rows, n, group, bRow);
    if (trans == 1) forward(n, l, lRow);
    else backward(n, l, lRow);
    scatter(rows, n, group, bRow);
  }
}

/** XS[i] = (B[0][i], B[1][i]), (B[2][i], B[3][i]), ... for i < n; rows past `rows` read as zeros. */
function gather(rows: i32, n: i32, b: usize, bRow: usize): void {
  for (let k = 0; k < ROWS; k += 2) {
    const out = XS + (<usize>k << 3);
    const r0 = b + <usize>k * bRow;
    const r1 = r0 + bRow;
    if (k + 2 <= rows) {
      let i = 0;
      for (; i + 2 <= n; i += 2) {
        const x = v128.load(r0 + (<usize>i << 3));
        const y = v128.load(r1 + (<usize>i << 3));
        // (B[k][i], B[k+1][i]) and (B[k][i+1], B[k+1][i+1])
        v128.store(out + <usize>i * COL, f64x2.shuffle(x, y, 0, 2));
        v128.store(out + <usize>(i + 1) * COL, f64x2.shuffle(x, y, 1, 3));
      }
      if (i < n) {
        store<f64>(out + <usize>i * COL, load<f64>(r0 + (<usize>i << 3)));
        store<f64>(out + <usize>i * COL, load<f64>(r1 + (<usize>i << 3)), 8);
      }
    } else if (k < rows) {
      for (let i = 0; i < n; i++) {
        store<f64>(out + <usize>i * COL, load<f64>(r0 + (<usize>i << 3)));
        store<f64>(out + <usize>i * COL, 0.0, 8);
      }
    } else {
      for (let i = 0; i < n; i++) v128.store(out + <usize>i * COL, f64x2.splat(0.0));
    }
  }
}

/** The inverse of gather for the first `rows` rows. */
function scatter(rows: i32, n: i32, b: usize, bRow: usize): void {
  for (let k = 0; k < rows; k += 2) {
    const src = XS + (<usize>k << 3);
    const r0 = b + <usize>k * bRow;
    const r1 = r0 + bRow;
    if (k + 2 <= rows) {
      let i = 0;
      for (; i + 2 <= n; i += 2) {
        const x = v128.load(src + <usize>i * COL);
        const y = v128.load(src + <usize>(i + 1) * COL);
        // (X[k][i], X[k][i+1]) and (X[k+1][i], X[k+1][i+1])
        v128.store(r0 + (<usize>i << 3), f64x2.shuffle(x, y, 0, 2));
        v128.store(r1 + (<usize>i << 3), f64x2.shuffle(x, y, 1, 3));
      }
      if (i < n) {
        store<f64>(r0 + (<usize>i << 3), load<f64>(src + <usize>i * COL));
        store<f64>(r1 + (<usize>i << 3), load<f64>(src + <usize>i * COL, 8));
      }
    } else {
      for (let i = 0; i < n; i++) store<f64>(r0 + (<usize>i << 3), load<f64>(src + <usize>i * COL));
    }
  }
}

/** XS column j = (XS column j - sum_{i<j} L[j][i] XS column i) / L[j][j], for j = 0, 1, ... */
function forward(n: i32, l: usize, lRow: usize): void {
  for (let j = 0; j < n; j++) {
    const xj = XS + <usize>j * COL;
    let a0 = v128.load(xj);
    let a1 = v128.load(xj, 16);
    let a2 = v128.load(xj, 32);
    let a3 = v128.load(xj, 48);
    let a4 = v128.load(xj, 64);
    let a5 = v128.load(xj, 80);
    const lj = l + <usize>j * lRow;
    let xi = XS;
    for (let i = 0; i < j; i++) {
      // s = (L[j][i], L[j][i]); a -= s * (x_i of each row pair)
      const s = v128.load64_splat(lj + (<usize>i << 3));
      a0 = f64x2.sub(a0, f64x2.mul(s, v128.load(xi)));
      a1 = f64x2.sub(a1, f64x2.mul(s, v128.load(xi, 16)));
      a2 = f64x2.sub(a2, f64x2.mul(s, v128.load(xi, 32)));
      a3 = f64x2.sub(a3, f64x2.mul(s, v128.load(xi, 48)));
      a4 = f64x2.sub(a4, f64x2.mul(s, v128.load(xi, 64)));
      a5 = f64x2.sub(a5, f64x2.mul(s, v128.load(xi, 80)));
      xi += COL;
    }
    const r = v128.load64_splat(RECIP + (<usize>j << 3));
    v128.store(xj, f64x2.mul(a0, r));
    v128.store(xj, f64x2.mul(a1, r), 16);
    v128.store(xj, f64x2.mul(a2, r), 32);
    v128.store(xj, f64x2.mul(a3, r), 48);
    v128.store(xj, f64x2.mul(a4, r), 64);
    v128.store(xj, f64x2.mul(a5, r), 80);
  }
}

/** XS column i = (XS column i - sum_{j>i} L[j][i] XS column j) / L[i][i], for i = n - 1, n - 2, ... */
function backward(n: i32, l: usize, lRow: usize): void {
  for (let i = n - 1; i >= 0; i--) {
    const xi = XS + <usize>i * COL;
    let a0 = v128.load(xi);
    let a1 = v128.load(xi, 16);
    let a2 = v128.load(xi, 32);
    let a3 = v128.load(xi, 48);
    let a4 = v128.load(xi, 64);
    let a5 = v128.load(xi, 80);
    let lji = l + <usize>(i + 1) * lRow + (<usize>i << 3);
    let xj = xi + COL;
    for (let j = i + 1; j < n; j++) {
      // s = (L[j][i], L[j][i]); a -= s * (x_j of each row pair)
      const s = v128.load64_splat(lji);
      a0 = f64x2.sub(a0, f64x2.mul(s, v128.load(xj)));
      a1 = f64x2.sub(a1, f64x2.mul(s, v128.load(xj, 16)));
      a2 = f64x2.sub(a2, f64x2.mul(s, v128.load(xj, 32)));
      a3 = f64x2.sub(a3, f64x2.mul(s, v128.load(xj, 48)));
      a4 = f64x2.sub(a4, f64x2.mul(s, v128.load(xj, 64)));
      a5 = f64x2.sub(a5, f64x2.mul(s, v128.load(xj, 80)));
      lji += lRow;
      xj += COL;
    }
    const r = v128.load64_splat(RECIP + (<usize>i << 3));
    v128.store(xi, f64x2.mul(a0, r));
    v128.store(xi, f64x2.mul(a1, r), 16);
    v128.store(xi, f64x2.mul(a2, r), 32);
    v128.store(xi, f64x2.mul(a3, r), 48);
    v128.store(xi, f64x2.mul(a4, r), 64);
    v128.store(xi, f64x2.mul(a5, r), 80);
  }
}
