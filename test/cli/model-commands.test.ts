import { describe, expect, it } from "vitest";
import { run as runFit } from "../../src/cli/commands/fit.js";
import { run as runModel } from "../../src/cli/commands/model.js";
import { run as runTheory } from "../../src/cli/commands/theory.js";
import { ArgumentError } from "../../src/errors.js";
import { modelSpecOf } from "../../src/experiment/settings.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { populationSpectrum } from "../../src/experiment/spectrum.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { ridgeTheory } from "../../src/theory/index.js";
import { drawModel } from "../../src/hmm/model.js";
import { modelFromJson, modelToJson } from "../../src/hmm/model-file.js";
import { population } from "../../src/hmm/population.js";
import { MODEL_PRESETS } from "../../src/hmm/presets.js";
import { RandomStream } from "../../src/rng/stream.js";
import { fakeIo } from "../edges/support.js";

const paperModel = (p: number, streamLo: number) =>
  drawModel(modelSpecOf(MODEL_PRESETS.paper, p), new RandomStream(1, p, streamLo));

describe("headtune model", () => {
  it("prints the paper preset's model of size p as JSON, the same for every replicate of a fixed model", async () => {
    const io = fakeIo();
    expect(await runModel(["--preset", "paper", "--p", "6", "--replicate", "3", "--seed", "1", "--json"], io)).toBe(0);
    expect(io.out.join("")).toBe(`${modelToJson(paperModel(6, 0))}\n`);
  });

  it("with --redraw-model prints replicate r's own model, from stream (seed, p, r + 1)", async () => {
    const io = fakeIo();
    await runModel(["--p", "6", "--replicate", "3", "--redraw-model", "--json"], io);
    expect(modelFromJson(io.out.join(""))).toEqual(paperModel(6, 4));
  });

  it("applies overrides and prints a summary without --json", async () => {
    const io = fakeIo();
    await runModel(["--preset", "features", "--p", "7", "--d", "3", "--rho", "0.5", "--a-kind", "diagonal"], io);
    expect(io.out.join("")).toMatch(/^model: d = 3, p = 7, k = 3, T = 5, rho = 0\.5/);
  });

  it.each([
    [["--p", "6", "--bogus"], /Unknown option '--bogus'/],
    [["--json"], /--p is required/],
    [["--p", "six"], /^--p must be an integer >= 1\. Value: "six"\.$/],
    [["--p", "6", "--rho=-1"], /^--rho must be a number >= 0\. Value: "-1"\.$/],
    // A negative value after a space gets the same message, not the argument parser's "ambiguous".
    [["--p", "6", "--rho", "-1"], /^--rho must be a number >= 0\. Value: "-1"\.$/],
    [["--p", "-6"], /^--p must be an integer >= 1\. Value: "-6"\.$/],
    [["--p", "6", "--T", "2.5"], /^--T must be an integer >= 1\. Value: "2\.5"\.$/],
    [["--p", "6", "--preset", "huge"], /--preset must be one of paper, features\. Value: huge/],
    [["--p", "6", "extra"], /Unexpected argument 'extra'/],
  ])("rejects %j with an ArgumentError", async (argv, message) => {
    await expect(runModel(argv, fakeIo())).rejects.toThrow(ArgumentError);
    await expect(runModel(argv, fakeIo())).rejects.toThrow(message);
  });

  it("prints help naming what --replicate means", async () => {
    const io = fakeIo();
    expect(await runModel(["--help"], io)).toBe(0);
    expect(io.out.join("")).toMatch(/stream \(seed, p, 0\) whatever R is/);
  });
});

