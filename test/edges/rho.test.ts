/**
 * The transition's scale rho at its edges. rho = 0: A = 0, the target forgets the features (B* = 0,
 * Se = Sy = (sEps^2 + sY^2) I exactly). rho >= 1: the chain does not settle; the results stay exact for a
 * finite T and say so in warnings (population, CLI), and an S_t past the f64 range is a typed error naming t.
 */
import { describe, expect, it } from "vitest";
import { run as runFit } from "../../src/cli/commands/fit.js";
import { run as runModel } from "../../src/cli/commands/model.js";
import { run as runTheory } from "../../src/cli/commands/theory.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { A_KINDS } from "../../src/hmm/config.js";
import { drawModel, modelWarnings } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { identity } from "../../src/linalg/matrix.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS, maxAbsDiff } from "../helpers/matrices.js";
import { fakeIo, thrown } from "./support.js";

const settings: ExperimentSettings = {
  scaling: "width", d: 20, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.25, aKind: "orthogonal",
  n: 30, nTest: 20, sampler: "sequential", seed: 2, fixedModel: true,
  heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }],
};

describe("rho = 0", () => {
  it.each(A_KINDS)("A = 0 (%s kind): B* = 0, Se = Sy = (sEps^2 + sY^2) I exactly, theory bias 0, no warning", (aKind) => {
    const model = drawModel({ d: 6, p: 9, k: 6, T: 4, rho: 0, sEps: 0.5, sU: 1, sY: 0.25, aKind }, new RandomStream(1, 9, 0));
    expect(model.A.data.every((v) => v === 0)).toBe(true);
    const pop = population(model);
    expect(pop.Bstar.data.every((v) => v === 0)).toBe(true);
    // 0.5^2 + 0.25^2 = 0.3125 and 6 * 0.3125 = 1.875 are exact in f64.
    expect(pop.Se.data).toEqual(identity(6).data.map((v) => v * 0.3125));
    expect(pop.noise).toBe(1.875);
    expect(pop.warnings).toEqual([]);
  });

  it.each([10, 60])("a sweep task at rho = 0, p = %i: finite results, bias_X and the theory's bias are 0", (p) => {
    const s = { ...settings, rho: 0 };
    const ctx = prepareSize(s, p);
    expect(ctx.theory.bias).toBe(0);
    const [minnorm, ridge] = runReplicate(s, ctx, 0);
    expect(minnorm!.biasX).toBe(0);
    for (const v of [minnorm!.oracleRisk, minnorm!.varX, minnorm!.theoryRisk, ridge!.oracleRisk, ridge!.testRisk]) expect(Number.isFinite(v)).toBe(true);
  });
});

