/**
 * The sweep configuration as a zod schema: every field typed and ranged, unknown fields rejected (.strict()),
 * and each problem turned into one ConfigError line that names the field and shows the value.
 */
import * as z from "zod";
import { headLabel, SAMPLERS, type ExperimentSettings, type Sampler } from "../experiment/size.js";
import { A_KINDS, SCALINGS, type AKind, type Scaling } from "../hmm/config.js";
import { ruleText, showValue as show, type NumberRule } from "../validate.js";
import { ConfigError } from "./config-error.js";

/** Model sizes given directly, or as ratios g = p / n (rounded to integer p; see resolveSizes). */
export type Grid = { p: number[] } | { gamma: number[] };

export const PRESET_NAMES = ["paper", "features", "quick", "paper-large"] as const;
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

const POSITIVE_INTEGER: NumberRule = { integer: true, min: 1 };
const NON_NEGATIVE_INTEGER: NumberRule = { integer: true, min: 0 };
const NON_NEGATIVE: NumberRule = { integer: false, min: 0 };
const POSITIVE: NumberRule = { integer: false, min: 0, above: true };

/**
 * The values of each numeric field (list entries as "[]"): the schema is built from them, and every message
 * about a bad value says "must be <ruleText>", whatever the check that failed (type, integer, range).
 */
export const NUMBER_FIELDS = {
  d: NON_NEGATIVE_INTEGER,
  alpha: NON_NEGATIVE,
  T: POSITIVE_INTEGER,
  n: POSITIVE_INTEGER,
  nTest: NON_NEGATIVE_INTEGER,
  seed: NON_NEGATIVE_INTEGER,
  rho: NON_NEGATIVE,
  sEps: NON_NEGATIVE,
  sU: NON_NEGATIVE,
  sY: NON_NEGATIVE,
  replicates: { integer: true, min: 1, max: MAX_REPLICATES },
  "heads[].lambda": POSITIVE,
  "grid.p[]": POSITIVE_INTEGER,
  "grid.gamma[]": POSITIVE,
} as const satisfies Record<string, NumberRule>;

function number(rule: NumberRule) {
  let schema = rule.integer ? z.number().int() : z.number();
  schema = rule.above ? schema.gt(rule.min) : schema.min(rule.min);
  return rule.max === undefined ? schema : schema.max(rule.max);
}

const head = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("minnorm") }).strict(),
  z.object({ kind: z.literal("ridge"), lambda: number(NUMBER_FIELDS["heads[].lambda"]) }).strict(),
  z.object({ kind: z.literal("ridge-opt") }).strict(),
  z.object({ kind: z.literal("ridge-gcv") }).strict(),
]);

const grid = z
  .object({
    p: z.array(number(NUMBER_FIELDS["grid.p[]"])).min(1).max(MAX_GRID_POINTS).optional(),
    gamma: z.array(number(NUMBER_FIELDS["grid.gamma[]"])).min(1).max(MAX_GRID_POINTS).optional(),
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
  scaling: z.enum(SCALINGS as [Scaling, ...Scaling[]]),
  d: number(NUMBER_FIELDS.d),
  alpha: number(NUMBER_FIELDS.alpha).optional(),
  T: number(NUMBER_FIELDS.T),
  rho: number(NUMBER_FIELDS.rho),
  sEps: number(NUMBER_FIELDS.sEps),
  sU: number(NUMBER_FIELDS.sU),
  sY: number(NUMBER_FIELDS.sY),
  aKind: z.enum(A_KINDS as [AKind, ...AKind[]]),
  n: number(NUMBER_FIELDS.n),
  nTest: number(NUMBER_FIELDS.nTest),
  sampler: z.enum(SAMPLERS as [Sampler, ...Sampler[]]),
  seed: number(NUMBER_FIELDS.seed),
  fixedModel: z.boolean(),
  heads: z
    .array(head)
    .min(1)
    .superRefine((heads, ctx) => {
      const labels = heads.map(headLabel);
      const twice = labels.find((label, i) => labels.indexOf(label) !== i);
      if (twice !== undefined) ctx.addIssue({ code: "custom", message: `lists the head ${twice} twice`, input: heads });
    }),
  grid,
  replicates: number(NUMBER_FIELDS.replicates),
};

const fullSchema = z.object(fields).strict().partial({ preset: true });
const overrideSchema = z.object(fields).strict().partial();

export const CONFIG_FIELDS = Object.keys(fields);

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
  if (!result.success) throw issuesError(result.error.issues, source);
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
  if (!result.success) throw issuesError(result.error.issues, source);
  return result.data;
}

