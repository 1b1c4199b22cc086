import { describe, expect, it } from "vitest";
import { RandomStream } from "../../src/rng/stream.js";
import { sampleFiltered } from "../../src/tokens/filter.js";
import { exactSAlpha, populationSAlpha, sampledSAlpha } from "../../src/tokens/salpha.js";
import { worldStream } from "../../src/tokens/streams.js";
import { drawTokenWorld } from "../../src/tokens/world.js";
import { smallWorld, spec } from "./world.fixture.js";

const EPS = Number.EPSILON;

describe("S_alpha", () => {
  it("exact: symmetric, row sums pi (E[alpha] = pi)", () => {
    const w = smallWorld();
    const { H, T } = w.spec;
    const S = exactSAlpha(w);
    // alpha 1 = 1, so S 1 = E[alpha^T] = pi^T: a sum over V^T weighted strings, each term within H T eps.
    const tol = 8 * H * T * EPS;
    for (let i = 0; i < H; i++) {
      let row = 0;
      for (let j = 0; j < H; j++) {
        row += S.data[i * H + j]!;
        expect(S.data[i * H + j]).toBe(S.data[j * H + i]);
      }
      expect(Math.abs(row - w.pi[i]!)).toBeLessThanOrEqual(tol);
    }
    expect(populationSAlpha(w, 1, 0).exact).toBe(true);
  });

  it("sampled: within 5 standard errors of the exact value, entry by entry, and the mean of its halves", () => {
    const w = smallWorld();
    const { H } = w.spec;
    const M = 9001; // past one 4096-string chunk in each half, and odd
    const est = sampledSAlpha(w, M, new RandomStream(3, 0, 77));
    const exact = exactSAlpha(w);
    // The same M strings, drawn at once from the same stream: per-entry sample variance of alpha_i alpha_j.
    const { alpha } = sampleFiltered(w, M, new RandomStream(3, 0, 77));
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < H; j++) {
        let m = 0;
        let m2 = 0;
        for (let r = 0; r < M; r++) {
          const v = alpha.data[r * H + i]! * alpha.data[r * H + j]!;
          m += v;
          m2 += v * v;
        }
        m /= M;
        const se = Math.sqrt((m2 / M - m * m) / (M - 1));
        // the kernel's sum (dsyrk, in chunks) and this one differ by rounding only: M eps relative
        expect(Math.abs(est.S.data[i * H + j]! - m)).toBeLessThanOrEqual(M * EPS * Math.abs(m) + 1e-300);
        expect(Math.abs(m - exact.data[i * H + j]!)).toBeLessThanOrEqual(5 * se);
        const half = Math.floor(M / 2);
        const mean = (half * est.halves[0].data[i * H + j]! + (M - half) * est.halves[1].data[i * H + j]!) / M;
        expect(Math.abs(mean - est.S.data[i * H + j]!)).toBeLessThanOrEqual(4 * EPS * Math.abs(mean));
      }
    }
  });

  it("samples from the world's population stream when V^T is past the enumeration limit", () => {
    const w = drawTokenWorld(spec({ H: 6, V: 32, T: 10 }), 1, 0);
    const a = populationSAlpha(w, 1, 0, 100);
    const b = sampledSAlpha(w, 100, worldStream(1, 0, "population"));
    expect(a.exact).toBe(false);
    expect(a.S.data).toEqual(b.S.data);
  });
});
