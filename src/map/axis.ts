/**
 * The second setting of a map: any numeric model or data setting, the ridge lambda, or the linear scaling's
 * alpha, and the configuration it gives at each value.
 */
import { ArgumentError } from "../errors.js";
import type { WorldName } from "../experiment/settings.js";
import type { SweepConfig } from "../sweep/schema.js";
import { followsRule, ruleText, type NumberRule } from "../validate.js";

/** Settings a map can vary beside g (H, beta and aTr are the token world's); T, n, d and H are rounded to integers. */
export const MAP_AXES = ["alpha", "d", "T", "rho", "sEps", "sU", "sY", "n", "lambda", "H", "beta", "aTr"] as const;
export type MapAxis = (typeof MAP_AXES)[number];

const INTEGER_AXES: readonly MapAxis[] = ["d", "T", "n", "H"];

/**
 * The axes of each world: the settings it reads (the token world ignores d, sEps and alpha, the Gaussian world
 * H, beta and aTr, so a map over them would be flat).
 */
export const WORLD_MAP_AXES: Readonly<Record<WorldName, readonly MapAxis[]>> = {
  gaussian: ["alpha", "d", "T", "rho", "sEps", "sU", "sY", "n", "lambda"],
  tokens: ["T", "rho", "sU", "sY", "n", "lambda", "H", "beta", "aTr"],
};

/** The axis a map takes when none is named (an element without an axis attribute, the explorer's first choice). */
export const DEFAULT_MAP_AXIS: Readonly<Record<WorldName, MapAxis>> = { gaussian: "sEps", tokens: "sU" };

/**
 * The values of an axis, at most: each value is a whole sweep's grid of theory cells (and of tasks when
 * simulated), so a map is bounded as a grid is (10,000 points), before any array is built.
 */
export const STEPS_RULE: NumberRule = { integer: true, min: 1, max: 10_000 };

/**
 * The configuration at one value of the axis: the field set (integers rounded), for "lambda" every ridge
 * head's lambda, for "alpha" the linear scaling.
 * @param config the base configuration
 * @param axis the setting that varies
 * @param value its value
 * @throws {ArgumentError} the axis is unknown or not one of the configuration's world (WORLD_MAP_AXES), or
 *   "lambda" with no fixed-lambda ridge head
 * @example configAt(presetConfig("paper"), "sEps", 0.3).sEps // 0.3
 */
export function configAt(config: SweepConfig, axis: MapAxis, value: number): SweepConfig {
  if (!MAP_AXES.includes(axis)) {
    throw new ArgumentError(`axis must be one of ${MAP_AXES.join(", ")}. Value: ${String(axis)}.`, { name: "axis", value: axis });
  }
  const world = config.world ?? "gaussian";
  if (!WORLD_MAP_AXES[world].includes(axis)) {
    const axes = WORLD_MAP_AXES[world].join(", ");
    throw new ArgumentError(`axis must be one of the ${world} world's settings (${axes}). Value: ${axis}.`, { name: "axis", value: axis });
  }
  if (axis === "lambda") {
    if (!config.heads.some((h) => h.kind === "ridge")) {
      throw new ArgumentError(`axis lambda needs a ridge head with a fixed lambda in the configuration. Value: heads ${JSON.stringify(config.heads)}.`, {
        name: "axis",
        value: axis,
      });
    }
    return { ...config, heads: config.heads.map((h) => (h.kind === "ridge" ? { kind: "ridge", lambda: value } : h)) };
  }
  const v = INTEGER_AXES.includes(axis) ? Math.round(value) : value;
  return axis === "alpha" ? { ...config, scaling: "linear", alpha: v } : { ...config, [axis]: v };
}

/**
 * steps values from `from` to `to`, evenly spaced (geometrically when log).
 * @throws {ArgumentError} steps is not an integer from 1 to 10,000, a bound is not finite, or log with a bound <= 0
 * @example axisValues(0, 1, 5, false) // [0, 0.25, 0.5, 0.75, 1]
 */
export function axisValues(from: number, to: number, steps: number, log: boolean): number[] {
  if (!followsRule(STEPS_RULE, steps)) throw new ArgumentError(`steps must be ${ruleText(STEPS_RULE)}. Value: ${steps}.`, { name: "steps", value: steps });
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new ArgumentError(`from and to must be finite. Value: ${from}, ${to}.`, { name: "from" });
  if (log && !(from > 0 && to > 0)) throw new ArgumentError(`a log axis needs from, to > 0. Value: ${from}, ${to}.`, { name: "from" });
  if (steps === 1) return [from];
  return Array.from({ length: steps }, (_, i) => {
    const t = i / (steps - 1);
    return log ? from * (to / from) ** t : from + (to - from) * t;
  });
}
