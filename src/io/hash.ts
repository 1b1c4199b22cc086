/**
 * The identity of a sweep: a SHA-256 over what determines its results (the experiment settings, the sizes and
 * the replicate count; not the preset's name, nor whether the grid was given as p or as ratios).
 */
import { createHash } from "node:crypto";
import { experimentSettings } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";

/**
 * "sha256:" + hex digest of the canonical JSON (keys sorted) of { settings, sizes, replicates }.
 * @param config a parsed SweepConfig
 * @param sizes its resolved sizes (resolveSizes)
 */
export function configHash(config: SweepConfig, sizes: readonly number[]): string {
  return identityHash({ settings: experimentSettings(config), sizes, replicates: config.replicates });
}

/**
 * "sha256:" + hex digest of the canonical JSON of what determines a run's results.
 * @param identity plain data (objects, arrays, numbers, strings)
 * @example identityHash({ a: 1, b: 2 }) === identityHash({ b: 2, a: 1 }) // true
 */
export function identityHash(identity: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(identity)).digest("hex")}`;
}

/** JSON with object keys sorted at every level, so that equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
