/**
 * Sweep configurations: valid ones small enough to run a replicate in a millisecond or so (every setting
 * spread over its range: rho up to 1.2, scales 2^[-40, 40], sU tiny, every head, sampler, scaling and aKind),
 * and the same mutated (bad values, unknown keys, removed fields, deep nesting).
 */
import fc from "fast-check";
import { PRESET_NAMES, type SweepConfig } from "../../../src/index.js";
import { anyValue, mutations } from "./values.js";

/** A positive scale spread over decades: 2^e for e in [lo, hi], times a uniform mantissa in [1, 2). */
export function scale(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.tuple(fc.integer({ min: lo, max: hi }), fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true })).map(([e, m]) => m * 2 ** e);
}

const heads = fc
  .subarray(["minnorm", "ridge", "ridge-opt", "ridge-gcv"] as const, { minLength: 1 })
  .chain((kinds) =>
    fc.tuple(...kinds.map((kind) => (kind === "ridge" ? scale(-20, 10).map((lambda) => ({ kind, lambda })) : fc.constant({ kind })))),
  );

/**
 * A context length over its whole valid range: mostly small, often 2^[0, 53) (past about 10^7 the steps of a
 * small task pass the context limit and are refused; between, they are accepted and too long to run here).
 */
export const contextLength: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 1001, 2 ** 53 - 1) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 52 }), fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true })).map(([e, m]) => Math.floor(m * 2 ** e)) },
);

/** A valid configuration whose every size is at most 40 and n at most 30 (a replicate runs in about a millisecond). */
export const smallConfig: fc.Arbitrary<SweepConfig> = fc.record(
  {
    preset: fc.constantFrom(...PRESET_NAMES),
    scaling: fc.constantFrom("width" as const, "features" as const, "linear" as const),
    d: fc.integer({ min: 0, max: 12 }),
    alpha: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    T: contextLength,
    rho: fc.oneof(fc.constantFrom(0, 0.999999, 1, 1.2), fc.double({ min: 0, max: 1.2, noNaN: true })),
    sEps: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    sU: fc.oneof(fc.constantFrom(0, 1e-8, 1e-150), scale(-40, 40), fc.double({ min: 0, max: 3, noNaN: true })),
    sY: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    aKind: fc.constantFrom("orthogonal" as const, "diagonal" as const, "gaussian" as const),
    n: fc.integer({ min: 1, max: 30 }),
    nTest: fc.integer({ min: 0, max: 40 }),
    sampler: fc.constantFrom("spectral" as const, "sequential" as const, "marginal" as const),
    seed: fc.nat(),
    fixedModel: fc.boolean(),
    heads,
    grid: fc.oneof(
      fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }).map((p) => ({ p })),
      fc.array(fc.double({ min: 0.02, max: 1.5, noNaN: true }), { minLength: 1, maxLength: 3 }).map((gamma) => ({ gamma })),
    ),
    replicates: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: ["scaling", "d", "T", "rho", "sEps", "sU", "sY", "aKind", "n", "nTest", "sampler", "seed", "fixedModel", "heads", "grid", "replicates"] },
);

/**
 * A valid token world's configuration (SPEC 10) of small sizes: H and V up to 12, k up to 4, rho in [0, 1)
 * (0 and 1 - 1e-6 included), aTr up to 2^20 (a configuration cannot hold its Infinity), beta and the noise scales over decades, mPop set or not,
 * every token scaling (posterior: the grid is p = H).
 */
export const tokenConfig: fc.Arbitrary<SweepConfig> = fc
  .record(
    {
      preset: fc.constantFrom(...PRESET_NAMES),
      scaling: fc.constantFrom("features" as const, "width" as const, "posterior" as const),
      H: fc.integer({ min: 2, max: 12 }),
      V: fc.integer({ min: 2, max: 12 }),
      T: contextLength,
      k: fc.integer({ min: 1, max: 4 }),
      rho: fc.oneof(fc.constantFrom(0, 0.999999), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
      aTr: scale(-20, 20),
      beta: scale(-20, 10),
      sU: fc.oneof(fc.constantFrom(0, 1e-150), scale(-40, 10)),
      sY: fc.oneof(fc.constant(0), scale(-40, 10)),
      mPop: fc.integer({ min: 2, max: 200 }),
      // The Gaussian world's fields, which the token world carries and ignores.
      d: fc.integer({ min: 0, max: 12 }),
      sEps: fc.double({ min: 0, max: 2, noNaN: true }),
      aKind: fc.constantFrom("orthogonal" as const, "diagonal" as const, "gaussian" as const),
      sampler: fc.constantFrom("spectral" as const, "sequential" as const, "marginal" as const),
      fixedModel: fc.boolean(),
      n: fc.integer({ min: 1, max: 30 }),
      nTest: fc.integer({ min: 0, max: 40 }),
      seed: fc.nat(),
      heads,
      grid: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }).map((p) => ({ p })),
      replicates: fc.integer({ min: 1, max: 3 }),
    },
    { requiredKeys: ["scaling", "H", "V", "T", "k", "rho", "aTr", "beta", "sU", "sY", "d", "sEps", "aKind", "sampler", "fixedModel", "n", "nTest", "seed", "heads", "grid", "replicates"] },
  )
  .map((c) => ({ ...c, world: "tokens" as const, ...(c.scaling === "posterior" ? { grid: { p: [c.H] } } : {}) }));

/** Valid configurations of either world, their mutations, and anything at all. */
export const configCases: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: smallConfig },
  { weight: 6, arbitrary: mutations(smallConfig) },
  { weight: 2, arbitrary: tokenConfig },
  { weight: 4, arbitrary: mutations(tokenConfig) },
  { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), anyValue) },
);
