/**
 * headtune fit: one replicate of head tuning on a model: sample n training pairs, fit the min-norm head,
 * and report its exact risk and its conditional bias and variance.
 */
import { population } from "../../hmm/population.js";
import { assertSampleRange, sampleVariances } from "../../range.js";
import { MODEL_PRESETS } from "../../hmm/presets.js";
import { sampleMarginal, sampleSequential } from "../../hmm/sample.js";
import { factorMinNorm } from "../../head/minnorm.js";
import { matrix } from "../../linalg/matrix.js";
import { minNormRisks } from "../../risk/minnorm-risks.js";
import { RandomStream } from "../../rng/stream.js";
import type { CliIo } from "../io.js";
import type { TokenModel } from "../../tokens/model-file.js";
import { structuredMinNormRisks } from "../../tokens/risks.js";
import { drawTokenSample } from "../../tokens/sample.js";
import { sxFactor } from "../../tokens/size.js";
import { choiceFlag, DRAW_HELP, DRAW_OPTIONS, fmt, loadModel, numberFlag, parseFlags } from "./model-args.js";
import { loadTokenModel, tokenModelPopulation } from "./token-model.js";

const FIT_HELP = `headtune fit (--model FILE | --p P [model flags]) [--n N] [--seed S] [--replicate R] [--sampler KIND] [--json]
Samples N training pairs (default ${MODEL_PRESETS.paper.n}) from stream (seed, p, R + 1), as replicate R of a sweep,
fits the min-norm head B = X^+ Y and prints its path, oracle risk R(B) = tr(Se) + excess, and the exact
conditional bias and variance given X (totals over the k outputs). With --json:
{"path","oracleRisk","excess","biasX","varX","warnings"} ("warnings" explains an unusual model: rho >= 1,
Sx nearly singular; empty otherwise).
  --model FILE      a model file (as printed by headtune model --json; a token model file samples token
                    strings through the Bayes filter, SPEC 10)
  --sampler KIND    sequential (run the HMM, default) | marginal (draw (x_T, y) from its Gaussian law)
${DRAW_HELP}`;

const OPTIONS = { ...DRAW_OPTIONS, model: { type: "string" }, n: { type: "string" }, sampler: { type: "string" } } as const;

/**
 * Runs `headtune fit`.
 * @param argv the arguments after "fit"
 * @param io output and file access
 * @returns exit code 0
 * @throws {ArgumentError} an unknown or invalid flag, or an invalid model file.
 * @throws {NotPositiveDefiniteError} the model's Sx is singular.
 * @throws {HeadtuneError} code E_NON_FINITE: a population quantity, or the sums of the sample, overflow f64.
 * @example await run(["--model", "model.json", "--n", "200", "--seed", "1", "--json"], processIo);
 */
export async function run(argv: string[], io: Pick<CliIo, "stdout" | "readFile">): Promise<number> {
  const values = parseFlags("fit", argv, OPTIONS);
  if (values.help === true) {
    io.stdout(`${FIT_HELP}\n`);
    return 0;
  }
  const n = numberFlag(values, "n", MODEL_PRESETS.paper.n, true, 1);
  const seed = numberFlag(values, "seed", 1, true, 0);
  const replicate = numberFlag(values, "replicate", 0, true, 0);
  const sampler = choiceFlag(values, "sampler", ["sequential", "marginal"] as const, "sequential");
  const tokens = loadTokenModel(values, io);
  if (tokens !== undefined) return fitTokenModel(tokens, n, new RandomStream(seed, tokens.rep.p, replicate + 1), values.json === true, io);
  const model = loadModel(values, io, true);
  const pop = population(model);
  assertSampleRange({ n, nTest: 0 }, model.p, model.k, sampleVariances(pop));
  const stream = new RandomStream(seed, model.p, replicate + 1);
  const { X, Y } = sampler === "marginal" ? sampleMarginal(pop, n, stream) : sampleSequential(model, n, stream);
  const factor = factorMinNorm(X);
  const noTest = { X: matrix(0, model.p), Y: matrix(0, model.k) };
  const { excess, oracleRisk, biasX, varX } = minNormRisks(pop, factor, Y, noTest);
  const result = { path: factor.path, oracleRisk, excess, biasX, varX };
  if (values.json === true) {
    io.stdout(`${JSON.stringify({ ...result, warnings: pop.warnings })}\n`);
  } else {
    io.stdout(
      `min-norm head, p = ${model.p}, n = ${n}, k = ${model.k}, path ${result.path}\n` +
        `  oracle risk ${fmt(result.oracleRisk)} (noise ${fmt(pop.noise)} + excess ${fmt(excess)}); ` +
        `given X: bias ${fmt(result.biasX)}, variance ${fmt(result.varX)} (totals over k)\n` +
        pop.warnings.map((w) => `warning: ${w}\n`).join(""),
    );
  }
  return 0;
}

/**
 * `headtune fit` on a token model file: n strings from the stream (as replicate R of a sweep), the min-norm head,
 * its risks against the model's population (S_alpha as the file says).
 */
function fitTokenModel(m: TokenModel, n: number, stream: RandomStream, json: boolean, io: Pick<CliIo, "stdout">): number {
  const { population } = tokenModelPopulation(m);
  const { X, Y } = drawTokenSample(m.world, m.rep, n, stream);
  const factor = factorMinNorm(X);
  const pop = { Lx: sxFactor(population), F: population.F, sU: m.rep.sU, Bstar: population.Bstar, noise: population.noise };
  const noTest = { X: matrix(0, m.rep.p), Y: matrix(0, m.world.spec.k) };
  const { excess, oracleRisk, biasX, varX } = structuredMinNormRisks(pop, factor, Y, noTest);
  if (json) {
    io.stdout(`${JSON.stringify({ path: factor.path, oracleRisk, excess, biasX, varX, warnings: [] })}\n`);
  } else {
    io.stdout(
      `min-norm head (token world), p = ${m.rep.p}, n = ${n}, k = ${m.world.spec.k}, path ${factor.path}\n` +
        `  oracle risk ${fmt(oracleRisk)} (noise ${fmt(population.noise)} + excess ${fmt(excess)}); ` +
        `given X: bias ${fmt(biasX)}, variance ${fmt(varX)} (totals over k)\n`,
    );
  }
  return 0;
}
