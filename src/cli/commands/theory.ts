/**
 * headtune theory: the asymptotic risk of a model's min-norm head at n training samples (SPEC 6), or of its
 * ridge head at a penalty lambda (SPEC 9).
 */
import { population } from "../../hmm/population.js";
import { MODEL_PRESETS } from "../../hmm/presets.js";
import { minNormOf, populationSpectrum, ridgeOf } from "../../experiment/theory.js";
import { numberFlag as parseNumberFlag } from "../args.js";
import type { RiskParts } from "../../theory/index.js";
import type { CliIo } from "../io.js";
import { DRAW_HELP, DRAW_OPTIONS, fmt, loadModel, numberFlag, parseFlags } from "./model-args.js";

const THEORY_HELP = `headtune theory (--model FILE | --p P [model flags]) [--n N] [--lambda L] [--json]
The min-norm head's asymptotic risk at N training samples (default ${MODEL_PRESETS.paper.n}), g = p / N, or with
--lambda L (> 0) the ridge head's, B = (X^T X + N L I)^{-1} X^T Y (SPEC 9):
noise = tr(Se), bias, variance, excess = bias + variance, risk = noise + excess, as totals over the
k outputs and per output. With --json: {"gamma","noise","bias","variance","excess","risk","perOutput":{...},
"infinite":[...],"warnings":[...]}: a part that diverges (the variance when rank(Sx) = N, i.e. g = 1 for a
non-singular Sx) is printed as null, as JSON has no Infinity, and named in "infinite" (empty otherwise);
"warnings" explains an unusual model (rho >= 1: the chain does not settle; Sx nearly singular).
  --model FILE      a model file (as printed by headtune model --json)
  --lambda L        the ridge penalty (> 0); without it, the min-norm head (its L -> 0 limit)
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
  const lambda = values.lambda === undefined ? undefined : parseNumberFlag("lambda", String(values.lambda), { integer: false, min: 0, above: true });
  const model = loadModel(values, io, false);
  const pop = population(model);
  const spectrum = populationSpectrum(pop);
  const t = lambda === undefined ? minNormOf(spectrum, pop.noise, n) : ridgeOf(spectrum, pop.noise, n, lambda);
  const head = lambda === undefined ? "min-norm" : `ridge (lambda = ${lambda})`;
  const perOutput = perOutputParts(t, model.k);
  const infinite = PARTS.filter((key) => t[key] === Infinity);
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ head: lambda === undefined ? "minnorm" : "ridge", lambda: lambda ?? null, ...t, perOutput, infinite, warnings: pop.warnings })}\n`);
  } else {
    const rows = PARTS.map((key) => `  ${key.padEnd(9)} ${fmt(t[key]).padStart(14)} ${fmt(perOutput[key]).padStart(14)}`);
    const notes = [
      ...(infinite.length > 0 ? [`  (${infinite.join(", ")} diverge: rank(Sx) = n, the interpolation peak)`] : []),
      ...pop.warnings.map((w) => `warning: ${w}`),
    ];
    io.stdout(
      `${head} theory, p = ${model.p}, n = ${n}, g = ${fmt(t.gamma)}, k = ${model.k}\n  ${"".padEnd(9)} ${"total".padStart(14)} ${"per output".padStart(14)}\n${[...rows, ...notes].join("\n")}\n`,
    );
  }
  return 0;
}

/** The parts divided by k (gamma left out). */
function perOutputParts(t: RiskParts, k: number): Omit<RiskParts, "gamma"> {
  return { noise: t.noise / k, bias: t.bias / k, variance: t.variance / k, excess: t.excess / k, risk: t.risk / k };
}
