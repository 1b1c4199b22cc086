/**
 * The numbers SPEC quotes for its reference settings, against the theory as implemented and a small
 * simulation (marginal sampler, 10 to 20 replicates, at sizes where the target of the comparison is exact
 * or its finite-n gap is far below the standard error). Paper preset (SPEC 7): per-output excess risk at
 * n = 200. Features scaling (end of SPEC 6, d = 20, n = 200): per-output risk (total / k, k = 20).
 */
import { describe, expect, it } from "vitest";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { type SizeContext } from "../../src/experiment/gaussian/size.js";
import { MODEL_PRESETS } from "../../src/hmm/presets.js";
import { meanSe } from "../hmm/moments.js";

function settings(preset: "paper" | "features"): ExperimentSettings {
  const { n, ...model } = MODEL_PRESETS[preset];
  return { ...model, n, nTest: 0, sampler: "marginal", seed: 1, fixedModel: true, heads: [{ kind: "minnorm" }] };
}

/** Per-output oracle excess risk of R replicates: mean and standard error. */
function simulate(s: ExperimentSettings, ctx: SizeContext, R: number): { mean: number; se: number } {
  const xs: number[] = [];
  for (let r = 0; r < R; r++) xs.push(runReplicate(s, ctx, r)[0]!.excess / ctx.k);
  return meanSe(xs);
}

/** Exact finite-n expected min-norm excess for p < n - 1 (SPEC 6): tr(Se) p / (n - p - 1), per output. */
function exactUnder(ctx: SizeContext, n: number): number {
  return (ctx.noise * ctx.p) / (n - ctx.p - 1) / ctx.k;
}

describe("paper preset (width scaling, n = 200): per-output excess risk", () => {
  const s = settings("paper");
  const quoted = [
    [0.1, 0.09],
    [0.8, 3.3],
    [1.25, 3.5],
    [2, 1.1],
    [5, 0.54],
  ] as const;
  const contexts = new Map<number, SizeContext>();
  const ctx = (g: number): SizeContext => {
    if (!contexts.has(g)) contexts.set(g, prepareSize(s, Math.round(g * 200)) as SizeContext);
    return contexts.get(g)!;
  };

  it.each(quoted)("theory at g = %f is within 5 percent of the quoted %f", (g, value) => {
    const c = ctx(g);
    expect(Math.abs(c.theory.excess / c.k - value) / value).toBeLessThanOrEqual(0.05);
  }, 30000);

  it.each([
    [0.1, 20],
    [0.8, 20],
  ])("simulation at g = %f (%i replicates) matches the exact finite-n expectation within 5 se", (g, R) => {
    const c = ctx(g);
    const { mean, se } = simulate(s, c, R);
    expect(Math.abs(mean - exactUnder(c, 200))).toBeLessThanOrEqual(5 * se);
  });

  it("simulation at g = 2 (10 replicates) matches the asymptotic theory within 5 se", () => {
    // At n = 200 the finite-n mean exceeds the asymptotic formula by 0.4% +- 0.15% (measured over 40
    // replicates): about 1 se of this 10-replicate mean (se ~0.35%), far inside the 5 se bound. Nearer the
    // peak the gap grows (+3.1% +- 0.45% at g = 1.25), which is why g = 1.25 is not tested this way.
    const c = ctx(2);
    const { mean, se } = simulate(s, c, 10);
    expect(Math.abs(mean - c.theory.excess / c.k)).toBeLessThanOrEqual(5 * se);
  });
});

describe("features scaling (d = 20, n = 200): per-output risk", () => {
  const s = settings("features");
  // p = 160: the theory gives 1.773 for this model (1.750 to 1.773 over six model draws in a numpy check),
  // 4.3% above the quoted "about 1.7": inside the 5% tolerance, but the SPEC's figure is low.
  it.each([
    [2, 1.17, "none"],
    [80, 0.75, "exact"],
    [160, 1.7, "none"],
    [1000, 0.36, "asymptotic"],
  ] as const)("theory at p = %i is within 5 percent of the quoted %f; simulation: %s", (p, value, sim) => {
    const c = prepareSize(s, p) as SizeContext;
    expect(Math.abs(c.theory.risk / c.k - value) / value).toBeLessThanOrEqual(0.05);
    if (sim === "none") return;
    // p = 80 (g = 0.4): against the exact finite-n expectation; p = 1000 (g = 5): against the asymptotic
    // formula, whose finite-n gap there is +0.3% +- 0.3% (measured), against an se of ~0.9%.
    const { mean, se } = simulate(s, c, 10);
    const target = sim === "exact" ? exactUnder(c, 200) : c.theory.excess / c.k;
    expect(Math.abs(mean - target)).toBeLessThanOrEqual(5 * se);
  }, 30000);
});
