// The register-tiled micro-kernel of the blocked GEMM (private to assembly/linalg):
//   C[0..MR)[0..NR) += sum_p a[p][0..MR)^T b[p][0..NR)
// over packed micro-panels (see pack.ts; alpha is folded into the packed A), with an MR x NR = 2 x 8 tile
// held in eight f64x2 accumulators. The shape was measured under V8 on Zen 5: V8 schedules every load of a
// loop body at its top, so accumulators + loaded values must fit the 15 allocatable xmm registers; 2 x 8
// (8 + 6) runs at ~33 GFLOP/s, 4 x 4 with broadcast loads at ~26 (each broadcast costs a shuffle), 6 x 4,
// 4 x 8 and unrolled bodies spill (13-20 GFLOP/s). Any extra value live across the loop (an alpha argument)
// changes V8's register assignment and costs ~20%, hence no alpha here.
// Plain SIMD (mul then add, no FMA): each entry is a sequential sum over p, rounded as the scalar loop would.
// See: Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (TOMS 2008); BLIS gemm ukernel.

/** Rows of a micro-tile. */
export const MR = 2;
/** Columns of a micro-tile. */
export const NR = 8;

/** C[0..2)[0..8) += A_panel^T B_panel over kc steps; c is a byte pointer, ldc a row stride in bytes. */
export function microKernel(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c02 = f64x2.splat(0.0);
  let c03 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c12 = f64x2.splat(0.0);
  let c13 = f64x2.splat(0.0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b, 32);
    const b3 = v128.load(b, 48);
    // a0 = (A[0][p], A[0][p]), a1 = (A[1][p], A[1][p])
    const a0 = v128.load64_splat(a);
    const a1 = v128.load64_splat(a, 8);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0));
    c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    c02 = f64x2.add(c02, f64x2.mul(a0, b2));
    c03 = f64x2.add(c03, f64x2.mul(a0, b3));
    c10 = f64x2.add(c10, f64x2.mul(a1, b0));
    c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    c12 = f64x2.add(c12, f64x2.mul(a1, b2));
    c13 = f64x2.add(c13, f64x2.mul(a1, b3));
    a += MR << 3;
    b += NR << 3;
  }
  const r1 = c + ldc;
  v128.store(c, f64x2.add(v128.load(c), c00));
  v128.store(c, f64x2.add(v128.load(c, 16), c01), 16);
  v128.store(c, f64x2.add(v128.load(c, 32), c02), 32);
  v128.store(c, f64x2.add(v128.load(c, 48), c03), 48);
  v128.store(r1, f64x2.add(v128.load(r1), c10));
  v128.store(r1, f64x2.add(v128.load(r1, 16), c11), 16);
  v128.store(r1, f64x2.add(v128.load(r1, 32), c12), 32);
  v128.store(r1, f64x2.add(v128.load(r1, 48), c13), 48);
}