type Issue = z.core.$ZodIssue;

function issuesError(issues: Issue[], source: string): ConfigError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  const { field, text, value } = describe(first);
  const where = field === "" ? `${source}` : `${source}: field "${field}"`;
  return new ConfigError(`${where} ${text}${more}`, field, value);
}

function describe(issue: Issue): { field: string; text: string; value: unknown } {
  const field = fieldPath(issue.path);
  const input = (issue as { input?: unknown }).input;
  const rule = numberRule(issue.path);
  if (rule && input !== undefined && ["invalid_type", "too_small", "too_big"].includes(issue.code)) {
    return { field, text: `must be ${ruleText(rule)}. Value: ${show(input)}.`, value: input };
  }
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = issue.keys[0]!;
      const value = isRecord(input) ? input[key] : undefined;
      const known = issue.path.length === 0 ? ` Known fields: ${CONFIG_FIELDS.join(", ")}.` : "";
      return { field: joinPath(field, key), text: `is not a known field. Value: ${show(value)}.${known}`, value };
    }
    case "invalid_type":
      if (input === undefined) return { field, text: "is missing.", value: input };
      return { field, text: `must be ${expectedKind(issue.expected)}. Value: ${show(input)}.`, value: input };
    case "too_small":
      return { field, text: `must ${bound(issue.origin, issue.minimum, issue.inclusive, ">")}. Value: ${show(input)}.`, value: input };
    case "too_big":
      return { field, text: `must ${bound(issue.origin, issue.maximum, issue.inclusive, "<")}. Value: ${show(input)}.`, value: input };
    case "invalid_value":
      return { field, text: `must be one of ${issue.values.map(show).join(", ")}. Value: ${show(input)}.`, value: input };
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator !== undefined && options !== undefined) {
        const value = isRecord(input) ? input[discriminator] : input;
        return { field, text: `must be one of ${options.map(show).join(", ")}. Value: ${show(value)}.`, value };
      }
      return { field, text: `is not valid: ${issue.message}. Value: ${show(input)}.`, value: input };
    }
    case "custom":
      return { field, text: `${issue.message}. Value: ${show(input)}.`, value: input };
    default:
      return { field, text: `is not valid: ${issue.message}. Value: ${show(input)}.`, value: input };
  }
}

/** The rule of the numeric field at path (list indices as "[]"), if it is one. */
function numberRule(path: PropertyKey[]): NumberRule | undefined {
  const key = fieldPath(path.map((part) => (typeof part === "number" ? "[]" : part))).replace(/\.\[\]/g, "[]");
  return (NUMBER_FIELDS as Record<string, NumberRule>)[key];
}

function fieldPath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : joinPath(acc, String(key))), "");
}

function joinPath(base: string, key: string): string {
  return base === "" ? key : `${base}.${key}`;
}

function expectedKind(expected: string): string {
  switch (expected) {
    case "int":
      return "an integer";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
      return "an object";
    default:
      return `of type ${expected}`;
  }
}

function bound(origin: string, limit: number | bigint, inclusive: boolean | undefined, side: ">" | "<"): string {
  if (origin === "array") {
    const n = Number(limit);
    return side === ">" ? `have at least ${n} entr${n === 1 ? "y" : "ies"}` : `have at most ${n} entries`;
  }
  return `be ${side}${inclusive ? "=" : ""} ${String(limit)}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
