/**
 * Numerical edges of the token world by sweep (SPEC 10): n = 1, p = 1, k = 1, p = n - 1, n, n + 1, T = 1,
 * rho = 0, sY = 0, sU tiny, the fewest states and tokens (H = V = 2), and the posterior scaling (x = alpha_T,
 * p = H): every replicate is finite and satisfies the invariants, and Monte Carlo confirms its numbers (none is
 * refused: sU = 0 with p > H, which the Gaussian world refuses, runs here). S_alpha is exact here (V^T <= 10^6), so the population
 * is exact and, over R replicates (|mean| <= 5 se, a false alarm about once in 1.7 million per check),
 *   E[testRisk - oracleRisk] = 0      the test pairs are independent of the head: the test risk is an unbiased
 *                                     estimate of the oracle risk given B
 * The Gaussian world's identities E[excess] = E[biasX + varX] and E[varX] = tr(Se) p / (n - p - 1) need y - x B*
 * independent of x, which the token world's labels are not (test/edges/sweep-edges.test.ts checks them there).
 */
import { describe, expect, it } from "vitest";
import { experimentSettings, parseSweepConfig, prepareSize, presetConfig, runReplicate } from "../../src/index.js";
import { checkReplicate } from "../property/invariants.js";
import { expectMeanZero } from "./support.js";

const R = 200;

/** A small token world: 4 states, 3 tokens, T = 4 (S_alpha exact from 81 strings), features scaling, n = 8. */
const BASE = { ...presetConfig("tokens"), H: 4, V: 3, T: 4, k: 2, n: 8, nTest: 50, heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }] };

interface Edge {
  name: string;
  overrides: Record<string, unknown>;
  p: number;
}

const EDGES: Edge[] = [
  { name: "n = 1", overrides: { n: 1 }, p: 3 },
  { name: "p = 1", overrides: {}, p: 1 },
  { name: "k = 1", overrides: { k: 1 }, p: 3 },
  { name: "p = n - 1", overrides: {}, p: 7 },
  { name: "p = n", overrides: {}, p: 8 },
  { name: "p = n + 1", overrides: {}, p: 9 },
  { name: "T = 1", overrides: { T: 1 }, p: 3 },
  { name: "rho = 0", overrides: { rho: 0 }, p: 3 },
  { name: "sY = 0", overrides: { sY: 0 }, p: 3 },
  { name: "H = V = 2", overrides: { H: 2, V: 2 }, p: 3 },
  { name: "sU = 1e-9 with p > H (Sx = F^T F + sU^2 I at the edge of positive definiteness)", overrides: { sU: 1e-9 }, p: 6 },
  // Sx = F^T F has rank H < p: the token world works with the factor Lx = F^T, never with Sx itself, and the
  // min-norm head lives in x's H-dimensional span, so this runs where the Gaussian world refuses it.
  { name: "sU = 0 with p > H (Sx of rank H < p)", overrides: { sU: 0 }, p: 6 },
  { name: "posterior scaling (x = alpha_T, p = H)", overrides: { scaling: "posterior" }, p: 4 },
  { name: "width scaling (H = p)", overrides: { scaling: "width" }, p: 3 },
];

describe("token world edges", () => {
  it.each(EDGES)("$name", ({ overrides, p }) => {
    const config = parseSweepConfig({ ...BASE, grid: { p: [p] }, replicates: R, ...overrides });
    const settings = experimentSettings(config);
    const ctx = prepareSize(settings, p);
    const records = Array.from({ length: R }, (_, r) => runReplicate(settings, ctx, r)).flat();
    checkReplicate(records, config.n, config.nTest);
    for (const head of new Set(records.map((r) => r.head))) {
      const mine = records.filter((r) => r.head === head);
      expect(mine.every((r) => r.theoryRiskSe === 0), "S_alpha exact: no Monte Carlo error").toBe(true);
      expectMeanZero(`${head}: testRisk - oracleRisk`, mine.map((r) => r.testRisk - r.oracleRisk), Math.max(...mine.map((r) => r.oracleRisk)));
    }
  });
});
