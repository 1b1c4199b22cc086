import { describe, expect, it } from "vitest";
import { factorGram } from "../../src/head/minnorm.js";
import { measureMinNorm } from "../../src/risk/minnorm-risks.js";
import { structuredMinNormRisks } from "../../src/tokens/risks.js";
import { tokenSizeModel } from "../../src/tokens/size.js";
import { drawTokenReplicate } from "../../src/tokens/size.js";

describe("structuredMinNormRisks", () => {
  it.each([30, 90])("equals the general Lx computation (p = %i, dual side at n = 40)", (p) => {
    const settings = { scaling: "features" as const, H: 12, V: 5, T: 4, k: 3, rho: 0.8, aTr: 1, beta: 0.3, sU: 0.4, sY: 0.5, seed: 3, n: 40, nTest: 30 };
    const size = tokenSizeModel(settings, p);
    const { train, test } = drawTokenReplicate(settings, size, 0);
    const pop = { Lx: size.Lx, F: size.population.F, sU: 0.4, Bstar: size.population.Bstar, noise: size.population.noise };
    const f = factorGram(train.X, 0);
    const a = structuredMinNormRisks(pop, f, train.Y, test);
    const b = measureMinNorm(pop, f, train.Y, test);
    // the same sums of products in another order, through K^+ (cond(K) ~ 1e3 here): 1e-10 relative
    for (const key of ["excess", "oracleRisk", "testRisk", "biasX", "varX"] as const) {
      expect(Math.abs(a[key] - b[key])).toBeLessThanOrEqual(1e-10 * Math.abs(b[key]));
    }
  });
});
