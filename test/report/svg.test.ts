import { describe, expect, it } from "vitest";
import { plotSvg } from "../../src/report/svg.js";
import { formatExact } from "../../src/report/format.js";
import type { SummaryRow } from "../../src/report/types.js";
import { ArgumentError } from "../../src/errors.js";
import { featuresRows, makeRow, widthRows } from "./fixtures.js";
import { allElements, parseXml, type XmlElement } from "./xml.js";

const PER_OUTPUT = {
  risk: (r: SummaryRow) => [r.risk_mean, r.risk_se],
  bias: (r: SummaryRow) => [r.bias_mean, r.bias_se],
  variance: (r: SummaryRow) => [r.variance_mean, r.variance_se],
} as const;
/** The drawn theory: the finite-n one (SPEC 6), solid. */
const THEORY = {
  risk: (r: SummaryRow) => r.theory_finite_risk,
  bias: (r: SummaryRow) => r.theory_finite_bias,
  variance: (r: SummaryRow) => r.theory_finite_variance,
} as const;
/** Its n -> infinity limit, thin dashes. */
const LIMIT = {
  risk: (r: SummaryRow) => r.theory_risk,
  bias: (r: SummaryRow) => r.theory_bias,
  variance: (r: SummaryRow) => r.theory_variance,
} as const;

function elements(svg: string): XmlElement[] {
  return allElements(parseXml(svg));
}

function byClass(svg: string, cls: string): XmlElement[] {
  return elements(svg).filter((e) => e.attrs.class === cls);
}

/** Rows with a ridge head beside min-norm: ridge carries the min-norm theory and has no bias or variance. */
function twoHeads(): SummaryRow[] {
  const mn = widthRows();
  const ridge = mn.map((r) => ({
    ...r,
    head: "ridge(0.1)",
    risk_mean: r.risk_mean * 0.5,
    bias_mean: NaN,
    bias_se: NaN,
    variance_mean: NaN,
    variance_se: NaN,
  }));
  return [...ridge, ...mn];
}

/** The value at pixel y of a panel, from the axes the panel carries. */
function valueAt(panel: XmlElement, y: number): number {
  const [lo, hi] = panel.attrs["data-y-domain"]!.split(" ").map(Number) as [number, number];
  const [, top, , bottom] = panel.attrs["data-frame"]!.split(" ").map(Number) as [number, number, number, number];
  const t = (bottom - y) / (bottom - top);
  return panel.attrs["data-y-scale"] === "log"
    ? 10 ** (Math.log10(lo) + t * (Math.log10(hi) - Math.log10(lo)))
    : lo + t * (hi - lo);
}

describe("the XML checker used here", () => {
  it("refuses what is not well formed", () => {
    for (const bad of [
      "<a><b></a></b>",
      "<a x=1/>",
      '<a x="1" x="2"/>',
      "<a>&nbsp;</a>",
      "<a>x & y</a>",
      '<a x="<"/>',
      "<a/><b/>",
      "<a>",
      "text<a/>",
      '<a x="1"y="2"/>',
    ]) {
      expect(() => parseXml(bad), bad).toThrow();
    }
    const ok = parseXml('<?xml version="1.0"?><!-- c --><a k="&quot;&#x41;&amp;"><b/>t&lt;</a>');
    expect(ok.attrs.k).toBe('"A&');
    expect(ok.text).toBe("t<");
  });
});

