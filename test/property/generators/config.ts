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

/** A valid configuration whose every size is at most 40 and n at most 30 (a replicate runs in about a millisecond). */
export const smallConfig: fc.Arbitrary<SweepConfig> = fc.record(
  {
    preset: fc.constantFrom(...PRESET_NAMES),
    scaling: fc.constantFrom("width" as const, "features" as const, "linear" as const),
    d: fc.integer({ min: 0, max: 12 }),
    alpha: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 2, noNaN: true })),
    T: fc.integer({ min: 1, max: 8 }),
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

/** Valid configurations, their mutations, and anything at all. */
export const configCases: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: smallConfig },
  { weight: 6, arbitrary: mutations(smallConfig) },
  { weight: 1, arbitrary: fc.oneof(fc.jsonValue(), anyValue) },
);
