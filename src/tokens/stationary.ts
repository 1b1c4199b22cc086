/** The stationary law of a Markov chain: pi P = pi, pi 1 = 1. */
import { NoConvergenceError } from "../errors.js";
import type { Matrix } from "../linalg/matrix.js";

/**
 * pi with pi P = pi and sum(pi) = 1 for an irreducible stochastic P (H x H): the linear system
 * (I - P)^T pi^T = 0 with its last equation replaced by sum(pi) = 1, by Gaussian elimination with partial
 * pivoting (2 H^3 / 3 flops; only +, -, *, / so the bits do not depend on the engine). Entries that rounding
 * leaves at -O(H eps) are set to 0 and the result is renormalized.
 * @param P H x H row-stochastic
 * @returns pi (H)
 * @throws {NoConvergenceError} the system is singular (P is not irreducible: no unique stationary law)
 * @example stationaryLaw(fromRows([[0.9, 0.1], [0.5, 0.5]])) // [5/6, 1/6]
 */
export function stationaryLaw(P: Matrix): Float64Array {
  const H = P.rows;
  const a = new Float64Array(H * H);
  for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) a[i * H + j] = (i === j ? 1 : 0) - P.data[j * H + i]!;
  a.fill(1, (H - 1) * H);
  const b = new Float64Array(H);
  b[H - 1] = 1;
  for (let c = 0; c < H; c++) {
    let piv = c;
    for (let r = c + 1; r < H; r++) if (Math.abs(a[r * H + c]!) > Math.abs(a[piv * H + c]!)) piv = r;
    if (!(Math.abs(a[piv * H + c]!) > 0)) {
      throw new NoConvergenceError(`P has no unique stationary law (the system pi (I - P) = 0 is singular at column ${c}).`, {
        column: c,
      });
    }
    if (piv !== c) {
      for (let j = 0; j < H; j++) [a[c * H + j], a[piv * H + j]] = [a[piv * H + j]!, a[c * H + j]!];
      [b[c], b[piv]] = [b[piv]!, b[c]!];
    }
    const d = a[c * H + c]!;
    for (let r = c + 1; r < H; r++) {
      const f = a[r * H + c]! / d;
      if (f === 0) continue;
      for (let j = c; j < H; j++) a[r * H + j]! -= f * a[c * H + j]!;
      b[r]! -= f * b[c]!;
    }
  }
  const pi = new Float64Array(H);
  for (let r = H - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < H; j++) s -= a[r * H + j]! * pi[j]!;
    pi[r] = s / a[r * H + r]!;
  }
  let sum = 0;
  for (let i = 0; i < H; i++) sum += (pi[i] = Math.max(pi[i]!, 0));
  for (let i = 0; i < H; i++) pi[i]! /= sum;
  return pi;
}
