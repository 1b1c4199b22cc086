// Philox4x32-10: the counter-based generator of Random123. One block maps a 128-bit counter
// (c0, c1, c2, c3) and a 64-bit key (k0, k1) to four u32 words through ten rounds of
//   (hi0, lo0) = M0 * c0,  (hi1, lo1) = M1 * c2            (32 x 32 -> 64-bit products)
//   (c0, c1, c2, c3) <- (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
// with the key bumped by (W0, W1) between rounds. philoxBlocks fills consecutive blocks, eight at a time
// in SIMD (two sets of four lanes, lane l holding one block), then a scalar tail.
// see: Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC11 (2011);
//      Random123 philox.h (constants PHILOX_M4x32_0/1, PHILOX_W32_0/1).

const M0: u32 = 0xd2511f53;
const M1: u32 = 0xcd9e8d57;
const W0: u32 = 0x9e3779b9;
const W1: u32 = 0xbb67ae85;
const ROUNDS = 10;

/** Writes philox4x32-10((c0, c1, c2, c3), (k0, k1)) as four u32 words at out. */
export function philoxBlock(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, out: usize): void {
  for (let r = 0; r < ROUNDS; r++) {
    const p0 = <u64>M0 * <u64>c0;
    const p1 = <u64>M1 * <u64>c2;
    const hi0 = <u32>(p0 >>> 32);
    const hi1 = <u32>(p1 >>> 32);
    c0 = hi1 ^ c1 ^ k0;
    c1 = <u32>p1;
    c2 = hi0 ^ c3 ^ k1;
    c3 = <u32>p0;
    k0 += W0;
    k1 += W1;
  }
  store<u32>(out, c0, 0);
  store<u32>(out, c1, 4);
  store<u32>(out, c2, 8);
  store<u32>(out, c3, 12);
}

/** The ten round keys of a call, splatted: (k0 + r W0) at ROUND_KEYS + 32 r, (k1 + r W1) 16 bytes later. */
const ROUND_KEYS = memory.data(ROUNDS * 32);

/** Counter word 0 of the four blocks b, b + 1, b + 2, b + 3: lane l = low word of b + l. */
@inline function lowWords(b: u64): v128 {
  return i32x4.add(i32x4.splat(<u32>b), i32x4(0, 1, 2, 3));
}

/** Counter word 1 of the same four blocks: lane l = high word of b + l, given their low words. */
@inline function highWords(b: u64, low: v128): v128 {
  // The low word of b + l wrapped (is < the low word of b) exactly when the high word carries; the
  // comparison mask is -1 there, so subtracting it adds the carry.
  return i32x4.sub(i32x4.splat(<u32>(b >>> 32)), i32x4.lt_u(low, i32x4.splat(<u32>b)));
}

/**
 * Stores four blocks given as words: vector w holds word w of blocks 0..3. Memory wants block l's
 * four words together, so this is a 4 x 4 transpose of u32.
 */
@inline function storeTransposed(p: usize, w0: v128, w1: v128, w2: v128, w3: v128): void {
  const t0 = i32x4.shuffle(w0, w1, 0, 4, 1, 5); // (w0 b0, w1 b0, w0 b1, w1 b1)
  const t1 = i32x4.shuffle(w0, w1, 2, 6, 3, 7); // (w0 b2, w1 b2, w0 b3, w1 b3)
  const t2 = i32x4.shuffle(w2, w3, 0, 4, 1, 5); // (w2 b0, w3 b0, w2 b1, w3 b1)
  const t3 = i32x4.shuffle(w2, w3, 2, 6, 3, 7); // (w2 b2, w3 b2, w2 b3, w3 b3)
  v128.store(p, i64x2.shuffle(t0, t2, 0, 2), 0);
  v128.store(p, i64x2.shuffle(t0, t2, 1, 3), 16);
  v128.store(p, i64x2.shuffle(t1, t3, 0, 2), 32);
  v128.store(p, i64x2.shuffle(t1, t3, 1, 3), 48);
}

