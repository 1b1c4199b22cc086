import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/errors.js";
import { tokenModelFromJson, tokenModelToJson } from "../../src/tokens/model-file.js";
import { tokenPopulation } from "../../src/tokens/population.js";
import { representationOf } from "../../src/tokens/representation.js";
import { populationSAlpha } from "../../src/tokens/salpha.js";
import { smallWorld } from "./world.fixture.js";

describe("token model file", () => {
  const world = smallWorld();
  const rep = representationOf("features", 4, 0.5, 7, 0, 6);
  const text = tokenModelToJson({ world, rep, mPop: 200, seed: 7, key: 0 });

  it("reads back the same world, representation and population", () => {
    const m = tokenModelFromJson(text);
    expect(m.world.P.data).toEqual(world.P.data);
    expect(m.world.E.data).toEqual(world.E.data);
    expect(m.world.pi).toEqual(world.pi);
    expect(m.rep.W!.data).toEqual(rep.W!.data);
    const a = tokenPopulation(world, populationSAlpha(world, 7, 0, 200).S, rep);
    const b = tokenPopulation(m.world, populationSAlpha(m.world, m.seed, m.key, m.mPop).S, m.rep);
    expect(b.noise).toBe(a.noise);
    expect(b.spectrum.eigenvalues).toEqual(a.spectrum.eigenvalues);
  });

  it.each([
    ["P.0", (o: Record<string, unknown>) => ((o.P as number[][])[0]![0]! += 0.1)],
    ["E.1", (o: Record<string, unknown>) => ((o.E as number[][])[1] = [1, 0])],
    ["pi", (o: Record<string, unknown>) => ((o.pi as number[])[0]! += 0.5)],
    ["H", (o: Record<string, unknown>) => (o.H = 1)],
    ["extra", (o: Record<string, unknown>) => (o.extra = 1)],
  ])("names the first bad field (%s) in a one-line ArgumentError", (name, spoil) => {
    const o = JSON.parse(text) as Record<string, unknown>;
    spoil(o);
    expect(() => tokenModelFromJson(JSON.stringify(o), "m.json")).toThrow(ArgumentError);
    try {
      tokenModelFromJson(JSON.stringify(o), "m.json");
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg.startsWith("m.json:")).toBe(true);
      expect(msg.includes(name === "extra" ? "extra" : name)).toBe(true);
      expect(msg).not.toContain("\n");
    }
  });
});
