/**
 * A map as a heatmap SVG: one panel per head, g = p / n across (log scale), the second setting up, the risk
 * per output as colour on the viridis scale (perceptually uniform; log10 of the risk, one scale shared by the
 * panels so that they compare), the interpolation line g = 1 dashed, and over it the best size for each
 * value of the second setting (white dots joined): where it sits on the left edge, the first descent is
 * degenerate. A theory panel draws the theory at the map's n (drawnRisk: min-norm's finite-n form, SPEC 6),
 * and where the n -> infinity limit's best sizes differ from those, the limit's as a thin dashed white line.
 * Deterministic text: the same cells give the same file.
 */
import { formatCompact } from "../report/format.js";
import { el, line, polylineD, text, type Pt } from "../report/svgkit.js";
import type { WorldName } from "../experiment/settings.js";
import { GAUSSIAN_EQUIVALENT_LABEL } from "../report/theory-tracking.js";
import { bestSizes, mapHeads, mapPanelLabel } from "./best.js";
import { drawnRisk, type MapCell } from "./theory-map.js";

/** viridis at 0, 1/8, ..., 1 (matplotlib's table), interpolated linearly between. */
const VIRIDIS: [number, number, number][] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

/** The viridis colour at t in [0, 1] as "#rrggbb". */
export function viridis(t: number): string {
  const u = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  return `#${a.map((c, j) => Math.round(c + f * (b[j]! - c)).toString(16).padStart(2, "0")).join("")}`;
}

/** Cell edges: midpoints between sorted centres (geometric when log), the ends mirrored. */
function edges(centres: number[], log: boolean): number[] {
  const t = centres.map((c) => (log ? Math.log(c) : c));
  if (t.length === 1) return log ? [centres[0]! / 1.1, centres[0]! * 1.1] : [centres[0]! - 0.5, centres[0]! + 0.5];
  const mids = t.slice(1).map((x, i) => (x + t[i]!) / 2);
  const all = [2 * t[0]! - mids[0]!, ...mids, 2 * t[t.length - 1]! - mids[mids.length - 1]!];
  return log ? all.map(Math.exp) : all;
}

/**
 * The heatmap SVG of a map. Each cell's rectangle carries its numbers as data attributes: data-row (its
 * place in cells, so its line in map.csv after the header), data-g, data-<axis> and data-risk (per output, the
 * drawn risk: finite_risk of a theory line in map.csv, risk of a simulated one).
 * @param cells the map's cells (theory or Monte Carlo means)
 * @param axis the second setting's name
 * @param logAxis whether the second setting's axis is logarithmic
 * @param world the map's world ("gaussian" when absent): the token world's theory panels and legend name their
 *   theory the Gaussian-equivalent approximation (SPEC 10d)
 * @example writeFileAtomic("map.svg", mapSvg(cells, "alpha", false))
 */
