/**
 * Arguments for the numerical API: matrices of every shape from 0 x 0 up (0 and 1 rows or columns included),
 * entries at a scale 2^[-300, 300], sometimes NaN or Infinity at one entry, sometimes not a matrix at all
 * (data of the wrong length, a plain array, null, negative or fractional sizes).
 */
import fc from "fast-check";
import type { Matrix } from "../../../src/index.js";

const dim = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 1, arbitrary: fc.integer({ min: 7, max: 24 }) });

/** A rows x cols matrix of standard normal-like entries times 2^scale (from a seeded generator). */
export function gaussianMatrix(rows: number, cols: number, seed: number, scale = 0): Matrix {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (next() + next() + next() - 1.5) * 2 * 2 ** scale;
  return { rows, cols, data };
}

export type Damage = { kind: "none" } | { kind: "entry"; at: number; value: number } | { kind: "length"; delta: number } | { kind: "shape"; value: unknown };

export const damage: fc.Arbitrary<Damage> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("entry" as const), at: fc.nat(), value: fc.constantFrom(NaN, Infinity, -Infinity, 1e308, -0, 5e-324) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("length" as const), delta: fc.constantFrom(-1, 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("shape" as const), value: fc.constantFrom<unknown>(null, [], [[1]], { rows: -1, cols: 1, data: new Float64Array(0) }, { rows: 1.5, cols: 2, data: new Float64Array(3) }, { rows: 1, cols: 1, data: [1] }, "M") }) },
);

/** The matrix, damaged as d says (the value a caller passes: possibly not a Matrix). */
export function damaged(M: Matrix, d: Damage): unknown {
  if (d.kind === "none") return M;
  if (d.kind === "shape") return d.value;
  if (d.kind === "length") return { ...M, data: new Float64Array(Math.max(0, M.data.length + d.delta)) };
  if (M.data.length === 0) return M;
  const data = Float64Array.from(M.data);
  data[d.at % data.length] = d.value;
  return { ...M, data };
}

export const apiCase = fc.record({
  fn: fc.constantFrom("matmul", "gram", "cholesky", "choleskySolve", "triangularSolve", "symmetricEigen", "tridiagonalEigenvalues", "fitMinNorm", "fitRidge", "testRisk"),
  m: dim,
  n: dim,
  k: dim,
  seed: fc.nat(),
  scale: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: -300, max: 300 }) }),
  flags: fc.record({ transA: fc.boolean(), transB: fc.boolean(), right: fc.boolean(), form: fc.boolean() }),
  lambda: fc.oneof(fc.constantFrom(1e-12, 1e-3, 1, 1e3, 0, -1, NaN, Infinity, 1e308), fc.double({ min: 1e-8, max: 10, noNaN: true })),
  damageA: damage,
  damageB: damage,
});
