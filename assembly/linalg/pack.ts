// Packing for the blocked GEMM (private to assembly/linalg): copies a block of alpha op(A) or op(B) into the
// contiguous, zero-padded micro-panel layout that the micro-kernel streams, for the selected tile MR x NR
// (both even).
//   A block (mb x kb) -> ceil(mb / MR) micro-panels, each kb steps of MR values: dst[panel][p][r]
//   B block (kb x nb) -> ceil(nb / NR) micro-panels, each kb steps of NR values: dst[panel][p][c]
// Rows (or columns) past the block's edge are written as zeros, so the kernel always runs full tiles.
// Gathers from row-major storage use 2 x 2 transposes of f64 pairs. alpha x is rounded once per entry,
// whatever the tile, so every candidate kernel sees the same packed values.
// See: Goto and van de Geijn, "Anatomy of high-performance matrix multiplication" (TOMS 2008); BLIS packm.

/**
 * Packs alpha op(A)[0..mb)[0..kb) into mr-row micro-panels at dst (mr even). op(A)(i, p) is a[i * lda + p]
 * when trans = 0 and a[p * lda + i] when trans = 1. a points at op(A)(0, 0); lda is in elements. Each row
 * pair (r, r + 1) of a micro-panel is one f64x2 per step.
 */
export function packA(trans: i32, mb: i32, kb: i32, mr: i32, a: usize, lda: i32, alpha: f64, dst: usize): void {
  const ld = <usize>lda << 3;
  const step = <usize>mr << 3;
  const panel = <usize>kb * step;
  const s = f64x2.splat(alpha);
  let i = 0;
  if (trans == 1) {
    // Eight columns of op(A) (one 64-byte line of each stored row, a multiple of mr) at a time, so that each
    // line is read once: row pairs i + 2q go to panel (i + 2q) / mr at row (i + 2q) % mr.
    for (; i + 8 <= mb; i += 8) {
      const o0 = dst + <usize>(i / mr) * panel + (<usize>(i % mr) << 3);
      const o1 = dst + <usize>((i + 2) / mr) * panel + (<usize>((i + 2) % mr) << 3);
      const o2 = dst + <usize>((i + 4) / mr) * panel + (<usize>((i + 4) % mr) << 3);
      const o3 = dst + <usize>((i + 6) / mr) * panel + (<usize>((i + 6) % mr) << 3);
      let src = a + (<usize>i << 3);
      let q: usize = 0;
      for (let p = 0; p < kb; p++) {
        v128.store(o0 + q, f64x2.mul(s, v128.load(src)));
        v128.store(o1 + q, f64x2.mul(s, v128.load(src, 16)));
        v128.store(o2 + q, f64x2.mul(s, v128.load(src, 32)));
        v128.store(o3 + q, f64x2.mul(s, v128.load(src, 48)));
        src += ld;
        q += step;
      }
    }
    dst += <usize>(i / mr) * panel;
  }
  for (; i < mb; i += mr) {
    for (let r = 0; r < mr; r += 2) {
      const rows = mb - i - r;
      let out = dst + (<usize>r << 3);
      if (rows <= 0) {
        for (let p = 0; p < kb; p++) v128.store(out + <usize>p * step, f64x2.splat(0.0));
      } else if (trans == 0) {
        const r0 = a + <usize>(i + r) * ld;
        if (rows >= 2) {
          const r1 = r0 + ld;
          let p = 0;
          for (; p + 2 <= kb; p += 2) {
            const x = v128.load(r0 + (<usize>p << 3));
            const y = v128.load(r1 + (<usize>p << 3));
            // alpha (A[i][p], A[i+1][p]) into step p and alpha (A[i][p+1], A[i+1][p+1]) into step p + 1
            v128.store(out, f64x2.mul(s, f64x2.shuffle(x, y, 0, 2)));
            v128.store(out + step, f64x2.mul(s, f64x2.shuffle(x, y, 1, 3)));
            out += step << 1;
          }
          if (p < kb) {
            store<f64>(out, alpha * load<f64>(r0 + (<usize>p << 3)));
            store<f64>(out, alpha * load<f64>(r1 + (<usize>p << 3)), 8);
          }
        } else {
          for (let p = 0; p < kb; p++) {
            store<f64>(out, alpha * load<f64>(r0 + (<usize>p << 3)));
            store<f64>(out, 0.0, 8);
            out += step;
          }
        }
      } else {
        let src = a + (<usize>(i + r) << 3);
        if (rows >= 2) {
          for (let p = 0; p < kb; p++) {
            v128.store(out, f64x2.mul(s, v128.load(src)));
            src += ld;
            out += step;
          }
        } else {
          for (let p = 0; p < kb; p++) {
            store<f64>(out, alpha * load<f64>(src));
            store<f64>(out, 0.0, 8);
            src += ld;
            out += step;
          }
        }
      }
    }
    dst += panel;
  }
}