export function mapSvg(cells: MapCell[], axis: string, logAxis: boolean, world: WorldName = "gaussian"): string {
  const heads = mapHeads(cells);
  const W = 360;
  const H = 280;
  const left = 60;
  const top = 40;
  const gap = 40;
  const barW = 90;
  const width = left + heads.length * (W + gap) + barW;
  // The token world's longer theory name puts the rest of the footnote on a line of its own.
  const tokens = world === "tokens";
  const height = top + H + 60 + (tokens ? 14 : 0);
  const finite = cells.map((c) => drawnRisk(c) / c.k).filter((r) => Number.isFinite(r) && r > 0);
  const lo = Math.log10(Math.min(...finite));
  const hi = Math.log10(Math.max(...finite));
  const colour = (r: number) => (Number.isFinite(r) && r > 0 ? viridis(hi > lo ? (Math.log10(r) - lo) / (hi - lo) : 0.5) : "#888888");
  const parts: string[] = [el("rect", [["width", width], ["height", height], ["fill", "white"]])];
  const rowOf = new Map(cells.map((c, i) => [c, i]));
  let limitDrawn = false;
  heads.forEach((head, h) => {
    const x0 = left + h * (W + gap);
    const mine = cells.filter((c) => c.head === head);
    const gammas = [...new Set(mine.map((c) => c.gamma))].sort((a, b) => a - b);
    const values = [...new Set(mine.map((c) => c.value))].sort((a, b) => a - b);
    const ge = edges(gammas, true);
    const ve = edges(values, logAxis);
    const X = (g: number) => x0 + (W * Math.log(g / ge[0]!)) / Math.log(ge[ge.length - 1]! / ge[0]!);
    const vt = (v: number) => (logAxis ? Math.log(v) : v);
    const Y = (v: number) => top + H - (H * (vt(v) - vt(ve[0]!))) / (vt(ve[ve.length - 1]!) - vt(ve[0]!));
    for (const c of mine) {
      const i = gammas.indexOf(c.gamma);
      const j = values.indexOf(c.value);
      const [xa, xb, ya, yb] = [X(ge[i]!), X(ge[i + 1]!), Y(ve[j + 1]!), Y(ve[j]!)];
      parts.push(
        el("rect", [["x", xa], ["y", ya], ["width", xb - xa + 0.3], ["height", yb - ya + 0.3], ["fill", colour(drawnRisk(c) / c.k)], ["data-row", String(rowOf.get(c))],
          ["data-g", formatCompact(c.gamma, 6)], [`data-${axis}`, formatCompact(c.value, 6)], ["data-risk", formatCompact(drawnRisk(c) / c.k, 6)]]),
      );
    }
    if (ge[0]! < 1 && ge[ge.length - 1]! > 1) parts.push(line(X(1), top, X(1), top + H, "white", [["stroke-dasharray", "5 4"], ["stroke-width", 1.5]]));
    const best = bestSizes(mine, head);
    const limit = bestSizes(mine, head, (c) => c.risk);
    if (limit.some((b, i) => b.p !== best[i]?.p || b.value !== best[i]?.value)) {
      limitDrawn = true;
      const d = polylineD([limit.map((b): Pt => [X(b.gamma), Y(b.value)])]);
      parts.push(el("path", [["class", "best-limit"], ["d", d], ["fill", "none"], ["stroke", "white"], ["stroke-width", 1], ["stroke-dasharray", "2 2"]]));
    }
    const pts: Pt[] = best.map((b) => [X(b.gamma), Y(b.value)]);
    parts.push(el("path", [["d", polylineD([pts])], ["fill", "none"], ["stroke", "white"], ["stroke-width", 2]]));
    for (const [x, y] of pts) parts.push(el("circle", [["cx", x], ["cy", y], ["r", 2.5], ["fill", "white"]]));
    parts.push(el("rect", [["x", x0], ["y", top], ["width", W], ["height", H], ["fill", "none"], ["stroke", "black"]]));
    parts.push(text(x0 + W / 2, top - 10, mapPanelLabel(head, world), [["text-anchor", "middle"], ["font-size", 13]]));
    for (const g of [0.1, 0.2, 0.5, 1, 2, 5, 10, 20]) {
      if (g < ge[0]! || g > ge[ge.length - 1]!) continue;
      parts.push(line(X(g), top + H, X(g), top + H + 4, "black"));
      parts.push(text(X(g), top + H + 16, String(g), [["text-anchor", "middle"], ["font-size", 11]]));
    }
    parts.push(text(x0 + W / 2, top + H + 34, "g = p / n", [["text-anchor", "middle"], ["font-size", 12]]));
    const ticks = values.length <= 6 ? values : [0, 0.25, 0.5, 0.75, 1].map((t) => values[Math.round(t * (values.length - 1))]!);
    for (const v of ticks) {
      parts.push(line(x0 - 4, Y(v), x0, Y(v), "black"));
      parts.push(text(x0 - 6, Y(v) + 4, formatCompact(v, 3), [["text-anchor", "end"], ["font-size", 11]]));
    }
  });
  parts.push(text(14, top + H / 2, axis, [["font-size", 12], ["transform", `rotate(-90 14 ${top + H / 2})`], ["text-anchor", "middle"]]));
  const bx = width - barW + 10;
  for (let i = 0; i < 50; i++) {
    parts.push(el("rect", [["x", bx], ["y", top + H - ((i + 1) * H) / 50], ["width", 14], ["height", H / 50 + 0.3], ["fill", viridis((i + 0.5) / 50)]]));
  }
  for (let t = 0; t <= 4; t++) {
    parts.push(text(bx + 18, top + H - (t * H) / 4 + 4, formatCompact(10 ** (lo + ((hi - lo) * t) / 4), 3), [["font-size", 10]]));
  }
  parts.push(text(bx, top - 10, "risk / k", [["font-size", 11]]));
  const rest = `${limitDrawn ? "thin dashes: those of the n → ∞ limit; " : ""}long dashes: g = 1`;
  if (tokens) {
    parts.push(text(left, height - 22, `white dots: best size per value (${GAUSSIAN_EQUIVALENT_LABEL} at n)`, [["font-size", 10]]));
    parts.push(text(left, height - 8, rest, [["font-size", 10]]));
  } else {
    parts.push(text(left, height - 8, `white dots: best size per value (theory at n); ${rest}`, [["font-size", 10]]));
  }
  return `${el("svg", [["xmlns", "http://www.w3.org/2000/svg"], ["width", width], ["height", height], ["viewBox", `0 0 ${width} ${height}`], ["font-family", "sans-serif"]], parts)}\n`;
}
