/**
 * n = p exactly: the interpolation peak (g = 1). The fit is a square solve with a finite answer; the
 * asymptotic theory diverges there and must say so with Infinity (JSON: null plus the "infinite" list),
 * never NaN.
 */
import { describe, expect, it } from "vitest";
import { run as runTheory } from "../../src/cli/commands/theory.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { drawModel } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { sampleSequential } from "../../src/hmm/sample.js";
import { refCholesky } from "../../src/ref/cholesky.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { refMatmul } from "../../src/ref/matmul.js";
import { refTriangularSolve } from "../../src/ref/triangular.js";
import type { Matrix } from "../../src/linalg/matrix.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, frobenius } from "../helpers/matrices.js";
import { fakeIo } from "./support.js";

const settings: ExperimentSettings = {
  scaling: "width", d: 20, T: 4, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.1, aKind: "orthogonal",
  n: 30, nTest: 40, sampler: "sequential", seed: 3, fixedModel: true,
  heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.5 }],
};

/** cond(X^T X) = l_max / l_min from the reference eigensolver. */
function gramCondition(X: Matrix): number {
  const { values } = refSymmetricEigen(refMatmul(X, X, { transA: true }));
  return values[values.length - 1]! / values[0]!;
}

describe("n = p exactly", () => {
  it("min-norm solves the square system X B = Y on the primal Cholesky path", () => {
    const s = new RandomStream(11, 40, 40);
    const X = s.normalMatrix(40, 40);
    const Y = s.normalMatrix(40, 3);
    const { B, path } = fitMinNorm(X, Y);
    expect(path).toBe("primal-cholesky");
    const XB = refMatmul(X, B);
    const residual = { ...Y, data: Y.data.map((v, i) => XB.data[i]! - v) };
    // Normal equations through a Gram of condition kappa: relative residual <= c kappa n eps, c = 10.
    expect(frobenius(residual) / frobenius(Y)).toBeLessThanOrEqual(10 * gramCondition(X) * 40 * EPS);
  });

  it("var_X = tr(Se) tr(Sx (X^T X)^{-1}) is finite and bias_X = 0 at n = p", () => {
    const p = 25;
    const model = drawModel({ d: 10, p, k: 10, T: 3, rho: 0.8, sEps: 0.5, sU: 0.7, sY: 0.2, aKind: "orthogonal" }, new RandomStream(5, p, 0));
    const pop = population(model);
    const { X } = sampleSequential(model, p, new RandomStream(5, p, 1));
    const { biasX, varX } = conditionalBiasVariance(pop, X);
    expect(biasX).toBe(0);
    // tr(Sx G^{-1}) = ||L^{-1} Lx||_F^2 with G = X^T X = L L^T (reference Cholesky and substitution).
    const G = refMatmul(X, X, { transA: true });
    const chol = refCholesky(G);
    if (!("L" in chol)) throw new Error("X^T X is not positive definite");
    const want = pop.noise * frobenius(refTriangularSolve(chol.L, pop.Lx)) ** 2;
    expect(Number.isFinite(varX)).toBe(true);
    // Both sides solve with G: relative error <= c cond(G) p eps, c = 10.
    expect(Math.abs(varX - want) / want).toBeLessThanOrEqual(10 * gramCondition(X) * p * EPS);
  });

  it("the theory is Infinity (never NaN) for variance, excess and risk", () => {
    const noisy = population(drawModel({ d: 30, p: 30, k: 30, T: 4, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 30, 0)));
    const t = populationTheory(noisy, 30);
    expect([t.gamma, t.bias, t.variance, t.excess, t.risk]).toEqual([1, 0, Infinity, Infinity, Infinity]);
    expect(Number.isFinite(t.noise)).toBe(true);
  });

  it.each(["sequential", "marginal", "spectral"] as const)("runReplicate at p = n (%s sampler): finite risks beside an Infinity theory", (sampler) => {
    const s = { ...settings, sampler };
    const [minnorm, ridge] = runReplicate(s, prepareSize(s, 30), 0);
    for (const v of [minnorm!.oracleRisk, minnorm!.testRisk, minnorm!.excess, minnorm!.biasX, minnorm!.varX, minnorm!.noise, ridge!.oracleRisk]) {
      expect(Number.isFinite(v)).toBe(true);
    }
    expect([minnorm!.theoryVariance, minnorm!.theoryExcess, minnorm!.theoryRisk]).toEqual([Infinity, Infinity, Infinity]);
    expect(minnorm!.theoryBias).toBe(0);
    // Ridge is regularized at g = 1: its theory (SPEC 9) stays finite.
    expect(Number.isFinite(ridge!.theoryExcess)).toBe(true);
    expect(ridge!.theoryExcess).toBeGreaterThan(0);
  });

  it("headtune theory --json prints the diverging parts as null and names them in \"infinite\"", async () => {
    const io = fakeIo();
    expect(await runTheory(["--p", "30", "--n", "30", "--json"], io)).toBe(0);
    const got = JSON.parse(io.out.join(""));
    expect([got.variance, got.excess, got.risk]).toEqual([null, null, null]);
    expect([got.perOutput.variance, got.perOutput.excess, got.perOutput.risk]).toEqual([null, null, null]);
    expect(got.bias).toBe(0);
    expect(got.infinite).toEqual(["variance", "excess", "risk"]);
    const away = fakeIo();
    await runTheory(["--p", "31", "--n", "30", "--json"], away);
    expect(JSON.parse(away.out.join("")).infinite).toEqual([]);
  });

  it("headtune theory's table says that the parts diverge at the interpolation peak", async () => {
    const io = fakeIo();
    await runTheory(["--p", "30", "--n", "30"], io);
    const text = io.out.join("");
    expect(text).toMatch(/variance\s+Infinity\s+Infinity/);
    expect(text).toMatch(/\(variance, excess, risk diverge: rank\(Sx\) = n, the interpolation peak\)/);
  });
});
