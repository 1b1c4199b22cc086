/** A sweep configuration composed from a preset and layers of overrides (a config file, then flags). */
import { presetConfig } from "./presets.js";
import { parseOverrides, parseSweepConfig, type SweepConfig } from "./schema.js";

export interface ConfigLayer {
  /** What to call this layer in messages: "config file run.json", "command line". */
  source: string;
  /** Any subset of the SweepConfig fields; "preset" picks the base configuration. */
  values: unknown;
}

/**
 * config = preset, then each layer's fields in order (a later layer wins); the preset is the last one a
 * layer names, else "paper". Each layer is checked on its own (so messages name its source), then the whole.
 * @param layers overrides, lowest precedence first
 * @throws ConfigError naming the layer, the field and the value of the first problem
 * @example composeConfig([{ source: "command line", values: { preset: "quick", seed: 3 } }])
 */
export function composeConfig(layers: ConfigLayer[]): SweepConfig {
  const checked = layers.map((layer) => parseOverrides(layer.values, layer.source));
  const named = checked.map((values) => values.preset).filter((name) => name !== undefined);
  const config: SweepConfig = presetConfig(named.at(-1) ?? "paper");
  for (const values of checked) Object.assign(config, values);
  return parseSweepConfig(config);
}
