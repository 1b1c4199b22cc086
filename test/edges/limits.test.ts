/**
 * Size limits (src/limits.ts): the WebAssembly memory a sweep task needs, checked before anything is
 * allocated. The model is exact: it is compared with the arena's high-water mark during real tasks.
 */
import { afterEach, describe, expect, it } from "vitest";
import { TooLargeError } from "../../src/errors.js";
import { prepareSize, runReplicate } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { factorMinNorm } from "../../src/head/minnorm.js";
import { symmetricEigen, symmetricEigenMemory } from "../../src/linalg/eigen.js";
import { identity } from "../../src/linalg/matrix.js";
import {
  assertTaskFits,
  availableTaskBytes,
  maxModelSize,
  maxTrainingSize,
  taskMemoryBytes,
  taskMemorySteps,
} from "../../src/limits.js";
import { conditionalBiasVariance } from "../../src/risk/conditional.js";
import { RandomStream } from "../../src/rng/stream.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { getCore } from "../../src/wasm/core.js";
import { thrown } from "./support.js";

/** The allowance for small scratch that taskMemoryBytes adds to the largest step (limits.ts). */
const SCRATCH = 512 * 1024;

const { arena } = getCore();
const alloc = arena.alloc;

/** Runs fn and returns the largest number of arena bytes in use at once during it. */
function highWater(fn: () => void): number {
  const base = arena.mark();
  let peak = 0;
  arena.alloc = (count: number, what?: string) => {
    const ptr = alloc.call(arena, count, what);
    peak = Math.max(peak, arena.mark() - base);
    return ptr;
  };
  try {
    fn();
  } finally {
    arena.alloc = alloc;
  }
  return peak;
}

afterEach(() => {
  arena.alloc = alloc;
});

const base: ExperimentSettings = {
  scaling: "width", d: 20, T: 5, rho: 0.9, sEps: 0.5, sU: 1, sY: 0.1, aKind: "orthogonal",
  n: 60, nTest: 80, sampler: "sequential", seed: 1, fixedModel: true,
  heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }],
};

describe("taskMemoryBytes", () => {
  it.each([
    ["width, sequential, p < n", {}, 30],
    ["width, sequential, p > n", {}, 150],
    ["width, marginal, p > n", { sampler: "marginal" }, 150],
    ["features, sequential, p > n (dual solves)", { scaling: "features" }, 150],
    ["features, marginal, p < n", { scaling: "features", sampler: "marginal", n: 300 }, 100],
    ["gaussian A", { aKind: "gaussian" }, 120],
    ["n = 1, no test set (Lyapunov step)", { n: 1, nTest: 0 }, 200],
    ["a large test set", { nTest: 2000 }, 50],
    ["a fresh model per replicate", { fixedModel: false }, 90],
    ["width, spectral, p < n", { sampler: "spectral" }, 30],
    ["width, spectral, p > n", { sampler: "spectral" }, 150],
    ["width, spectral, p = 3000 (the training rows dominate)", { sampler: "spectral" }, 3000],
    ["features, spectral, p > n", { scaling: "features", sampler: "spectral" }, 150],
    ["gaussian A, spectral (SPEC 8b)", { aKind: "gaussian", sampler: "spectral" }, 120],
    ["spectral, a large test set", { sampler: "spectral", nTest: 2000 }, 150],
    ["spectral, a fresh model per replicate", { sampler: "spectral", fixedModel: false }, 90],
  ] as const)("%s: the arena's high-water mark is the largest step, up to the scratch allowance", (_label, change, p) => {
    const s = { ...base, ...change } as ExperimentSettings;
    const used = highWater(() => runReplicate(s, prepareSize(s, p), 0));
    const predicted = taskMemoryBytes(s, p);
    expect(used).toBeLessThanOrEqual(predicted);
    // Each of at most 8 allocations may round up by 16 bytes; the rest of the gap is the scratch allowance.
    expect(predicted - used).toBeLessThanOrEqual(SCRATCH + 128);
  });

  it("counts 3 p^2 f64 for the eigen fallback's whitening of Lx (n >= p), which a full-rank ill-conditioned X needs", () => {
    // Two columns 1e-6 apart: l_min / l_max ~ 2.5e-13 of X^T X is past the Cholesky criterion (m max(n, p) eps =
    // 7e-13) but above the pinv cut (max(n, p) eps = 1.8e-14), so H keeps all p columns: H^T Lx holds 3 p^2.
    const s = new RandomStream(3, 80, 40);
    const X = s.normalMatrix(80, 40);
    const g = s.normal(80);
    for (let i = 0; i < 80; i++) X.data[i * 40 + 1] = X.data[i * 40]! + 1e-6 * g[i]!;
    const factor = factorMinNorm(X);
    expect(factor.path).toBe("eigen");
    const used = highWater(() => conditionalBiasVariance({ Lx: identity(40), Bstar: s.normalMatrix(40, 2), noise: 1 }, X, factor));
    expect(used).toBe(8 * 3 * 40 * 40);
    expect(taskMemorySteps({ ...base, n: 80 }, 40).find((step) => step.step === "whitening Lx")!.f64).toBe(3 * 40 * 40);
  });
});

