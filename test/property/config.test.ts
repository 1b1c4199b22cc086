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
  type ExperimentSettings,
  type SweepConfig,
} from "../../src/index.js";
import { taskContextStep } from "../../src/task-context.js";
import { hiddenSizeOf } from "../../src/experiment/settings.js";
import { taskWork } from "../../src/sweep/cost.js";
import { configCases, smallConfig } from "./generators/config.js";
import { badValue } from "./generators/values.js";
import { fuzzSurface, outcomeOf, refusedT, RUN_WORK, shortT } from "./harness.js";
import { checkCells, checkReplicate } from "./invariants.js";

/**
 * Size p is small enough to run a replicate here in milliseconds (taskWork and T's steps within RUN_WORK; the
 * generator's valid configurations are, unless their T is long), or has a T past the context limit, which
 * prepareSize refuses before anything runs.
 */
function runnable(settings: ExperimentSettings, p: number): boolean {
  const step = taskContextStep(settings, p);
  const small = settings.n <= 64 && settings.nTest <= 200 && hiddenSizeOf(settings, p) <= 80 && p <= 64;
  return refusedT(settings.T, step) || (small && shortT(settings.T, step) && taskWork(settings, p, 1) <= RUN_WORK);
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
        const parsed = parseSweepConfig(input);
        config = parsed;
        const { sizes } = resolveSizes(parsed);
        const settings = experimentSettings(parsed);
        const ends = [...new Set([sizes[0]!, sizes[sizes.length - 1]!])];
        if (!ends.every((p) => runnable(settings, p))) return;
        for (const p of ends) records.push(...runReplicate(settings, prepareSize(settings, p), 0));
        ran = true;
      });
      if (outcome !== "ok") return outcome;
      checkReplicate(records, config!.n, config!.nTest);
      const world = config!.world === "tokens" ? ", token world" : "";
      return ran ? `ok (one replicate run${world})` : `ok (parsed only: too large to run here${world})`;
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
        // The hidden size stays small, so that each cell is cheap (a cell is O(d): seconds at d = 10^6).
        if ((["d", "n"].includes(axis) && values.some((v) => v > 64)) || (axis === "alpha" && values.some((v) => v > 4))) return;
        // And T's steps are short at each cell before the first whose T is refused (the map stops there).
        cells: for (const v of values) {
          const at = parseSweepConfig(configAt(config, axis as never, v));
          const settings = experimentSettings(at);
          for (const p of resolveSizes(at).sizes) {
            const step = taskContextStep(settings, p);
            if (refusedT(settings.T, step)) break cells;
            if (!shortT(settings.T, step)) return;
          }
        }
        cells = theoryMap(config, axis as never, values);
      });
      if (outcome !== "ok") return outcome;
      checkCells(cells);
      return "ok";
    },
    { seed: 22, sample: 200, caseLimitMs: 5_000 },
  );
});
