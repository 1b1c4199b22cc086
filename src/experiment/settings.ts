/**
 * The experiment's settings (SPEC section 7): the model family, the samples, the sampler, the seed and the heads,
 * as plain data, with their one validator, the zod schema the sweep configuration extends (sweep/schema.ts).
 */
import * as z from "zod";
import { A_KINDS, hiddenDim, SCALINGS, validateModelSpec, type AKind, type ModelScalars, type ModelSpec, type Scaling } from "../hmm/config.js";
import { issuesError, numberSchema, type SchemaWords } from "../schema-issues.js";
import type { TokenWorldSettings } from "../tokens/size.js";
import { assertInteger, type NumberRule } from "../validate.js";

/** minnorm; ridge at a fixed lambda; ridge at the theory's best lambda (oracle); ridge at the GCV lambda. */
export type HeadSpec = { kind: "minnorm" } | { kind: "ridge"; lambda: number } | { kind: "ridge-opt" } | { kind: "ridge-gcv" };

/** The head kinds. */
export const HEAD_KINDS = ["minnorm", "ridge", "ridge-opt", "ridge-gcv"] as const;

/**
 * How a replicate draws its samples: "spectral" from the model in its eigenbasis (SPEC 8, exact in law and the
 * fastest), "sequential" by running the HMM token by token (the reference), "marginal" from the joint Gaussian.
 */
export type Sampler = "spectral" | "sequential" | "marginal";

export const SAMPLERS: readonly Sampler[] = ["spectral", "sequential", "marginal"];

/** The worlds a sweep can run: the linear-Gaussian HMM (SPEC 1-9) or the token world (SPEC 10). */
export type WorldName = "gaussian" | "tokens";

export const WORLD_NAMES: readonly WorldName[] = ["gaussian", "tokens"];

/** The scalings: the Gaussian world's, and the token world's "posterior" (x = alpha_T, p = H). */
export type ExperimentScaling = Scaling | "posterior";

export const EXPERIMENT_SCALINGS: readonly ExperimentScaling[] = [...SCALINGS, "posterior"];

export interface ExperimentSettings extends ModelScalars {
  /** "gaussian" when absent. The token world reads scaling, T, rho, sU, sY and the token fields below; d, aKind, sEps, sampler, fixedModel are the Gaussian world's. */
  world?: WorldName;
  /** Token world: hidden states (features scaling; width and posterior use H = p). */
  H?: number;
  /** Token world: vocabulary size. */
  V?: number;
  /** Token world: task outputs. */
  k?: number;
  /** Token world: Dirichlet concentration of the transitions' rows of D. */
  aTr?: number;
  /** Token world: Dirichlet concentration of the emission rows. */
  beta?: number;
  /** Token world: sequences estimating S_alpha when V^T > 10^6 (default 50 H). */
  mPop?: number;
  scaling: ExperimentScaling;
  /** Hidden dimension under features scaling, d0 under linear scaling; ignored under width scaling (d = p). */
  d: number;
  /** Slope alpha of the linear scaling d = round(alpha p) + d0 (default 1); ignored by the others. */
  alpha?: number;
  aKind: AKind;
  /** Training samples per replicate. */
  n: number;
  /** Test samples per replicate (0: testRisk is NaN). */
  nTest: number;
  sampler: Sampler;
  seed: number;
  /** true: one pre-trained model per size; false: a fresh model per replicate. */
  fixedModel: boolean;
  heads: HeadSpec[];
}

/** The settings that define the HMM of each size. */
export type ModelSettings = Pick<ExperimentSettings, "scaling" | "d" | "alpha" | "T" | "rho" | "sEps" | "sU" | "sY" | "aKind">;

/**
 * The ModelSpec of size p: d = p (width) or settings.d (features), k = d (V = I_d).
 * @param settings the model settings (a ModelPreset or ExperimentSettings)
 * @param p model size
 * @example modelSpecOf(MODEL_PRESETS.paper, 100).d // 100
 */
export function modelSpecOf(settings: ModelSettings, p: number): ModelSpec {
  const d = hiddenDim(settings, p);
  const { T, rho, sEps, sU, sY, aKind } = settings;
  return { d, p, k: d, T, rho, sEps, sU, sY, aKind };
}

/** The label of a head in results: "minnorm", "ridge(<lambda>)", "ridge-opt" or "ridge-gcv". */
export function headLabel(head: HeadSpec): string {
  return head.kind === "ridge" ? `ridge(${head.lambda})` : head.kind;
}

