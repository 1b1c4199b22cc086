/**
 * The spectral sampler (SPEC 8) runs the same experiment as the HMM run token by token, exact in law. With a
 * fresh model per replicate (fixedModel false) each replicate of either sampler is an independent draw of
 * (excess, bias_X, var_X, test risk) from the same joint law, so at every size and in both scalings the two
 * samples of 400 replicates must agree in mean (within 4 combined standard errors: a false alarm has
 * probability 6e-5 per comparison) and in distribution (two-sample Kolmogorov-Smirnov at level 0.001).
 * Sizes n = 30: g = 0.5, 0.9 (near the peak, heavy-tailed var_X), 1.5, 3.
 */
import { describe, expect, it } from "vitest";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { type ReplicateResult } from "../../src/experiment/world.js";
import { meanSe } from "../hmm/moments.js";
import { ksTwoSample, ksTwoSampleCritical } from "../rng/stats.js";

const REPLICATES = 400;
const N = 30;

const base: ExperimentSettings = {
  scaling: "width", d: 8, T: 3, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.3, aKind: "orthogonal",
  n: N, nTest: 40, sampler: "sequential", seed: 11, fixedModel: false, heads: [{ kind: "minnorm" }],
};

function replicates(settings: ExperimentSettings, p: number): ReplicateResult[] {
  const ctx = prepareSize(settings, p);
  return Array.from({ length: REPLICATES }, (_, r) => runReplicate(settings, ctx, r)[0]!);
}

const METRICS = ["excess", "biasX", "varX", "testRisk"] as const;

describe.each([
  ["width scaling (d = p)", { scaling: "width" }],
  ["features scaling (d = 8)", { scaling: "features" }],
] as const)("spectral against sequential, %s", (_label, change) => {
  it.each([15, 27, 45, 90])("p = %i: 400 replicates agree in mean and in distribution", (p) => {
    const settings = { ...base, ...change };
    const sequential = replicates(settings, p);
    const spectral = replicates({ ...settings, sampler: "spectral", seed: 12 }, p);
    const critical = ksTwoSampleCritical(0.001, REPLICATES, REPLICATES);
    for (const metric of METRICS) {
      const a = sequential.map((r) => r[metric]);
      const b = spectral.map((r) => r[metric]);
      const [x, y] = [meanSe(a), meanSe(b)];
      if (x.se === 0 && y.se === 0) {
        expect(y.mean, metric).toBe(x.mean);
        continue;
      }
      expect(Math.abs(x.mean - y.mean), `${metric}: ${x.mean} +- ${x.se} against ${y.mean} +- ${y.se}`).toBeLessThanOrEqual(
        4 * Math.hypot(x.se, y.se),
      );
      expect(ksTwoSample(a, b), `${metric}: KS`).toBeLessThanOrEqual(critical);
    }
  }, 60000);
});
