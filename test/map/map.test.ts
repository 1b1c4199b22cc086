import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { prepareSize } from "../../src/experiment/public.js";
import { axisValues, configAt, MAP_AXES, WORLD_MAP_AXES } from "../../src/map/axis.js";
import { bestSizes, mapVerdict } from "../../src/map/best.js";
import { mapCsv } from "../../src/map/csv.js";
import { monteCarloMap, SIMULATION_SUFFIX } from "../../src/map/monte-carlo-map.js";
import { runSweep } from "../../src/sweep/run.js";
import { mapSvg, viridis } from "../../src/map/svg.js";
import { theoryMap, type MapCell } from "../../src/map/theory-map.js";
import { minNormFiniteN } from "../../src/theory/finite.js";
import { parseCsv } from "../../src/report/csvcodec.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { requireBundles } from "../sweep/bundles.js";
import { expectUserError, startCli } from "../cli/headtune.js";

const quick = { ...presetConfig("quick"), heads: [{ kind: "minnorm" as const }, { kind: "ridge-opt" as const }, { kind: "ridge-gcv" as const }] };

describe("theoryMap", () => {
  const values = [0.25, 1];
  const cells = theoryMap(quick, "sEps", values);

  it("has one cell per value, size and head with a theory (ridge-gcv has none), each the sweep's own theory", () => {
    expect(cells).toHaveLength(2 * 10 * 2);
    const at = configAt(quick, "sEps", 1);
    const ctx = prepareSize(at, 20);
    const mn = cells.find((c) => c.value === 1 && c.p === 20 && c.head === "minnorm")!;
    expect([mn.bias, mn.variance, mn.risk]).toEqual([ctx.theory.bias, ctx.theory.variance, ctx.theory.risk]);
    const opt = cells.find((c) => c.value === 1 && c.p === 20 && c.head === "ridge-opt")!;
    expect(opt.lambda).toBe(ctx.headPlans[1]!.lambda);
    expect(opt.excess).toBeLessThanOrEqual(mn.excess * (1 + 1e-12));
  });

  it("carries the theory at the map's n: min-norm's finite-n form, ridge's limit again", () => {
    const at = configAt(quick, "sEps", 1);
    for (const p of [4, 60]) {
      const ctx = prepareSize(at, p);
      const mn = cells.find((c) => c.value === 1 && c.p === p && c.head === "minnorm")!;
      const f = minNormFiniteN(ctx.theory, p, at.n);
      expect(mn.finite).toEqual({ bias: f.bias, variance: f.variance, excess: f.excess, risk: f.risk });
      // n = 40: p = 4 has the exact E[variance] noise 4 / 35, p = 60 the limit's variance times 20 / 19.
      expect(mn.finite!.variance).toBe(p === 4 ? (ctx.noise * 4) / 35 : ctx.theory.variance * (20 / 19));
      const opt = cells.find((c) => c.value === 1 && c.p === p && c.head === "ridge-opt")!;
      expect(opt.finite).toEqual({ bias: opt.bias, variance: opt.variance, excess: opt.excess, risk: opt.risk });
    }
  });

  it("varies lambda for fixed-lambda ridge heads and alpha through the linear scaling", () => {
    expect(configAt(presetConfig("quick"), "lambda", 2).heads).toEqual([{ kind: "minnorm" }, { kind: "ridge", lambda: 2 }]);
    expect(configAt(quick, "alpha", 0.5)).toMatchObject({ scaling: "linear", alpha: 0.5 });
    expect(configAt(quick, "T", 2.6).T).toBe(3);
    expect(() => configAt(quick, "lambda", 1)).toThrow(/axis lambda needs a ridge head/);
    expect(axisValues(0, 1, 5, false)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(axisValues(1, 100, 3, true)[1]).toBeCloseTo(10, 12);
  });

  it("offers each world the settings it reads, and refuses the other world's with a one-line message", () => {
    expect(new Set([...WORLD_MAP_AXES.gaussian, ...WORLD_MAP_AXES.tokens])).toEqual(new Set(MAP_AXES));
    const tokens = presetConfig("tokens");
    for (const axis of ["rho", "beta", "aTr", "sU", "H", "T"] as const) expect(WORLD_MAP_AXES.tokens).toContain(axis);
    expect(configAt(tokens, "H", 20.4).H).toBe(20);
    expect(configAt(tokens, "beta", 0.5).beta).toBe(0.5);
    expect(() => configAt(tokens, "sEps", 1)).toThrow(
      "axis must be one of the tokens world's settings (T, rho, sU, sY, n, lambda, H, beta, aTr). Value: sEps.",
    );
    expect(() => configAt(quick, "beta", 1)).toThrow(/axis must be one of the gaussian world's settings \(alpha, d, T, .*\)\. Value: beta\./);
  });
});

describe("monteCarloMap", () => {
  it("gives each value's sweep summary as cells named \"<head> (simulation)\"", async () => {
    const config = { ...quick, replicates: 2 };
    const cells = await monteCarloMap(config, "sEps", [0.25, 1], { workers: 0 });
    expect(cells).toHaveLength(2 * 10 * 3);
    const { summary } = await runSweep(configAt(config, "sEps", 1), { workers: 0 });
    const row = summary.find((r) => r.head === "ridge-gcv" && r.p === 20)!;
    const cell = cells.find((c) => c.head === "ridge-gcv (simulation)" && c.value === 1 && c.p === 20)!;
    expect([cell.risk, cell.excess, cell.lambda, cell.k]).toEqual([row.risk_mean, row.excess_mean, row.lambda_mean, row.k]);
    expect(cell.lambda).toBeGreaterThan(0);
    expect(cell.riskSe).toBe(row.risk_se);
  }, 60000);

  it("reports each (value, size) once all its replicates are in, with the very cells it returns", async () => {
    const config = { ...quick, replicates: 3 };
    const reported: MapCell[][] = [];
    const values: number[] = [];
    const cells = await monteCarloMap(config, "rho", [0.5, 0.9], {
      workers: 0,
      onCells: (done) => reported.push(done),
      onValue: (done, total) => values.push(done / total),
    });
    // One report per (value, size), each holding one cell per head of that value and size.
    expect(reported).toHaveLength(2 * 10);
    for (const group of reported) {
      expect(group.map((c) => c.head)).toEqual(["minnorm (simulation)", "ridge-opt (simulation)", "ridge-gcv (simulation)"]);
      expect(new Set(group.map((c) => `${c.value}|${c.p}`)).size).toBe(1);
    }
    const key = (c: MapCell) => `${c.head}|${c.value}|${c.p}`;
    const byKey = (list: MapCell[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(byKey(reported.flat())).toEqual(byKey(cells));
    expect(values).toEqual([0.5, 1]);
  }, 60000);
});

describe("best size, verdict, CSV and SVG of a map", () => {
  const cell = (value: number, p: number, risk: number): MapCell => ({
    head: "minnorm", value, p, gamma: p / 10, d: 1, k: 1, lambda: 0, noise: 0.5, bias: 0, variance: risk - 0.5, excess: risk - 0.5, risk,
  });
  // value 0: risk rises with p (degenerate); value 1: a dip at p = 5 (a real first descent).
  const cells = [cell(0, 1, 1), cell(0, 5, 2), cell(0, 20, 1.5), cell(1, 1, 2), cell(1, 5, 1), cell(1, 20, 3)];

  it("finds the best size per value and whether it is the smallest", () => {
    expect(bestSizes(cells, "minnorm")).toEqual([
      { value: 0, p: 1, gamma: 0.1, risk: 1, degenerate: true },
      { value: 1, p: 5, gamma: 0.5, risk: 1, degenerate: false },
    ]);
    expect(mapVerdict(cells, "rho")).toBe(
      "min-norm, best size: rho = 0: the smallest size (g = 0.1), the first descent is degenerate; rho = 1: g = 0.5 (a real first descent). Lowest risk per output on the map: 1.00 at rho = 0, g = 0.1.",
    );
  });

  it("writes one CSV line per cell with per-output and total risks, the finite-n ones nan where a cell has none", () => {
    const rows = parseCsv(mapCsv(cells, "rho"));
    expect(rows[0]!.slice(0, 8)).toEqual(["head", "rho", "p", "gamma", "d", "k", "lambda", "noise"]);
    expect(rows[0]!.slice(-8)).toEqual([
      "finite_bias", "finite_variance", "finite_excess", "finite_risk",
      "finite_bias_total", "finite_variance_total", "finite_excess_total", "finite_risk_total",
    ]);
    expect(rows).toHaveLength(7);
    expect(rows[5]![rows[0]!.indexOf("risk_total")]).toBe("1");
    expect(rows[5]![rows[0]!.indexOf("finite_risk_total")]).toBe("nan");
    const k2 = { ...cells[4]!, k: 2, finite: { bias: 0, variance: 3, excess: 3, risk: 3.5 } };
    const line = parseCsv(mapCsv([k2], "rho"))[1]!;
    expect([line[rows[0]!.indexOf("finite_risk")], line[rows[0]!.indexOf("finite_risk_total")]]).toEqual(["1.75", "3.5"]);
  });

  it("draws the finite-n risk of a theory cell and its best sizes, with the limit's as thin dashes where they differ", () => {
    // The finite-n theory moves value 1's best size from p = 5 to p = 1; value 0's stays p = 1.
    const withFinite = cells.map((c) => ({ ...c, finite: { bias: 0, variance: 0, excess: 0, risk: c.value === 1 && c.p === 5 ? 2.5 : c.risk } }));
    expect(bestSizes(withFinite, "minnorm").map((b) => b.p)).toEqual([1, 1]);
    expect(bestSizes(withFinite, "minnorm", (c) => c.risk).map((b) => b.p)).toEqual([1, 5]);
    const svg = mapSvg(withFinite, "rho", false);
    expect(svg).toContain('data-rho="1" data-risk="2.5"');
    expect(svg.match(/class="best-limit"/g)).toHaveLength(1);
    expect(svg).toContain("thin dashes: those of the n → ∞ limit");
    const same = mapSvg(cells.map((c) => ({ ...c, finite: { bias: 0, variance: 0, excess: 0, risk: c.risk } })), "rho", false);
    expect(same).not.toContain("best-limit");
    expect(same).not.toContain("n → ∞");
    expect(mapVerdict(withFinite, "rho")).toContain("rho 0 to 1: the smallest size (g = 0.1), the first descent is degenerate");
  });

  it("names the token world's theory as the Gaussian-equivalent approximation: panels, legend, verdict, CSV columns", () => {
    const simulated = cells.map((c) => ({ ...c, head: `${c.head}${SIMULATION_SUFFIX}` }));
    const both = [...cells, ...simulated];
    const label = "Gaussian-equivalent theory (approximation)";
    const svg = mapSvg(both, "rho", false, "tokens");
    expect(svg).toContain(`>min-norm, ${label}</text>`);
    expect(svg).toContain(">min-norm (simulation)</text>");
    expect(svg).toContain(`white dots: best size per value (${label} at n)`);
    expect(mapSvg(both, "rho", false, "gaussian")).toBe(mapSvg(both, "rho", false));
    expect(mapSvg(both, "rho", false)).not.toContain("Gaussian-equivalent");
    const verdict = mapVerdict(both, "rho", "tokens").split("\n");
    expect(verdict[0]).toMatch(new RegExp(`^min-norm, ${label.replace(/[()]/g, "\\$&")}, best size: rho = 0: `));
    expect(verdict[1]).toMatch(/^min-norm \(simulation\), best size: /);
    expect(mapVerdict(both, "rho", "tokens").replace(`, ${label}`, "")).toBe(mapVerdict(both, "rho"));
    const header = parseCsv(mapCsv(both, "rho", "tokens"))[0]!;
    expect(header.slice(-8)).toEqual([
      "gaussian_theory_finite_bias", "gaussian_theory_finite_variance", "gaussian_theory_finite_excess", "gaussian_theory_finite_risk",
      "gaussian_theory_finite_bias_total", "gaussian_theory_finite_variance_total", "gaussian_theory_finite_excess_total", "gaussian_theory_finite_risk_total",
    ]);
    const body = (text: string) => text.slice(text.indexOf("\n"));
    expect(body(mapCsv(both, "rho", "tokens"))).toBe(body(mapCsv(both, "rho")));
    expect(mapCsv(both, "rho", "gaussian")).toBe(mapCsv(both, "rho"));
  });

  it("draws one coloured rectangle per cell, g = 1 and the best-size curve, on the viridis scale", () => {
    const svg = mapSvg(cells, "rho", false);
    expect(svg.match(/data-risk=/g)).toHaveLength(6);
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toMatch(/<path d="M[^"]+L[^"]+" fill="none" stroke="white"/);
    expect([viridis(0), viridis(1)]).toEqual(["#440154", "#fde725"]);
    expect(mapSvg(cells, "rho", false)).toBe(svg);
    // Each rectangle's data-row is its cell's place in the list (its line in map.csv after the header).
    const rects = [...svg.matchAll(/data-row="(\d+)" data-g="([^"]+)" data-rho="([^"]+)"/g)];
    expect(rects.map((m) => Number(m[1])).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const [, row, g, rho] of rects) expect([g, rho]).toEqual([String(cells[Number(row)]!.gamma), String(cells[Number(row)]!.value)]);
  });
});

describe("headtune map", () => {
  it("writes map.csv, map.svg and config.json and prints the verdict; refuses a bad axis (exit 2)", async () => {
    requireBundles();
    const dir = mkdtempSync(join(tmpdir(), "headtune-map-"));
    const run = await startCli(dir, ["map", "--preset", "quick", "--axis", "sEps", "--from", "0.5", "--to", "1.5", "--steps", "3", "--out", "m", "--quiet"]).finished;
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^min-norm, best size: sEps /);
    const csv = parseCsv(readFileSync(join(dir, "m", "map.csv"), "utf8"));
    expect(csv).toHaveLength(1 + 3 * 10 * 2);
    expect(readFileSync(join(dir, "m", "map.svg"), "utf8")).toMatch(/^<svg /);
    expect(JSON.parse(readFileSync(join(dir, "m", "config.json"), "utf8")).map).toEqual({ axis: "sEps", values: [0.5, 1, 1.5], log: false });
    const mc = await startCli(dir, ["map", "--preset", "quick", "--axis", "rho", "--from", "0.5", "--to", "0.9", "--steps", "2", "--replicates", "2", "--workers", "1", "--out", "mc", "--quiet"]).finished;
    expect(mc.code).toBe(0);
    expect(mc.stdout).toMatch(/\nmin-norm \(simulation\), best size: rho /);
    expect(parseCsv(readFileSync(join(dir, "mc", "map.csv"), "utf8"))).toHaveLength(1 + 2 * 10 * 4);
    expectUserError(await startCli(dir, ["map", "--axis", "width", "--from", "0", "--to", "1"]).finished, 2, /--axis must be one of alpha, d, T/);
  }, 60000);
});