/**
 * Writes nb blocks at dst (16 bytes each): block j is philox of the counter (first + j as two u32 words,
 * low first; streamLo; streamHi) under the key (k0, k1). Eight blocks per step as two independent sets
 * of four SIMD lanes (the two dependency chains overlap), then a scalar tail.
 */
export function philoxBlocks(dst: usize, nb: i32, first: u64, streamLo: u32, streamHi: u32, k0: u32, k1: u32): void {
  for (let r: u32 = 0; r < <u32>ROUNDS; r++) {
    v128.store(ROUND_KEYS + (<usize>r << 5), i32x4.splat(k0 + r * W0), 0);
    v128.store(ROUND_KEYS + (<usize>r << 5), i32x4.splat(k1 + r * W1), 16);
  }
  const m0 = i32x4.splat(M0);
  const m1 = i32x4.splat(M1);
  let b = first;
  let j = 0;
  for (; j + 8 <= nb; j += 8) {
    let a0 = lowWords(b);
    let a1 = highWords(b, a0);
    let e0 = lowWords(b + 4);
    let e1 = highWords(b + 4, e0);
    let a2 = i32x4.splat(streamLo);
    let a3 = i32x4.splat(streamHi);
    let e2 = a2;
    let e3 = a3;
    for (let r = 0; r < ROUNDS; r++) {
      const key0 = v128.load(ROUND_KEYS + (<usize>r << 5), 0);
      const key1 = v128.load(ROUND_KEYS + (<usize>r << 5), 16);
      // pa0l = (M0 a0[0], M0 a0[1]) and pa0h = (M0 a0[2], M0 a0[3]) as u64 lanes; likewise for the rest.
      const pa0l = i64x2.extmul_low_i32x4_u(a0, m0);
      const pa0h = i64x2.extmul_high_i32x4_u(a0, m0);
      const pa2l = i64x2.extmul_low_i32x4_u(a2, m1);
      const pa2h = i64x2.extmul_high_i32x4_u(a2, m1);
      const pe0l = i64x2.extmul_low_i32x4_u(e0, m0);
      const pe0h = i64x2.extmul_high_i32x4_u(e0, m0);
      const pe2l = i64x2.extmul_low_i32x4_u(e2, m1);
      const pe2h = i64x2.extmul_high_i32x4_u(e2, m1);
      // (c0, c1, c2, c3) <- (hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0)), where the
      // odd u32 lanes of a product pair are the high words and the even lanes the low words.
      a0 = v128.xor(v128.xor(i32x4.shuffle(pa2l, pa2h, 1, 3, 5, 7), a1), key0);
      a1 = i32x4.shuffle(pa2l, pa2h, 0, 2, 4, 6);
      a2 = v128.xor(v128.xor(i32x4.shuffle(pa0l, pa0h, 1, 3, 5, 7), a3), key1);
      a3 = i32x4.shuffle(pa0l, pa0h, 0, 2, 4, 6);
      e0 = v128.xor(v128.xor(i32x4.shuffle(pe2l, pe2h, 1, 3, 5, 7), e1), key0);
      e1 = i32x4.shuffle(pe2l, pe2h, 0, 2, 4, 6);
      e2 = v128.xor(v128.xor(i32x4.shuffle(pe0l, pe0h, 1, 3, 5, 7), e3), key1);
      e3 = i32x4.shuffle(pe0l, pe0h, 0, 2, 4, 6);
    }
    const p = dst + (<usize>j << 4);
    storeTransposed(p, a0, a1, a2, a3);
    storeTransposed(p + 64, e0, e1, e2, e3);
    b += 8;
  }
  for (; j < nb; j++) {
    philoxBlock(<u32>b, <u32>(b >>> 32), streamLo, streamHi, k0, k1, dst + (<usize>j << 4));
    b++;
  }
}