describe("symmetricEigenMemory", () => {
  it.each([50, 64, 65, 150])("is the arena's high-water mark of symmetricEigen at n = %i, up to alignment", (n) => {
    // QL up to n = 64: S, w and n f64 of workspace; divide and conquer above: 3 n^2 + 12 n of workspace.
    const expected = n <= 64 ? n * n + 2 * n : 4 * n * n + 13 * n;
    expect(symmetricEigenMemory(n)).toBe(expected);
    const used = highWater(() => symmetricEigen(identity(n)));
    expect(used).toBeLessThanOrEqual(8 * expected + 3 * 16);
    expect(used).toBeGreaterThanOrEqual(8 * expected);
  });
});

describe("limits of the paper settings (n = 200, nTest = 500) in the 4 GiB arena", () => {
  it("maxModelSize is the last p that fits: 11580 with an explicit model, bound by its eigensolver; 444587 spectral", () => {
    // The divide-and-conquer eigensolver of Sx holds S, w and 3 p^2 + 12 p f64 of workspace: 4 p^2 + 13 p f64
    // <= (4 GiB less the static data, less 128 + 512 KiB) / 8 = 536572856 f64 gives p = 11580 for the sequential
    // and marginal samplers (the samplers and the dual solves, ~ 3 p^2 at most, come later). The spectral
    // sampler holds no p x p matrix: its dual replicate holds n (p + k) + 2 n k + 5 p + 8 n^2 f64 and its test
    // blocks 128 (p + 2 k + n), about 1206 p at n = 200, k = p, one head (1629816 under features scaling,
    // k = 20); a gaussian A (SPEC 8b) has an explicit model again, and the eigensolvers of Sx and Se.
    const available = availableTaskBytes();
    const paper = presetConfig("paper");
    const explicit = { ...paper, sampler: "sequential" as const };
    const cases = [
      [paper, 444587],
      [explicit, 11580],
      [{ ...paper, sampler: "marginal" as const }, 11580],
      [{ ...presetConfig("features"), sampler: "sequential" as const }, 11580],
      [presetConfig("features"), 1629816],
    ] as const;
    for (const [settings, p] of cases) {
      expect(maxModelSize(settings)).toBe(p);
      expect(taskMemoryBytes(settings, p)).toBeLessThanOrEqual(available);
      expect(taskMemoryBytes(settings, p + 1)).toBeGreaterThan(available);
    }
  });

  it("maxTrainingSize at p = 100 is 1341381 (sequential sampler)", () => {
    const paper = { ...presetConfig("paper"), sampler: "sequential" as const };
    const n = maxTrainingSize(paper, 100);
    expect(n).toBe(1341381);
    expect(taskMemoryBytes({ ...paper, n }, 100)).toBeLessThanOrEqual(availableTaskBytes());
    expect(taskMemoryBytes({ ...paper, n: n + 1 }, 100)).toBeGreaterThan(availableTaskBytes());
  });

  it("a budget too small for p = 1 gives 0", () => {
    expect(maxModelSize(presetConfig("paper"), 1000)).toBe(0);
  });
});

describe("the check before allocating", () => {
  it("prepareSize of a size past the limit throws TooLargeError naming p, the need, the limit and the largest p, and allocates nothing", () => {
    const paper = { ...presetConfig("paper"), sampler: "sequential" as const, heads: [{ kind: "minnorm" as const }] };
    const bytesBefore = arena.memory.buffer.byteLength;
    const markBefore = arena.mark();
    const used = highWater(() => {
      const err = thrown(() => prepareSize(paper, 20000));
      expect(err).toBeInstanceOf(TooLargeError);
      expect(err.code).toBe("E_TOO_LARGE");
      expect(err.message).toMatch(
        /^model size p = 20000 with n = 200, nTest = 500 needs 11\.92 GiB of WebAssembly memory \(largest step: symmetric eigensolver\), more than the 4\.00 GiB available\. The largest p that fits these settings is 11580\.$/,
      );
      expect(err.details).toMatchObject({ p: 20000, maxP: 11580 });
    });
    expect(used).toBe(0);
    expect(arena.memory.buffer.byteLength).toBe(bytesBefore);
    expect(arena.mark()).toBe(markBefore);
  });

  it("runReplicate checks again: a test set too large for memory is refused before sampling", () => {
    const ctx = prepareSize(base, 20);
    const huge = { ...base, nTest: 100_000_000 };
    const used = highWater(() => expect(thrown(() => runReplicate(huge, ctx, 0))).toBeInstanceOf(TooLargeError));
    expect(used).toBe(0);
  });

  it("assertTaskFits accepts what fits: p = 100,000 at n = 200 with the spectral sampler", () => {
    expect(() => assertTaskFits({ ...presetConfig("paper"), sampler: "sequential" }, 11580)).not.toThrow();
    expect(() => assertTaskFits(presetConfig("paper"), 100_000)).not.toThrow();
    expect(() => assertTaskFits(presetConfig("paper"), 600_000)).toThrow(/largest step: spectral replicate \(dual side\).*The largest p that fits these settings is 444587\.$/);
  });
});
