/**
 * The elements' attributes as a configuration: the same configuration and the same messages as the library's
 * composeConfig on the same values (so an attribute is checked by exactly the rules of a configuration file),
 * the heads shorthand, the workers attribute and the map's attributes.
 */
import { describe, expect, it } from "vitest";
import { configFromAttributes, mapFromAttributes, parseHeads, workersFromAttributes } from "../../src/elements/attributes.js";
import { axisValues } from "../../src/map/axis.js";
import { composeConfig } from "../../src/sweep/config.js";

const SOURCE = "<headtune-sweep> attributes";

/** What the functions read of an element: its attributes. */
function element(attributes: Record<string, string>): Element {
  return {
    getAttribute: (name: string) => attributes[name] ?? null,
    hasAttribute: (name: string) => name in attributes,
  } as unknown as Element;
}

/** composeConfig's message for these values. */
function messageOf(values: Record<string, unknown>): string {
  try {
    composeConfig([{ source: SOURCE, values }]);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(values)} was expected to be invalid`);
}

describe("the heads attribute", () => {
  it("reads kinds and ridge:lambda, between spaces or commas", () => {
    expect(parseHeads(" minnorm, ridge:0.1  ridge-opt,ridge-gcv ")).toEqual([
      { kind: "minnorm" },
      { kind: "ridge", lambda: 0.1 },
      { kind: "ridge-opt" },
      { kind: "ridge-gcv" },
    ]);
    expect(parseHeads("ridge:abc")).toEqual([{ kind: "ridge", lambda: "abc" }]);
  });
});

describe("configFromAttributes", () => {
  it("lays the attributes over the preset (quick when none is named), as composeConfig does", () => {
    expect(configFromAttributes(element({}), SOURCE)).toEqual(composeConfig([{ source: SOURCE, values: { preset: "quick" } }]));
    const attributes = { preset: "paper", n: "50", replicates: "3", seed: "7", rho: "0.5", sampler: "marginal", heads: "minnorm ridge:0.25" };
    expect(configFromAttributes(element(attributes), SOURCE)).toEqual(
      composeConfig([
        {
          source: SOURCE,
          values: { preset: "paper", n: 50, replicates: 3, seed: 7, rho: 0.5, sampler: "marginal", heads: [{ kind: "minnorm" }, { kind: "ridge", lambda: 0.25 }] },
        },
      ]),
    );
  });

  it("sets the token world's fields, and refuses them as a configuration file would", () => {
    const attributes = { preset: "quick", world: "tokens", H: "12", V: "8", k: "2", aTr: "2", beta: "0.3", mPop: "400", T: "6", sU: "0.2", sY: "0.4", scaling: "features" };
    const values = { preset: "quick", world: "tokens", H: 12, V: 8, k: 2, aTr: 2, beta: 0.3, mPop: 400, T: 6, sU: 0.2, sY: 0.4, scaling: "features" };
    expect(configFromAttributes(element(attributes), SOURCE)).toEqual(composeConfig([{ source: SOURCE, values }]));
    expect(configFromAttributes(element({ preset: "tokens", beta: "0.5" }), SOURCE)).toEqual({ ...composeConfig([{ source: SOURCE, values: { preset: "tokens" } }]), beta: 0.5 });
    expect(() => configFromAttributes(element({ preset: "tokens", V: "1" }), SOURCE)).toThrow(messageOf({ preset: "tokens", V: 1 }));
    expect(() => configFromAttributes(element({ world: "tokens" }), SOURCE)).toThrow(messageOf({ preset: "quick", world: "tokens" }));
  });

  it("gives the configuration's own message for a bad attribute, its value as typed", () => {
    expect(() => configFromAttributes(element({ n: "-3" }), SOURCE)).toThrow(messageOf({ preset: "quick", n: -3 }));
    expect(() => configFromAttributes(element({ n: "abc" }), SOURCE)).toThrow(messageOf({ preset: "quick", n: "abc" }));
    expect(messageOf({ preset: "quick", n: "abc" })).toContain('"abc"');
    expect(() => configFromAttributes(element({ heads: "lasso" }), SOURCE)).toThrow(messageOf({ preset: "quick", heads: [{ kind: "lasso" }] }));
    expect(() => configFromAttributes(element({ preset: "huge" }), SOURCE)).toThrow(messageOf({ preset: "huge" }));
  });
});

describe("workersFromAttributes", () => {
  it("takes an integer >= 1, and defaults to the device's cores up to 4", () => {
    expect(workersFromAttributes(element({ workers: "3" }))).toBe(3);
    expect(() => workersFromAttributes(element({ workers: "0" }))).toThrow("workers must be a positive integer. Value: 0.");
    expect(() => workersFromAttributes(element({ workers: "two" }))).toThrow("workers must be a positive integer. Value: two.");
    expect(workersFromAttributes(element({}))).toBe(Math.min(globalThis.navigator?.hardwareConcurrency || 2, 4));
  });
});

describe("mapFromAttributes", () => {
  it("reads the axis and its range as `headtune map` does, with its defaults", () => {
    expect(mapFromAttributes(element({}))).toEqual({ axis: "sEps", values: axisValues(0.25, 1, 4, false), log: false, simulate: false });
    // The token world has no sEps: its default axis is sU, whose default range it takes.
    expect(mapFromAttributes(element({}), "tokens")).toEqual({ axis: "sU", values: axisValues(0.25, 1, 4, false), log: false, simulate: false });
    expect(mapFromAttributes(element({ axis: "rho", from: "0.5", to: "0.9", steps: "3", log: "", simulate: "" }))).toEqual({
      axis: "rho",
      values: axisValues(0.5, 0.9, 3, true),
      log: true,
      simulate: true,
    });
  });

  it("names the attribute and its value when it is bad", () => {
    expect(() => mapFromAttributes(element({ axis: "width" }))).toThrow("axis must be one of alpha, d, T, rho, sEps, sU, sY, n, lambda, H, beta, aTr. Value: width.");
    expect(() => mapFromAttributes(element({ from: "low" }))).toThrow('from must be a number. Value: "low".');
    expect(() => mapFromAttributes(element({ steps: "0" }))).toThrow("steps must be an integer from 1 to 10000. Value: 0.");
  });
});
