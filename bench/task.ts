/**
 * One sweep task phase by phase: where the time of `headtune sweep --preset paper` goes, beside the numpy
 * peer's same phase (bench/peers/sweep_peer.py's functions, timed by numpy_peer.py's task_* ops). A size p is
 * prepared once (prepare = model + population + theory) and run for 20 replicates (replicate = sample +
 * fit + risks), so the end-to-end ratio is the replicate phases' ratios weighted by their share.
 * Sizes: p = n = 200 (the peak) and p = 1000 = 5 n (the largest of the paper grid); width scaling, d = k = p.
 * Composite operations with no pointer tier: ours is the library function the sweep calls. The inputs of a
 * phase (the model, its population, the samples, the fit) are computed once, untimed.
 */
import { factorMinNorm } from "../src/head/minnorm.js";
import { drawModel } from "../src/hmm/model.js";
import { population } from "../src/hmm/population.js";
import { sampleSequentialInto } from "../src/hmm/sample.js";
import { matrix } from "../src/linalg/matrix.js";
import { prepareSize, runReplicate } from "../src/experiment/public.js";
import { modelSpecOf, type ExperimentSettings } from "../src/experiment/settings.js";
import { populationTheory } from "../src/experiment/theory.js";
import { minNormRisks } from "../src/risk/minnorm-risks.js";
import { RandomStream } from "../src/rng/stream.js";
import { presetConfig } from "../src/sweep/presets.js";
import { experimentSettings } from "../src/sweep/run.js";
import { once } from "./inputs.js";
import type { BenchCase, Suite, Trial } from "./suite.js";

type Phase = "prepare" | "model" | "population" | "theory" | "replicate" | "sample" | "fit" | "risks";

const PHASES: readonly Phase[] = ["prepare", "model", "population", "theory", "replicate", "sample", "fit", "risks"];

const LABEL: Record<Phase, string> = {
  prepare: "prepare (model + population + theory)",
  model: "· model A = ρQ, W",
  population: "· population Sx, Lx, B*",
  theory: "· theory eig(Sx), fixed point",
  replicate: "replicate (sample + fit + risks)",
  sample: "· sample n + nTest sequences",
  fit: "· factor the smaller Gram",
  risks: "· head, risks, bias_X, var_X",
};

/** The inputs a phase of size p starts from, built once per size. */
function taskInputs(settings: ExperimentSettings, p: number) {
  const ctx = prepareSize(settings, p);
  if (!("sampler" in ctx) || ctx.sampler === "spectral") throw new Error("the task phases time the Gaussian world's sequential sampler");
  const stream = new RandomStream(settings.seed, p, 1);
  const draw = (n: number) => {
    const out = { X: matrix(n, p), Y: matrix(n, ctx.model.k) };
    sampleSequentialInto(ctx.model, stream, out);
    return out;
  };
  const train = draw(settings.n);
  const test = draw(settings.nTest);
  return { ctx, train, test, factor: factorMinNorm(train.X) };
}

function phaseTrial(settings: ExperimentSettings, p: number, phase: Phase, inputs: () => ReturnType<typeof taskInputs>): Trial {
  switch (phase) {
    case "prepare":
      return { run: () => void prepareSize(settings, p) };
    case "model":
      return { run: () => void drawModel(modelSpecOf(settings, p), new RandomStream(settings.seed, p, 0)) };
  }
  const { ctx, train, test, factor } = inputs();
  const pop = ctx.population;
  switch (phase) {
    case "population":
      return { run: () => void population(ctx.model) };
    case "theory":
      return { run: () => void populationTheory(pop, settings.n) };
    case "replicate":
      return { run: () => void runReplicate(settings, ctx, 0) };
    case "sample": {
      const stream = new RandomStream(settings.seed, p, 1);
      const out = [train, test].map(({ X, Y }) => ({ X: matrix(X.rows, X.cols), Y: matrix(Y.rows, Y.cols) }));
      return { run: () => out.forEach((o) => sampleSequentialInto(ctx.model, stream, o)) };
    }
    case "fit":
      return { run: () => void factorMinNorm(train.X) };
    case "risks":
      return { run: () => void minNormRisks(pop, factor, train.Y, test, ctx.LxtBstar) };
  }
}

function taskCases(settings: ExperimentSettings, p: number): BenchCase[] {
  const { n, nTest, T, rho, sEps, sU, sY, seed } = settings;
  const inputs = once(() => taskInputs(settings, p));
  return PHASES.map((phase) => ({
    size: `p=${p} ${LABEL[phase]}`,
    work: p ** 3,
    family: phase,
    friendly: () => phaseTrial(settings, p, phase, inputs),
    js: {},
    numpy: { op: `task_${phase}`, dims: [p, n, nTest, T, rho, sEps, sU, sY, seed] },
  }));
}

export const taskSuite: Suite = {
  name: "task",
  rate: "time",
  workNote:
    "task (one size of the paper sweep, n = 200, nTest = 500, T = 5, d = k = p): time only; ours = the library function of each phase, numpy = bench/peers/sweep_peer.py's; a size is prepared once and replicated 20 times",
  cases: (quick) => {
    const settings: ExperimentSettings = { ...experimentSettings(presetConfig("paper")), sampler: "sequential" };
    return (quick ? [20] : [200, 1000]).flatMap((p) => taskCases(settings, p));
  },
};
