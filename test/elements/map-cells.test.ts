/** The map view's pure parts: the cells drawn while a simulation runs, and the numbers a hovered cell shows. */
import { describe, expect, it } from "vitest";
import { describeCell, liveCells, pendingCount } from "../../src/elements/map-cells.js";
import type { MapCell } from "../../src/map/theory-map.js";
import { formatSig } from "../../src/report/format.js";

const cell = (head: string, value: number, p: number, risk: number, riskSe?: number): MapCell => ({
  head, value, p, gamma: p / 10, d: p, k: 2, lambda: 0, noise: 0.5, bias: 0, variance: risk - 0.5, excess: risk - 0.5, risk,
  ...(riskSe === undefined ? {} : { riskSe }),
});
const theory = [cell("minnorm", 0.5, 1, 1.2), cell("minnorm", 0.5, 5, 3.4), cell("minnorm", 1, 1, 2.2), cell("minnorm", 1, 5, 5.6)];

describe("liveCells", () => {
  it("lays the simulated panel out as the theory's, pending (NaN) where no cell is in yet", () => {
    const none = liveCells(theory, []);
    expect(none.slice(0, 4)).toEqual(theory);
    expect(none.slice(4).map((c) => [c.head, c.value, c.p])).toEqual(theory.map((c) => [`${c.head} (simulation)`, c.value, c.p]));
    expect(none.slice(4).every((c) => Number.isNaN(c.risk) && Number.isNaN(c.lambda))).toBe(true);
    expect(pendingCount(none)).toBe(4);
  });

  it("puts each finished cell in its twin's place, heads without a theory laid out as the first head", () => {
    const done = cell("minnorm (simulation)", 1, 5, 5.9, 0.3);
    const gcv = cell("ridge-gcv (simulation)", 1, 5, 4.1, 0.2);
    const live = liveCells(theory, [gcv, done], ["ridge-gcv"]);
    expect(live).toHaveLength(12);
    expect(live[7]).toBe(done);
    expect(live.slice(8).map((c) => [c.head, c.value, c.p])).toEqual(theory.map((c) => ["ridge-gcv (simulation)", c.value, c.p]));
    expect(live[11]).toBe(gcv);
    expect(pendingCount(live)).toBe(3 + 3);
  });
});

describe("describeCell", () => {
  it("shows the head, the axis value, g and p, the theory per output and the simulation's mean ± se", () => {
    const done = cell("minnorm (simulation)", 1, 5, 5.9, 0.3);
    const live = liveCells(theory, [done]);
    const expected = ["min-norm", "sEps = 1, g = 0.5, p = 5", `theory: ${formatSig(5.6 / 2, 4)} per output`, `simulated: ${formatSig(5.9 / 2, 4)} ± ${formatSig(0.3 / 2, 2)} per output`];
    expect(describeCell(live, 3, "sEps")).toEqual(expected);
    expect(describeCell(live, 7, "sEps")).toEqual(expected);
    expect(describeCell(live, 4, "sEps")).toEqual(["min-norm", "sEps = 0.5, g = 0.1, p = 1", "theory: 0.6000 per output", "simulated: pending"]);
  });

  it("leaves out what the map does not have: the simulation of a theory map, the se of one replicate", () => {
    expect(describeCell(theory, 0, "rho")).toEqual(["min-norm", "rho = 0.5, g = 0.1, p = 1", "theory: 0.6000 per output"]);
    const single = [cell("minnorm (simulation)", 1, 5, 5.9, NaN)];
    expect(describeCell(single, 0, "rho")).toEqual(["min-norm", "rho = 1, g = 0.5, p = 5", `simulated: ${formatSig(2.95, 4)} per output`]);
    expect(describeCell(theory, 9, "rho")).toEqual([]);
  });
});
