import { describe, expect, it } from "vitest";
import { verdict } from "../../src/report/verdict.js";
import { ArgumentError } from "../../src/errors.js";
import { featuresRows, makeRow, riskRows, widthRows } from "./fixtures.js";

/** The verdict's sentences on the curve's shape, without the last one on the theory (tested on its own below). */
function shape(v: string): string {
  const i = v.indexOf(" Against the theory");
  expect(i).toBeGreaterThan(0);
  return v.slice(0, i);
}

describe("verdict", () => {
  it("width-like rows: peak at the threshold, degenerate first descent, best size the smallest model", () => {
    const v = verdict(
      riskRows([
        [10, 1.0, 0.01],
        [50, 1.2, 0.01],
        [100, 2.0, 0.02],
        [190, 20, 1],
        [210, 21, 1],
        [400, 2.3, 0.03],
        [1000, 1.7, 0.02],
      ]),
      "width",
    );
    expect(shape(v)).toBe(
      "Width scaling (d = p), min-norm head, risk per output (noise + excess): peak at g = 1.05 (p = 210), 21.0 ± 1.0, " +
        "the grid point next to the interpolation threshold g = 1. First descent degenerate: no size below the peak beats " +
        "the smallest, 1.00 ± 0.010 at g = 0.05 (p = 10); the second descent stays above the smallest size: its lowest is " +
        "1.70 ± 0.020 at g = 5 (p = 1000); best size: the smallest model.",
    );
  });

  it("features-like rows: real first descent, second descent below the first minimum", () => {
    const v = verdict(
      riskRows([
        [2, 1.17, 0.01],
        [40, 0.75, 0.01],
        [80, 0.8, 0.01],
        [160, 2.0, 0.05],
        [210, 4, 0.1],
        [400, 0.6, 0.01],
        [1000, 0.4, 0.01],
      ]),
      "features",
    );
    expect(v).toMatch(/^Features scaling \(d fixed\), min-norm head/);
    expect(v).toContain("peak at g = 1.05 (p = 210)");
    expect(v).toContain(
      "First descent real: the risk falls from 1.17 ± 0.010 at g = 0.01 (p = 2) to 0.750 ± 0.010 at g = 0.2 (p = 40)",
    );
    expect(v).toContain("the second descent goes below the first minimum, to 0.400 ± 0.010 at g = 5 (p = 1000)");
    expect(shape(v)).toMatch(/best size: g = 5 \(p = 1000\)\.$/);
  });

  it("judges the synthetic width and features sweeps (k = p and k fixed) per output", () => {
    const w = verdict(widthRows(), "width");
    expect(w).toContain("peak at g = 1 (p = 200)");
    expect(w).toContain("at the interpolation threshold g = 1");
    expect(w).toContain("First descent degenerate");
    expect(w).toContain("best size: the smallest model");
    const f = verdict(featuresRows(), "features");
    expect(f).toContain("First descent real");
    expect(f).toContain("the second descent goes below the first minimum");
  });

  it("monotone rows have no peak", () => {
    const down = verdict(
      riskRows([
        [10, 2, 0.01],
        [100, 1.5, 0.01],
        [1000, 1.0, 0.01],
      ]),
      "width",
    );
    expect(down).toContain(
      "no peak; the risk is largest at the smallest size, 2.00 ± 0.010 at g = 0.05 (p = 10). Best size: g = 5 (p = 1000).",
    );
    const up = verdict(
      riskRows([
        [10, 1, 0.01],
        [100, 1.5, 0.01],
        [1000, 2.0, 0.01],
      ]),
      "width",
    );
    expect(up).toContain(
      "no peak; the risk is largest at the largest size, 2.00 ± 0.010 at g = 5 (p = 1000). Best size: the smallest model.",
    );
  });

  it("calls differences under 2 combined standard errors within noise", () => {
    // 1.3 - 1.0 = 0.3 < 2 sqrt(0.2^2 + 0.2^2) = 0.57: no clear peak
    const flat = verdict(
      riskRows([
        [10, 1, 0.2],
        [100, 1.3, 0.2],
        [1000, 1.1, 0.2],
      ]),
      "width",
    );
    expect(flat).toContain(
      "no clear peak; the largest mean, 1.30 ± 0.20 at g = 0.5 (p = 100), is within noise of the smallest size's 1.00 ± 0.20",
    );
    expect(flat).toContain("Best size: the smallest model, though g = 5 (p = 1000) is within noise of it.");
    // 1.0 - 0.95 = 0.05 < 2 sqrt(2) 0.05 = 0.14: the first descent is not resolved from noise
    const first = verdict(
      riskRows([
        [10, 1.0, 0.05],
        [50, 0.95, 0.05],
        [190, 5, 0.3],
        [400, 1.5, 0.05],
      ]),
      "width",
    );
    expect(first).toContain(
      "First descent within noise: the lowest risk below the peak, 0.950 ± 0.050 at g = 0.25 (p = 50), is within 2 standard errors of the smallest size's 1.00 ± 0.050",
    );
    expect(first).toContain("best size: the smallest model, within noise");
    // 0.76 - 0.75 = 0.01 < 2 sqrt(2) 0.01 = 0.028: the second descent comes back to the first minimum within noise
    const second = verdict(
      riskRows([
        [2, 1.17, 0.01],
        [40, 0.75, 0.01],
        [190, 5, 0.3],
        [1000, 0.76, 0.01],
      ]),
      "features",
    );
    expect(second).toContain(
      "the second descent comes back to the first minimum within noise, to 0.760 ± 0.010 at g = 5 (p = 1000)",
    );
    // but 0.028 apart is beyond noise when the standard errors are 0.005 (2 sqrt(2) 0.005 = 0.014)
    const apart = verdict(
      riskRows([
        [2, 1.17, 0.005],
        [40, 0.75, 0.005],
        [190, 5, 0.3],
        [1000, 0.778, 0.005],
      ]),
      "features",
    );
    expect(apart).toContain(
      "the second descent stays above the first minimum: its lowest is 0.778 ± 0.0050 at g = 5 (p = 1000)",
    );
  });

  it("says where a peak away from g = 1 is", () => {
    const v = verdict(
      riskRows([
        [10, 1.0, 0.01],
        [20, 3, 0.01],
        [50, 1.5, 0.01],
        [100, 1.6, 0.01],
        [400, 1.55, 0.01],
      ]),
      "width",
    );
    expect(v).toContain("peak at g = 0.1 (p = 20), 3.00 ± 0.010, away from the interpolation threshold g = 1.");
    expect(v).toContain("First descent not resolved: no size lies between the smallest");
  });

  it("judges the min-norm head among others, and says when standard errors are missing", () => {
    const rows = [
      ...riskRows(
        [
          [10, 5, 0.01],
          [100, 1, 0.01],
          [1000, 0.5, 0.01],
        ],
        "ridge(0.1)",
      ),
      ...riskRows([
        [10, 1, NaN],
        [190, 5, NaN],
        [1000, 0.95, NaN],
      ]),
    ];
    const v = verdict(rows, "width");
    expect(v).toContain("min-norm head");
    expect(v).toContain("peak at g = 0.95 (p = 190), 5.00,");
    expect(v).toMatch(
      /Standard errors are unavailable \(fewer than 2 replicates\): no difference was tested against noise\.$/,
    );
    expect(
      verdict(
        riskRows(
          [
            [10, 5, 0.01],
            [100, 1, 0.01],
          ],
          "ridge(0.1)",
        ),
        "width",
      ),
    ).toContain("ridge (λ = 0.1) head");
  });

  it("handles no rows and a single size, and refuses an unknown scaling", () => {
    expect(verdict([], "features")).toBe("No sizes were run: nothing to judge.");
    expect(verdict(riskRows([[10, 1, 0.1]]), "width")).toBe(
      "Width scaling (d = p), min-norm head, risk per output (noise + excess): one size only, 1.00 ± 0.10 at g = 0.05 (p = 10); nothing to compare. " +
        // riskRows' theory: all noise, no variance; its finite-n variance 1 * 10 / 189 = 0.0529 per output is 0.53 se.
        "Against the theory at n = 200 (finite n, SPEC 6): |z| ≤ 0.53 at the one size with |p − n| ≥ 4 (largest at g = 0.05, p = 10); its n → ∞ limit: |z| up to 0 (g = 0.05, p = 10); z = (mean − theory) / se.",
    );
    expect(() => verdict([], "depth" as "width")).toThrow(ArgumentError);
    expect(() => verdict([], "depth" as "width")).toThrow("scaling must be one of width, features, linear, posterior. Value: depth.");
  });

  it("compares the simulation with the finite-n theory and its limit over the sizes with |p - n| >= 4", () => {
    // n = 200, k = 1, noise 1. Simulated variance = the finite-n theory + z se, so z is known:
    //   p = 50:  finite 50/149,   z = 0.5;  limit 50/150 = 1/3:   z = (50/149 - 1/3)/0.01 + 0.5 = 0.72
    //   p = 100: finite 100/99,   z = -1.2; limit 1:              z = (100/99 - 1)/0.02 - 1.2 = -0.69
    //   p = 150: finite 150/49,   z = 2.5;  limit 3:              z = (150/49 - 3)/0.1 + 2.5 = 3.1
    //   p = 198: |p - n| = 2, left out (its z would be 480)
    //   p = 300: bias 0.2, limit variance 2, finite 2 * 100/99, z = 0.3; limit: z = (2/99)/0.05 + 0.3 = 0.70
    const row = (p: number, finite: number, z: number, se: number, limit: number, bias = 0) =>
      makeRow({ p, k: 1, noise: 1, bias, variance: finite + z * se, se, theoryBias: bias, theoryVariance: limit });
    const rows = [
      row(50, 50 / 149, 0.5, 0.01, 50 / 150),
      row(100, 100 / 99, -1.2, 0.02, 1),
      row(150, 150 / 49, 2.5, 0.1, 3),
      row(198, 198, 480, 1, 99),
      row(300, 200 / 99, 0.3, 0.05, 2, 0.2),
    ];
    expect(verdict(rows, "features")).toMatch(
      /\. Against the theory at n = 200 \(finite n, SPEC 6\): \|z\| ≤ 2\.5 over the 4 sizes with \|p − n\| ≥ 4 \(largest at g = 0\.75, p = 150\); its n → ∞ limit: \|z\| up to 3\.1 \(g = 0\.75, p = 150\); z = \(mean − theory\) \/ se\.$/,
    );
    // A head without a finite-n form (its theory_finite_* are its limit) gets no limit part.
    const ridge = rows.map((r) => ({ ...r, head: "ridge(0.1)", theory_finite_risk: r.theory_risk, theory_finite_excess: r.theory_excess }));
    expect(verdict(ridge, "features")).toMatch(/ Against the theory: \|z\| ≤ 3\.1 over the 4 sizes with \|p − n\| ≥ 4 \(largest at g = 0\.75, p = 150\); z = /);
  });
});
