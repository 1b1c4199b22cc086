import { logPositive } from "../rng/log";
import { philoxBlock, philoxBlocks } from "../rng/philox";
import { philox4x32, rngInit, rngNormal, rngUniform } from "../rng/stream";

const CTR = memory.data(16);
const KEY = memory.data(16);
const OUT = memory.data(16);
const BLOCKS = memory.data(32 * 16);
const ONE = memory.data(16);
const STATE_A = memory.data(64);
const STATE_B = memory.data(64);
const DRAWS_A = memory.data(1000 * 8);
const DRAWS_B = memory.data(1000 * 8);

/** philox4x32 of the counter and key words equals the expected words (Random123 tests/kat_vectors). */
function kat(c0: u32, c1: u32, c2: u32, c3: u32, k0: u32, k1: u32, r0: u32, r1: u32, r2: u32, r3: u32): bool {
  store<u32>(CTR, c0, 0);
  store<u32>(CTR, c1, 4);
  store<u32>(CTR, c2, 8);
  store<u32>(CTR, c3, 12);
  store<u32>(KEY, k0, 0);
  store<u32>(KEY, k1, 4);
  philox4x32(CTR, KEY, OUT);
  return load<u32>(OUT, 0) == r0 && load<u32>(OUT, 4) == r1 && load<u32>(OUT, 8) == r2 && load<u32>(OUT, 12) == r3;
}

/** The first block j < nb where philoxBlocks (SIMD, from block `first`) differs from philoxBlock, or -1. */
function firstSimdMismatch(nb: i32, first: u64): i32 {
  philoxBlocks(BLOCKS, nb, first, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0);
  for (let j = 0; j < nb; j++) {
    const b = first + <u64>j;
    philoxBlock(<u32>b, <u32>(b >>> 32), 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, ONE);
    for (let w = 0; w < 4; w++) {
      if (load<u32>(BLOCKS + (<usize>j << 4) + (<usize>w << 2)) != load<u32>(ONE + (<usize>w << 2))) return j;
    }
  }
  return -1;
}

/** Fills DRAWS_A in one call and DRAWS_B in calls of the given sizes; returns the first differing index or -1. */
function firstChunkMismatch(normal: bool, sizes: i32[]): i32 {
  rngInit(STATE_A, 7, 1, 2, 3);
  rngInit(STATE_B, 7, 1, 2, 3);
  let total = 0;
  for (let c = 0; c < sizes.length; c++) total += sizes[c];
  if (normal) rngNormal(STATE_A, DRAWS_A, total);
  else rngUniform(STATE_A, DRAWS_A, total);
  let at = 0;
  for (let c = 0; c < sizes.length; c++) {
    if (normal) rngNormal(STATE_B, DRAWS_B + (<usize>at << 3), sizes[c]);
    else rngUniform(STATE_B, DRAWS_B + (<usize>at << 3), sizes[c]);
    at += sizes[c];
  }
  for (let i = 0; i < total; i++) {
    if (reinterpret<u64>(load<f64>(DRAWS_A + (<usize>i << 3))) != reinterpret<u64>(load<f64>(DRAWS_B + (<usize>i << 3)))) return i;
  }
  for (let w = 0; w < 16; w++) if (load<u32>(STATE_A + (<usize>w << 2)) != load<u32>(STATE_B + (<usize>w << 2))) return total + w;
  return -1;
}

describe("philox4x32-10", () => {
  it("matches the Random123 known-answer vectors", () => {
    expect(kat(0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8)).toBe(true);
    expect(kat(
      0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff,
      0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd,
    )).toBe(true);
    expect(kat(
      0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0,
      0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1,
    )).toBe(true);
  });

  it("computes the same blocks in SIMD as one at a time, for every count and across a carry into word 1", () => {
    for (let nb = 0; nb <= 19; nb++) {
      expect(firstSimdMismatch(nb, 0)).toBe(-1);
      expect(firstSimdMismatch(nb, 0xfffffffa)).toBe(-1);
    }
    expect(firstSimdMismatch(32, 0xfffffffffffffff0)).toBe(-1);
  });
});

describe("logPositive", () => {
  it("is exact where the answer is a multiple of ln 2 and within 1 ulp of the standard library elsewhere", () => {
    expect(logPositive(1.0)).toBe(0.0);
    expect(logPositive(2.0)).toBe(0.6931471805599453);
    expect(logPositive(0.5)).toBe(-0.6931471805599453);
    // -53 ln 2 = -36.7368005696771 (fdlibm: k ln2_hi exactly, plus k ln2_lo).
    expect(logPositive(1.1102230246251565e-16)).toBe(-36.7368005696771);
    let x = 1e-300;
    let worst: f64 = 0;
    for (let i = 0; i < 4000; i++) {
      const a = logPositive(x);
      const b = Math.log(x);
      worst = max(worst, abs(a - b) / (abs(b) * f64.EPSILON));
      x *= 1.1892071150027210667; // 2^(1/4) with rounding: 4000 steps sweep 1e-300 .. 10 through many mantissas
    }
    expect(worst).toBeLessThanOrEqual(1.0);
  });
});

describe("random stream kernel", () => {
  it("gives the same numbers and state whether a request is made at once or in pieces", () => {
    expect(firstChunkMismatch(true, [1, 7, 992])).toBe(-1);
    expect(firstChunkMismatch(false, [1, 7, 992])).toBe(-1);
    expect(firstChunkMismatch(true, [0, 3, 1, 1, 600, 395])).toBe(-1);
    expect(firstChunkMismatch(false, [513, 0, 2, 485])).toBe(-1);
  });

  it("draws uniforms in [0, 1) on the 2^-53 grid", () => {
    rngInit(STATE_A, 1, 0, 0, 0);
    rngUniform(STATE_A, DRAWS_A, 1000);
    let ok = true;
    for (let i = 0; i < 1000; i++) {
      const u = load<f64>(DRAWS_A + (<usize>i << 3));
      const scaled = u * 9007199254740992.0;
      ok = ok && u >= 0.0 && u < 1.0 && scaled == Math.floor(scaled);
    }
    expect(ok).toBe(true);
  });

  it("leaves the state unchanged when asked for no numbers", () => {
    rngInit(STATE_A, 5, 6, 7, 8);
    rngUniform(STATE_A, DRAWS_A, 3);
    memory.copy(STATE_B, STATE_A, 64);
    rngNormal(STATE_A, DRAWS_A, 0);
    rngUniform(STATE_A, DRAWS_A, -4);
    expect(memory.compare(STATE_A, STATE_B, 64)).toBe(0);
  });

  it("starts a stream at block 0 of counter (block, stream id) under key = seed", () => {
    rngInit(STATE_A, 0xa4093822, 0x299f31d0, 0x13198a2e, 0x03707344);
    rngUniform(STATE_A, DRAWS_A, 2);
    philoxBlock(0, 0, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, ONE);
    const w0 = <u64>load<u64>(ONE, 0);
    const w1 = <u64>load<u64>(ONE, 8);
    expect(load<f64>(DRAWS_A, 0)).toBe(<f64>(w0 >>> 11) * 1.1102230246251565e-16);
    expect(load<f64>(DRAWS_A, 8)).toBe(<f64>(w1 >>> 11) * 1.1102230246251565e-16);
    expect(load<u32>(STATE_A, 8)).toBe(1);
    expect(load<u32>(STATE_A, 24)).toBe(4);
  });
});