describe("rho >= 1: the chain does not settle", () => {
  it("modelWarnings: none below 1 or at rho = 1 without noise (S_t = I); one above 1, or at 1 with sEps > 0", () => {
    expect(modelWarnings({ rho: 0.99, sEps: 0.5, T: 5 })).toEqual([]);
    expect(modelWarnings({ rho: 1, sEps: 0, T: 5 })).toEqual([]);
    expect(modelWarnings({ rho: 1, sEps: 0.5, T: 5 })).toEqual([
      "rho = 1: the hidden chain z_{t+1} = z_t A + eps does not settle (A = rho Q or rho I has spectral radius rho), " +
        "so S_t = Cov(z_t) grows linearly in t (by sEps^2 per step): the population quantities and risks are exact for T = 5 but grow with T.",
    ]);
    expect(modelWarnings({ rho: 1.5, sEps: 0.5, T: 7 })[0]).toMatch(/^rho = 1\.5 > 1: .* grows like rho\^\(2t\): .* exact for T = 7 but grow with T\.$/);
  });

  it("rho = 1.5, diagonal A: S_T = s_T I with s_{t+1} = rho^2 s_t + sEps^2, growing with T, with the warning", () => {
    const rho = 1.5;
    const sEps = 0.5;
    let s = 1;
    let previousNoise = 0;
    for (let T = 1; T <= 8; T++) {
      const pop = population(drawModel({ d: 4, p: 6, k: 4, T, rho, sEps, sU: 1, sY: 0, aKind: "diagonal" }, new RandomStream(3, 6, 0)));
      // Each step multiplies by rho^2 and adds sEps^2: relative rounding <= 4 eps per step.
      expect(maxAbsDiff(pop.ST, { ...identity(4), data: identity(4).data.map((v) => v * s) }) / s).toBeLessThanOrEqual(4 * T * EPS);
      expect(pop.warnings).toHaveLength(1);
      expect(pop.noise).toBeGreaterThan(previousNoise);
      previousNoise = pop.noise;
      s = rho * rho * s + sEps * sEps;
    }
  });

  it("rho = 1.5 over T = 1000 steps: S_t leaves the f64 range, a typed error naming t, not a NonFiniteError on 'A'", () => {
    // s_t ~ 1.5^(2 (t - 1)) passes 1.8e308 at t - 1 = 709.78 / (2 ln 1.5) = 875.3: t = 877 (876 or 878 by rounding).
    const err = thrown(() => prepareSize({ ...settings, rho: 1.5, T: 1000, aKind: "diagonal" }, 4));
    expect(err.code).toBe("E_NON_FINITE");
    const match = /rho = 1\.5 >= 1: the hidden chain does not settle and S_t = Cov\(z_t\) leaves the f64 range at t = (\d+) \(T = 1000\)\. Use a smaller T, or rho < 1\.$/.exec(err.message);
    expect(match).not.toBeNull();
    expect(Math.abs(Number(match![1]) - 877)).toBeLessThanOrEqual(1);
    expect(err.message).toMatch(/^S_\d+.* overflows f64/);
  });

  it("with rho < 1 a huge sEps overflows S_t too, and the message names A and sEps instead", () => {
    const err = thrown(() => population(drawModel({ d: 3, p: 3, k: 3, T: 3, rho: 0.5, sEps: 1e155, sU: 1, sY: 0, aKind: "diagonal" }, new RandomStream(1))));
    expect(err.code).toBe("E_NON_FINITE");
    expect(err.message).toMatch(/The hidden state is too large at t = 2 \(T = 3\): largest \|A_ij\| = 0\.5, sEps = 1e\+155\. Scale A or sEps down, or use a smaller T\.$/);
  });

  it("a sweep task at rho = 1.2 gives finite results", () => {
    const s = { ...settings, rho: 1.2 };
    const ctx = prepareSize(s, 12);
    expect(ctx.warnings[0]).toMatch(/^rho = 1\.2 > 1/);
    for (const r of runReplicate(s, ctx, 0)) for (const v of [r.oracleRisk, r.testRisk, r.excess, r.noise]) expect(Number.isFinite(v)).toBe(true);
  });

  it("the CLI says so: model (text), theory and fit (text and JSON)", async () => {
    const model = fakeIo();
    await runModel(["--p", "4", "--rho", "1.2"], model);
    expect(model.out.join("")).toMatch(/\nwarning: rho = 1\.2 > 1: the hidden chain .* exact for T = 5 but grow with T\.\n$/);
    const theory = fakeIo();
    await runTheory(["--p", "4", "--rho", "1.2", "--json"], theory);
    expect(JSON.parse(theory.out.join("")).warnings[0]).toMatch(/^rho = 1\.2 > 1/);
    const theoryText = fakeIo();
    await runTheory(["--p", "4", "--rho", "1.2"], theoryText);
    expect(theoryText.out.join("")).toMatch(/\nwarning: rho = 1\.2 > 1/);
    const fit = fakeIo();
    await runFit(["--p", "4", "--n", "10", "--rho", "1.2", "--json"], fit);
    expect(JSON.parse(fit.out.join("")).warnings[0]).toMatch(/^rho = 1\.2 > 1/);
    const quiet = fakeIo();
    await runTheory(["--p", "4", "--json"], quiet);
    expect(JSON.parse(quiet.out.join("")).warnings).toEqual([]);
  });
});
