/**
 * The exact risk of a head under the population law (SPEC section 2).
 */
import { frobenius2 } from "../linalg/norms.js";
import { ShapeError } from "../errors.js";
import { matmulUnchecked } from "../linalg/matmul.js";
import type { Matrix } from "../linalg/matrix.js";
import type { Population } from "../hmm/population.js";
import { assertComputedFinite } from "../range.js";
import { assertMatrix } from "../validate.js";

/** The population quantities a risk needs. */
export type RiskPopulation = Pick<Population, "Lx" | "Bstar" | "noise">;

/**
 * tr((B - B*)^T Sx (B - B*)) = ||Lx^T (B - B*)||_F^2 (Sx = Lx Lx^T): never negative, no cancellation.
 * @param pop Lx (p x p), Bstar (p x k)
 * @param B p x k head
 * @throws {ShapeError} B is not p x k.
 * @throws {NonFiniteError} B has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: the excess risk overflows f64.
 * @example excessRisk(pop, pop.Bstar); // 0
 */
export function excessRisk(pop: RiskPopulation, B: Matrix): number {
  assertHead(pop, B);
  return excessRiskUnchecked(pop, B);
}

/** B must be a finite p x k Matrix for B* (p x k). */
function assertHead(pop: RiskPopulation, B: Matrix): void {
  assertMatrix("B", B);
  const { rows: p, cols: k } = pop.Bstar;
  if (B.rows !== p || B.cols !== k) {
    throw new ShapeError(`B must be ${p} x ${k}. Value: ${B.rows} x ${B.cols}.`, { name: "B", rows: B.rows, cols: B.cols });
  }
}

/** excessRisk of a head fitted here (p x k by construction), without scanning it again; B - B* is range-checked. */
function excessRiskUnchecked(pop: RiskPopulation, B: Matrix): number {
  const { rows: p, cols: k } = pop.Bstar;
  const D = { rows: p, cols: k, data: B.data.map((v, i) => v - pop.Bstar.data[i]!) };
  assertComputedFinite("B - B*", D.data, () => "B is too large. Scale y down (B scales with it).");
  return checkedExcess(frobenius2(matmulUnchecked(pop.Lx, D, { transA: true })));
}

/** The excess risk ||Lx^T (B - B*)||_F^2 however it was computed, checked finite. */
export function checkedExcess(excess: number): number {
  assertComputedFinite("the excess risk tr((B - B*)^T Sx (B - B*))", [excess], () =>
    "B is too far from B* for f64. Scale y down: the risks scale with the square of y's scale.",
  );
  return excess;
}

/**
 * R(B) = tr(Se) + tr((B - B*)^T Sx (B - B*)): the expected squared error of B on a fresh sample (total over k).
 * @param pop Lx (p x p), Bstar (p x k), noise = tr(Se)
 * @param B p x k head
 * @throws {ShapeError} B is not p x k.
 * @throws {NonFiniteError} B has NaN or Infinity.
 * @throws {HeadtuneError} code E_NON_FINITE: the risk overflows f64.
 * @example oracleRisk(pop, pop.Bstar) === pop.noise;
 */
export function oracleRisk(pop: RiskPopulation, B: Matrix): number {
  assertHead(pop, B);
  return oracleRiskParts(pop, B).oracleRisk;
}

/**
 * R(B) with its excess part: { excess: tr((B - B*)^T Sx (B - B*)), oracleRisk: tr(Se) + excess }.
 * Internal: B is a head fitted here (p x k, finite by construction), not scanned again.
 * @param pop Lx (p x p), Bstar (p x k), noise = tr(Se)
 * @param B p x k head
 * @throws as oracleRisk
 * @example oracleRiskParts(pop, pop.Bstar) // { excess: 0, oracleRisk: pop.noise }
 */
export function oracleRiskParts(pop: RiskPopulation, B: Matrix): { excess: number; oracleRisk: number } {
  return riskPartsOfExcess(pop.noise, excessRiskUnchecked(pop, B));
}

/** { excess, oracleRisk: noise + excess } for a checked excess risk, the sum checked finite. */
export function riskPartsOfExcess(noise: number, excess: number): { excess: number; oracleRisk: number } {
  const oracleRisk = noise + excess;
  assertComputedFinite("the oracle risk", [oracleRisk], () => "Scale y down: the risks scale with the square of y's scale.");
  return { excess, oracleRisk };
}
