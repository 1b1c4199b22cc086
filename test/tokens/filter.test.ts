import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { fromRows, matrix } from "../../src/linalg/matrix.js";
import { refAliasDraw, refAliasTable, refForwardFilter, refSampleTokens } from "../../src/ref/tokens.js";
import { RandomStream } from "../../src/rng/stream.js";
import { forwardFilter, sampleFiltered } from "../../src/tokens/filter.js";
import type { TokenWorld } from "../../src/tokens/world.js";
import { smallWorld, spec } from "./world.fixture.js";

const EPS = Number.EPSILON;

/** Every string of length T over V tokens, row-major (string i writes i in base V, first token most significant). */
function allStrings(V: number, T: number): Int32Array {
  const n = V ** T;
  const out = new Int32Array(n * T);
  for (let i = 0; i < n; i++) for (let t = 0, r = i; t < T; t++, r = Math.floor(r / V)) out[i * T + T - 1 - t] = r % V;
  return out;
}

/** P(h_T = h, o_1..o_T) by summing over all H^T hidden paths. */
function bruteJoint(w: TokenWorld, o: ArrayLike<number>): Float64Array {
  const { H, V, T } = w.spec;
  const joint = new Float64Array(H);
  for (let path = 0; path < H ** T; path++) {
    const h: number[] = [];
    for (let t = 0, r = path; t < T; t++, r = Math.floor(r / H)) h.push(r % H);
    let p = w.pi[h[0]!]! * w.E.data[h[0]! * V + o[0]!]!;
    for (let t = 1; t < T; t++) p *= w.P.data[h[t - 1]! * H + h[t]!]! * w.E.data[h[t]! * V + o[t]!]!;
    joint[h[T - 1]!]! += p;
  }
  return joint;
}

describe("forward filter", () => {
  it("equals brute-force enumeration of hidden paths (H = 3, V = 2, T = 4), on the core and in the twin", () => {
    const w = smallWorld({ H: 3, V: 2, T: 4 });
    const { H, T } = w.spec;
    const tokens = allStrings(2, T);
    const alpha = forwardFilter(w, tokens);
    const ref = refForwardFilter(w, T, tokens);
    let total = 0;
    for (let i = 0; i < 2 ** T; i++) {
      const joint = bruteJoint(w, tokens.subarray(i * T, (i + 1) * T));
      const pr = joint.reduce((a, b) => a + b, 0);
      total += pr;
      // T steps of H-term sums and a division each: relative error below (H + 2) T eps per entry; 4x margin.
      expect(Math.abs(Math.log(pr) - ref.logLik[i]!)).toBeLessThanOrEqual(4 * (H + 2) * T * EPS);
      for (let h = 0; h < H; h++) {
        expect(Math.abs(alpha.data[i * H + h]! - joint[h]! / pr)).toBeLessThanOrEqual(4 * (H + 2) * T * EPS);
        expect(Math.abs(ref.alpha.data[i * H + h]! - joint[h]! / pr)).toBeLessThanOrEqual(4 * (H + 2) * T * EPS);
      }
    }
    expect(Math.abs(total - 1)).toBeLessThanOrEqual(2 ** T * EPS);
  });

  it.each([2, 3, 5, 17, 64])("matches the twin on sampled strings, H = %i (SIMD tails)", (H) => {
    const w = smallWorld({ H, V: 6, T: 7 }, 100 + H);
    const s = sampleFiltered(w, 37, new RandomStream(2, H, 1));
    const ref = refForwardFilter(w, 7, s.tokens);
    let worst = 0;
    for (let i = 0; i < s.alpha.data.length; i++) worst = Math.max(worst, Math.abs(s.alpha.data[i]! - ref.alpha.data[i]!));
    // both are within (H + 2) T eps of the exact posterior per step, entries in [0, 1]
    expect(worst).toBeLessThanOrEqual(4 * (H + 2) * 7 * EPS);
  });

  it("refuses tokens out of range and strings of probability zero", () => {
    const w = smallWorld({ H: 2, V: 2, T: 1 });
    expect(() => forwardFilter(w, Int32Array.of(2))).toThrow(ArgumentError);
    const dead: TokenWorld = { ...w, E: fromRows([[1, 0], [1, 0]]) };
    expect(() => forwardFilter(dead, Int32Array.of(1))).toThrow(/string 0 has probability zero/);
  });
});

describe("token sampler and alias tables", () => {
  it("draws the twin's tokens from the same uniforms", () => {
    const w = smallWorld({ H: 9, V: 5, T: 6 });
    const n = 300;
    const s = sampleFiltered(w, n, new RandomStream(4, 9, 1));
    const ref = refSampleTokens(w, 6, n, new RandomStream(4, 9, 1).uniform(n * 13));
    expect(s.tokens).toEqual(ref.tokens);
    expect(s.last).toEqual(ref.last);
  });

  it("gives categorical frequencies that pass a chi-square test", () => {
    // One state (H = 1 is below a spec's minimum, but the kernels take it), T = 1: the tokens are iid draws of E's row.
    const weights = [0.3, 0, 1e-3, 0.2, 0.15, 0.25, 0.099];
    const K = weights.length;
    const w1: TokenWorld = {
      spec: spec({ H: 1, V: K, T: 1 }),
      P: fromRows([[1]]),
      E: fromRows([weights]),
      pi: Float64Array.of(1),
      Vlab: matrix(1, 4),
      G: matrix(1, 4),
    };
    const N = 200000;
    const { tokens } = sampleFiltered(w1, N, new RandomStream(8, 1, 1));
    const counts = new Float64Array(K);
    for (const o of tokens) counts[o]!++;
    expect(counts[1]).toBe(0);
    let chi2 = 0;
    weights.forEach((p, j) => {
      if (p > 0) chi2 += (counts[j]! - N * p) ** 2 / (N * p);
    });
    // 5 degrees of freedom (6 cells of positive weight): P(chi2 > 25.74) = 1e-4.
    expect(chi2).toBeLessThan(25.74);
    // The twin's table gives the same draws on the same uniforms.
    const t = refAliasTable(weights);
    const u = new RandomStream(8, 1, 1).uniform(3 * N);
    for (let i = 0; i < 1000; i++) expect(tokens[i]).toBe(refAliasDraw(t, u[3 * i + 1]!));
  });
});
