// The register-tiled micro-kernels of the blocked GEMM (private to assembly/linalg):
//   C[0..MR)[0..NR) += sum_p a[p][0..MR)^T b[p][0..NR)
// over packed micro-panels (see pack.ts; alpha is folded into the packed A). Several tile shapes, one
// function each, so that the planner (gemmcore.ts, src/wasm/planner.ts) can time them on the CPU at hand:
// which shape is fastest depends on how V8 assigns the 15 allocatable xmm registers (it schedules every
// load of a loop body at its top, so accumulators + loaded values must fit) and on the core's load and
// shuffle ports. 6 x 4, 4 x 8 and unrolled bodies spill under V8 (13-20 GFLOP/s on Zen 5). Any extra value live across
// the loop (an alpha argument) changes V8's register assignment and costs ~20%, hence no alpha here.
// Same bits for every shape: each entry of C gets sum_p a_ip b_pj accumulated from +0 in order p = 0, 1, ...
// (plain SIMD, mul then add, no FMA), then added to C once, as the scalar loop would round it. The swap
// kernel multiplies an A pair by a B pair and by its swapped copy, so an accumulator lane holds
// (a_i b_j, a_i+1 b_j+1) or (a_i b_j+1, a_i+1 b_j): the same products, summed in the same order, unswapped
// before the store. In L1 on Zen 5 (packed panels, kc = 256) they run at 92-99% of the f64x2 peak, the swap
// kernel at 84%; inside the blocked product the 2 x 8 tile is the fastest there.
// See: Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (TOMS 2008); BLIS gemm
// ukernels; the swapped-pair rank-1 update of OpenBLAS's SSE2 dgemm kernels.

/** Largest MR x NR of any kernel here (sizes the edge-tile scratch). */
export const TILE_MAX = 16;

/** C[0..2)[0..8) += A_panel^T B_panel over kc steps; c is a byte pointer, ldc a row stride in bytes. */
export function kernel2x8(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
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
    a += 16;
    b += 64;
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

/** C[0..2)[0..6) += A_panel^T B_panel: six accumulators, five loads (fewer live registers than 2 x 8). */
export function kernel2x6(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c02 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c12 = f64x2.splat(0.0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    const b2 = v128.load(b, 32);
    // a0 = (A[0][p], A[0][p]), a1 = (A[1][p], A[1][p])
    const a0 = v128.load64_splat(a);
    const a1 = v128.load64_splat(a, 8);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0));
    c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    c02 = f64x2.add(c02, f64x2.mul(a0, b2));
    c10 = f64x2.add(c10, f64x2.mul(a1, b0));
    c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    c12 = f64x2.add(c12, f64x2.mul(a1, b2));
    a += 16;
    b += 48;
  }
  const r1 = c + ldc;
  v128.store(c, f64x2.add(v128.load(c), c00));
  v128.store(c, f64x2.add(v128.load(c, 16), c01), 16);
  v128.store(c, f64x2.add(v128.load(c, 32), c02), 32);
  v128.store(r1, f64x2.add(v128.load(r1), c10));
  v128.store(r1, f64x2.add(v128.load(r1, 16), c11), 16);
  v128.store(r1, f64x2.add(v128.load(r1, 32), c12), 32);
}

