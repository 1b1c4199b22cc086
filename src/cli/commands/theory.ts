/**
 * headtune theory: the asymptotic risk of the min-norm head (SPEC 6) beside its finite-n form, or of the ridge
 * head at a lambda, or at the theory's best lambda (SPEC 9), of a model at n training samples.
 */
import { population } from "../../hmm/population.js";
import { MODEL_PRESETS } from "../../hmm/presets.js";
import { populationSpectrum } from "../../experiment/spectrum.js";
import type { SizeSpectrum } from "../../theory/types.js";
import { spectrumMinNormTheory } from "../../experiment/theory.js";
import { ArgumentError } from "../../errors.js";
import { minNormFiniteN } from "../../theory/finite.js";
import { ridgeTheory } from "../../theory/ridge-general.js";
import { optimalRidgeTheory } from "../../theory/ridge-opt.js";
import { positiveCount } from "../../theory/spectrum.js";
import type { RiskParts } from "../../theory/index.js";
import type { CliIo } from "../io.js";
import { DRAW_HELP, DRAW_OPTIONS, fmt, loadModel, numberFlag, parseFlags, type FlagValues } from "./model-args.js";
import { loadTokenModel, tokenModelPopulation } from "./token-model.js";

const THEORY_HELP = `headtune theory (--model FILE | --p P [model flags]) [--n N] [--lambda L|opt] [--json]
The min-norm head's asymptotic risk at N training samples (default ${MODEL_PRESETS.paper.n}), g = p / N,
or with --lambda the ridge head's (SPEC 9) at penalty L > 0, or at the penalty that minimizes it (opt;
the JSON then carries "lambda", 0 when min-norm is best):
noise = tr(Se), bias, variance, excess = bias + variance, risk = noise + excess, as totals over the
k outputs and per output. With --json: {"gamma","noise","bias","variance","excess","risk","perOutput":{...},
"infinite":[...],"finite":{...},"warnings":[...]}: a part that diverges (the variance when rank(Sx) = N, i.e.
g = 1 for a non-singular Sx) is printed as null, as JSON has no Infinity, and named in "infinite" (empty
otherwise); "warnings" explains an unusual model (rho >= 1: the chain does not settle; Sx nearly singular).
Min-norm only: "finite" is the finite-n theory at N (SPEC 6, "Finite n": what a simulation at N samples should
show; the parts above are the limit g fixed, N -> infinity), {"bias","variance","excess","risk","perOutput",
"infinite"}, its variance diverging for rank(Sx) from N - 1 to N + 1. Ridge has no finite-n form here.
  --model FILE      a model file (as printed by headtune model --json); a token model file gives the
                    Gaussian-equivalent theory of SPEC 10d, an approximation (the JSON then says so in "theory")
  --lambda L|opt    the ridge head at penalty L (the estimator adds N L I to X^T X), or at the best one
${DRAW_HELP}`;

const OPTIONS = { ...DRAW_OPTIONS, model: { type: "string" }, n: { type: "string" }, lambda: { type: "string" } } as const;

/** The parts of RiskParts that the table and the "infinite" list show, in order. */
const PARTS = ["noise", "bias", "variance", "excess", "risk"] as const;

/**
 * Runs `headtune theory`.
 * @param argv the arguments after "theory"
 * @param io output and file access
 * @returns exit code 0
 * @throws {ArgumentError} an unknown or invalid flag, or an invalid model file.
 * @throws {NotPositiveDefiniteError} the model's Sx is singular.
 * @throws {HeadtuneError} code E_NON_FINITE: a population quantity overflows f64.
 * @example await run(["--model", "model.json", "--n", "200", "--json"], processIo);
 */
