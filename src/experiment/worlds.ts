/** The worlds an experiment can run, and the one its settings choose. */
import type { ExperimentSettings } from "./settings.js";
import { gaussianWorld } from "./gaussian/world.js";
import type { SizeContext } from "./gaussian/size.js";
import { tokenWorld } from "./tokens/world.js";
import type { TokenSizeContext } from "./tokens/size.js";
import type { World } from "./world.js";

/** The size of any world (a union of each world's own size context). */
export type AnySize = SizeContext | TokenSizeContext;

/**
 * The world the settings choose: the Gaussian world (SPEC sections 1-9, the default) or the token world (SPEC 10).
 * @param settings checked settings
 * @example worldOf(presetConfig("quick")).name // "gaussian"
 */
export function worldOf(settings: ExperimentSettings): World<AnySize> {
  return (settings.world === "tokens" ? tokenWorld : gaussianWorld) as World<AnySize>;
}