const POSITIVE_INTEGER: NumberRule = { integer: true, min: 1 };
const NON_NEGATIVE_INTEGER: NumberRule = { integer: true, min: 0 };
const NON_NEGATIVE: NumberRule = { integer: false, min: 0 };

/**
 * The values of each numeric setting (list entries as "[]"): the schema is built from them, and every message
 * about a bad value says "must be <ruleText>", whatever the check that failed (type, integer, range).
 */
export const SETTINGS_NUMBER_FIELDS = {
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
  "heads[].lambda": { integer: false, min: 0, above: true },
  H: { integer: true, min: 2 },
  V: { integer: true, min: 2 },
  k: POSITIVE_INTEGER,
  aTr: { integer: false, min: 0, above: true },
  beta: { integer: false, min: 0, above: true },
  mPop: { integer: true, min: 2 },
} as const satisfies Record<string, NumberRule>;

/** Hints appended to a bad value's message. */
export const SETTINGS_HINTS: Readonly<Record<string, (value: unknown) => string>> = {
  "heads[].lambda": (value) => (value === 0 ? ' (lambda = 0 is the min-norm head: use the head {"kind": "minnorm"})' : ""),
};

const head = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("minnorm") }).strict(),
  z.object({ kind: z.literal("ridge"), lambda: numberSchema(SETTINGS_NUMBER_FIELDS["heads[].lambda"]) }).strict(),
  z.object({ kind: z.literal("ridge-opt") }).strict(),
  z.object({ kind: z.literal("ridge-gcv") }).strict(),
]);

/**
 * The zod schema of each setting, in the order messages list them; the sweep configuration adds its own
 * fields to these (sweep/schema.ts). `satisfies` ties each to its field of ExperimentSettings.
 */
export const SETTINGS_FIELDS = {
  world: z.enum(WORLD_NAMES as [WorldName, ...WorldName[]]).optional(),
  scaling: z.enum(EXPERIMENT_SCALINGS as [ExperimentScaling, ...ExperimentScaling[]]),
  d: numberSchema(SETTINGS_NUMBER_FIELDS.d),
  alpha: numberSchema(SETTINGS_NUMBER_FIELDS.alpha).optional(),
  T: numberSchema(SETTINGS_NUMBER_FIELDS.T),
  rho: numberSchema(SETTINGS_NUMBER_FIELDS.rho),
  sEps: numberSchema(SETTINGS_NUMBER_FIELDS.sEps),
  sU: numberSchema(SETTINGS_NUMBER_FIELDS.sU),
  sY: numberSchema(SETTINGS_NUMBER_FIELDS.sY),
  aKind: z.enum(A_KINDS as [AKind, ...AKind[]]),
  n: numberSchema(SETTINGS_NUMBER_FIELDS.n),
  nTest: numberSchema(SETTINGS_NUMBER_FIELDS.nTest),
  sampler: z.enum(SAMPLERS as [Sampler, ...Sampler[]]),
  seed: numberSchema(SETTINGS_NUMBER_FIELDS.seed),
  fixedModel: z.boolean(),
  heads: z
    .array(head)
    .min(1)
    .superRefine((heads, ctx) => {
      const labels = heads.map(headLabel);
      const twice = labels.find((label, i) => labels.indexOf(label) !== i);
      if (twice !== undefined) ctx.addIssue({ code: "custom", message: `lists the head ${twice} twice`, input: heads });
    }),
  H: numberSchema(SETTINGS_NUMBER_FIELDS.H).optional(),
  V: numberSchema(SETTINGS_NUMBER_FIELDS.V).optional(),
  k: numberSchema(SETTINGS_NUMBER_FIELDS.k).optional(),
  aTr: numberSchema(SETTINGS_NUMBER_FIELDS.aTr).optional(),
  beta: numberSchema(SETTINGS_NUMBER_FIELDS.beta).optional(),
  mPop: numberSchema(SETTINGS_NUMBER_FIELDS.mPop).optional(),
} satisfies { [K in keyof ExperimentSettings]-?: z.ZodType<ExperimentSettings[K]> };

/**
 * The check across settings: a ridge head fits X^T X + n lambda I, so n lambda must be finite in f64.
 * @param settings parsed settings (n and heads)
 * @param ctx where the issue goes
 */
export function refineShifts(settings: { n?: number; heads?: HeadSpec[] }, ctx: z.RefinementCtx): void {
  const { n, heads } = settings;
  if (n === undefined || heads === undefined) return;
  heads.forEach((h, i) => {
    if (h.kind === "ridge" && !Number.isFinite(n * h.lambda)) {
      ctx.addIssue({
        code: "custom",
        path: ["heads", i, "lambda"],
        message: `is too large: n lambda = ${n} * ${h.lambda} overflows f64`,
        input: h.lambda,
      });
    }
  });
}