export async function run(argv: string[], io: Pick<CliIo, "stdout" | "readFile">): Promise<number> {
  const values = parseFlags("theory", argv, OPTIONS);
  if (values.help === true) {
    io.stdout(`${THEORY_HELP}\n`);
    return 0;
  }
  const n = numberFlag(values, "n", MODEL_PRESETS.paper.n, true, 1);
  const { spectrum, model, pop } = theoryInput(values, io);
  const { head: exactHead, lambda, t } = headTheory(values.lambda, spectrum, n);
  const head = pop.approximate ? `${exactHead} Gaussian-equivalent (an approximation in the token world)` : exactHead;
  const perOutput = perOutputParts(t, model.k);
  const infinite = PARTS.filter((key) => t[key] === Infinity);
  const f = lambda === undefined ? minNormFiniteN(t, positiveCount(spectrum.eigenvalues), n) : undefined;
  if (values.json === true) {
    const finite = f === undefined ? {} : { finite: { ...riskOnly(f, ["bias", "variance", "excess", "risk"]), perOutput: perOutputParts(f, model.k), infinite: PARTS.filter((key) => f[key] === Infinity) } };
    const approx = pop.approximate ? { theory: "gaussian-equivalent approximation" } : {};
    io.stdout(`${JSON.stringify({ ...t, ...(lambda === undefined ? {} : { lambda }), perOutput, infinite, ...finite, warnings: pop.warnings, ...approx })}\n`);
  } else {
    const columns = (r: RiskParts, key: (typeof PARTS)[number]) => `${fmt(r[key]).padStart(14)} ${fmt(r[key] / model.k).padStart(14)}`;
    const rows = PARTS.map((key) => `  ${key.padEnd(9)} ${columns(t, key)}${f === undefined ? "" : ` ${columns(f, key)}`}`);
    const notes = [
      ...(infinite.length > 0 ? [`  (${infinite.join(", ")} diverge: rank(Sx) = n, the interpolation peak)`] : []),
      ...(f !== undefined && f.variance === Infinity && t.variance !== Infinity
        ? ["  (the finite-n variance diverges: rank(Sx) is within 1 of n, where the mean over training sets is infinite)"]
        : []),
      ...pop.warnings.map((w) => `warning: ${w}`),
    ];
    const header = ["total", "per output", ...(f === undefined ? [] : ["finite-n total", "finite-n per out"])].map((h) => h.padStart(14)).join(" ");
    io.stdout(`${head} theory, p = ${model.p}, n = ${n}, g = ${fmt(t.gamma)}, k = ${model.k}\n  ${"".padEnd(9)} ${header}\n${[...rows, ...notes].join("\n")}\n`);
  }
  return 0;
}

/**
 * The spectrum the theory reads: a Gaussian model's population (exact theory), or a token model's on its S_alpha
 * (the Gaussian-equivalent theory of SPEC 10d, an approximation).
 */
function theoryInput(
  values: FlagValues,
  io: Pick<CliIo, "stdout" | "readFile">,
): { spectrum: SizeSpectrum; model: { p: number; k: number }; pop: { warnings: string[]; approximate: boolean } } {
  const tokens = loadTokenModel(values, io);
  if (tokens !== undefined) {
    const { spectrum, exact } = tokenModelPopulation(tokens);
    const warnings = exact ? [] : [`S_alpha is estimated from mPop = ${tokens.mPop} sequences: the theory carries a Monte Carlo error.`];
    return { spectrum, model: { p: tokens.rep.p, k: tokens.world.spec.k }, pop: { warnings, approximate: true } };
  }
  const model = loadModel(values, io, false);
  const pop = population(model);
  return { spectrum: populationSpectrum(pop), model, pop: { warnings: pop.warnings, approximate: false } };
}

/**
 * The theory --lambda asks for: min-norm when absent, ridge at L, or ridge at the best lambda ("opt").
 * @throws {ArgumentError} --lambda is neither "opt" nor a finite number > 0.
 */
function headTheory(
  raw: string | boolean | undefined,
  spectrum: SizeSpectrum,
  n: number,
): { head: string; lambda?: number; t: RiskParts } {
  if (raw === undefined) return { head: "min-norm", t: spectrumMinNormTheory(spectrum, n) };
  const { eigenvalues, weights, noise } = spectrum;
  if (raw === "opt") {
    const best = optimalRidgeTheory(eigenvalues, weights, noise, n);
    return { head: `ridge (best lambda = ${fmt(best.lambda)})`, lambda: best.lambda, t: riskOnly(best) };
  }
  const lambda = Number(raw);
  if (typeof raw !== "string" || raw.trim() === "" || !Number.isFinite(lambda) || !(lambda > 0)) {
    throw new ArgumentError(`--lambda must be a number > 0 or "opt". Value: ${String(raw)}.`, { name: "lambda", value: raw });
  }
  return { head: `ridge (lambda = ${fmt(lambda)})`, lambda, t: riskOnly(ridgeTheory(eigenvalues, weights, noise, n, lambda)) };
}

/** The named parts of a RiskParts (a ridge theory's kappa and lambda left out). */
function riskOnly<K extends keyof RiskParts>(t: RiskParts, keys: readonly K[] = ["gamma", ...PARTS] as K[]): Pick<RiskParts, K> {
  return Object.fromEntries(keys.map((key) => [key, t[key]])) as Pick<RiskParts, K>;
}

/** The parts divided by k (gamma left out). */
function perOutputParts(t: RiskParts, k: number): Omit<RiskParts, "gamma"> {
  return { noise: t.noise / k, bias: t.bias / k, variance: t.variance / k, excess: t.excess / k, risk: t.risk / k };
}
