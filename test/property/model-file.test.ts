/**
 * Fuzzing model files (headtune theory/fit --model): each text is read, and when accepted its population,
 * its min-norm theory at a sample size n, and a head fitted on a sample of n are checked against the
 * invariants; otherwise the outcome must be a documented HeadtuneError.
 */
import fc from "fast-check";
import { describe } from "vitest";
import { conditionalBiasVariance, fitMinNorm, modelFromJson, oracleRisk, population, populationTheory, RandomStream, sampleMarginal } from "../../src/index.js";
import { chainStep } from "../../src/context-length.js";
import { modelCases } from "./generators/model.js";
import { expectFinite, fuzzSurface, outcomeOf, refusedT, shortT } from "./harness.js";

describe("model files", () => {
  fuzzSurface(
    "model-file",
    fc.record({ text: modelCases, n: fc.integer({ min: 1, max: 14 }), seed: fc.nat() }),
    async ({ text, n, seed }) => {
      let checks = (): void => undefined;
      let long = false;
      const outcome = await outcomeOf(() => {
        const model = modelFromJson(text, "m.json");
        // S_T takes T steps of 4 d^3: population refuses a T past the context limit at once; one within it but
        // past RUN_WORK (seconds) is read, not run.
        const step = chainStep(model.d);
        long = !refusedT(model.T, step) && !shortT(model.T, step);
        if (long) return;
        const pop = population(model);
        const theory = populationTheory(pop, n);
        const { X, Y } = sampleMarginal(pop, n, new RandomStream(seed, pop.Sx.rows, 1));
        const risk = oracleRisk(pop, fitMinNorm(X, Y).B);
        const { biasX, varX } = conditionalBiasVariance(pop, X);
        checks = () => {
          const p = pop.Sx.rows;
          for (const [what, v] of [["noise", pop.noise], ["theory bias", theory.bias], ["biasX", biasX], ["oracle risk", risk]] as const) {
            expectFinite(what, v);
            if (!(v >= 0)) throw new Error(`${what} = ${v} < 0`);
          }
          if (!(risk >= pop.noise)) throw new Error(`oracle risk ${risk} below the noise ${pop.noise}`);
          if (!(varX >= 0)) throw new Error(`varX = ${varX}`);
          // Infinity only at the interpolation peak, rank(Sx) = n, which needs p >= n.
          if (!(theory.variance >= 0) || (theory.variance === Infinity && p < n)) throw new Error(`theory variance ${theory.variance} at p = ${p}, n = ${n}`);
          if (!(theory.risk >= pop.noise)) throw new Error(`theory risk ${theory.risk} below the noise ${pop.noise}`);
        };
      });
      if (outcome !== "ok") return outcome;
      if (long) return "ok (read only: T's steps too long to run here)";
      checks();
      return outcome;
    },
    { seed: 23, sample: 300, caseLimitMs: 5_000 },
  );
});