/** C[0..4)[0..4) += A_panel^T B_panel with broadcast loads of A: eight accumulators, six loads. */
export function kernel4x4(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  let c00 = f64x2.splat(0.0);
  let c01 = f64x2.splat(0.0);
  let c10 = f64x2.splat(0.0);
  let c11 = f64x2.splat(0.0);
  let c20 = f64x2.splat(0.0);
  let c21 = f64x2.splat(0.0);
  let c30 = f64x2.splat(0.0);
  let c31 = f64x2.splat(0.0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    // ar = (A[r][p], A[r][p])
    const a0 = v128.load64_splat(a);
    const a1 = v128.load64_splat(a, 8);
    const a2 = v128.load64_splat(a, 16);
    const a3 = v128.load64_splat(a, 24);
    c00 = f64x2.add(c00, f64x2.mul(a0, b0));
    c01 = f64x2.add(c01, f64x2.mul(a0, b1));
    c10 = f64x2.add(c10, f64x2.mul(a1, b0));
    c11 = f64x2.add(c11, f64x2.mul(a1, b1));
    c20 = f64x2.add(c20, f64x2.mul(a2, b0));
    c21 = f64x2.add(c21, f64x2.mul(a2, b1));
    c30 = f64x2.add(c30, f64x2.mul(a3, b0));
    c31 = f64x2.add(c31, f64x2.mul(a3, b1));
    a += 32;
    b += 32;
  }
  const r1 = c + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  v128.store(c, f64x2.add(v128.load(c), c00));
  v128.store(c, f64x2.add(v128.load(c, 16), c01), 16);
  v128.store(r1, f64x2.add(v128.load(r1), c10));
  v128.store(r1, f64x2.add(v128.load(r1, 16), c11), 16);
  v128.store(r2, f64x2.add(v128.load(r2), c20));
  v128.store(r2, f64x2.add(v128.load(r2, 16), c21), 16);
  v128.store(r3, f64x2.add(v128.load(r3), c30));
  v128.store(r3, f64x2.add(v128.load(r3, 16), c31), 16);
}

/**
 * C[0..4)[0..4) += A_panel^T B_panel with swapped pairs: per step two A pairs, two B pairs and their two
 * swaps (four loads, two shuffles) feed eight accumulators; no broadcast.
 */
export function kernel4x4s(kc: i32, a: usize, b: usize, c: usize, ldc: usize): void {
  // dRC holds (C[R][C], C[R+1][C+1]) and xRC holds (C[R][C+1], C[R+1][C]), R, C in {0, 2}.
  let d00 = f64x2.splat(0.0);
  let x00 = f64x2.splat(0.0);
  let d02 = f64x2.splat(0.0);
  let x02 = f64x2.splat(0.0);
  let d20 = f64x2.splat(0.0);
  let x20 = f64x2.splat(0.0);
  let d22 = f64x2.splat(0.0);
  let x22 = f64x2.splat(0.0);
  for (let p = 0; p < kc; p++) {
    const a0 = v128.load(a);
    const a2 = v128.load(a, 16);
    const b0 = v128.load(b);
    const b2 = v128.load(b, 16);
    // s0 = (B[p][1], B[p][0]), s2 = (B[p][3], B[p][2])
    const s0 = f64x2.shuffle(b0, b0, 1, 0);
    const s2 = f64x2.shuffle(b2, b2, 1, 0);
    d00 = f64x2.add(d00, f64x2.mul(a0, b0));
    x00 = f64x2.add(x00, f64x2.mul(a0, s0));
    d02 = f64x2.add(d02, f64x2.mul(a0, b2));
    x02 = f64x2.add(x02, f64x2.mul(a0, s2));
    d20 = f64x2.add(d20, f64x2.mul(a2, b0));
    x20 = f64x2.add(x20, f64x2.mul(a2, s0));
    d22 = f64x2.add(d22, f64x2.mul(a2, b2));
    x22 = f64x2.add(x22, f64x2.mul(a2, s2));
    a += 32;
    b += 32;
  }
  const r1 = c + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  // Row R: (d[0], x[0]) of each column pair; row R + 1: (x[1], d[1]).
  v128.store(c, f64x2.add(v128.load(c), f64x2.shuffle(d00, x00, 0, 2)));
  v128.store(c, f64x2.add(v128.load(c, 16), f64x2.shuffle(d02, x02, 0, 2)), 16);
  v128.store(r1, f64x2.add(v128.load(r1), f64x2.shuffle(x00, d00, 1, 3)));
  v128.store(r1, f64x2.add(v128.load(r1, 16), f64x2.shuffle(x02, d02, 1, 3)), 16);
  v128.store(r2, f64x2.add(v128.load(r2), f64x2.shuffle(d20, x20, 0, 2)));
  v128.store(r2, f64x2.add(v128.load(r2, 16), f64x2.shuffle(d22, x22, 0, 2)), 16);
  v128.store(r3, f64x2.add(v128.load(r3), f64x2.shuffle(x20, d20, 1, 3)));
  v128.store(r3, f64x2.add(v128.load(r3, 16), f64x2.shuffle(x22, d22, 1, 3)), 16);
}
