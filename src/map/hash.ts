/**
 * The identity of a map: a SHA-256 over its second setting (axis, values, log spacing) and, for each value,
 * what determines that value's sweep (its experiment settings, sizes and replicate count). A checkpoint or a
 * shard of another map (another axis, other values, another base configuration) has another hash.
 */
import { identityHash } from "../io/hash.js";
import { resolveSizes } from "../sweep/grid.js";
import { experimentSettings } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import { configAt, type MapAxis } from "./axis.js";

/** What a map is drawn over: the second setting, its values, and whether they are spaced geometrically. */
export interface MapSpec {
  axis: MapAxis;
  values: number[];
  log: boolean;
}

/**
 * "sha256:" + hex digest of { axis, values, log, replicates, steps: [{ settings, sizes }] per value }.
 * @param config the base configuration
 * @param spec the second setting and its values
 * @throws as configAt and resolveSizes
 * @example mapHash(presetConfig("quick"), { axis: "sEps", values: [0.5, 1], log: false })
 */
export function mapHash(config: SweepConfig, spec: MapSpec): string {
  const steps = spec.values.map((value) => {
    const at = configAt(config, spec.axis, value);
    return { settings: experimentSettings(at), sizes: resolveSizes(at).sizes };
  });
  return identityHash({ axis: spec.axis, values: spec.values, log: spec.log, replicates: config.replicates, steps });
}