/**
 * Packs op(B)[0..kb)[0..nb) into nr-column micro-panels at dst (nr even). op(B)(p, j) is b[p * ldb + j] when
 * trans = 0 and b[j * ldb + p] when trans = 1. b points at op(B)(0, 0); ldb is in elements.
 */
export function packB(trans: i32, kb: i32, nb: i32, nr: i32, b: usize, ldb: i32, dst: usize): void {
  const ld = <usize>ldb << 3;
  const step = <usize>nr << 3;
  for (let j = 0; j < nb; j += nr) {
    const w = min(nr, nb - j);
    if (trans == 0) {
      let src = b + (<usize>j << 3);
      if (w == nr) {
        for (let p = 0; p < kb; p++) {
          for (let q: usize = 0; q < step; q += 16) v128.store(dst + q, v128.load(src + q));
          src += ld;
          dst += step;
        }
      } else {
        for (let p = 0; p < kb; p++) {
          for (let q: usize = 0; q < step; q += 16) v128.store(dst + q, f64x2.splat(0.0));
          for (let c = 0; c < w; c++) store<f64>(dst + (<usize>c << 3), load<f64>(src + (<usize>c << 3)));
          src += ld;
          dst += step;
        }
      }
    } else if (w == nr) {
      // A whole panel, two steps at a time: its rows j .. j + nr of the stored b are read in pairs (c, c + 1),
      // whose 2 x 2 transposes fill steps p and p + 1, so each step's nr values are written together.
      const r0 = b + <usize>j * ld;
      let p = 0;
      for (; p + 2 <= kb; p += 2) {
        const o = dst + <usize>p * step;
        let src = r0 + (<usize>p << 3);
        for (let c: usize = 0; c < step; c += 16) {
          const x = v128.load(src);
          const y = v128.load(src + ld);
          // Columns q = c / 8 and q + 1: (B[p][q], B[p][q+1]) into step p, (B[p+1][q], B[p+1][q+1]) into p + 1
          v128.store(o + c, f64x2.shuffle(x, y, 0, 2));
          v128.store(o + step + c, f64x2.shuffle(x, y, 1, 3));
          src += ld << 1;
        }
      }
      if (p < kb) {
        const o = dst + <usize>p * step;
        let src = r0 + (<usize>p << 3);
        for (let c: usize = 0; c < step; c += 8) {
          store<f64>(o + c, load<f64>(src));
          src += ld;
        }
      }
      dst += <usize>kb * step;
    } else {
      // A partial panel: column pairs (c, c + 1) are rows j + c and j + c + 1 of the stored b, zeros past w.
      for (let c = 0; c < nr; c += 2) {
        const out = dst + (<usize>c << 3);
        const r0 = b + <usize>(j + c) * ld;
        if (c + 2 <= w) {
          const r1 = r0 + ld;
          let p = 0;
          for (; p + 2 <= kb; p += 2) {
            const x = v128.load(r0 + (<usize>p << 3));
            const y = v128.load(r1 + (<usize>p << 3));
            // (B[p][c], B[p][c+1]) into step p and (B[p+1][c], B[p+1][c+1]) into step p + 1
            v128.store(out + <usize>p * step, f64x2.shuffle(x, y, 0, 2));
            v128.store(out + <usize>(p + 1) * step, f64x2.shuffle(x, y, 1, 3));
          }
          if (p < kb) {
            store<f64>(out + <usize>p * step, load<f64>(r0 + (<usize>p << 3)));
            store<f64>(out + <usize>p * step, load<f64>(r1 + (<usize>p << 3)), 8);
          }
        } else if (c < w) {
          for (let p = 0; p < kb; p++) {
            const q = out + <usize>p * step;
            store<f64>(q, load<f64>(r0 + (<usize>p << 3)));
            store<f64>(q, 0.0, 8);
          }
        } else {
          for (let p = 0; p < kb; p++) v128.store(out + <usize>p * step, f64x2.splat(0.0));
        }
      }
      dst += <usize>kb * step;
    }
  }
}