describe("plotSvg", () => {
  const rows = twoHeads();
  const svg = plotSvg(rows);

  it("is well-formed XML with an svg root and no NaN or Infinity anywhere", () => {
    const root = parseXml(svg);
    expect(root.name).toBe("svg");
    expect(root.attrs.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    for (const opts of [{ logY: true }, { perOutput: false }, { logY: true, perOutput: false }]) {
      const other = plotSvg(featuresRows(), opts);
      parseXml(other);
      expect(other).not.toMatch(/NaN|Infinity|undefined/);
    }
  });

  it("plots exactly the summary's numbers: one point per finite mean, per output", () => {
    const points = byClass(svg, "point");
    let expected = 0;
    for (const r of rows) {
      for (const series of ["risk", "bias", "variance"] as const) {
        const [mean, se] = PER_OUTPUT[series](r) as [number, number];
        if (!Number.isFinite(mean)) continue;
        expected++;
        const found = points.filter(
          (e) =>
            e.attrs["data-head"] === r.head &&
            e.attrs["data-series"] === series &&
            e.attrs["data-p"] === formatExact(r.p),
        );
        expect(found.length).toBe(1);
        const a = found[0]!.attrs;
        expect(a["data-gamma"]).toBe(formatExact(r.gamma));
        expect(a["data-k"]).toBe(formatExact(r.k));
        expect(a["data-mean"]).toBe(formatExact(mean / r.k));
        expect(a["data-se"]).toBe(formatExact(se / r.k));
        expect(a["data-panel"]).toBe(series === "risk" ? "risk" : "bias-variance");
      }
    }
    expect(points.length).toBe(expected);
    expect(expected).toBe(rows.length + 2 * widthRows().length);
  });

  it("plots totals when perOutput is false", () => {
    const totals = plotSvg(rows, { perOutput: false });
    for (const e of byClass(totals, "point").filter((e) => e.attrs["data-series"] === "risk")) {
      const r = rows.find((r) => r.head === e.attrs["data-head"] && formatExact(r.p) === e.attrs["data-p"])!;
      expect(e.attrs["data-mean"]).toBe(formatExact(r.risk_mean));
    }
    expect(totals).toContain("values total over the k outputs");
  });

  it("puts each point where its value is on the panel's axes (within the 0.005 px rounding)", () => {
    for (const opts of [{}, { logY: true }]) {
      const text = plotSvg(rows, opts);
      const panels = byClass(text, "panel");
      for (const panel of panels) {
        const pts = allElements(panel).filter((e) => e.attrs.class === "point");
        expect(pts.length).toBeGreaterThan(0);
        for (const e of pts) {
          const y = Number(e.attrs["data-y"]);
          const mean = Number(e.attrs["data-mean"]);
          const marker = e.children[e.children.length - 1]!;
          if (marker.name === "circle") expect(Number(marker.attrs.cy)).toBe(y);
          const [lo, hi] = panel.attrs["data-y-domain"]!.split(" ").map(Number) as [number, number];
          // one pixel step is (hi - lo) / height in value (linear) or a factor (hi / lo)^(1 / height) (log):
          // 0.005 px of rounding is far below 1e-4 of the domain.
          const tol = panel.attrs["data-y-scale"] === "log" ? Math.abs(Math.log10(hi / lo)) * 1e-4 : (hi - lo) * 1e-4;
          if (e.attrs["data-clipped"] === "true") {
            expect(mean).toBeLessThanOrEqual(0);
            expect(e.attrs["data-y"]).toBe(panel.attrs["data-frame"]!.split(" ")[3]);
            continue;
          }
          const got = valueAt(panel, y);
          if (panel.attrs["data-y-scale"] === "log") expect(Math.abs(Math.log10(got / mean))).toBeLessThan(tol);
          else expect(Math.abs(got - mean)).toBeLessThan(tol);
        }
      }
    }
  });

  it("draws the finite-n theory solid and its limit dashed, from finite values only, broken at g = 1", () => {
    const theory = byClass(svg, "theory");
    const limit = byClass(svg, "theory-limit");
    // ridge rows carry the min-norm theory: drawn once per quantity, not twice. The bias's finite-n form is
    // its limit (SPEC 6), so it has no dashed twin.
    const names = (lines: XmlElement[]) => lines.map((e) => `${e.attrs["data-series"]}:${e.attrs["data-head"]}`).sort();
    expect(names(theory)).toEqual(["bias:minnorm", "risk:minnorm", "variance:minnorm"]);
    expect(names(limit)).toEqual(["risk:minnorm", "variance:minnorm"]);
    for (const e of theory) expect(e.attrs["stroke-dasharray"]).toBeUndefined();
    for (const e of limit) expect(e.attrs["stroke-dasharray"]).toBe("4 3");
    const panel = byClass(svg, "panel")[0]!;
    const [xlo, xhi] = panel.attrs["data-x-domain"]!.split(" ").map(Number) as [number, number];
    const [left, , right] = panel.attrs["data-frame"]!.split(" ").map(Number) as [number, number, number];
    const x1 = left + (Math.log10(1 / xlo) / Math.log10(xhi / xlo)) * (right - left);
    for (const e of [...theory, ...limit]) {
      const d = e.attrs.d!;
      expect(d).toMatch(/^M[-\d. L]+( M[-\d. L]+)*$/);
      const runs = d
        .split("M")
        .filter(Boolean)
        .map((run) => run.split("L").map((pt) => pt.trim().split(" ").map(Number)));
      for (const run of runs) {
        for (const [x, y] of run) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
        const xs = run.map(([x]) => x!);
        // no run crosses the vertical line at g = 1
        expect(Math.min(...xs) > x1 - 0.01 || Math.max(...xs) < x1 + 0.01).toBe(true);
      }
      expect(runs.length).toBe(2);
      const series = e.attrs["data-series"] as keyof typeof THEORY;
      const mn = rows.filter((r) => r.head === "minnorm").sort((a, b) => a.p - b.p);
      const value = e.attrs.class === "theory" ? THEORY[series] : LIMIT[series];
      expect(e.attrs["data-values"]).toBe(mn.map((r) => formatExact(value(r) / r.k)).join(" "));
      expect(e.attrs["data-gamma"]).toBe(mn.map((r) => formatExact(r.gamma)).join(" "));
    }
    expect(byClass(svg, "theory")[0]!.attrs["data-values"]).toContain("inf");
    // The two differ where the finite-n correction is not 1 (every size of the fixture, below and above g = 1).
    const risk = (lines: XmlElement[]) => lines.find((e) => e.attrs["data-series"] === "risk")!.attrs["data-values"];
    expect(risk(theory)).not.toBe(risk(limit));
  });

  it("draws no limit line for a head whose theory has no finite-n form (ridge: the two are equal)", () => {
    const ridge = widthRows().map((r) => ({
      ...r,
      head: "ridge(0.1)",
      theory_finite_bias: r.theory_bias,
      theory_finite_variance: r.theory_variance,
      theory_finite_excess: r.theory_excess,
      theory_finite_risk: r.theory_risk,
    }));
    const out = plotSvg(ridge);
    expect(byClass(out, "theory").length).toBe(3);
    expect(byClass(out, "theory-limit").length).toBe(0);
    expect(out).not.toContain("n → ∞");
    expect(out).toContain("lines: theory</text>");
  });

  it("breaks at g = 1 even when the grid skips it, and at non-finite theory values", () => {
    const r = widthRows(false);
    r[3]!.theory_risk = NaN;
    r[3]!.theory_finite_risk = NaN;
    const out = plotSvg(r);
    for (const cls of ["theory", "theory-limit"]) {
      const risk = byClass(out, cls).find((e) => e.attrs["data-series"] === "risk")!;
      expect(risk.attrs.d!.split("M").filter(Boolean).length).toBe(3);
      expect(risk.attrs.d).not.toMatch(/NaN|Infinity/);
    }
  });

  it("marks the peak at the largest simulated mean of the min-norm head", () => {
    const peak = byClass(svg, "peak");
    expect(peak.length).toBe(1);
    const mn = rows.filter((r) => r.head === "minnorm");
    const top = mn.reduce((a, b) => (b.risk_mean / b.k > a.risk_mean / a.k ? b : a));
    expect(peak[0]!.attrs["data-p"]).toBe(formatExact(top.p));
    expect(peak[0]!.attrs["data-gamma"]).toBe(formatExact(top.gamma));
    expect(peak[0]!.attrs["data-mean"]).toBe(formatExact(top.risk_mean / top.k));
    expect(allElements(peak[0]!).some((e) => e.name === "text" && e.text === "peak: g = 1, p = 200")).toBe(true);
  });

  it("in log mode draws values <= 0 on the lower edge, says so, and keeps every coordinate finite", () => {
    const r = featuresRows();
    r[2]!.risk_mean = 0;
    r[4]!.risk_mean = -0.5;
    const text = plotSvg(r, { logY: true });
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toContain("values ≤ 0 drawn on the lower edge");
    const panel = byClass(text, "panel")[0]!;
    expect(panel.attrs["data-y-scale"]).toBe("log");
    const bottom = panel.attrs["data-frame"]!.split(" ")[3];
    const clipped = allElements(panel).filter((e) => e.attrs["data-clipped"] === "true");
    expect(clipped.map((e) => e.attrs["data-p"]).sort()).toEqual([formatExact(r[2]!.p), formatExact(r[4]!.p)].sort());
    for (const e of clipped) expect(e.attrs["data-y"]).toBe(bottom);
    expect(clipped.map((e) => e.attrs["data-mean"]).sort()).toEqual(["-0.025", "0"]);
    const [lo] = panel.attrs["data-y-domain"]!.split(" ").map(Number);
    expect(lo).toBeGreaterThan(0);
    // bias theory is 0 below g = 1: on the edge, not missing
    const bv = byClass(text, "panel")[1]!;
    expect(allElements(bv).some((e) => e.attrs.class === "theory" && e.attrs["data-series"] === "bias")).toBe(true);
  });

  it("is deterministic and independent of the rows' order", () => {
    expect(plotSvg(rows)).toBe(svg);
    expect(plotSvg([...rows].reverse())).toBe(svg);
  });

  it("escapes the title and head names", () => {
    const r = featuresRows().map((x) => ({ ...x, head: 'we<ird> & "q"' }));
    const text = plotSvg(r, { title: "<script>alert('x') & co</script>" });
    const els = elements(text);
    expect(els.find((e) => e.name === "title")!.text).toBe("<script>alert('x') & co</script>");
    expect(els.find((e) => e.attrs.class === "title")!.text).toBe("<script>alert('x') & co</script>");
    expect(els.filter((e) => e.attrs.class === "point").every((e) => e.attrs["data-head"] === 'we<ird> & "q"')).toBe(
      true,
    );
    expect(text).not.toContain("<script>");
  });

  it("draws an empty frame for no rows, and a single size without lines", () => {
    const empty = plotSvg([]);
    expect(elements(empty).some((e) => e.name === "text" && e.text === "no data")).toBe(true);
    const one = plotSvg([makeRow({ p: 50, k: 2, noise: 1, bias: 0, variance: 0.3, se: 0.01 })]);
    expect(byClass(one, "point").length).toBe(3);
    expect(byClass(one, "theory").every((e) => e.attrs.d === "")).toBe(true);
    expect(one).not.toMatch(/NaN|Infinity/);
  });

  it("validates options and rows", () => {
    expect(() => plotSvg(rows, { width: 100 })).toThrow("opts.width must be a finite number >= 360. Value: 100.");
    expect(() => plotSvg(rows, { logY: "yes" as unknown as boolean })).toThrow(ArgumentError);
    const dup = [...featuresRows(), featuresRows()[3]!];
    expect(() => plotSvg(dup)).toThrow("rows[3] and rows[13] are both head minnorm, p = 20.");
    const bad = featuresRows();
    bad[0]!.gamma = 0;
    expect(() => plotSvg(bad)).toThrow("rows[0].gamma must be a positive finite number. Value: 0.");
  });
});
