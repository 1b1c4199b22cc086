import { describe, expect, it } from "vitest";
import { ArgumentError, ConfigError } from "../../src/errors.js";
import { composeConfig } from "../../src/sweep/config.js";
import { resolveSizes } from "../../src/sweep/grid.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { parseSweepConfig, PRESET_NAMES } from "../../src/sweep/schema.js";

/** The ConfigError parseSweepConfig throws for `input` (fails the test when it does not throw). */
function configError(input: unknown): ConfigError {
  try {
    parseSweepConfig(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error("parseSweepConfig accepted the input");
}

describe("presets", () => {
  it.each(PRESET_NAMES)("%s is a valid configuration", (name) => {
    const config = presetConfig(name);
    expect(parseSweepConfig(config)).toEqual(config);
    expect(config.preset).toBe(name);
  });

  it("paper follows SPEC 7: width, n = 200, T = 5, rho = 0.9, sEps = 0.5, sU = 1, 20 replicates, min-norm", () => {
    const c = presetConfig("paper");
    expect([c.scaling, c.n, c.T, c.rho, c.sEps, c.sU, c.replicates]).toEqual(["width", 200, 5, 0.9, 0.5, 1, 20]);
    expect(c.heads).toEqual([{ kind: "minnorm" }]);
  });

  it("paper visits 40 sizes from g = 0.05 to 5, none within 0.02 of g = 1, denser near 1, with SPEC's ratios", () => {
    const c = presetConfig("paper");
    const { sizes, dropped } = resolveSizes(c);
    expect(sizes).toHaveLength(40);
    expect(dropped).toEqual([]);
    expect([sizes[0], sizes.at(-1)]).toEqual([10, 1000]);
    for (const p of sizes) expect(Math.abs(p / c.n - 1)).toBeGreaterThanOrEqual(0.02);
    for (const g of [0.1, 0.8, 1.25, 2, 5]) expect(sizes).toContain(g * c.n);
    const near = sizes.filter((p) => p >= 0.8 * c.n && p <= 1.25 * c.n).length;
    const far = sizes.filter((p) => p >= 2 * c.n && p <= 5 * c.n).length;
    expect(near).toBeGreaterThan(far);
  });

  it("features fixes d = 20 and reaches the sizes SPEC 6 quotes (p = 2, 80, 160, 1000)", () => {
    const c = presetConfig("features");
    expect([c.scaling, c.d]).toEqual(["features", 20]);
    const { sizes } = resolveSizes(c);
    for (const p of [2, 80, 160, 1000]) expect(sizes).toContain(p);
  });

  it("rejects an unknown preset by name", () => {
    expect(() => presetConfig("papr")).toThrow('unknown preset "papr". Presets: paper, features, quick, paper-large, tokens, tokens-posterior.');
  });

  it("hands out copies: changing one does not change the next", () => {
    const a = presetConfig("quick");
    a.heads.push({ kind: "ridge", lambda: 9 });
    expect(presetConfig("quick").heads).toHaveLength(2);
  });
});

describe("parseSweepConfig", () => {
  const quick = presetConfig("quick");

  it("rejects an unknown field, naming it and showing its value", () => {
    const err = configError({ ...quick, replicats: 5 });
    expect(err.message).toMatch(/^config: field "replicats" is not a known field\. Value: 5\. Known fields: .*replicates/);
    expect(err.field).toBe("replicats");
    expect(err.code).toBe("E_ARGUMENT");
    expect(err).toBeInstanceOf(ArgumentError);
  });

  it("says what a numeric field must be, in one form whatever the check that failed (type, integer, range)", () => {
    const form = /^config: field "nTest" must be an integer >= 0\. Value: .+\.$/;
    for (const nTest of ["10", 2.5, -1, null, [1]]) expect(configError({ ...quick, nTest }).message).toMatch(form);
    expect(configError({ ...quick, rho: "0.9" }).message).toBe('config: field "rho" must be a number >= 0. Value: "0.9".');
  });

  it("rejects a wrong type, naming the field and showing the value", () => {
    expect(configError({ ...quick, n: "200" }).message).toBe('config: field "n" must be an integer >= 1. Value: "200".');
    expect(configError({ ...quick, fixedModel: "yes" }).message).toBe('config: field "fixedModel" must be true or false. Value: "yes".');
    expect(configError({ ...quick, replicates: 2.5 }).message).toBe('config: field "replicates" must be an integer from 1 to 1000000. Value: 2.5.');
  });

  it("rejects values out of range and outside a choice", () => {
    expect(configError({ ...quick, n: 0 }).message).toBe('config: field "n" must be an integer >= 1. Value: 0.');
    expect(configError({ ...quick, sEps: -0.5 }).message).toBe('config: field "sEps" must be a number >= 0. Value: -0.5.');
    expect(configError({ ...quick, sampler: "gibbs" }).message).toBe(
      'config: field "sampler" must be one of "spectral", "sequential", "marginal". Value: "gibbs".',
    );
    expect(configError({ ...quick, rho: Infinity }).field).toBe("rho");
  });

  it("reports a missing field", () => {
    const { seed: _seed, ...rest } = quick;
    expect(configError(rest).message).toBe('config: field "seed" is missing.');
  });

  it("checks heads: kind, ridge lambda, unknown head fields, repeats, and not empty", () => {
    expect(configError({ ...quick, heads: [{ kind: "lasso" }] }).message).toBe(
      'config: field "heads[0].kind" must be one of "minnorm", "ridge", "ridge-opt", "ridge-gcv". Value: "lasso".',
    );
    expect(configError({ ...quick, heads: [{ kind: "ridge" }] }).message).toBe('config: field "heads[0].lambda" is missing.');
    expect(configError({ ...quick, heads: [{ kind: "ridge", lambda: 0 }] }).message).toBe(
      'config: field "heads[0].lambda" must be a number > 0 (lambda = 0 is the min-norm head: use the head {"kind": "minnorm"}). Value: 0.',
    );
    expect(configError({ ...quick, heads: [{ kind: "minnorm", lambda: 1 }] }).field).toBe("heads[0].lambda");
    expect(configError({ ...quick, heads: [{ kind: "minnorm" }, { kind: "minnorm" }] }).message).toMatch(
      /^config: field "heads" lists the head minnorm twice\./,
    );
    expect(configError({ ...quick, heads: [] }).message).toBe('config: field "heads" must have at least 1 entry. Value: [].');
  });

  it("checks the grid: exactly one of p or gamma, integer sizes, positive ratios", () => {
    expect(configError({ ...quick, grid: { p: [10], gamma: [0.5] } }).message).toMatch(
      /^config: field "grid" must have exactly one of "p" \(sizes\) or "gamma" \(ratios p\/n\)\. Value: /,
    );
    expect(configError({ ...quick, grid: { p: [10, 12.5] } }).message).toBe('config: field "grid.p[1]" must be an integer >= 1. Value: 12.5.');
    expect(configError({ ...quick, grid: { gamma: [-1] } }).message).toBe('config: field "grid.gamma[0]" must be a number > 0. Value: -1.');
    expect(configError({ ...quick, grid: { q: [1] } }).field).toBe("grid.q");
  });

  it("counts further problems in the message", () => {
    expect(configError({ ...quick, n: "x", T: "y" }).message).toMatch(/\(and 1 more problem\)$/);
  });
});

describe("composeConfig", () => {
  it("starts from paper, applies the layers in order, and takes the preset the last layer names", () => {
    expect(composeConfig([])).toEqual(presetConfig("paper"));
    const config = composeConfig([
      { source: "config file a.json", values: { preset: "quick", seed: 5, replicates: 7 } },
      { source: "command line", values: { seed: 9 } },
    ]);
    expect(config).toEqual({ ...presetConfig("quick"), seed: 9, replicates: 7 });
  });

  it("names the layer in which a field is bad", () => {
    expect(() => composeConfig([{ source: "config file a.json", values: { heads: "minnorm" } }])).toThrow(
      'config file a.json: field "heads" must be a list. Value: "minnorm".',
    );
    expect(() => composeConfig([{ source: "config file a.json", values: [1, 2] }])).toThrow(/^config file a\.json/);
  });
});

describe("resolveSizes", () => {
  it("rounds ratios to p = round(g n), drops p < 1, |p/n - 1| < 0.02 and repeats, and sorts", () => {
    const { sizes, dropped } = resolveSizes({ n: 200, grid: { gamma: [2, 0.001, 0.98, 0.99, 1.015, 1.02, 0.5, 0.501] } });
    // 50 |p - n| < n drops 197..203: p = 198 (0.99) and 203 (1.015); 196 and 204 stay.
    expect(sizes).toEqual([100, 196, 204, 400]);
    expect(dropped).toEqual([
      { gamma: 0.001, p: 0, reason: "below 1" },
      { gamma: 0.99, p: 198, reason: "near g = 1" },
      { gamma: 1.015, p: 203, reason: "near g = 1" },
      { gamma: 0.501, p: 100, reason: "duplicate" },
    ]);
  });

  it("takes a p grid as given, sorted and without repeats (p = n included)", () => {
    expect(resolveSizes({ n: 50, grid: { p: [60, 50, 10, 60] } })).toEqual({ sizes: [10, 50, 60], dropped: [] });
  });

  it("throws a ConfigError when no size is left", () => {
    expect(() => resolveSizes({ n: 100, grid: { gamma: [1, 0.001] } })).toThrow(ConfigError);
    expect(() => resolveSizes({ n: 100, grid: { gamma: [1, 0.001] } })).toThrow(/field "grid" leaves no model size for n = 100/);
  });
});
