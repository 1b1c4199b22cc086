/**
 * Failing cases the fuzzing campaign found (test/property/), each kept as a named test of its fix.
 */
import { describe, expect, it } from "vitest";
import { axisValues, experimentSettings, modelFromJson, parseSweepConfig, prepareSize, presetConfig, resolveSizes, runReplicate, symmetricEigen, theoryMap, type Matrix } from "../../src/index.js";
import { main } from "../../src/cli/main.js";
import { refSymmetricEigen } from "../../src/ref/eigen.js";
import { EPS } from "../helpers/matrices.js";
import { thrown } from "../edges/support.js";
import { checkReplicate } from "./invariants.js";

describe("the symmetric eigensolver on subnormal entries", () => {
  // Se of the configuration below: c I with c = 3.0e-27 and off-diagonal rounding residue of 1e-323..1e-320
  // (subnormal). The Householder reduction scaled a row by 1 / (its 1-norm) = Infinity, and QL met NaN.
  const n = 25;
  const c = 3.006127172446444e-27;
  const S: Matrix = { rows: n, cols: n, data: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) S.data[i * n + j] = i === j ? c : (((i * 7 + j * 11) % 23) - 11) * 1e-321;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) S.data[j * n + i] = S.data[i * n + j]!;

  it("c I plus subnormal off-diagonal entries: every eigenvalue is c to within n eps c, kernel and reference", () => {
    // The off-diagonal part has norm below n * 1.1e-320, some 1e-294 c: Weyl puts every eigenvalue within that of c.
    for (const values of [symmetricEigen(S).values, refSymmetricEigen(S).values]) {
      for (const v of values) expect(Math.abs(v - c)).toBeLessThanOrEqual(n * EPS * c);
    }
    expect(refSymmetricEigen(S).info).toBe(0);
  });

  it("the configuration that met it (rho = 4e-143, sEps = 5e-14, marginal sampler) runs a replicate", () => {
    const config = parseSweepConfig({
      preset: "features", scaling: "linear", d: 11, alpha: 1.9999999999999993, T: 5, rho: 4.0972824253154634e-143, sEps: 5.482816039633688e-14,
      sU: 5.467797959685952e-10, sY: 1.7406522303305363e-212, aKind: "orthogonal", n: 2, nTest: 35, sampler: "marginal", seed: 2064194415,
      fixedModel: false, heads: [{ kind: "minnorm" }], grid: { p: [7] }, replicates: 1,
    });
    const settings = experimentSettings(config);
    const [p] = resolveSizes(config).sizes;
    checkReplicate(runReplicate(settings, prepareSize(settings, p!), 0), config.n, config.nTest);
  });
});

describe("map axis values", () => {
  it("steps = 2^53 is an ArgumentError naming steps, not a RangeError from new Array (headtune map --steps 9007199254740992 exited 70)", () => {
    const err = thrown(() => axisValues(0, 1, 2 ** 53, false));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toBe("steps must be an integer from 1 to 10000. Value: 9007199254740992.");
  });
});

describe("theory maps over a hidden size past memory", () => {
  it("alpha = 2^31 (d = 2^31 p) is a TooLargeError before the spectrum, not minutes and gigabytes (a map's cell is O(d))", () => {
    // Without the check this ran for hours (about 2 s per 10^6 of d here): the test's time limit catches it.
    const err = thrown(() => theoryMap({ ...presetConfig("quick"), grid: { p: [20] } }, "alpha", [2 ** 31]));
    expect(err.code).toBe("E_TOO_LARGE");
    expect(err.message).toMatch(/^model size p = 20 with n = 40, nTest = 100 needs .* of WebAssembly memory/);
  });
});

describe("files nested deeper than the stack", () => {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);

  it("a model file of 100,000 nested lists is an ArgumentError whose message shows its tag (JSON.stringify overflowed the stack)", () => {
    const err = thrown(() => modelFromJson(deep, "deep.json"));
    expect(err.code).toBe("E_ARGUMENT");
    expect(err.message).toBe("deep.json: field (top level): Invalid input: expected object, received array. Value: [object Array].");
  });

  it("headtune theory --model deep.json: exit 2 with one line, not exit 70", async () => {
    let stderr = "";
    const code = await main(["theory", "--model", "deep.json"], {
      io: { stdout: () => undefined, readFile: () => deep },
      stderr: { write: (t: string) => void (stderr += t) },
      signal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^headtune: error: deep\.json: field \(top level\): .*\n$/);
  });
});
