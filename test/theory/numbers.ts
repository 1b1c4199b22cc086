/**
 * Numbers shared by the theory tests: the relative error of a value against its oracle, and a deterministic
 * spread of values (no RNG needed). EPS comes from the shared test helpers.
 */
export { EPS } from "../helpers/matrices.js";

/** |a - b| / |b|: the relative error of a against the oracle value b. */
export function relErr(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

/** p values in [lo, lo + width): the golden-ratio sequence lo + width ((i + 1) phi mod 1), i < p. */
export function spread(p: number, lo: number, width: number): Float64Array {
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) out[i] = lo + width * (((i + 1) * 0.6180339887498949) % 1);
  return out;
}
