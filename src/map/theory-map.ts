/**
 * A theory-only map: for each value of the second setting and each model size of the grid, each head's
 * theory (min-norm SPEC 6, ridge and ridge-opt SPEC 9) from the size's spectrum, its limit and, for min-norm,
 * its finite-n form at the map's n (SPEC 6, "Finite n"). A cell calls only sizeSpectrum and the theory functions,
 * for a size whose sweep task fits (the spectrum of a size holds O(d) numbers, and an axis such as alpha can
 * make d as large as any number).
 */
import { headTheoryAt } from "../experiment/head-theory.js";
import { sizeSpectrum } from "../experiment/spectrum.js";
import { headLabel, hiddenSizeOf } from "../experiment/settings.js";
import { assertTaskFits } from "../limits.js";
import { resolveSizes } from "../sweep/grid.js";
import type { SweepConfig } from "../sweep/schema.js";
import { minNormFiniteN } from "../theory/finite.js";
import { positiveCount } from "../theory/spectrum.js";
import type { RiskParts } from "../theory/types.js";
import { configAt, type MapAxis } from "./axis.js";

/** One (head, axis value, size) of a map; risks are totals over k (divide by k for per output). */
export interface MapCell {
  head: string;
  value: number;
  p: number;
  gamma: number;
  d: number;
  k: number;
  /** The lambda of the head (0 for min-norm; ridge-opt's choice). */
  lambda: number;
  noise: number;
  bias: number;
  variance: number;
  excess: number;
  risk: number;
  /** The standard error of risk over the replicates: simulated cells only (NaN with one replicate). */
  riskSe?: number;
  /**
   * Theory cells only: the theory at the map's n, what the map draws. Min-norm: its finite-n form (SPEC 6,
   * "Finite n"; bias, variance, excess, risk above are the n -> infinity limit). Ridge heads have no finite-n
   * form here: the limit's parts again.
   */
  finite?: FiniteParts;
}

/** The parts of a theory cell's finite-n theory, totals over k. */
export type FiniteParts = Pick<RiskParts, "bias" | "variance" | "excess" | "risk">;

/**
 * The risk a map draws for a cell: its finite-n theory when it has one (theory cells), else its risk (simulated
 * cells: the mean). Total over k.
 * @param c a map cell
 * @example drawnRisk(cell) / cell.k // per output
 */
export function drawnRisk(c: MapCell): number {
  return c.finite === undefined ? c.risk : c.finite.risk;
}

/**
 * The theory map: cells in order of axis value, then size, then head (ridge-gcv heads are left out).
 * @param config the base configuration (grid, heads, model settings, seed)
 * @param axis the second setting
 * @param values its values
 * @param onCell called after each (value, size) with the number done and the total (progress)
 * @throws as configAt, resolveSizes, sizeSpectrum and the theory functions
 * @throws {TooLargeError} a size whose task would not fit in WebAssembly memory (assertTaskFits), before its spectrum
 * @example theoryMap(presetConfig("paper"), "sEps", [0.25, 0.5, 1])
 */
export function theoryMap(config: SweepConfig, axis: MapAxis, values: number[], onCell?: (done: number, total: number) => void): MapCell[] {
  const cells: MapCell[] = [];
  const total = values.length * resolveSizes(config).sizes.length;
  let done = 0;
  for (const value of values) {
    const at = configAt(config, axis, value);
    const { sizes } = resolveSizes(at);
    for (const p of sizes) {
      assertTaskFits(at, p);
      const spectrum = sizeSpectrum(at, p);
      for (const head of at.heads) {
        const t = headTheoryAt(head, spectrum, at.n);
        if (t === undefined) continue;
        const { noise, bias, variance, excess, risk, lambda } = t;
        const f = head.kind === "minnorm" ? minNormFiniteN(t, positiveCount(spectrum.eigenvalues), at.n) : t;
        const finite = { bias: f.bias, variance: f.variance, excess: f.excess, risk: f.risk };
        cells.push({ head: axis === "lambda" && head.kind === "ridge" ? "ridge" : headLabel(head), value, p, gamma: p / at.n, d: hiddenSizeOf(at, p), k: spectrum.k, lambda, noise, bias, variance, excess, risk, finite });
      }
      onCell?.(++done, total);
    }
  }
  return cells;
}
