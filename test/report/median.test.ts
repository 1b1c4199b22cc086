import { describe, expect, it } from "vitest";
import { plotSvg } from "../../src/report/svg.js";
import { featuresRows } from "./fixtures.js";

describe("plotSvg median ticks", () => {
  it("marks each size's median risk (per output) only when asked, and names the theory as told", () => {
    const rows = featuresRows();
    const plain = plotSvg(rows);
    expect(plain).not.toContain('class="median"');
    const svg = plotSvg(rows, { median: true, theoryLabel: "Gaussian-equivalent theory (approximation)" });
    const ticks = [...svg.matchAll(/class="median" data-head="([^"]+)" data-p="(\d+)" data-median="([^"]+)"/g)];
    expect(ticks.length).toBe(rows.length);
    for (const [, head, p, median] of ticks) {
      const row = rows.find((r) => r.head === head && r.p === Number(p))!;
      expect(Number(median)).toBe(row.risk_median / row.k);
    }
    expect(svg).toContain("ticks: simulated median");
    expect(svg).toContain("lines: Gaussian-equivalent theory (approximation)");
    expect(() => plotSvg(rows, { median: 1 as unknown as boolean })).toThrow(/^opts\.median must be true or false/);
  });
});
