/**
 * The sweep configuration as a zod schema: the experiment's settings (experiment/settings.ts) with the grid,
 * the replicates and the preset, every field typed and ranged, unknown fields rejected (.strict()), and each
 * problem turned into one ConfigError line that names the field and shows the value.
 */
import * as z from "zod";
import { refineSettings, SETTINGS_FIELDS, SETTINGS_HINTS, SETTINGS_NUMBER_FIELDS, type ExperimentSettings } from "../experiment/settings.js";
import { issuesError, numberSchema, type SchemaWords } from "../schema-issues.js";
import type { NumberRule } from "../validate.js";

/** Model sizes given directly, or as ratios g = p / n (rounded to integer p; see resolveSizes). */
export type Grid = { p: number[] } | { gamma: number[] };

export const PRESET_NAMES = ["paper", "features", "quick", "paper-large", "tokens", "tokens-posterior"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** Everything a sweep needs: the experiment's settings, the grid of sizes and the replicates per size. */
export interface SweepConfig extends ExperimentSettings {
  grid: Grid;
  replicates: number;
  /** The preset this configuration started from (informational: it does not change results). */
  preset?: PresetName;
}

// Replicate r keys the random stream word r + 1 (a u32), and every task is listed up front: a bound keeps
// both sound. A million replicates of one size is far beyond any use.
const MAX_REPLICATES = 1_000_000;
// Model sizes past this do not fit in WebAssembly memory (src/limits.ts gives the exact bound per setting).
const MAX_GRID_POINTS = 10_000;

/**
 * The values of each numeric field (list entries as "[]"): the settings' (SETTINGS_NUMBER_FIELDS), the
 * replicates and the grid's entries.
 */
export const NUMBER_FIELDS = {
  ...SETTINGS_NUMBER_FIELDS,
  replicates: { integer: true, min: 1, max: MAX_REPLICATES },
  "grid.p[]": { integer: true, min: 1 },
  "grid.gamma[]": { integer: false, min: 0, above: true },
} as const satisfies Record<string, NumberRule>;

const grid = z
  .object({
    p: z.array(numberSchema(NUMBER_FIELDS["grid.p[]"])).min(1).max(MAX_GRID_POINTS).optional(),
    gamma: z.array(numberSchema(NUMBER_FIELDS["grid.gamma[]"])).min(1).max(MAX_GRID_POINTS).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if ((g.p === undefined) === (g.gamma === undefined)) {
      ctx.addIssue({ code: "custom", message: 'must have exactly one of "p" (sizes) or "gamma" (ratios p/n)', input: g });
    }
  })
  .transform((g): Grid => (g.p !== undefined ? { p: g.p } : { gamma: g.gamma! }));

const fields = {
  preset: z.enum(PRESET_NAMES),
  ...SETTINGS_FIELDS,
  grid,
  replicates: numberSchema(NUMBER_FIELDS.replicates),
};

const fullSchema = z.object(fields).strict().partial({ preset: true }).superRefine(refineSettings);
const overrideSchema = z.object(fields).strict().partial();

export const CONFIG_FIELDS = Object.keys(fields);

const WORDS: SchemaWords = { rules: NUMBER_FIELDS, fields: CONFIG_FIELDS, hints: SETTINGS_HINTS };

/** Fields of a SweepConfig, any of them, as a configuration file or the command line gives them. */
export type SweepOverrides = Partial<SweepConfig>;

/**
 * A complete SweepConfig checked field by field.
 * @param input the candidate configuration (plain data, e.g. parsed JSON)
 * @param source what to call it in messages ("config", "config file run.json")
 * @throws ConfigError naming the first bad field (unknown, missing, wrong type or out of range) and its value
 * @example parseSweepConfig({ ...presetConfig("quick"), seed: 7 })
 */
export function parseSweepConfig(input: unknown, source = "config"): SweepConfig {
  const result = fullSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw issuesError(result.error.issues, source, WORDS);
  return result.data;
}

/**
 * Some fields of a SweepConfig, each checked as in parseSweepConfig; unknown fields are rejected.
 * @param input an object with any subset of the fields
 * @param source what to call it in messages
 * @throws ConfigError naming the first bad field and its value
 */
export function parseOverrides(input: unknown, source: string): SweepOverrides {
  const result = overrideSchema.safeParse(input, { reportInput: true });
  if (!result.success) throw issuesError(result.error.issues, source, WORDS);
  return result.data;
}
