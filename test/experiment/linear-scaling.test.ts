import { describe, expect, it } from "vitest";
import { prepareSize } from "../../src/experiment/public.js";
import { type ExperimentSettings } from "../../src/experiment/settings.js";
import { hiddenDim } from "../../src/hmm/config.js";
import { MODEL_PRESETS } from "../../src/hmm/presets.js";
import { ArgumentError } from "../../src/errors.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { runSweep } from "../../src/sweep/run.js";
import { parseOverrides } from "../../src/sweep/schema.js";

const { n, ...paper } = MODEL_PRESETS.paper;
const base: ExperimentSettings = { ...paper, n: 40, nTest: 0, sampler: "marginal", seed: 2, fixedModel: true, heads: [{ kind: "minnorm" }] };

describe("the linear scaling d = round(alpha p) + d0", () => {
  it("gives d for each scaling", () => {
    expect(hiddenDim({ scaling: "width", d: 7 }, 30)).toBe(30);
    expect(hiddenDim({ scaling: "features", d: 7 }, 30)).toBe(7);
    expect(hiddenDim({ scaling: "linear", d: 7, alpha: 0.5 }, 31)).toBe(23);
    expect(hiddenDim({ scaling: "linear", d: 0 }, 31)).toBe(31);
  });

  it("is the width scaling at alpha = 1, d0 = 0 and the features scaling at alpha = 0, d0 = d, bit for bit", () => {
    const width = prepareSize({ ...base, scaling: "width" }, 30);
    const linearWidth = prepareSize({ ...base, scaling: "linear", alpha: 1, d: 0 }, 30);
    expect(linearWidth.theory).toEqual(width.theory);
    const features = prepareSize({ ...base, scaling: "features", d: 12 }, 30);
    const linearFeatures = prepareSize({ ...base, scaling: "linear", alpha: 0, d: 12 }, 30);
    expect(linearFeatures.theory).toEqual(features.theory);
    expect(prepareSize({ ...base, scaling: "linear", alpha: 0.5, d: 3 }, 30).k).toBe(18);
  });

  it("is configured by scaling, alpha and d, and refuses a negative alpha by name", () => {
    expect(parseOverrides({ scaling: "linear", alpha: 0.25, d: 0 }, "config")).toEqual({ scaling: "linear", alpha: 0.25, d: 0 });
    expect(() => parseOverrides({ alpha: -1 }, "config")).toThrow(/field "alpha" must be a number >= 0\. Value: -1/);
    expect(() => prepareSize({ ...base, scaling: "linear", alpha: 0, d: 0 }, 30)).toThrow(/^d must be a positive integer\. Value: 0\.$/);
  });

  it("a sweep refuses, before any task, a grid size whose hidden dimension is 0", async () => {
    const config = { ...presetConfig("quick"), scaling: "linear" as const, alpha: 0.1, d: 0, grid: { p: [20, 4] } };
    // round(0.1 * 4) + 0 = 0 at p = 4; p = 20 has d = 2.
    const err = await runSweep(config, { workers: 0 }).catch((e: unknown) => e);
    expect([(err as ArgumentError).code, (err as Error).message]).toEqual(["E_ARGUMENT", "d must be a positive integer. Value: 0."]);
  });
});
