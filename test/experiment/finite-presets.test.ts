/**
 * The theory the plot draws, the finite-n min-norm theory (SPEC 6, "Finite n"), against the simulation of the
 * paper and features presets as drawn: for each size with |p - n| >= 4, the solid theory line's value and the
 * point's mean and standard error, read back from plot.svg's data attributes. Closer to n the replicates'
 * var_X has an infinite variance (tr of an inverse Wishart with n - p - 1 <= 2), so no standard error bounds
 * the mean there. 4 se: over the 80 sizes of the two presets a size beyond 4 se by chance has probability
 * 80 * 6e-5 = 0.5% (normal means; the seeds are the presets' own, fixed). Above g = 1 the correction is exact
 * only for an isotropic Sx, so this is also the check SPEC 6 asks for its general-Sx use.
 */
import { describe, expect, it } from "vitest";
import { plotSvg } from "../../src/report/svg.js";
import { runSweep } from "../../src/sweep/run.js";
import { presetConfig } from "../../src/sweep/presets.js";
import { allElements, parseXml } from "../report/xml.js";

/** Per size of the drawn risk panel: z of the point against the solid theory line and against the dashed limit. */
function drawnZ(svg: string, n: number): { p: number; z: number; zLimit: number }[] {
  const elements = allElements(parseXml(svg)).filter((e) => e.attrs["data-panel"] === "risk" && e.attrs["data-head"] === "minnorm");
  const line = (cls: string) => {
    const e = elements.find((x) => x.attrs.class === cls)!;
    const gammas = e.attrs["data-gamma"]!.split(" ");
    const values = e.attrs["data-values"]!.split(" ").map(Number);
    return new Map(gammas.map((g, i) => [g, values[i]!]));
  };
  const theory = line("theory");
  const limit = line("theory-limit");
  return elements
    .filter((e) => e.attrs.class === "point")
    .map((e) => {
      const g = e.attrs["data-gamma"]!;
      const mean = Number(e.attrs["data-mean"]);
      const se = Number(e.attrs["data-se"]);
      return { p: Number(e.attrs["data-p"]), z: (mean - theory.get(g)!) / se, zLimit: (mean - limit.get(g)!) / se };
    })
    .filter((s) => Math.abs(s.p - n) >= 4);
}

describe("the drawn theory line against the simulation (presets as shipped, in this thread)", () => {
  it.each(["paper", "features"])("%s: every size with |p - n| >= 4 within 4 se of the line, closer than the limit", async (preset) => {
    const config = presetConfig(preset);
    const { summary } = await runSweep(config, { workers: 0 });
    const zs = drawnZ(plotSvg(summary, { logY: true }), config.n);
    expect(zs.length).toBe(summary.length);
    for (const { p, z } of zs) expect({ p, z: Math.abs(z) <= 4 ? "within 4" : z }).toEqual({ p, z: "within 4" });
    // The limit is further off in all: sum of z^2 over the sizes (SPEC 6: up to 3.9 se at single sizes of the
    // paper preset, where the finite-n line stays within 1.5).
    const chi2 = (key: "z" | "zLimit") => zs.reduce((s, r) => s + r[key] ** 2, 0);
    expect(chi2("z")).toBeLessThan(chi2("zLimit"));
  }, 300_000);
});