/** The token world's settings, required when world is "tokens". */
const TOKEN_FIELDS = ["H", "V", "k", "aTr", "beta"] as const;

/**
 * The checks across settings: refineShifts, and the world's own: "tokens" needs H, V, k, aTr, beta, rho < 1 and a
 * scaling other than "linear"; the Gaussian world has no "posterior" scaling.
 * @param settings parsed settings
 * @param ctx where the issues go
 */
export function refineSettings(settings: Partial<ExperimentSettings>, ctx: z.RefinementCtx): void {
  refineShifts(settings, ctx);
  const { world = "gaussian", scaling, rho } = settings;
  const issue = (path: string, message: string, input: unknown): void => void ctx.addIssue({ code: "custom", path: [path], message, input });
  if (world === "gaussian") {
    if (scaling === "posterior") issue("scaling", 'is "posterior", which only the token world has (world "tokens")', scaling);
    return;
  }
  for (const name of TOKEN_FIELDS) if (settings[name] === undefined) issue(name, 'is required by the token world (world "tokens")', undefined);
  if (scaling === "linear") issue("scaling", 'must be "features", "width" or "posterior" in the token world', scaling);
  if (rho !== undefined && rho >= 1) issue("rho", "must be below 1 in the token world (P = rho Pi + (1 - rho) D)", rho);
}

const settingsSchema = z.object(SETTINGS_FIELDS).superRefine(refineSettings);

const SETTINGS_WORDS: SchemaWords = { rules: SETTINGS_NUMBER_FIELDS, fields: Object.keys(SETTINGS_FIELDS), hints: SETTINGS_HINTS };

/**
 * Checks experiment settings with the schema the sweep configuration uses (fields it does not know are left
 * alone: a SweepConfig passes); the one check below the public functions.
 * @param settings the candidate settings
 * @param source what to call them in messages
 * @throws {ConfigError} (an ArgumentError) naming the first bad setting and its value: a missing, mistyped or
 *   out-of-range field, an empty or repeated head list, or a ridge lambda with n lambda past f64.
 * @example validateSettings({ ...presetConfig("quick"), n: 0 }) // throws: settings: field "n" must be an integer >= 1. Value: 0.
 */
export function validateSettings(settings: unknown, source = "settings"): asserts settings is ExperimentSettings {
  const result = settingsSchema.safeParse(settings, { reportInput: true });
  if (!result.success) throw issuesError(result.error.issues, source, SETTINGS_WORDS);
}

/**
 * The token world's settings out of checked experiment settings (world "tokens": the token fields are present).
 * @param settings checked settings
 * @example tokenSettingsOf(presetConfig("tokens")).H // 50
 */
export function tokenSettingsOf(settings: ExperimentSettings): TokenWorldSettings {
  const { scaling, T, rho, sU, sY, seed, mPop } = settings;
  return {
    scaling: scaling === "width" || scaling === "posterior" ? scaling : "features",
    H: settings.H!, V: settings.V!, T, k: settings.k!, rho, aTr: settings.aTr!, beta: settings.beta!, sU, sY, seed,
    ...(mPop === undefined ? {} : { mPop }),
  };
}

/**
 * The hidden dimension of size p in either world: hiddenDim for the Gaussian world; the token world's H under
 * features scaling, else p.
 * @param settings scaling, d, alpha, world, H
 * @param p model size
 * @example hiddenSizeOf(presetConfig("tokens"), 300) // 50
 */
export function hiddenSizeOf(settings: ModelSettings & Pick<ExperimentSettings, "world" | "H">, p: number): number {
  if (settings.world === "tokens") return settings.scaling === "features" ? settings.H! : p;
  return hiddenDim(settings, p);
}

/**
 * Checks a model size against checked settings: p a positive integer, and the model of size p valid (its hidden
 * dimension d = round(alpha p) + d0 under linear scaling must be positive). O(1): no matrix is drawn.
 * @param settings checked settings
 * @param p model size
 * @throws {ArgumentError} p is not a positive integer, or the hidden dimension of size p is 0.
 * @example validateSize({ ...presetConfig("quick"), scaling: "linear", alpha: 0, d: 0 }, 30) // throws: d must be a positive integer
 */
export function validateSize(settings: ExperimentSettings, p: number): void {
  assertInteger("p", p, 1);
  validateModelSpec(modelSpecOf(settings, p));
}
