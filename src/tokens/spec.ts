/**
 * The settings of a token world (SPEC 10a-10c) and their one check: a discrete HMM with H hidden states, a
 * vocabulary of V tokens, context length T and k task outputs.
 */
import { ArgumentError } from "../errors.js";
import { assertFiniteNumber, assertInteger } from "../validate.js";

/** What defines a token world and its task, the representation's size aside. */
export interface TokenWorldSpec {
  /** Hidden states, >= 2. */
  H: number;
  /** Vocabulary size, >= 2. */
  V: number;
  /** Context length (tokens seen), >= 1. */
  T: number;
  /** Task outputs, >= 1. */
  k: number;
  /** Stickiness: P = rho Pi + (1 - rho) D, 0 <= rho < 1. */
  rho: number;
  /** Dirichlet concentration of the rows of D, > 0; Infinity gives D = 1 1^T / H. */
  aTr: number;
  /** Dirichlet concentration of the emission rows, > 0 (small: informative tokens). */
  beta: number;
  /** Representation noise: x = alpha_T W + sU u. */
  sU: number;
  /** Target noise: y = V_lab[h_{T+1}] + sY xi. */
  sY: number;
}

/**
 * How the model grows with its size p: "features" (H fixed, the first p columns of one W), "width" (H = p) or
 * "posterior" (x = alpha_T itself: W = I_H, sU = 0, p = H).
 */
export type TokenScaling = "features" | "width" | "posterior";

export const TOKEN_SCALINGS: readonly TokenScaling[] = ["features", "width", "posterior"];

/**
 * Checks a token world's settings: H, V >= 2, T, k >= 1 integers; 0 <= rho < 1; aTr > 0 (Infinity allowed);
 * beta > 0 finite; sU, sY >= 0 finite.
 * @param spec the settings
 * @throws {ArgumentError} naming the first invalid setting and its value
 * @example validateTokenSpec({ H: 50, V: 32, T: 10, k: 4, rho: 0.8, aTr: 1, beta: 0.1, sU: 0.5, sY: 0.5 })
 */
export function validateTokenSpec(spec: TokenWorldSpec): void {
  if (spec === null || typeof spec !== "object") {
    throw new ArgumentError(`the token world's settings must be an object. Value: ${String(spec)}.`, { name: "spec" });
  }
  assertInteger("H", spec.H, 2);
  assertInteger("V", spec.V, 2);
  assertInteger("T", spec.T, 1);
  assertInteger("k", spec.k, 1);
  assertFiniteNumber("rho", spec.rho);
  if (spec.rho < 0 || spec.rho >= 1) {
    throw new ArgumentError(`rho must be in [0, 1). Value: ${spec.rho}.`, { name: "rho", value: spec.rho });
  }
  if (typeof spec.aTr !== "number" || !(spec.aTr > 0)) {
    throw new ArgumentError(`aTr must be a number > 0 (Infinity: uniform rows). Value: ${String(spec.aTr)}.`, {
      name: "aTr",
      value: spec.aTr,
    });
  }
  assertFiniteNumber("beta", spec.beta);
  if (!(spec.beta > 0)) throw new ArgumentError(`beta must be > 0. Value: ${spec.beta}.`, { name: "beta", value: spec.beta });
  for (const name of ["sU", "sY"] as const) {
    assertFiniteNumber(name, spec[name]);
    if (spec[name] < 0) throw new ArgumentError(`${name} must be >= 0. Value: ${spec[name]}.`, { name, value: spec[name] });
  }
}
