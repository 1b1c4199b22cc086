/**
 * The sweep configuration parser is public API: a configuration built in code (not read from JSON) can hold
 * any value, and each must give a ConfigError, never a TypeError, and never a sweep that cannot run.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, TooLargeError } from "../../src/errors.js";
import { resolveSizes } from "../../src/sweep/grid.js";
import { runSweep } from "../../src/sweep/run.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { parseSweepConfig } from "../../src/sweep/schema.js";
import { thrown } from "./support.js";

describe("parseSweepConfig on values JSON cannot hold", () => {
  it("a BigInt field is a ConfigError (schema.ts show() calls JSON.stringify, which throws a TypeError on 1n)", () => {
    const err = thrown(() => parseSweepConfig({ ...presetConfig("quick"), seed: 1n }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/field "seed"/);
  });

  it("a circular value in an unknown field is a ConfigError (show() throws 'Converting circular structure to JSON')", () => {
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = circular;
    const err = thrown(() => parseSweepConfig({ ...presetConfig("quick"), extra: circular }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/field "extra" is not a known field/);
  });
});

describe("parseSweepConfig accepts a sweep that cannot run", () => {
  it("replicates = 2^32 is a ConfigError: replicate r keys stream word r + 1 < 2^32, and listTasks would build 2^32 tasks per size before any check", () => {
    const err = thrown(() => parseSweepConfig({ ...presetConfig("quick"), replicates: 2 ** 32 }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/field "replicates"/);
  });
});

describe("sizes that cannot run are refused before any task", () => {
  it("a ratio whose size p = gamma * n is not representable is a ConfigError naming grid.gamma", () => {
    const err = thrown(() => resolveSizes({ n: 200, grid: { gamma: [1e308] } }));
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.message).toMatch(/field "grid.gamma".*gamma = 1e\+308/);
  });

  it("a model size past WebAssembly memory is a TooLargeError from runSweep, naming the largest p that fits", async () => {
    const config = { ...presetConfig("quick"), grid: { p: [10, 100_000] }, sampler: "sequential" as const };
    const err = await runSweep(config, { workers: 0 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TooLargeError);
    expect((err as Error).message).toMatch(/p = 100000 .*The largest p that fits these settings is \d+/);
  });
});