describe("headtune theory", () => {
  it("prints the min-norm theory of a model file, totals and per output", async () => {
    const model = paperModel(8, 0);
    const io = fakeIo({ "model.json": modelToJson(model) });
    expect(await runTheory(["--model", "model.json", "--n", "4", "--json"], io)).toBe(0);
    const got = JSON.parse(io.out.join(""));
    const t = populationTheory(population(model), 4);
    expect(got).toEqual({
      ...t,
      perOutput: { noise: t.noise / 8, bias: t.bias / 8, variance: t.variance / 8, excess: t.excess / 8, risk: t.risk / 8 },
      infinite: [],
      warnings: [],
    });
    expect(got.gamma).toBe(2);
  });

  it("prints the ridge theory at --lambda L and at the best lambda (--lambda opt), and refuses a bad --lambda", async () => {
    const model = paperModel(8, 0);
    const io = fakeIo({ "model.json": modelToJson(model) });
    const spectrum = populationSpectrum(population(model));
    const { eigenvalues, weights, noise } = spectrum;
    expect(await runTheory(["--model", "model.json", "--n", "4", "--lambda", "0.3", "--json"], io)).toBe(0);
    const got = JSON.parse(io.out.join(""));
    const t = ridgeTheory(eigenvalues, weights, noise, 4, 0.3);
    expect(got).toMatchObject({ lambda: 0.3, bias: t.bias, variance: t.variance, risk: t.risk, perOutput: { excess: t.excess / 8 } });
    const opt = fakeIo({ "model.json": modelToJson(model) });
    await runTheory(["--model", "model.json", "--n", "4", "--lambda", "opt"], opt);
    expect(opt.out.join("")).toMatch(/^ridge \(best lambda = [0-9.e+-]+\) theory, p = 8, n = 4/);
    await expect(runTheory(["--model", "model.json", "--lambda", "0"], io)).rejects.toThrow(/--lambda must be a number > 0 or "opt"\. Value: 0/);
  });

  it("draws the model from flags when there is no --model, and refuses model flags beside --model", async () => {
    const io = fakeIo();
    await runTheory(["--p", "20"], io);
    expect(io.out.join("")).toMatch(/min-norm theory, p = 20, n = 200, g = 0\.1, k = 20/);
    await expect(runTheory(["--model", "m.json", "--p", "20"], fakeIo({ "m.json": "{}" }))).rejects.toThrow(/--p cannot be combined with --model/);
    await expect(runTheory(["--model", "m.json", "--seed", "2"], fakeIo({ "m.json": "{}" }))).rejects.toThrow(/--seed cannot be combined/);
    await expect(runTheory(["--model", "nope.json"], fakeIo())).rejects.toThrow(/--model nope\.json cannot be read: ENOENT/);
    await expect(runTheory(["--model", "m.json"], fakeIo({ "m.json": "{}" }))).rejects.toThrow(/m\.json: field d:/);
  });
});

describe("headtune fit", () => {
  it("fits the min-norm head on replicate R's training set, as the sweep does", async () => {
    const p = 10;
    const io = fakeIo({ "model.json": modelToJson(paperModel(p, 0)) });
    expect(await runFit(["--model", "model.json", "--n", "6", "--seed", "1", "--replicate", "2", "--json"], io)).toBe(0);
    const got = JSON.parse(io.out.join(""));
    const settings = { ...MODEL_PRESETS.paper, n: 6, nTest: 0, sampler: "sequential" as const, seed: 1, fixedModel: true, heads: [{ kind: "minnorm" as const }] };
    const [want] = runReplicate(settings, prepareSize(settings, p), 2);
    expect(got).toEqual({ path: want!.path, oracleRisk: want!.oracleRisk, excess: want!.excess, biasX: want!.biasX, varX: want!.varX, warnings: [] });
  });

  it("accepts the marginal sampler and prints a summary without --json", async () => {
    const io = fakeIo();
    await runFit(["--p", "5", "--n", "20", "--sampler", "marginal"], io);
    expect(io.out.join("")).toMatch(/^min-norm head, p = 5, n = 20, k = 5, path primal-cholesky\n {2}oracle risk/);
    await expect(runFit(["--p", "5", "--sampler", "exact"], fakeIo())).rejects.toThrow(/--sampler must be one of sequential, marginal/);
  });
});
