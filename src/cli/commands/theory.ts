/**
 * headtune theory: the asymptotic min-norm risk of a model at n training samples (SPEC 6).
 */
import { population } from "../../hmm/population.js";
import { MODEL_PRESETS } from "../../hmm/presets.js";
import { populationTheory } from "../../experiment/theory.js";
import type { RiskParts } from "../../theory/index.js";
import type { CliIo } from "../io.js";
import { DRAW_HELP, DRAW_OPTIONS, fmt, loadModel, numberFlag, parseFlags } from "./model-args.js";

export const THEORY_HELP = `headtune theory (--model FILE | --p P [model flags]) [--n N] [--json]
The min-norm head's asymptotic risk at N training samples (default ${MODEL_PRESETS.paper.n}), g = p / N:
noise = tr(Se), bias, variance, excess = bias + variance, risk = noise + excess, as totals over the
k outputs and per output. With --json: {"gamma","noise","bias","variance","excess","risk","perOutput":{...}}
(a diverging part, at g = 1, prints as null).
  --model FILE      a model file (as printed by headtune model --json)
${DRAW_HELP}`;

const OPTIONS = { ...DRAW_OPTIONS, model: { type: "string" }, n: { type: "string" } } as const;

/**
 * Runs `headtune theory`.
 * @param argv the arguments after "theory"
 * @param io output and file access
 * @returns exit code 0
 * @throws {ArgumentError} an unknown or invalid flag, or an invalid model file.
 * @throws {NotPositiveDefiniteError} the model's Sx is singular.
 * @example await run(["--model", "model.json", "--n", "200", "--json"], processIo);
 */
export async function run(argv: string[], io: Pick<CliIo, "stdout" | "readFile">): Promise<number> {
  const values = parseFlags(argv, OPTIONS);
  if (values.help === true) {
    io.stdout(`${THEORY_HELP}\n`);
    return 0;
  }
  const n = numberFlag(values, "n", MODEL_PRESETS.paper.n, true, 1);
  const model = loadModel(values, io, false);
  const t = populationTheory(population(model), n);
  const perOutput = perOutputParts(t, model.k);
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ ...t, perOutput })}\n`);
  } else {
    const rows = (["noise", "bias", "variance", "excess", "risk"] as const).map(
      (key) => `  ${key.padEnd(9)} ${fmt(t[key]).padStart(14)} ${fmt(perOutput[key]).padStart(14)}`,
    );
    io.stdout(`min-norm theory, p = ${model.p}, n = ${n}, g = ${fmt(t.gamma)}, k = ${model.k}\n  ${"".padEnd(9)} ${"total".padStart(14)} ${"per output".padStart(14)}\n${rows.join("\n")}\n`);
  }
  return 0;
}

/** The parts divided by k (gamma left out). */
export function perOutputParts(t: RiskParts, k: number): Omit<RiskParts, "gamma"> {
  return { noise: t.noise / k, bias: t.bias / k, variance: t.variance / k, excess: t.excess / k, risk: t.risk / k };
}
