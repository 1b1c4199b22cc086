/** The worlds an experiment can run, and the one its settings choose. */
import type { ExperimentSettings } from "./settings.js";
import { gaussianWorld } from "./gaussian/world.js";
import type { SizeContext } from "./gaussian/size.js";
import type { World } from "./world.js";

/** The size of any world (a union of each world's own size context). */
export type AnySize = SizeContext;

/**
 * The world the settings choose: the Gaussian world (SPEC sections 1-9), the only one so far.
 * @param _settings checked settings
 * @example worldOf(presetConfig("quick")).name // "gaussian"
 */
export function worldOf(_settings: ExperimentSettings): World<AnySize> {
  return gaussianWorld;
}
