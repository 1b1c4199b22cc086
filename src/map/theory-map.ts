/**
 * A theory-only map: for each value of the second setting and each model size of the grid, each head's
 * theory (min-norm SPEC 6, ridge and ridge-opt SPEC 9) from the size's spectrum. A cell calls only
 * sizeSpectrum and the theory functions.
 */
import { headTheoryAt } from "../experiment/head-theory.js";
import { sizeSpectrum } from "../experiment/spectrum.js";
import { headLabel, hiddenSizeOf } from "../experiment/settings.js";
import { resolveSizes } from "../sweep/grid.js";
import type { SweepConfig } from "../sweep/schema.js";
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
}

/**
 * The theory map: cells in order of axis value, then size, then head (ridge-gcv heads are left out).
 * @param config the base configuration (grid, heads, model settings, seed)
 * @param axis the second setting
 * @param values its values
 * @param onCell called after each (value, size) with the number done and the total (progress)
 * @throws as configAt, resolveSizes, sizeSpectrum and the theory functions
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
      const spectrum = sizeSpectrum(at, p);
      for (const head of at.heads) {
        const t = headTheoryAt(head, spectrum, at.n);
        if (t === undefined) continue;
        const { noise, bias, variance, excess, risk, lambda } = t;
        cells.push({ head: axis === "lambda" && head.kind === "ridge" ? "ridge" : headLabel(head), value, p, gamma: p / at.n, d: hiddenSizeOf(at, p), k: spectrum.k, lambda, noise, bias, variance, excess, risk });
      }
      onCell?.(++done, total);
    }
  }
  return cells;
}
