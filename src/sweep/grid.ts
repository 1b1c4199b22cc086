/** The model sizes a sweep visits: its grid resolved to sorted, distinct integer p. */
import { ConfigError } from "../errors.js";
import type { SweepConfig } from "./schema.js";

export interface DroppedSize {
  gamma: number;
  p: number;
  reason: "below 1" | "near g = 1" | "duplicate";
}

export interface Sizes {
  /** Distinct model sizes, ascending. */
  sizes: number[];
  /** Ratios of a gamma grid that gave no size of their own. */
  dropped: DroppedSize[];
}

/**
 * p = round(g n) for a gamma grid, dropping p < 1, sizes with |p/n - 1| < 0.02 (SPEC 7) and repeats;
 * a p grid is taken as given (sorted, repeats removed).
 * @param config a parsed SweepConfig (grid and n are used)
 * @returns the sizes in ascending order and the ratios dropped, with the reason
 * @throws ConfigError when no size is left
 * @example resolveSizes({ ...presetConfig("paper") }).sizes.length // 40
 */
export function resolveSizes(config: Pick<SweepConfig, "grid" | "n">): Sizes {
  const { n } = config;
  const dropped: DroppedSize[] = [];
  let candidates: number[];
  if ("p" in config.grid) {
    candidates = config.grid.p;
  } else {
    candidates = [];
    for (const gamma of config.grid.gamma) {
      const p = Math.round(gamma * n);
      if (!Number.isSafeInteger(p)) {
        throw new ConfigError(
          `config: field "grid.gamma" gives model size p = gamma * n = ${p} for gamma = ${gamma}, n = ${n}: not a size headtune can represent.`,
          "grid.gamma",
          gamma,
        );
      }
      // |p/n - 1| < 0.02, in exact integer arithmetic: 50 |p - n| < n.
      if (p < 1) dropped.push({ gamma, p, reason: "below 1" });
      else if (50 * Math.abs(p - n) < n) dropped.push({ gamma, p, reason: "near g = 1" });
      else if (candidates.includes(p)) dropped.push({ gamma, p, reason: "duplicate" });
      else candidates.push(p);
    }
  }
  const sizes = [...new Set(candidates)].sort((a, b) => a - b);
  if (sizes.length === 0) {
    throw new ConfigError(
      `config: field "grid" leaves no model size for n = ${n} (every ratio rounds below p = 1 or lies within 0.02 of g = 1). Value: ${JSON.stringify(config.grid)}.`,
      "grid",
      config.grid,
    );
  }
  return { sizes, dropped };
}
