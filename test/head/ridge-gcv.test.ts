import { describe, expect, it } from "vitest";
import { fitRidge } from "../../src/head/ridge.js";
import { gcvLambda, gcvScore, gramSpectrum } from "../../src/head/ridge-gcv.js";
import { identity, matrix } from "../../src/linalg/matrix.js";
import { matmul } from "../../src/linalg/matmul.js";
import { RandomStream } from "../../src/rng/stream.js";

/** GCV(lambda) formed directly: RSS = ||Y - X B||^2, tr H = tr(X (X^T X + n lambda I)^{-1} X^T). */
function directGcv(X: ReturnType<typeof matrix>, Y: ReturnType<typeof matrix>, lambda: number): number {
  const n = X.rows;
  const { B } = fitRidge(X, Y, lambda);
  const XB = matmul(X, B);
  let rss = 0;
  for (let i = 0; i < Y.data.length; i++) rss += (Y.data[i]! - XB.data[i]!) ** 2;
  const H = matmul(X, fitRidge(X, identity(n), lambda).B);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += H.data[i * n + i]!;
  return rss / n / (1 - trace / n) ** 2;
}

describe("GCV from the Gram's spectrum", () => {
  it.each([
    [40, 15],
    [40, 90],
  ])("n = %i, p = %i: equals GCV formed from the fitted ridge head", (n, p) => {
    const s = new RandomStream(5, n, p);
    const X = s.normalMatrix(n, p);
    const Y = s.normalMatrix(n, 3);
    const g = gramSpectrum(X, Y);
    expect(g.values.length).toBe(Math.min(n, p));
    for (const lambda of [1e-3, 0.05, 1, 30]) {
      // Both sides are O(n eps cond) accurate; cond(X^T X + n lambda I) <= 1e4 here: 1e-9 relative is ample.
      const direct = directGcv(X, Y, lambda);
      expect(Math.abs(gcvScore(g, n, lambda) - direct) / direct).toBeLessThan(1e-9);
    }
  });

  it("chooses a larger lambda when the targets are pure noise than when they are signal", () => {
    const n = 100;
    const p = 50;
    const s = new RandomStream(6, n, p);
    const X = s.normalMatrix(n, p);
    const noise = s.normalMatrix(n, 2);
    const Bstar = s.normalMatrix(p, 2, 1 / Math.sqrt(p));
    const XB = matmul(X, Bstar);
    const signal = matrix(n, 2, XB.data.map((v, i) => v + 0.05 * noise.data[i]!));
    // Pure noise: B = 0 is best, so GCV goes to the top of its grid; a clean signal wants little shrinkage.
    expect(gcvLambda(gramSpectrum(X, noise), n)).toBeGreaterThan(100 * gcvLambda(gramSpectrum(X, signal), n));
  });
});
