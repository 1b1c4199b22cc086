import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { RandomStream } from "../../src/rng/stream.js";
import { validateTokenSpec } from "../../src/tokens/spec.js";
import { drawTokenWorld } from "../../src/tokens/world.js";
import { spec } from "./world.fixture.js";

const EPS = Number.EPSILON;

describe("drawTokenWorld", () => {
  it.each([
    { rho: 0.8, aTr: 1 },
    { rho: 0.99, aTr: 0.05 },
    { rho: 0, aTr: Infinity },
  ])("gives stochastic P and E and pi P = pi (%o)", ({ rho, aTr }) => {
    const w = drawTokenWorld(spec({ rho, aTr }), 3, 0);
    const { H, V } = w.spec;
    for (let i = 0; i < H; i++) {
      let sp = 0;
      let se = 0;
      for (let j = 0; j < H; j++) sp += w.P.data[i * H + j]!;
      for (let o = 0; o < V; o++) se += w.E.data[i * V + o]!;
      // a row of K entries in [0, 1] summed in f64: |sum - 1| <= K eps
      expect(Math.abs(sp - 1)).toBeLessThanOrEqual(H * EPS);
      expect(Math.abs(se - 1)).toBeLessThanOrEqual(V * EPS);
    }
    expect(Math.min(...w.P.data, ...w.E.data, ...w.pi)).toBeGreaterThanOrEqual(0);
    // GEPP is backward stable: the residual of pi (I - P) is a small multiple of H eps (entries of P and pi <= 1).
    let worst = 0;
    let total = 0;
    for (let j = 0; j < H; j++) {
      let s = 0;
      for (let h = 0; h < H; h++) s += w.pi[h]! * w.P.data[h * H + j]!;
      worst = Math.max(worst, Math.abs(s - w.pi[j]!));
      total += w.pi[j]!;
    }
    expect(worst).toBeLessThanOrEqual(10 * H * EPS);
    expect(Math.abs(total - 1)).toBeLessThanOrEqual(H * EPS);
  });

  it("depends only on (seed, key)", () => {
    const a = drawTokenWorld(spec(), 5, 0);
    const b = drawTokenWorld(spec(), 5, 0);
    const c = drawTokenWorld(spec(), 5, 1);
    expect(b.P.data).toEqual(a.P.data);
    expect(b.E.data).toEqual(a.E.data);
    expect(b.Vlab.data).toEqual(a.Vlab.data);
    expect(c.E.data).not.toEqual(a.E.data);
  });

  it.each([
    ["H", { H: 1 }],
    ["V", { V: 1 }],
    ["T", { T: 0 }],
    ["k", { k: 0 }],
    ["rho", { rho: 1 }],
    ["rho", { rho: -0.1 }],
    ["rho", { rho: NaN }],
    ["beta", { beta: 0 }],
    ["beta", { beta: -1 }],
    ["beta", { beta: Infinity }],
    ["aTr", { aTr: 0 }],
    ["sU", { sU: -1 }],
    ["sY", { sY: NaN }],
  ] as const)("refuses a bad %s with a one-line ArgumentError naming it", (name, bad) => {
    const f = (): void => validateTokenSpec(spec(bad));
    expect(f).toThrow(ArgumentError);
    try {
      f();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg.startsWith(name)).toBe(true);
      expect(msg).toContain("Value:");
      expect(msg).not.toContain("\n");
    }
  });
});

describe("RandomStream.dirichlet", () => {
  // Dirichlet(a 1_K): E w_j = 1/K, Var w_j = (K - 1) / (K^2 (K a + 1)). With N rows the mean of each coordinate is
  // within 5 se = 5 sqrt(Var / N) of 1/K, and the mean of w_j^2 within 5 of its own empirical se of E[w^2] = Var + 1/K^2.
  it.each([0.1, 0.7, 1, 2.5])("has the Dirichlet(%f) mean and variance", (a) => {
    const K = 5;
    const N = 20000;
    const D = new RandomStream(11, 0, 9).dirichlet(N, K, a);
    const variance = (K - 1) / (K * K * (K * a + 1));
    for (let j = 0; j < K; j++) {
      let m = 0;
      let m2 = 0;
      let m4 = 0;
      for (let i = 0; i < N; i++) {
        const w = D.data[i * K + j]!;
        m += w;
        m2 += w * w;
        m4 += w ** 4;
      }
      m /= N;
      m2 /= N;
      m4 /= N;
      expect(Math.abs(m - 1 / K)).toBeLessThanOrEqual(5 * Math.sqrt(variance / N));
      expect(Math.abs(m2 - (variance + 1 / (K * K)))).toBeLessThanOrEqual(5 * Math.sqrt((m4 - m2 * m2) / N));
    }
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < K; j++) s += D.data[i * K + j]!;
      expect(Math.abs(s - 1)).toBeLessThanOrEqual(K * EPS);
    }
  });

  it("refuses a non-positive concentration", () => {
    expect(() => new RandomStream(1).dirichlet(2, 3, 0)).toThrow(/^a must be a finite number > 0\. Value: 0\.$/);
  });
});
