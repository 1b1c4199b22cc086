import { describe, expect, it } from "vitest";
import type { ReplicateResult } from "../../src/experiment/world.js";
import { decodeLine, encodeLine } from "../../src/io/jsonl.js";
import { summarize } from "../../src/sweep/aggregate.js";
import { packRecords, unpackRecords } from "../../src/worker/pack.js";

/** Doubles that stress exact round trips: extremes, subnormals, signed zeros, non-finite, and awkward decimals. */
const AWKWARD = [0.1, 1 / 3, -0, 0, 5e-324, 2.2250738585072014e-308, Number.MAX_VALUE, -1e-300, NaN, Infinity, -Infinity, 123456789.12345679];

function record(p: number, replicate: number, head: string, value: number): ReplicateResult {
  return {
    head,
    p,
    replicate,
    k: p,
    path: "primal-cholesky",
    oracleRisk: 2 + value,
    testRisk: 2.5 + value,
    excess: value,
    biasX: 0,
    varX: value,
    noise: 2,
    theoryBias: 0,
    theoryVariance: 0.75,
    theoryExcess: 0.75,
    theoryRisk: 2.75,
    theoryRiskSe: 0,
    gramMin: NaN,
    gaussianGramMin: NaN,
    statesNeverTop: NaN,
    lambda: 0,
  };
}

describe("packRecords / unpackRecords", () => {
  it("round-trips records: same fields in the same order, same numbers (NaN, -0, subnormals), same strings", () => {
    const records = AWKWARD.map((v, i) => ({ ...record(10, i, i % 2 ? "minnorm" : "ridge(0.1)", v), noise: v }));
    const packed = packRecords(records);
    expect(packed.values).toBeInstanceOf(Float64Array);
    expect(packed.values.length).toBe(records.length * 18);
    const back = unpackRecords(packed);
    expect(back).toEqual(records);
    back.forEach((r, i) => {
      expect(Object.keys(r)).toEqual(Object.keys(records[i]!));
      expect(Object.is(r.noise, records[i]!.noise)).toBe(true);
    });
  });

  it("packs an empty task", () => {
    expect(unpackRecords(packRecords([]))).toEqual([]);
  });

  it("refuses records whose fields differ (an internal fault)", () => {
    const odd = { ...record(1, 0, "minnorm", 1), path: 3 } as unknown as ReplicateResult;
    expect(() => packRecords([record(1, 0, "minnorm", 1), odd])).toThrow(TypeError);
  });
});

describe("encodeLine / decodeLine", () => {
  it("keeps every double exactly, including NaN, +-Infinity and -0", () => {
    const value = { xs: AWKWARD, nested: { a: -0, b: [NaN] } };
    const line = encodeLine(value);
    expect(line).not.toContain("\n");
    const back = decodeLine(line) as typeof value;
    back.xs.forEach((x, i) => expect(Object.is(x, AWKWARD[i])).toBe(true));
    expect(Object.is(back.nested.a, -0)).toBe(true);
    expect(back.nested.b[0]).toBeNaN();
  });

  it("keeps random doubles exactly (shortest round-trip decimals)", () => {
    const bits = new BigUint64Array(1000);
    let s = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < bits.length; i++) {
      // splitmix64: arbitrary bit patterns, so every exponent and mantissa shape appears.
      s = (s + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
      let z = s;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
      bits[i] = z ^ (z >> 31n);
    }
    const xs = Array.from(new Float64Array(bits.buffer)).filter((x) => !Number.isNaN(x));
    const back = decodeLine(encodeLine(xs)) as number[];
    back.forEach((x, i) => expect(Object.is(x, xs[i])).toBe(true));
  });
});

describe("summarize", () => {
  it("gives mean and sd/sqrt(R) per (head, p), heads in order of appearance, p ascending", () => {
    // Replicate excesses 1, 2, 3, 6: mean 3, sample variance ((-2)^2 + 1 + 0 + 9) / 3 = 14/3, se = sqrt(14/3) / 2.
    const tasks = [6, 2, 3, 1].map((v, r) => [record(20, r, "minnorm", v), record(20, r, "ridge(1)", v / 2)]);
    tasks.push([record(10, 0, "minnorm", 4), record(10, 0, "ridge(1)", 4)]);
    // Tasks in reverse order; within a task the records keep the heads' order (runReplicate's order).
    const rows = summarize(tasks.reverse().flat(), 40);
    expect(rows.map((row) => [row.head, row.p])).toEqual([
      ["minnorm", 10],
      ["minnorm", 20],
      ["ridge(1)", 10],
      ["ridge(1)", 20],
    ]);
    const row = rows[1]!;
    expect(row).toMatchObject({ head: "minnorm", p: 20, gamma: 0.5, replicates: 4, k: 20, excess_mean: 3, noise: 2 });
    expect(row.excess_se).toBeCloseTo(Math.sqrt(14 / 3) / 2, 14);
    expect(row.risk_mean).toBe(5);
    expect(row.variance_mean).toBe(3);
    expect(row.test_risk_se).toBeCloseTo(row.excess_se, 14);
    expect([row.theory_bias, row.theory_variance, row.theory_excess, row.theory_risk]).toEqual([0, 0.75, 0.75, 2.75]);
    // The finite-n theory at n = 40, p = 20 (SPEC 6): bias 0, E[variance] = tr(Se) p / (n - p - 1) = 2 * 20 / 19.
    expect([row.theory_finite_bias, row.theory_finite_variance, row.theory_finite_excess, row.theory_finite_risk]).toEqual([0, 40 / 19, 40 / 19, 2 + 40 / 19]);
    // Ridge has no finite-n form here: its columns repeat the limit.
    const ridge = rows[3]!;
    expect([ridge.theory_finite_bias, ridge.theory_finite_variance, ridge.theory_finite_excess, ridge.theory_finite_risk]).toEqual([
      ridge.theory_bias,
      ridge.theory_variance,
      ridge.theory_excess,
      ridge.theory_risk,
    ]);
  });

  it("returns an equal value itself (no rounding of a sum), se 0, and se NaN for one replicate or non-finite values", () => {
    const v = 0.1 + 0.2;
    const rows = summarize([0, 1, 2].map((r) => ({ ...record(5, r, "minnorm", v), theoryExcess: Infinity })), 10);
    expect(rows[0]!.excess_mean).toBe(v);
    expect(rows[0]!.excess_se).toBe(0);
    expect(rows[0]!.theory_excess).toBe(Infinity);
    const one = summarize([record(5, 0, "minnorm", v)], 10)[0]!;
    expect(one.excess_mean).toBe(v);
    expect(one.excess_se).toBeNaN();
  });

  it("does not depend on the order of the records", () => {
    const records = [0.3, 1.7, 2.9, 0.01, 5.5].map((v, r) => record(8, r, "minnorm", v));
    expect(summarize([...records].reverse(), 16)).toEqual(summarize(records, 16));
  });
});
