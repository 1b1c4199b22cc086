import { describe, expect, it } from "vitest";
import { refLog, refPhilox4x32 } from "../../src/ref/rng.js";
import { getCore } from "../../src/wasm/core.js";

const words = (hex: string): number[] => hex.split(" ").map((h) => parseInt(h, 16));

// Random123 tests/kat_vectors, "philox4x32 10" lines: counter words 0..3, key words 0..1, output words 0..3.
const KAT: [string, string, string][] = [
  ["00000000 00000000 00000000 00000000", "00000000 00000000", "6627e8d5 e169c58d bc57ac4c 9b00dbd8"],
  ["ffffffff ffffffff ffffffff ffffffff", "ffffffff ffffffff", "408f276d 41c83b0e a20bc7c6 6d5451fd"],
  ["243f6a88 85a308d3 13198a2e 03707344", "a4093822 299f31d0", "d16cfe09 94fdcceb 5001e420 24126ea1"],
];

function kernelPhilox(ctr: number[], key: number[]): number[] {
  const { exports, arena } = getCore();
  return arena.scope(() => {
    const c = arena.alloc(2);
    const k = arena.alloc(1);
    const out = arena.alloc(2);
    arena.u32.set(ctr, c / 4);
    arena.u32.set(key, k / 4);
    exports.philox4x32(c, k, out);
    return Array.from(arena.u32.subarray(out / 4, out / 4 + 4));
  });
}

describe.each([
  ["reference", (ctr: number[], key: number[]) => Array.from(refPhilox4x32(ctr, key))],
  ["kernel", kernelPhilox],
])("philox4x32-10 (%s)", (_name, philox) => {
  it.each(KAT)("maps counter %s, key %s to %s", (ctr, key, out) => {
    expect(philox(words(ctr), words(key))).toEqual(words(out));
  });
});

describe("refLog", () => {
  it("is fdlibm's log: equal, bit for bit, to V8's Math.log (an fdlibm port) over many binades", () => {
    // A fixed walk x_{i+1} = 1.0137 x_i from 2^-60 to about 2^18 (4000 points, many mantissas per binade).
    let x = 2 ** -60;
    const mismatches: number[] = [];
    for (let i = 0; i < 4000; i++) {
      if (!Object.is(refLog(x), Math.log(x))) mismatches.push(x);
      x *= 1.0137;
    }
    for (const v of [1, 2, 0.5, 2 ** -53, 1 - 2 ** -53, 1 + 2 ** -52, Math.SQRT2, Math.SQRT1_2]) {
      if (!Object.is(refLog(v), Math.log(v))) mismatches.push(v);
    }
    expect(mismatches).toEqual([]);
  });
});
