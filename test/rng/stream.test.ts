import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { RefRandomStream, refPhilox4x32 } from "../../src/ref/rng.js";
import { RandomStream } from "../../src/rng/stream.js";
import { getCore } from "../../src/wasm/core.js";

/** Bitwise equality of two f64 arrays (distinguishes -0 and 0); the first differing index, or -1. */
function firstBitDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const ua = new Uint32Array(a.buffer, a.byteOffset, 2 * a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, 2 * b.length);
  for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return i >> 1;
  return -1;
}

function concat(parts: Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe("RandomStream against the plain-TypeScript reference", () => {
  it.each([
    [0, 0, 0],
    [20240601, 80, 3],
    [2 ** 53 - 1, 0xffffffff, 0xffffffff],
  ])("matches RefRandomStream(%d, %d, %d) bit for bit, with the same state", (seed, hi, lo) => {
    const wasm = new RandomStream(seed, hi, lo);
    const ref = new RefRandomStream(seed, hi, lo);
    expect(Array.from(wasm.state)).toEqual(Array.from(ref.state));
    // 60 000 normals meet about 900 wedge tests and 15 tail draws (P = 1.5% and 2.6e-4 per normal).
    expect(firstBitDifference(wasm.normal(60001), ref.normal(60001))).toBe(-1);
    expect(firstBitDifference(wasm.uniform(777), ref.uniform(777))).toBe(-1);
    expect(firstBitDifference(wasm.normal(3), ref.normal(3))).toBe(-1);
    expect(Array.from(wasm.state)).toEqual(Array.from(ref.state));
  });

  it("starts at block 0 of the counter (block, stream id) under the key seed (Random123 philox)", () => {
    const [seedLo, seedHi, hi, lo] = [0xa4093822, 0x1f31d0, 0x03707344, 0x13198a2e]; // seed < 2^53
    const block = refPhilox4x32([0, 0, lo, hi], [seedLo, seedHi]);
    const u = new RandomStream(seedHi * 2 ** 32 + seedLo, hi, lo).uniform(2);
    // Word pairs (w0, w1), (w2, w3) as u64 w0 + 2^32 w1; a uniform keeps its top 53 bits.
    expect(u[0]).toBe((block[1]! * 2 ** 21 + (block[0]! >>> 11)) * 2 ** -53);
    expect(u[1]).toBe((block[3]! * 2 ** 21 + (block[2]! >>> 11)) * 2 ** -53);
  });
});

describe("RandomStream reproducibility", () => {
  it("pins the first numbers of fixed streams", () => {
    const a = new RandomStream(42);
    expect(Array.from(a.uniform(3))).toEqual([0.4685865183391049, 0.34086154938517876, 0.32706338120338474]);
    expect(Array.from(a.normal(5))).toEqual([
      0.6426118319950493, 0.5748879035881757, -1.3227444512889581, 0.9799913719960519, -0.42397561268352885,
    ]);
    const b = new RandomStream(2 ** 53 - 1, 0xffffffff, 0xffffffff);
    expect(Array.from(b.normal(3))).toEqual([-0.13124802464143578, 0.9685541381246884, -0.4981368748887851]);
    expect(Array.from(b.state)).toEqual([
      4294967295, 2097151, 2, 0, 4294967295, 4294967295, 2, 0, 2345462269, 644374664, 4008444709, 2566461273, 0, 0, 0, 0,
    ]);
    const c = new RandomStream(20240601, 80, 3);
    c.normal(100000);
    expect(Array.from(c.normal(2))).toEqual([-1.1071342483079278, 1.5987941938169299]);
  });

  it.each<["normal" | "uniform", number[]]>([
    ["normal", [1, 7, 992]],
    ["uniform", [1, 7, 992]],
    ["normal", [0, 500, 1, 1, 1, 497]],
    ["uniform", [333, 0, 667]],
    ["normal", [40000, 1, 30000]], // crosses the friendly tier's 32768-element chunks
  ])("%s: draws made at once equal the same draws in pieces %j", (kind, sizes) => {
    const total = sizes.reduce((sum, n) => sum + n, 0);
    const whole = new RandomStream(5, 6, 7);
    const pieces = new RandomStream(5, 6, 7);
    const once = whole[kind](total);
    const split = concat(sizes.map((n) => pieces[kind](n)));
    expect(firstBitDifference(once, split)).toBe(-1);
    expect(Array.from(pieces.state)).toEqual(Array.from(whole.state));
  });

  it("mixes uniform and normal calls deterministically (each reads the stream's words in order)", () => {
    const run = (): Float64Array => {
      const s = new RandomStream(9, 1, 1);
      return concat([s.normal(3), s.uniform(1), s.normal(1), s.uniform(5), s.normal(1000), s.uniform(2)]);
    };
    expect(firstBitDifference(run(), run())).toBe(-1);
    // The reference reading the same words gives the same mixture.
    const ref = new RefRandomStream(9, 1, 1);
    const mixed = concat([ref.normal(3), ref.uniform(1), ref.normal(1), ref.uniform(5), ref.normal(1000), ref.uniform(2)]);
    expect(firstBitDifference(run(), mixed)).toBe(-1);
  });

  it("continues from copied state words alone, as a stream moved to another worker would", () => {
    const a = new RandomStream(77, 2, 3);
    a.normal(37);
    a.uniform(1);
    const b = new RandomStream(0);
    b.state.set(a.state);
    expect(firstBitDifference(b.normal(500), a.normal(500))).toBe(-1);
  });

  it("pointer tier writes the numbers the array tier returns, inside a caller's arena scope", () => {
    const { arena } = getCore();
    const viaPointer = new RandomStream(3, 4, 5);
    const viaArray = new RandomStream(3, 4, 5);
    arena.scope(() => {
      const n = 1001;
      const p = arena.alloc(n);
      const q = arena.alloc(n);
      viaPointer.fillNormal(p, n);
      viaPointer.fillUniform(q, 10);
      expect(firstBitDifference(arena.read(p, n), viaArray.normal(n))).toBe(-1);
      expect(firstBitDifference(arena.read(q, 10), viaArray.uniform(10))).toBe(-1);
      viaPointer.fillNormal(p, 0);
    });
    expect(Array.from(viaPointer.state)).toEqual(Array.from(viaArray.state));
  });

  it("the unchecked tier draws the same numbers as the checked one, in the same order", () => {
    const { arena } = getCore();
    const checked = new RandomStream(8, 9, 10);
    const unchecked = RandomStream.unchecked(8, 9, 10);
    expect(firstBitDifference(unchecked.normalUnchecked(37), checked.normal(37))).toBe(-1);
    expect(firstBitDifference(unchecked.normalMatrixUnchecked(3, 5, 0.5).data, checked.normalMatrix(3, 5, 0.5).data)).toBe(-1);
    arena.scope(() => {
      const p = arena.alloc(21);
      const q = arena.alloc(21);
      checked.fillNormal(p, 21);
      unchecked.fillNormalUnchecked(q, 21);
      expect(firstBitDifference(arena.read(q, 21), arena.read(p, 21))).toBe(-1);
      checked.fillUniform(p, 21);
      unchecked.fillUniformUnchecked(q, 21);
      expect(firstBitDifference(arena.read(q, 21), arena.read(p, 21))).toBe(-1);
    });
    expect(Array.from(unchecked.state)).toEqual(Array.from(checked.state));
    expect([unchecked.seed, unchecked.streamHi, unchecked.streamLo]).toEqual([8, 9, 10]);
  });

  it("normalMatrix fills rows in order and scales", () => {
    const m = new RandomStream(11).normalMatrix(3, 4, 2.5);
    const z = new RandomStream(11).normal(12);
    expect(m.rows).toBe(3);
    expect(m.cols).toBe(4);
    expect(Array.from(m.data)).toEqual(Array.from(z, (v) => v * 2.5));
    expect(new RandomStream(11).normalMatrix(0, 5).data.length).toBe(0);
  });

  it("zero-size requests return empty results and leave the state alone", () => {
    const s = new RandomStream(1);
    s.normal(1);
    const before = Array.from(s.state);
    expect(s.uniform(0).length).toBe(0);
    expect(s.normal(0).length).toBe(0);
    expect(Array.from(s.state)).toEqual(before);
  });
});

describe("RandomStream argument checks", () => {
  it.each([
    ["seed", () => new RandomStream(-1)],
    ["seed", () => new RandomStream(1.5)],
    ["seed", () => new RandomStream(2 ** 53)],
    ["seed", () => new RandomStream(Number.NaN)],
    ["streamHi", () => new RandomStream(1, -1)],
    ["streamHi", () => new RandomStream(1, 2 ** 32)],
    ["streamLo", () => new RandomStream(1, 0, 0.5)],
    ["streamLo", () => new RandomStream(1, 0, 2 ** 32)],
    ["n", () => new RandomStream(1).normal(-1)],
    ["n", () => new RandomStream(1).uniform(2.5)],
    ["rows", () => new RandomStream(1).normalMatrix(-2, 3)],
    ["cols", () => new RandomStream(1).normalMatrix(2, 0.5)],
    ["scale", () => new RandomStream(1).normalMatrix(2, 2, Number.POSITIVE_INFINITY)],
    ["n", () => new RandomStream(1).fillNormal(getCore().arena.base, -3)],
    ["ptr", () => new RandomStream(1).fillNormal(getCore().arena.base + 4, 1)],
    ["ptr", () => new RandomStream(1).fillUniform(0, 1)],
    ["ptr", () => new RandomStream(1).fillUniform(getCore().arena.mark(), 1)],
  ])("rejects a bad %s with an ArgumentError naming it", (name, call) => {
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(new RegExp(`^${name} must`));
  });
});
