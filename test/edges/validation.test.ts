/**
 * Validation at the public boundaries of the model, sampling, heads, risks, theory and experiment modules:
 * every bad input is a HeadtuneError with the right code whose message names the field and shows the value.
 */
import { describe, expect, it } from "vitest";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { validateSettings, type ExperimentSettings } from "../../src/experiment/settings.js";
import { populationTheory } from "../../src/experiment/theory.js";
import { fitMinNorm } from "../../src/head/minnorm.js";
import { fitRidge } from "../../src/head/ridge.js";
import type { ModelSpec } from "../../src/hmm/config.js";
import { drawModel, validateModel, type Model } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { marginalFactors, sampleMarginal, sampleMarginalInto, sampleSequential } from "../../src/hmm/sample.js";
import { sampleSequences } from "../../src/hmm/sequences.js";
import { matrix, type Matrix } from "../../src/linalg/matrix.js";
import { taskMemoryBytes } from "../../src/limits.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { excessRisk } from "../../src/risk/oracle.js";
import { testRisk } from "../../src/risk/test-risk.js";
import { RandomStream } from "../../src/rng/stream.js";
import { minNormTheory } from "../../src/theory/index.js";
import { thrown } from "./support.js";

const spec: ModelSpec = { d: 3, p: 4, k: 3, T: 2, rho: 0.5, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" };
const good: Model = drawModel(spec, new RandomStream(1, 4, 0));
const pop = population(good);

const settings: ExperimentSettings = {
  scaling: "width", d: 5, T: 2, rho: 0.5, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal",
  n: 6, nTest: 3, sampler: "sequential", seed: 1, fixedModel: true, heads: [{ kind: "minnorm" }],
};

function withNaN(M: Matrix, at: number): Matrix {
  const data = M.data.slice();
  data[at] = NaN;
  return { rows: M.rows, cols: M.cols, data };
}

const X = new RandomStream(2).normalMatrix(6, 4);
const Y = new RandomStream(3).normalMatrix(6, 2);

type Case = [string, () => unknown, string, RegExp];

const cases: Case[] = [
  // drawModel and validateModelSpec
  ["spec null", () => drawModel(null as never, new RandomStream(1)), "E_ARGUMENT", /^spec must be an object\. Value: null\.$/],
  ["d = 0", () => drawModel({ ...spec, d: 0 }, new RandomStream(1)), "E_ARGUMENT", /^d must be a positive integer\. Value: 0\.$/],
  ["p = 2.5", () => drawModel({ ...spec, p: 2.5 }, new RandomStream(1)), "E_ARGUMENT", /^p must be a positive integer\. Value: 2\.5\.$/],
  ["T = 0", () => drawModel({ ...spec, T: 0 }, new RandomStream(1)), "E_ARGUMENT", /^T must be a positive integer\. Value: 0\.$/],
  ["T a string", () => drawModel({ ...spec, T: "5" as never }, new RandomStream(1)), "E_ARGUMENT", /^T must be a positive integer\. Value: 5\.$/],
  ["k != d without V", () => drawModel({ ...spec, k: 2 }, new RandomStream(1)), "E_SHAPE", /^k must equal d when V is the default I_d\. Value: k = 2, d = 3\.$/],
  ["rho = -0.1", () => drawModel({ ...spec, rho: -0.1 }, new RandomStream(1)), "E_ARGUMENT", /^rho must be >= 0\. Value: -0\.1\.$/],
  ["sEps = NaN", () => drawModel({ ...spec, sEps: NaN }, new RandomStream(1)), "E_ARGUMENT", /^sEps must be a finite number\. Value: NaN\.$/],
  ["sU = Infinity", () => drawModel({ ...spec, sU: Infinity }, new RandomStream(1)), "E_ARGUMENT", /^sU must be a finite number\. Value: Infinity\.$/],
  ["sY = -1", () => drawModel({ ...spec, sY: -1 }, new RandomStream(1)), "E_ARGUMENT", /^sY must be >= 0\. Value: -1\.$/],
  ["aKind unknown", () => drawModel({ ...spec, aKind: "unitary" as never }, new RandomStream(1)), "E_ARGUMENT", /^aKind must be one of orthogonal, diagonal, gaussian\. Value: unitary\.$/],
  ["W of the wrong shape", () => drawModel({ ...spec, W: matrix(4, 3) }, new RandomStream(1)), "E_SHAPE", /^W must be 3 x 4\. Value: 4 x 3\.$/],
  ["A with NaN", () => drawModel({ ...spec, A: withNaN(matrix(3, 3), 4) }, new RandomStream(1)), "E_NON_FINITE", /^A must be finite\. Value at index 4: NaN\.$/],
  ["V with a short data array", () => drawModel({ ...spec, V: { rows: 3, cols: 3, data: new Float64Array(8) } }, new RandomStream(1)), "E_SHAPE", /^V\.data has 8 entries but V is 3 x 3\.$/],
  // population and the samplers take a Model: checked before any kernel sees a pointer
  ["model undefined", () => population(undefined as never), "E_ARGUMENT", /^model must be an object\. Value: undefined\.$/],
  ["model without W", () => population({ ...good, W: undefined as never }), "E_ARGUMENT", /^W must be a Matrix .*Value: undefined\.$/],
  ["model T = 0", () => population({ ...good, T: 0 }), "E_ARGUMENT", /^T must be a positive integer\. Value: 0\.$/],
  ["model sEps < 0", () => population({ ...good, sEps: -0.5 }), "E_ARGUMENT", /^sEps must be >= 0\. Value: -0\.5\.$/],
  ["model W too short", () => sampleSequential({ ...good, W: matrix(3, 3) }, 5, new RandomStream(1)), "E_SHAPE", /^W must be 3 x 4\. Value: 3 x 3\.$/],
  ["model V with NaN", () => sampleSequences({ ...good, V: withNaN(good.V, 0) }, 5, new RandomStream(1)), "E_NON_FINITE", /^V must be finite\. Value at index 0: NaN\.$/],
  ["model k != V.cols", () => validateModel({ ...good, k: 2 }), "E_SHAPE", /^V must be 3 x 2\. Value: 3 x 3\.$/],
  ["n = -1", () => sampleSequential(good, -1, new RandomStream(1)), "E_ARGUMENT", /^n must be a non-negative integer\. Value: -1\.$/],
  ["marginal n = 1.5", () => sampleMarginal(pop, 1.5, new RandomStream(1)), "E_ARGUMENT", /^n must be a non-negative integer\. Value: 1\.5\.$/],
  ["population Se of the wrong shape", () => marginalFactors({ ...pop, Se: matrix(2, 2) }), "E_SHAPE", /^Se must be 3 x 3\. Value: 2 x 2\.$/],
  [
    "marginal factors that disagree",
    () => sampleMarginalInto({ ...marginalFactors(pop), Bstar: matrix(4, 2) }, new RandomStream(1), { X: matrix(2, 4), Y: matrix(2, 3) }),
    "E_SHAPE",
    /^Bstar must be 4 x 3\. Value: 4 x 2\.$/,
  ],
  // heads
  ["X with NaN", () => fitMinNorm(withNaN(X, 7), Y), "E_NON_FINITE", /^X must be finite\. Value at index 7: NaN\.$/],
  ["Y with Infinity", () => fitMinNorm(X, { ...Y, data: Y.data.map((v, i) => (i === 3 ? Infinity : v)) }), "E_NON_FINITE", /^Y must be finite\. Value at index 3: Infinity\.$/],
  ["Y with other rows", () => fitRidge(X, matrix(5, 2), 0.1), "E_SHAPE", /^Y must have as many rows as X \(6\)\. Value: 5\.$/],
  ["lambda NaN", () => fitRidge(X, Y, NaN), "E_ARGUMENT", /^lambda must be a finite number\. Value: NaN\.$/],
  ["lambda a string", () => fitRidge(X, Y, "0.1" as never), "E_ARGUMENT", /^lambda must be a finite number\. Value: 0\.1\.$/],
  ["X not a Matrix", () => fitMinNorm({ rows: 1, cols: 1, data: [1] } as never, Y), "E_ARGUMENT", /^X must be a Matrix/],
  // risks
  ["B of the wrong shape", () => excessRisk(pop, matrix(4, 2)), "E_SHAPE", /^B must be 4 x 3\. Value: 4 x 2\.$/],
  ["test set shapes", () => testRisk(X, Y, matrix(3, 2)), "E_SHAPE", /^testRisk needs X n x p, Y n x k, B p x k\. Value: X 6 x 4, Y 6 x 2, B 3 x 2\.$/],
  ["conditional X columns", () => conditionalBiasVariance(pop, matrix(6, 3)), "E_SHAPE", /^X must have p = 4 columns\. Value: 3\.$/],
  // theory
  ["theory n = 0", () => populationTheory(pop, 0), "E_ARGUMENT", /^n must be a positive integer\. Value: 0\.$/],
  ["negative eigenvalue", () => minNormTheory(new Float64Array([1, -1]), new Float64Array(2), 1, 5), "E_ARGUMENT", /^eigenvalues must be >= 0\. Value at index 1: -1\.$/],
  ["noise NaN", () => minNormTheory(new Float64Array([1]), new Float64Array(1), NaN, 5), "E_ARGUMENT", /^noise must be a finite number\. Value: NaN\.$/],
  // experiment settings
  ["settings null", () => validateSettings(null as never), "E_ARGUMENT", /^settings must be an object\. Value: null\.$/],
  ["scaling unknown", () => validateSettings({ ...settings, scaling: "depth" as never }), "E_ARGUMENT", /^settings: field "scaling" must be one of "width", "features", "linear", "posterior"\. Value: "depth"\.$/],
  ["n = 0", () => prepareSize({ ...settings, n: 0 }, 4), "E_ARGUMENT", /^settings: field "n" must be an integer >= 1\. Value: 0\.$/],
  ["nTest = -1", () => prepareSize({ ...settings, nTest: -1 }, 4), "E_ARGUMENT", /^settings: field "nTest" must be an integer >= 0\. Value: -1\.$/],
  ["seed unsafe", () => prepareSize({ ...settings, seed: 2 ** 53 }, 4), "E_ARGUMENT", /^settings: field "seed" must be an integer >= 0\. Value: 9007199254740992\.$/],
  ["fixedModel a string", () => prepareSize({ ...settings, fixedModel: "yes" as never }, 4), "E_ARGUMENT", /^settings: field "fixedModel" must be true or false\. Value: "yes"\.$/],
  ["heads empty", () => prepareSize({ ...settings, heads: [] }, 4), "E_ARGUMENT", /^settings: field "heads" must have at least 1 entry\. Value: \[\]\.$/],
  ["head null", () => prepareSize({ ...settings, heads: [null as never] }, 4), "E_ARGUMENT", /^settings: field "heads\[0\]" must be an object\. Value: null\.$/],
  ["features d = 0", () => prepareSize({ ...settings, scaling: "features", d: 0 }, 4), "E_ARGUMENT", /^d must be a positive integer\. Value: 0\.$/],
  ["settings T = 1.5", () => prepareSize({ ...settings, T: 1.5 }, 4), "E_ARGUMENT", /^settings: field "T" must be an integer >= 1\. Value: 1\.5\.$/],
  ["settings rho < 0", () => prepareSize({ ...settings, rho: -2 }, 4), "E_ARGUMENT", /^settings: field "rho" must be a number >= 0\. Value: -2\.$/],
  ["ridge lambda past f64 with n", () => prepareSize({ ...settings, heads: [{ kind: "ridge", lambda: 1e308 }] }, 4), "E_ARGUMENT", /^settings: field "heads\[0\]\.lambda" is too large: n lambda = 6 \* 1e\+308 overflows f64\. Value: 1e\+308\.$/],
  ["p = 0", () => prepareSize(settings, 0), "E_ARGUMENT", /^p must be a positive integer\. Value: 0\.$/],
  ["replicate -1", () => runReplicate(settings, prepareSize(settings, 4), -1), "E_ARGUMENT", /^r must be a non-negative integer\. Value: -1\.$/],
  ["memory of p = NaN", () => taskMemoryBytes(settings, NaN), "E_ARGUMENT", /^p must be a positive integer\. Value: NaN\.$/],
];

describe("public boundaries: typed errors that name the field and show the value", () => {
  it.each(cases)("%s", (_label, fn, code, message) => {
    const err = thrown(fn);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
  });
});
