// The dual-side risks (src/risk/minnorm-risks.ts) fold B = X^T (X X^T)^+ Y away; they must equal the risks of the
// formed B (oracle.ts, conditional.ts, test.ts, each tested against closed forms elsewhere) up to rounding.
import { describe, expect, it } from "vitest";
import { NonFiniteError, ShapeError } from "../../src/errors.js";
import { factorMinNorm, solveMinNorm } from "../../src/head/minnorm.js";
import { drawModel } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { sampleMarginal } from "../../src/hmm/sample.js";
import { matmul } from "../../src/linalg/matmul.js";
import { matrix, type Matrix } from "../../src/linalg/matrix.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { dualMinNormRisks, minNormRisks } from "../../src/risk/minnorm-risks.js";
import { oracleRiskParts } from "../../src/risk/oracle.js";
import { testRisk } from "../../src/risk/test-risk.js";
import { RandomStream } from "../../src/rng/stream.js";
import { EPS } from "../helpers/matrices.js";

/** Width scaling d = k = p = 60, as the paper preset at g = 3 for n = 20. */
const P = 60;
const pop = population(drawModel({ d: P, p: P, k: P, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.3, aKind: "orthogonal" }, new RandomStream(7, P, 0)));
const LxtBstar = matmul(pop.Lx, pop.Bstar, { transA: true });

/** The same five risks through the formed B. */
function formedRisks(X: Matrix, Y: Matrix, test: { X: Matrix; Y: Matrix }) {
  const factor = factorMinNorm(X);
  const B = solveMinNorm(factor, Y);
  return { ...oracleRiskParts(pop, B), testRisk: testRisk(test.X, test.Y, B), ...conditionalBiasVariance(pop, X, factor) };
}

/**
 * Each entry of Lx^T B (and of the other products) is a sum of n + p terms computed two ways; with
 * cond(X X^T) <= 1e2 here its error is below (n + p) eps cond ~ 2e-12 relative to the entry's size, and a sum of
 * squares of such entries inherits twice that. 1e-10 leaves a factor of 25.
 */
const TOL = 1e-10;

function expectClose(got: Record<string, number>, want: Record<string, number>): void {
  for (const key of Object.keys(want)) {
    const [g, w] = [got[key]!, want[key]!];
    expect(Math.abs(g - w), `${key}: ${g} against ${w}`).toBeLessThanOrEqual(TOL * Math.abs(w) + 1e3 * EPS * pop.noise);
  }
}

describe("dual-side min-norm risks", () => {
  it("equal the risks of the formed B on the Cholesky path (n = 20 < p = 60)", () => {
    const stream = new RandomStream(3, P, 1);
    const train = sampleMarginal(pop, 20, stream);
    const test = sampleMarginal(pop, 50, stream);
    const factor = factorMinNorm(train.X);
    expect(factor.path).toBe("dual-cholesky");
    expectClose({ ...dualMinNormRisks(pop, LxtBstar, factor, train.Y, test) }, formedRisks(train.X, train.Y, test));
  });

  it("equal them on the eigen path: X = [X1; X1] repeats its rows, so X X^T is singular", () => {
    const stream = new RandomStream(4, P, 1);
    const half = sampleMarginal(pop, 10, stream);
    const X = matrix(20, P, Float64Array.from([...half.X.data, ...half.X.data]));
    const Y = matrix(20, P, Float64Array.from([...half.Y.data, ...half.Y.data]));
    const test = sampleMarginal(pop, 30, stream);
    const factor = factorMinNorm(X);
    expect(factor.path).toBe("eigen");
    const risks = dualMinNormRisks(pop, LxtBstar, factor, Y, test);
    expectClose({ ...risks }, formedRisks(X, Y, test));
    // [X1; X1]^+ [Y1; Y1] = X1^+ Y1 and P is X1's projection: only var_X sees the duplicates, through
    // (X^T X)^+ = (2 X1^T X1)^+ = (X1^T X1)^+ / 2.
    const once = formedRisks(half.X, half.Y, test);
    expectClose({ ...risks }, { ...once, varX: once.varX / 2 });
  });

  it("give a NaN test risk for an empty test set and the other risks unchanged", () => {
    const stream = new RandomStream(5, P, 1);
    const train = sampleMarginal(pop, 20, stream);
    const factor = factorMinNorm(train.X);
    const empty = { X: matrix(0, P), Y: matrix(0, P) };
    const risks = dualMinNormRisks(pop, LxtBstar, factor, train.Y, empty);
    expect(risks.testRisk).toBeNaN();
    const { testRisk: _ignored, ...rest } = formedRisks(train.X, train.Y, sampleMarginal(pop, 5, stream));
    expectClose({ ...risks, testRisk: 0 }, { ...rest, testRisk: 0 });
  });

  it("minNormRisks forms B on the primal side (bit for bit the risks of oracle.ts, test.ts, conditional.ts) and folds it on the dual side", () => {
    const stream = new RandomStream(8, P, 1);
    const tall = sampleMarginal(pop, 80, stream);
    const wide = sampleMarginal(pop, 20, stream);
    const test = sampleMarginal(pop, 10, stream);
    expect(minNormRisks(pop, factorMinNorm(tall.X), tall.Y, test)).toEqual(formedRisks(tall.X, tall.Y, test));
    const factor = factorMinNorm(wide.X);
    expect(minNormRisks(pop, factor, wide.Y, test)).toEqual(dualMinNormRisks(pop, LxtBstar, factor, wide.Y, test));
    expect(minNormRisks(pop, factor, wide.Y, test, LxtBstar)).toEqual(dualMinNormRisks(pop, LxtBstar, factor, wide.Y, test));
  });

  it("minNormRisks refuses targets or a test sample with NaN, naming them", () => {
    const stream = new RandomStream(9, P, 1);
    const train = sampleMarginal(pop, 20, stream);
    const test = sampleMarginal(pop, 10, stream);
    const factor = factorMinNorm(train.X);
    const bad = (M: Matrix): Matrix => ({ ...M, data: M.data.map((v, i) => (i === 3 ? NaN : v)) });
    expect(() => minNormRisks(pop, factor, bad(train.Y), test)).toThrow(NonFiniteError);
    expect(() => minNormRisks(pop, factor, train.Y, { X: bad(test.X), Y: test.Y })).toThrow(/test\.X/);
  });

  it("refuse a primal factor and mismatched shapes, naming what they got", () => {
    const stream = new RandomStream(6, P, 1);
    const tall = sampleMarginal(pop, 80, stream);
    const test = sampleMarginal(pop, 5, stream);
    expect(() => dualMinNormRisks(pop, LxtBstar, factorMinNorm(tall.X), tall.Y, test)).toThrow(ShapeError);
    const train = sampleMarginal(pop, 20, stream);
    const factor = factorMinNorm(train.X);
    expect(() => dualMinNormRisks(pop, matrix(P, P - 1), factor, train.Y, test)).toThrow(/Lx\^T B\* 60 x 59/);
    expect(() => dualMinNormRisks(pop, LxtBstar, factor, matrix(19, P), test)).toThrow(/Y 19 x 60/);
  });
});
