// One validation tier: the public functions check settings once, and a replicate of either world then runs on
// checked data: src/validate.ts is never entered while it runs (every export of the module is replaced by a
// spy that counts its calls and calls through).
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ExperimentSettings } from "../../src/experiment/settings.js";
import { worldOf } from "../../src/experiment/worlds.js";
import { parseSweepConfig } from "../../src/sweep/schema.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { RandomStream } from "../../src/rng/stream.js";
import { experimentSettings } from "../../src/sweep/run.js";
import * as validate from "../../src/validate.js";

vi.mock("../../src/validate.js", async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return Object.fromEntries(Object.entries(actual).map(([name, v]) => [name, typeof v === "function" ? vi.fn(v as (...a: unknown[]) => unknown) : v]));
});

/** The names of validate.ts's functions called since the last clear, with their counts. */
function validateCalls(): Record<string, number> {
  return Object.fromEntries(
    Object.entries(validate)
      .filter(([, v]) => vi.isMockFunction(v) && v.mock.calls.length > 0)
      .map(([name, v]) => [name, (v as ReturnType<typeof vi.fn>).mock.calls.length]),
  );
}

/** Checked settings of a preset with changes, small enough to run in a moment (validated here, once). */
function settingsOf(preset: string, changes: Record<string, unknown>): ExperimentSettings {
  return experimentSettings(parseSweepConfig({ ...presetConfig(preset), replicates: 2, ...changes }));
}

const small = { n: 30, nTest: 40 };
const heads = [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.1 }, { kind: "ridge-opt" }, { kind: "ridge-gcv" }];

describe.each([
  ["Gaussian world, spectral sampler, dual side", "quick", { ...small, heads }, 60],
  ["Gaussian world, spectral sampler, primal side", "quick", { ...small, heads }, 12],
  ["Gaussian world, spectral sampler, gaussian A", "quick", { ...small, heads, aKind: "gaussian" }, 40],
  ["Gaussian world, sequential sampler", "quick", { ...small, heads, sampler: "sequential", fixedModel: false }, 40],
  ["Gaussian world, marginal sampler", "quick", { ...small, heads, sampler: "marginal" }, 20],
  ["token world, features scaling", "tokens", { ...small, H: 6, V: 5, T: 4, heads }, 40],
  ["token world, posterior scaling", "tokens-posterior", { ...small, H: 6, V: 5, T: 4, mPop: 300, heads }, 12],
])("%s", (_name, preset, changes, p) => {
  const settings = settingsOf(preset, changes);
  const world = worldOf(settings);

  beforeEach(() => vi.clearAllMocks());

  it("runs replicates without entering src/validate.ts", () => {
    const size = world.prepareSize(settings, p);
    vi.clearAllMocks();
    for (let r = 0; r < 2; r++) {
      const results = world.runReplicate(settings, size, r);
      expect(results).toHaveLength(heads.length);
    }
    expect(validateCalls()).toEqual({});
  });

  it("a control: the spies see the public tier's checks (new RandomStream checks its seed, normal(n) its n)", () => {
    new RandomStream(settings.seed, p, 1).normal(3);
    expect(validateCalls()).toEqual({ assertInteger: 2 });
  });
});
