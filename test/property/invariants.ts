/**
 * What a result must satisfy, whatever the input that produced it (README, "Numbers that are not errors"):
 * noise >= 0, risk >= noise, bias and variance >= 0, every promised number finite, Infinity only for the
 * min-norm theory at the interpolation peak (rank(Sx) = n), NaN only where documented.
 */
import type { MapCell, ReplicateResult } from "../../src/index.js";
import { expectFinite } from "./harness.js";

function fail(what: string, value: number, rule: string, where: string): never {
  throw new Error(`${where}: ${what} = ${value}, ${rule}`);
}

/** A number that is finite and >= 0. */
function nonNegative(what: string, value: number, where: string): void {
  expectFinite(`${where}: ${what}`, value);
  if (!(value >= 0)) fail(what, value, "not >= 0", where);
}

/** The min-norm theory's parts: finite and >= 0, or (variance, excess, risk) Infinity at the peak (rank(Sx) = n needs p >= n). */
function theoryParts(bias: number, variance: number, excess: number, risk: number, noise: number, peakAllowed: boolean, where: string): void {
  nonNegative("theory bias", bias, where);
  if (variance === Infinity || excess === Infinity || risk === Infinity) {
    if (!peakAllowed || variance !== Infinity || excess !== Infinity || risk !== Infinity) fail("theory variance", variance, "infinite off the interpolation peak", where);
    return;
  }
  nonNegative("theory variance", variance, where);
  nonNegative("theory excess", excess, where);
  if (!(risk >= noise)) fail("theory risk", risk, `below the noise ${noise}`, where);
}

/** The rules for one replicate's records (SPEC 5, README's list of numbers that are not errors). */
export function checkReplicate(records: ReplicateResult[], n: number, nTest: number): void {
  for (const r of records) {
    const where = `head ${r.head}, p = ${r.p}, replicate ${r.replicate}`;
    nonNegative("noise", r.noise, where);
    nonNegative("excess", r.excess, where);
    expectFinite(`${where}: oracle risk`, r.oracleRisk);
    if (!(r.oracleRisk >= r.noise)) fail("oracle risk", r.oracleRisk, `below the noise ${r.noise}`, where);
    if (nTest > 0) nonNegative("test risk", r.testRisk, where);
    else if (!Number.isNaN(r.testRisk)) fail("test risk", r.testRisk, "not NaN with nTest = 0", where);
    nonNegative("lambda", r.lambda, where);
    if (r.head === "minnorm") {
      nonNegative("biasX", r.biasX, where);
      if (r.varX !== Infinity) nonNegative("varX", r.varX, where);
    }
    const allNaN = [r.theoryBias, r.theoryVariance, r.theoryExcess, r.theoryRisk].every(Number.isNaN);
    if (!allNaN) theoryParts(r.theoryBias, r.theoryVariance, r.theoryExcess, r.theoryRisk, r.noise, r.head === "minnorm" && r.p >= n, where);
  }
}

/** The rules for a theory map's cells. */
export function checkCells(cells: MapCell[]): void {
  for (const c of cells) {
    const where = `head ${c.head}, value ${c.value}, p = ${c.p}`;
    nonNegative("noise", c.noise, where);
    nonNegative("lambda", c.lambda, where);
    theoryParts(c.bias, c.variance, c.excess, c.risk, c.noise, c.head === "minnorm" && c.gamma >= 1, where);
  }
}
