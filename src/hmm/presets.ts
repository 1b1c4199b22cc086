/**
 * Model-level defaults of the named settings (SPEC section 7 and the end of section 6), in one place:
 * the CLI commands and the sweep presets read them from here.
 */
import type { AKind, ModelScalars, Scaling } from "./config.js";

export interface ModelPreset extends ModelScalars {
  scaling: Scaling;
  /** Hidden dimension under features scaling (ignored under width scaling, where d = p). */
  d: number;
  /** Training set size the preset's quoted numbers are for. */
  n: number;
  aKind: AKind;
}

export type ModelPresetName = "paper" | "features";

export const MODEL_PRESET_NAMES: readonly ModelPresetName[] = ["paper", "features"];

/**
 * paper: SPEC 7, width scaling (d = p), n = 200, T = 5, rho = 0.9, sEps = 0.5, sU = 1, sY = 0, orthogonal A.
 * features: the same HMM with d = 20 fixed (the features-scaling example at the end of SPEC 6).
 */
export const MODEL_PRESETS: Readonly<Record<ModelPresetName, Readonly<ModelPreset>>> = {
  paper: { scaling: "width", d: 20, n: 200, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" },
  features: { scaling: "features", d: 20, n: 200, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" },
};
