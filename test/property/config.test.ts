/**
 * Fuzzing the sweep configuration and the theory map built on it. A configuration is parsed, its sizes
 * resolved, and, when small, one replicate of its smallest and largest size run; a map picks an axis (or
 * a bogus one) and a range (or a bad one) over a small configuration and computes every cell's theory.
 * Outcomes: a result satisfying the invariants (test/property/invariants.ts) or a documented HeadtuneError.
 */
import fc from "fast-check";
import { describe } from "vitest";
import {
  axisValues,
  configAt,
  experimentSettings,
  MAP_AXES,
  parseSweepConfig,
  prepareSize,
  resolveSizes,
  runReplicate,
  theoryMap,
  type MapCell,
  type ReplicateResult,
  type SweepConfig,
} from "../../src/index.js";
import { configCases, smallConfig } from "./generators/config.js";
import { badValue } from "./generators/values.js";
import { fuzzSurface, outcomeOf } from "./harness.js";
import { checkCells, checkReplicate } from "./invariants.js";

/** Small enough to run a replicate here in milliseconds (the generator's valid configurations are). */
function runnable(config: SweepConfig, sizes: number[]): boolean {
  const d = Math.max(config.d, (config.alpha ?? 1) * Math.max(...sizes));
  return config.n <= 64 && config.nTest <= 200 && config.T <= 64 && d <= 80 && Math.max(...sizes) <= 64;
}

describe("sweep configurations", () => {
  fuzzSurface(
    "config",
    configCases,
    async (input) => {
      const records: ReplicateResult[] = [];
      let config: SweepConfig | undefined;
      let ran = false;
      const outcome = await outcomeOf(() => {
        config = parseSweepConfig(input);
        const { sizes } = resolveSizes(config);
        if (!runnable(config, sizes)) return;
        const settings = experimentSettings(config);
        for (const p of new Set([sizes[0]!, sizes[sizes.length - 1]!])) records.push(...runReplicate(settings, prepareSize(settings, p), 0));
        ran = true;
      });
      if (outcome !== "ok") return outcome;
      checkReplicate(records, config!.n, config!.nTest);
      return ran ? "ok (one replicate run)" : "ok (parsed only: too large to run here)";
    },
    { seed: 21, sample: 300, caseLimitMs: 5_000 },
  );
});

describe("theory maps", () => {
  const axis = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...MAP_AXES) }, { weight: 1, arbitrary: fc.constantFrom("p", "gamma", "", "rho ", "__proto__") });
  const bound = fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 3, noNaN: true }) }, { weight: 1, arbitrary: badValue.filter((v) => typeof v === "number") as fc.Arbitrary<number> });
  const cases = fc.record({
    config: smallConfig.map((c) => ({ ...c, grid: { p: c.grid && "p" in c.grid ? c.grid.p : [1, 20] } })),
    axis,
    from: bound,
    to: bound,
    steps: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, -1, 1.5, NaN, 2 ** 53)),
    log: fc.boolean(),
  });
  fuzzSurface(
    "map",
    cases,
    async ({ config, axis, from, to, steps, log }) => {
      let cells: MapCell[] = [];
      const outcome = await outcomeOf(() => {
        const values = axisValues(from, to, steps, log);
        // The hidden size and T stay small, so that each cell is cheap (a cell is O(d): seconds at d = 10^6).
        if ((["d", "T", "n"].includes(axis) && values.some((v) => v > 64)) || (axis === "alpha" && values.some((v) => v > 4))) return;
        for (const v of values) parseSweepConfig(configAt(config, axis as never, v));
        cells = theoryMap(config, axis as never, values);
      });
      if (outcome !== "ok") return outcome;
      checkCells(cells);
      return "ok";
    },
    { seed: 22, sample: 200, caseLimitMs: 5_000 },
  );
});
