/**
 * The model in its eigenbasis (SPEC 8a, 8b) against the explicit model it stands for: the same spectrum of Sx,
 * noise tr(Se), signal tr(B*^T Sx B*), and min-norm theory (SPEC 6), to 1e-10 relative.
 */
import { describe, expect, it } from "vitest";
import { NotPositiveDefiniteError } from "../../src/errors.js";
import { diagonalTheory, populationTheory } from "../../src/experiment/theory.js";
import { diagonalOfPopulation, drawDiagonalModel, headWeights, paperFamilyModel } from "../../src/hmm/diagonal.js";
import { drawModel } from "../../src/hmm/model.js";
import { population } from "../../src/hmm/population.js";
import { symmetricEigen } from "../../src/linalg/eigen.js";
import { gram } from "../../src/linalg/gram.js";
import { RandomStream } from "../../src/rng/stream.js";

/** |a - b| <= 1e-10 max(|b|, scale): eigen-decompositions of matrices of order <= 60 agree to ~100 n eps. */
function expectClose(a: number, b: number, what: string, scale = 0): void {
  expect(Math.abs(a - b), `${what}: ${a} against ${b}`).toBeLessThanOrEqual(1e-10 * Math.max(Math.abs(b), scale));
}

const scalars = { T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.3 };

describe.each([
  ["width, orthogonal A", 40, 40, "orthogonal"],
  ["d < p, orthogonal A", 30, 50, "orthogonal"],
  ["d > p, diagonal A", 50, 30, "diagonal"],
] as const)("the paper's family (%s): the diagonal form of an explicit model", (_label, d, p, aKind) => {
  const model = drawModel({ d, p, k: d, ...scalars, aKind }, new RandomStream(3, p, 0));
  const pop = population(model);
  // The squared singular values of W: eigenvalues of its smaller Gram, descending.
  const s2 = symmetricEigen(gram(model.W, d <= p ? "XXt" : "XtX")).values.reverse();
  const dm = paperFamilyModel({ d, p, k: d, ...scalars }, s2);

  it("has the eigenvalues of Sx, the noise tr(Se) and the signal tr(B*^T Sx B*) of the explicit population", () => {
    const explicit = symmetricEigen(pop.Sx).values;
    const diagonal = Float64Array.from(dm.sx).sort();
    explicit.forEach((l, j) => expectClose(diagonal[j]!, l, `l_${j}`, explicit[p - 1]!));
    expectClose(dm.noise, pop.noise, "tr(Se)");
    const signal = (w: Float64Array, l: Float64Array) => w.reduce((s, wj, j) => s + wj * l[j]!, 0);
    const reference = diagonalOfPopulation(pop);
    expectClose(signal(headWeights(dm), dm.sx), signal(headWeights(reference), reference.sx), "signal");
  });

  it.each([20, 35, 80, 200])("has the min-norm theory of SPEC 6 at n = %i", (n) => {
    const want = populationTheory(pop, n);
    const got = diagonalTheory(dm, n);
    for (const key of ["bias", "variance", "excess", "risk"] as const) expectClose(got[key], want[key], key, want.noise);
  });
});

describe("a gaussian A (SPEC 8b)", () => {
  it("keeps the population's theory in its eigenbases", () => {
    const pop = population(drawModel({ d: 25, p: 45, k: 25, ...scalars, aKind: "gaussian" }, new RandomStream(4, 45, 0)));
    const dm = diagonalOfPopulation(pop);
    expect(dm.bstar.kind).toBe("dense");
    for (const n of [20, 60]) expectClose(diagonalTheory(dm, n).risk, populationTheory(pop, n).risk, "risk");
  });
});

describe("drawDiagonalModel", () => {
  const spec = { d: 20, p: 30, k: 20, ...scalars, aKind: "orthogonal" as const };

  it("draws r = min(d, p) singular values: l_j = c s_j^2 + sU^2 for j < r, sU^2 beyond", () => {
    const dm = drawDiagonalModel(spec, new RandomStream(1, 30, 0));
    expect(dm.sx.length).toBe(30);
    expect(Array.from(dm.sx.subarray(20))).toEqual(new Array(10).fill(1));
    expect(Math.min(...dm.sx.subarray(0, 20))).toBeGreaterThan(1);
    expect(dm.bstar.kind === "diagonal" && dm.bstar.values.length).toBe(20);
  });

  it("refuses a gaussian A and a given matrix, and a singular Sx as population does", () => {
    expect(() => drawDiagonalModel({ ...spec, aKind: "gaussian" }, new RandomStream(1))).toThrow(/paper's family/);
    const singular = () => drawDiagonalModel({ ...spec, sU: 0 }, new RandomStream(1));
    expect(singular).toThrow(NotPositiveDefiniteError);
    expect(singular).toThrow(/With sU = 0, x = z_T W spans at most d = 20 of its p = 30 dimensions/);
  });
});
