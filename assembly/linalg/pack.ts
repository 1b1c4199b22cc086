// Packing for the blocked GEMM (private to assembly/linalg): copies a block of alpha op(A) or op(B) into the
// contiguous, zero-padded micro-panel layout that the micro-kernel streams.
//   A block (mb x kb) -> ceil(mb / MR) micro-panels, each kb steps of MR values: dst[panel][p][r]
//   B block (kb x nb) -> ceil(nb / NR) micro-panels, each kb steps of NR values: dst[panel][p][c]
// Rows (or columns) past the block's edge are written as zeros, so the kernel always runs full tiles.
// Gathers from row-major storage use 2 x 2 transposes of f64 pairs.
// See: Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (TOMS 2008); BLIS packm.
import { MR, NR } from "./microkernel";

/**
 * Packs alpha op(A)[0..mb)[0..kb) into MR-row micro-panels at dst. op(A)(i, p) is a[i * lda + p] when
 * trans = 0 and a[p * lda + i] when trans = 1. a points at op(A)(0, 0); lda is in elements. With MR = 2,
 * one step of a micro-panel is one f64x2.
 */
export function packA(trans: i32, mb: i32, kb: i32, a: usize, lda: i32, alpha: f64, dst: usize): void {
  const ld = <usize>lda << 3;
  const s = f64x2.splat(alpha);
  for (let i = 0; i < mb; i += MR) {
    const full = i + MR <= mb;
    if (trans == 0) {
      const r0 = a + <usize>i * ld;
      if (full) {
        const r1 = r0 + ld;
        let p = 0;
        for (; p + 2 <= kb; p += 2) {
          const x = v128.load(r0 + (<usize>p << 3));
          const y = v128.load(r1 + (<usize>p << 3));
          // alpha (A[i][p], A[i+1][p]) and alpha (A[i][p+1], A[i+1][p+1])
          v128.store(dst, f64x2.mul(s, f64x2.shuffle(x, y, 0, 2)));
          v128.store(dst, f64x2.mul(s, f64x2.shuffle(x, y, 1, 3)), 16);
          dst += 32;
        }
        if (p < kb) {
          store<f64>(dst, alpha * load<f64>(r0 + (<usize>p << 3)));
          store<f64>(dst, alpha * load<f64>(r1 + (<usize>p << 3)), 8);
          dst += 16;
        }
      } else {
        for (let p = 0; p < kb; p++) {
          store<f64>(dst, alpha * load<f64>(r0 + (<usize>p << 3)));
          store<f64>(dst, 0.0, 8);
          dst += 16;
        }
      }
    } else {
      let src = a + (<usize>i << 3);
      if (full) {
        for (let p = 0; p < kb; p++) {
          v128.store(dst, f64x2.mul(s, v128.load(src)));
          src += ld;
          dst += 16;
        }
      } else {
        for (let p = 0; p < kb; p++) {
          store<f64>(dst, alpha * load<f64>(src));
          store<f64>(dst, 0.0, 8);
          src += ld;
          dst += 16;
        }
      }
    }
  }
}

/**
 * Packs op(B)[0..kb)[0..nb) into NR-column micro-panels at dst. op(B)(p, j) is b[p * ldb + j] when
 * trans = 0 and b[j * ldb + p] when trans = 1. b points at op(B)(0, 0); ldb is in elements.
 */
export function packB(trans: i32, kb: i32, nb: i32, b: usize, ldb: i32, dst: usize): void {
  const ld = <usize>ldb << 3;
  for (let j = 0; j < nb; j += NR) {
    const w = min(NR, nb - j);
    if (trans == 0) {
      let src = b + (<usize>j << 3);
      if (w == NR) {
        for (let p = 0; p < kb; p++) {
          v128.store(dst, v128.load(src));
          v128.store(dst, v128.load(src, 16), 16);
          v128.store(dst, v128.load(src, 32), 32);
          v128.store(dst, v128.load(src, 48), 48);
          src += ld;
          dst += NR << 3;
        }
      } else {
        for (let p = 0; p < kb; p++) {
          v128.store(dst, v128.splat<f64>(0.0));
          v128.store(dst, v128.splat<f64>(0.0), 16);
          v128.store(dst, v128.splat<f64>(0.0), 32);
          v128.store(dst, v128.splat<f64>(0.0), 48);
          for (let c = 0; c < w; c++) store<f64>(dst + (<usize>c << 3), load<f64>(src + (<usize>c << 3)));
          src += ld;
          dst += NR << 3;
        }
      }
    } else {
      // Column pairs (c, c + 1) of the panel are rows j + c and j + c + 1 of the stored b.
      for (let c = 0; c < NR; c += 2) {
        const out = dst + (<usize>c << 3);
        const r0 = b + <usize>(j + c) * ld;
        if (c + 2 <= w) {
          const r1 = r0 + ld;
          let p = 0;
          for (; p + 2 <= kb; p += 2) {
            const x = v128.load(r0 + (<usize>p << 3));
            const y = v128.load(r1 + (<usize>p << 3));
            // (B[p][c], B[p][c+1]) into step p and (B[p+1][c], B[p+1][c+1]) into step p + 1
            v128.store(out + <usize>p * (NR << 3), f64x2.shuffle(x, y, 0, 2));
            v128.store(out + <usize>(p + 1) * (NR << 3), f64x2.shuffle(x, y, 1, 3));
          }
          if (p < kb) {
            store<f64>(out + <usize>p * (NR << 3), load<f64>(r0 + (<usize>p << 3)));
            store<f64>(out + <usize>p * (NR << 3), load<f64>(r1 + (<usize>p << 3)), 8);
          }
        } else if (c < w) {
          for (let p = 0; p < kb; p++) {
            const q = out + <usize>p * (NR << 3);
            store<f64>(q, load<f64>(r0 + (<usize>p << 3)));
            store<f64>(q, 0.0, 8);
          }
        } else {
          for (let p = 0; p < kb; p++) v128.store(out + <usize>p * (NR << 3), v128.splat<f64>(0.0));
        }
      }
      dst += <usize>kb * (NR << 3);
    }
  }
}
