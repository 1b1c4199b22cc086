/**
 * The two parsers of user files, on random input: the sweep configuration (parseSweepConfig) and the model
 * file (modelFromJson). Each either accepts or throws a HeadtuneError with a code, never anything else; what
 * they accept, the code downstream accepts too (validateSettings and validateModelSpec, validateModel).
 * Inputs: arbitrary values (objects with odd keys and prototypes, boxed values, sparse arrays, ...), JSON
 * values, and mutations of a valid input (a field replaced, removed, added, nested deeper).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HeadtuneError } from "../../src/errors.js";
import { modelSpecOf, validateSettings } from "../../src/experiment/settings.js";
import { validateModelSpec } from "../../src/hmm/config.js";
import { drawModel, validateModel } from "../../src/hmm/model.js";
import { modelFromJson, modelToJson } from "../../src/hmm/model-file.js";
import { RandomStream } from "../../src/rng/stream.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { parseSweepConfig } from "../../src/sweep/schema.js";

/** Runs parse; true when it accepted, false when it threw a HeadtuneError with a code; rethrows anything else. */
function acceptsOrTyped(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch (err) {
    if (err instanceof HeadtuneError && typeof err.code === "string" && err.code.startsWith("E_")) return false;
    throw err;
  }
}

const anyValue = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** A copy of obj with the value at path (a list of keys) replaced by value, or removed when remove is true. */
function mutate(obj: unknown, path: (string | number)[], value: unknown, remove: boolean): unknown {
  const root = structuredClone(obj) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object") return root;
    node = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete node[last];
  else node[last] = value;
  return root;
}

/** Every path (keys from the root) to a value inside v, the root excluded. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [];
  const keys = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return keys.flatMap((key) => [[...prefix, key], ...paths((v as Record<string | number, unknown>)[key], [...prefix, key])]);
}

/** Mutations of a valid value: pick a path (or a new key), then replace its value by one of values, or delete it. */
function mutations(valid: unknown, values: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const all = paths(valid);
  return fc
    .record({
      path: fc.constantFrom(...all, ["extraField"], ["grid", "extra"]),
      value: fc.oneof(values, fc.double(), fc.integer({ min: -3, max: 2 ** 40 })),
      remove: fc.boolean(),
    })
    .map(({ path, value, remove }) => mutate(valid, path, value, remove));
}

describe("parseSweepConfig on random input", () => {
  const valid = presetConfig("quick");

  /** Accepted configurations are usable: the experiment's own checks pass. */
  function check(input: unknown): void {
    if (acceptsOrTyped(() => parseSweepConfig(input))) {
      const config = parseSweepConfig(input);
      validateSettings(config);
      validateModelSpec(modelSpecOf(config, 3));
    }
  }

  it("accepts the presets", () => {
    for (const name of ["paper", "features", "quick"]) expect(acceptsOrTyped(() => parseSweepConfig(presetConfig(name)))).toBe(true);
  });

  it("arbitrary values: accepted or a HeadtuneError", () => {
    fc.assert(fc.property(anyValue, (input) => void check(input)), { numRuns: 300, seed: 1 });
  });

  it("JSON values: accepted or a HeadtuneError", () => {
    fc.assert(fc.property(fc.jsonValue(), (input) => void check(input)), { numRuns: 300, seed: 2 });
  });

  it("mutations of a valid configuration: accepted (and usable) or a HeadtuneError", () => {
    fc.assert(fc.property(mutations(valid, fc.oneof(anyValue, fc.jsonValue())), (input) => void check(input)), { numRuns: 1000, seed: 3 });
  });
});

describe("modelFromJson on random input", () => {
  const model = drawModel({ d: 2, p: 3, k: 2, T: 3, rho: 0.9, sEps: 0.5, sU: 1, sY: 0, aKind: "orthogonal" }, new RandomStream(1, 3, 0));
  const valid = JSON.parse(modelToJson(model)) as unknown;

  /** Accepted models are usable: validateModel passes. */
  function check(text: string): void {
    if (acceptsOrTyped(() => modelFromJson(text, "m.json"))) validateModel(modelFromJson(text, "m.json"));
  }

  it("accepts a drawn model's JSON", () => {
    expect(acceptsOrTyped(() => modelFromJson(modelToJson(model)))).toBe(true);
  });

  it("random strings and JSON texts: accepted or a HeadtuneError", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => void check(text)), { numRuns: 300, seed: 4 });
  });

  it("mutations of a valid model file: accepted (and usable) or a HeadtuneError", () => {
    const text = fc.oneof(
      mutations(valid, fc.jsonValue()).map((v) => JSON.stringify(v)),
      // Number tokens JSON.parse reads as Infinity or -0, and truncations of the text.
      fc.constantFrom("1e999", "-1e999", "-0", "1e-400").map((token) => modelToJson(model).replace(/-?\d+\.\d+(e-?\d+)?/, token)),
      fc.nat({ max: modelToJson(model).length }).map((cut) => modelToJson(model).slice(0, cut)),
    );
    fc.assert(fc.property(text, (t) => void check(t)), { numRuns: 1000, seed: 5 });
  });
});
