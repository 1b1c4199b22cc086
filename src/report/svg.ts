/**
 * The sweep as a picture: a self-contained SVG with two panels over g = p / n (log scale).
 * Top: risk (noise + excess) of each head, simulated mean as points with error bars and a band of
 * mean +- 2 se, the finite-n theory as a line (SPEC 6, "Finite n": what a simulation at n should show) with its
 * n -> infinity limit as a thin dashed line where the two differ, the noise tr(Se) dotted, the largest simulated
 * mean marked.
 * Bottom: bias and variance (simulated and theory), where they are known (the min-norm head).
 * Lines and bands never cross g = 1 (the theory's pole) and skip non-finite values.
 * Every plotted point is a <g class="point"> carrying its numbers exactly (data-head, data-p, data-gamma,
 * data-k, data-mean, data-se) and its pixel centre (data-x, data-y); each panel carries its axes
 * (data-x-domain, data-y-domain, data-y-scale) so a reader can map pixels back to values.
 */
import { ArgumentError } from "../errors.js";
import { formatCompact, formatExact } from "./format.js";
import { argmaxFinite, assertSummaryRows, groupByHead, headLabel, primarySeries, type HeadSeries } from "./rows.js";
import { domain, makeScale, type Scale } from "./scale.js";
import { bandD, el, escapeXml, line, marker, polylineD, px, shapeOf, text, type Pt, type Shape } from "./svgkit.js";
import type { SummaryRow } from "./types.js";

export interface PlotOptions {
  /** Logarithmic y axes; values <= 0 are drawn on the lower edge (default false). */
  logY?: boolean;
  /** Values divided by k, the number of task outputs (default true); otherwise totals over k. */
  perOutput?: boolean;
  title?: string;
  /** Pixels, at least 360 (default 760). */
  width?: number;
  /** Pixels, at least 300 (default 620). */
  height?: number;
  /** What the lines are called in the legend (default "theory"; the token world's is an approximation). */
  theoryLabel?: string;
  /** Mark each size's median risk with a tick beside the mean (default false; the token world's mean can be ruled by rare huge values). */
  median?: boolean;
}

/** Colour-blind-safe (Okabe-Ito): heads in the top panel; bias and variance in the bottom one, apart from them. */
const HEAD_COLORS = ["#0072B2", "#CC79A7", "#56B4E9", "#444444", "#E69F00"];
const BIAS_COLOR = "#D55E00";
const VARIANCE_COLOR = "#009E73";
const INK = "#222";
const GRID = "#e6e6e6";

/** A plotted quantity: its simulated mean and standard error, its finite-n theory and that theory's limit, totals over k. */
interface Quantity {
  name: "risk" | "bias" | "variance";
  mean(r: SummaryRow): number;
  se(r: SummaryRow): number;
  theory(r: SummaryRow): number;
  limit(r: SummaryRow): number;
}

/** A quantity's columns: q_mean, q_se, theory_finite_q (drawn solid) and theory_q (its limit, dashed). */
function quantity(name: Quantity["name"]): Quantity {
  return {
    name,
    mean: (r) => r[`${name}_mean`],
    se: (r) => r[`${name}_se`],
    theory: (r) => r[`theory_finite_${name}`],
    limit: (r) => r[`theory_${name}`],
  };
}

const RISK = quantity("risk");
const BIAS = quantity("bias");
const VARIANCE = quantity("variance");

/** One quantity of one head, as drawn. */
interface Layer {
  head: string;
  q: Quantity;
  color: string;
  shape: Shape;
  rows: SummaryRow[];
}

interface Panel {
  id: "risk" | "bias-variance";
  top: number;
  bottom: number;
  ylabel: string;
  layers: Layer[];
  /** The layers whose theory line is drawn (see theoryLayers). */
  theory: Layer[];
  ys: Scale;
}

function side(g: number): number {
  return Math.sign(g - 1);
}

/** Maximal runs of consecutive rows passing `ok`, split where g crosses 1 when `breakAtOne`. */
function runs(rows: SummaryRow[], ok: (r: SummaryRow) => boolean, breakAtOne: boolean): SummaryRow[][] {
  const out: SummaryRow[][] = [];
  let cur: SummaryRow[] = [];
  for (const r of rows) {
    const last = cur[cur.length - 1];
    if (!ok(r) || (breakAtOne && last !== undefined && side(last.gamma) !== side(r.gamma))) {
      if (cur.length > 0) out.push(cur);
      cur = [];
    }
    if (ok(r)) cur.push(r);
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

function checkOptions(opts: PlotOptions): Required<PlotOptions> {
  if (opts === null || typeof opts !== "object")
    throw new ArgumentError(`opts must be an object. Value: ${String(opts)}.`);
  for (const key of ["logY", "perOutput"] as const) {
    if (opts[key] !== undefined && typeof opts[key] !== "boolean") {
      throw new ArgumentError(`opts.${key} must be a boolean. Value: ${String(opts[key])}.`, { name: `opts.${key}` });
    }
  }
  if (opts.title !== undefined && typeof opts.title !== "string") {
    throw new ArgumentError(`opts.title must be a string. Value: ${String(opts.title)}.`, { name: "opts.title" });
  }
  if (opts.median !== undefined && typeof opts.median !== "boolean") {
    throw new ArgumentError(`opts.median must be true or false. Value: ${String(opts.median)}.`, { name: "opts.median" });
  }
  if (opts.theoryLabel !== undefined && typeof opts.theoryLabel !== "string") {
    throw new ArgumentError(`opts.theoryLabel must be a string. Value: ${String(opts.theoryLabel)}.`, { name: "opts.theoryLabel" });
  }
  const size = (key: "width" | "height", min: number, dflt: number) => {
    const v = opts[key] ?? dflt;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min) {
      throw new ArgumentError(`opts.${key} must be a finite number >= ${min}. Value: ${String(v)}.`, {
        name: `opts.${key}`,
      });
    }
    return v;
  };
  return {
    logY: opts.logY ?? false,
    perOutput: opts.perOutput ?? true,
    title: opts.title ?? "Risk against model size",
    width: size("width", 360, 760),
    height: size("height", 300, 620),
    theoryLabel: opts.theoryLabel ?? "theory",
    median: opts.median ?? false,
  };
}

/** Every other tick until at most `max` remain. */
function thin<T>(ticks: T[], max: number): T[] {
  let out = ticks;
  while (out.length > Math.max(2, max)) out = out.filter((_, i) => i % 2 === 0);
  return out;
}

/**
 * An SVG plot of a sweep's summary: risk against g = p / n per head (simulated mean +- 2 se, theory,
 * noise, peak) over a bias-variance panel.
 * @param rows SummaryRow[] (totals over k), any order; one row per (head, p)
 * @param opts logY (values <= 0 drawn on the lower edge), perOutput (divide by k; default true), title,
 *   width and height in pixels, theoryLabel (the legend's name for the lines), median (ticks at the median risk)
 * @throws {ArgumentError} when a row or an option is malformed, or two rows share a head and p
 * @example writeFileSync("sweep.svg", plotSvg(result.summary, { logY: true }))
 */
export function plotSvg(rows: SummaryRow[], opts: PlotOptions = {}): string {
  const o = checkOptions(opts);
  assertSummaryRows(rows);
  const series = groupByHead(rows);
  const primary = primarySeries(series);
  const per = (r: SummaryRow, v: number) => (o.perOutput ? v / r.k : v);
  const unitText = o.perOutput ? "per output (total / k)" : "total over the k outputs";

  const left = 72;
  const right = o.width - 200;
  const top1 = 58;
  const bottom2 = o.height - 46;
  const gap = 40;
  const avail = bottom2 - top1 - gap;
  const bottom1 = top1 + Math.round(avail * 0.6);
  const top2 = bottom1 + gap;

  const [gLo, gHi] = domain(
    rows.map((r) => r.gamma),
    true,
    0.04,
  );
  const xs = makeScale(gLo, gHi, left, right, true);

  const riskLayers: Layer[] = series.map((s, i) => ({
    head: s.head,
    q: RISK,
    color: HEAD_COLORS[i % HEAD_COLORS.length]!,
    shape: shapeOf(i),
    rows: s.rows,
  }));
  const bvLayers: Layer[] = series.flatMap((s, i) => [
    { head: s.head, q: BIAS, color: BIAS_COLOR, shape: shapeOf(i), rows: s.rows },
    { head: s.head, q: VARIANCE, color: VARIANCE_COLOR, shape: shapeOf(i), rows: s.rows },
  ]);

  const yDomain = (layers: Layer[], extra: number[]) => {
    const vs = [...extra];
    for (const L of layers) {
      for (const r of L.rows) {
        const m = per(r, L.q.mean(r));
        const s = per(r, L.q.se(r));
        vs.push(m, per(r, L.q.theory(r)), per(r, L.q.limit(r)));
        if (Number.isFinite(s)) vs.push(m - 2 * s, m + 2 * s);
      }
    }
    return domain(vs, o.logY, 0.1);
  };
  const noiseValues = primary ? primary.rows.map((r) => per(r, r.noise)) : [];
  const [r0, r1] = yDomain(riskLayers, noiseValues);
  const [b0, b1] = yDomain(bvLayers, []);
  const panels: Panel[] = [
    {
      id: "risk",
      top: top1,
      bottom: bottom1,
      ylabel: `risk ${o.perOutput ? "per output" : "(total)"}`,
      layers: riskLayers,
      theory: theoryLayers(riskLayers, per),
      ys: makeScale(r0, r1, bottom1, top1, o.logY),
    },
    {
      id: "bias-variance",
      top: top2,
      bottom: bottom2,
      ylabel: `bias, variance ${o.perOutput ? "per output" : "(total)"}`,
      layers: bvLayers,
      theory: theoryLayers(bvLayers, per),
      ys: makeScale(b0, b1, bottom2, top2, o.logY),
    },
  ];

  const body: string[] = [];
  for (const P of panels)
    body.push(drawPanel(P, xs, left, right, per, P.id === "risk" ? primary : undefined, rows.length === 0, o.median));
  const subtitle =
    `values ${unitText}; x: g = p / n (log scale)` +
    (o.logY ? "; y: log scale, values ≤ 0 drawn on the lower edge" : "");
  const legend = drawLegend(right + 22, top1 + 4, series, panels, o.theoryLabel, o.median);

  return (
    el(
      "svg",
      [
        ["xmlns", "http://www.w3.org/2000/svg"],
        ["width", o.width],
        ["height", o.height],
        ["viewBox", `0 0 ${o.width} ${o.height}`],
        ["font-family", "sans-serif"],
        ["font-size", "11"],
      ],
      [
        el("title", [], [escapeXml(o.title)]),
        el("rect", [
          ["width", o.width],
          ["height", o.height],
          ["fill", "white"],
        ]),
        text(left, 22, o.title, [
          ["font-size", "15"],
          ["font-weight", "bold"],
          ["class", "title"],
        ]),
        text(left, 39, subtitle, [
          ["fill", "#555"],
          ["class", "subtitle"],
        ]),
        ...body,
        text((left + right) / 2, o.height - 12, "g = p / n (log scale)", [["text-anchor", "middle"]]),
        legend,
      ],
    ) + "\n"
  );
}

function drawPanel(
  P: Panel,
  xs: Scale,
  left: number,
  right: number,
  per: (r: SummaryRow, v: number) => number,
  primary: HeadSeries | undefined,
  empty: boolean,
  median: boolean,
): string {
  const f: PanelFrame = { P, xs, left, right, per };
  const out = [
    ...drawAxes(f, empty),
    ...drawBands(f),
    ...(primary && P.id === "risk" ? drawNoise(f, primary) : []),
    ...drawTheory(f),
    ...drawPoints(f),
    ...(median && P.id === "risk" ? drawMedians(f) : []),
  ];
  if (primary && P.id === "risk") out.push(drawPeak(primary, xs, P.ys, P, left, right, per));
  out.push(
    el("rect", [
      ["x", left],
      ["y", P.top],
      ["width", right - left],
      ["height", P.bottom - P.top],
      ["fill", "none"],
      ["stroke", INK],
    ]),
  );
  return el(
    "g",
    [
      ["class", "panel"],
      ["data-panel", P.id],
      ["data-x-domain", `${formatExact(xs.lo)} ${formatExact(xs.hi)}`],
      ["data-x-scale", "log"],
      ["data-y-domain", `${formatExact(P.ys.lo)} ${formatExact(P.ys.hi)}`],
      ["data-y-scale", P.ys.log ? "log" : "linear"],
      ["data-frame", [left, P.top, right, P.bottom].map(px).join(" ")],
    ],
    out,
  );
}

/** A panel in its place: its scales, its left and right edges, and the per-output scaling of values. */
interface PanelFrame {
  P: Panel;
  xs: Scale;
  left: number;
  right: number;
  per: (r: SummaryRow, v: number) => number;
}

/** The point of row r at value v in the panel. */
function pointAt({ P, xs, per }: PanelFrame, r: SummaryRow, v: number): Pt {
  return [xs.at(r.gamma), P.ys.at(per(r, v))];
}

/** Grid lines and tick labels of both axes, the y label, the g = 1 threshold and "no data" when empty. */
function drawAxes({ P, xs, left, right }: PanelFrame, empty: boolean): string[] {
  const { ys } = P;
  const out: string[] = [];
  const yTicks = thin(ys.ticks(), Math.floor((P.bottom - P.top) / 18));
  for (const t of xs.ticks()) {
    const x = xs.at(t.value);
    out.push(line(x, P.top, x, P.bottom, GRID), line(x, P.bottom, x, P.bottom + 4, INK));
    out.push(text(x, P.bottom + 15, t.label, [["text-anchor", "middle"]]));
  }
  for (const t of yTicks) {
    const y = ys.at(t.value);
    out.push(line(left, y, right, y, GRID), line(left - 4, y, left, y, INK));
    out.push(text(left - 7, y + 3.5, t.label, [["text-anchor", "end"]]));
  }
  const yMid = (P.top + P.bottom) / 2;
  out.push(
    text(18, yMid, `${P.ylabel}${ys.log ? " (log)" : ""}`, [
      ["text-anchor", "middle"],
      ["transform", `rotate(-90 18 ${px(yMid)})`],
    ]),
  );
  if (xs.lo < 1 && xs.hi > 1) {
    const x = xs.at(1);
    out.push(
      line(x, P.top, x, P.bottom, "#999", [
        ["stroke-dasharray", "2 3"],
        ["class", "threshold"],
      ]),
    );
    if (P.id === "risk") out.push(text(x + 3, P.bottom - 5, "g = 1", [["fill", "#777"]]));
  }
  if (empty)
    out.push(
      text((left + right) / 2, yMid, "no data", [
        ["text-anchor", "middle"],
        ["fill", "#777"],
      ]),
    );
  return out;
}

/** Each layer's band mean +- 2 se over its runs of finite values. */
function drawBands({ P, xs, per }: PanelFrame): string[] {
  const { ys } = P;
  const out: string[] = [];
  for (const L of P.layers) {
    const bands = runs(L.rows, (r) => Number.isFinite(per(r, L.q.mean(r))) && Number.isFinite(per(r, L.q.se(r))), true).map((run) =>
      run.map((r): [number, number, number] => {
        const m = per(r, L.q.mean(r));
        const s = per(r, L.q.se(r));
        return [xs.at(r.gamma), ys.at(m + 2 * s), ys.at(m - 2 * s)];
      }),
    );
    const d = bandD(bands);
    if (d !== "")
      out.push(
        el("path", [
          ["class", "band"],
          ["data-panel", P.id],
          ["data-series", L.q.name],
          ["data-head", L.head],
          ["d", d],
          ["fill", L.color],
          ["fill-opacity", "0.15"],
        ]),
      );
  }
  return out;
}

/** The noise level tr(Se) of the primary head, dotted (risk panel). */
function drawNoise(f: PanelFrame, primary: HeadSeries): string[] {
  const d = polylineD([primary.rows.filter((r) => Number.isFinite(f.per(r, r.noise))).map((r) => pointAt(f, r, r.noise))]);
  if (d === "") return [];
  return [
    el("path", [
      ["class", "noise"],
      ["data-head", primary.head],
      ["d", d],
      ["fill", "none"],
      ["stroke", "#777"],
      ["stroke-dasharray", "1 3"],
      ["stroke-width", "1.5"],
    ]),
  ];
}

/**
 * Each theory layer's curves over their runs of finite values, with their values in data attributes: the
 * finite-n theory solid (class "theory"), and its n -> infinity limit in thin dashes ("theory-limit") where
 * the two differ.
 */
function drawTheory(f: PanelFrame): string[] {
  const { P, per } = f;
  return P.theory.flatMap((L) => {
    const curves = [{ cls: "theory", value: L.q.theory, style: [["stroke-width", "1.5"]] }];
    if (hasLimitLine(L)) curves.push({ cls: "theory-limit", value: L.q.limit, style: [["stroke-width", "0.9"], ["stroke-dasharray", "4 3"]] });
    return curves.map(({ cls, value, style }) => {
      const d = polylineD(runs(L.rows, (r) => Number.isFinite(per(r, value(r))), true).map((run) => run.map((r) => pointAt(f, r, value(r)))));
      return el("path", [
        ["class", cls],
        ["data-panel", P.id],
        ["data-series", L.q.name],
        ["data-head", L.head],
        ["data-gamma", L.rows.map((r) => formatExact(r.gamma)).join(" ")],
        ["data-values", L.rows.map((r) => formatExact(per(r, value(r)))).join(" ")],
        ["d", d],
        ["fill", "none"],
        ["stroke", L.color],
        ...(style as [string, string][]),
      ]);
    });
  });
}

/** Each layer's points: a marker at the mean with its +- 2 se bar, the numbers in data attributes. */
function drawPoints(f: PanelFrame): string[] {
  const { P, per } = f;
  const { ys } = P;
  const out: string[] = [];
  for (const L of P.layers) {
    for (const r of L.rows) {
      const m = per(r, L.q.mean(r));
      const s = per(r, L.q.se(r));
      if (!Number.isFinite(m)) continue;
      const [x, y] = pointAt(f, r, L.q.mean(r));
      const parts: string[] = [];
      if (Number.isFinite(s) && s > 0) {
        parts.push(line(x, ys.at(m - 2 * s), x, ys.at(m + 2 * s), L.color));
      }
      parts.push(marker(L.shape, x, y, 3, L.color));
      out.push(
        el(
          "g",
          [
            ["class", "point"],
            ["data-panel", P.id],
            ["data-series", L.q.name],
            ["data-head", L.head],
            ["data-p", formatExact(r.p)],
            ["data-gamma", formatExact(r.gamma)],
            ["data-k", formatExact(r.k)],
            ["data-mean", formatExact(m)],
            ["data-se", formatExact(s)],
            ["data-x", x],
            ["data-y", y],
            ...(ys.log && m <= 0 ? ([["data-clipped", "true"]] as [string, string][]) : []),
          ],
          parts,
        ),
      );
    }
  }
  return out;
}

/** Whether a layer's limit differs from its finite-n theory somewhere (min-norm), so that it gets its own dashed line. */
function hasLimitLine(L: Layer): boolean {
  return L.rows.some((r) => !Object.is(L.q.theory(r), L.q.limit(r)));
}

/** A tick at each size's median risk, beside the mean (risk panel; sizes whose median falls outside the frame are left out). */
function drawMedians({ P, xs, per }: PanelFrame): string[] {
  const out: string[] = [];
  for (const L of P.layers) {
    for (const r of L.rows) {
      const m = per(r, r.risk_median);
      if (!Number.isFinite(m) || (P.ys.log && m <= 0)) continue;
      const x = xs.at(r.gamma);
      const y = P.ys.at(m);
      if (y < P.top || y > P.bottom) continue;
      out.push(
        el("g", [["class", "median"], ["data-head", L.head], ["data-p", formatExact(r.p)], ["data-median", formatExact(m)]], [
          line(x - 5, y, x + 5, y, L.color),
        ]),
      );
    }
  }
  return out;
}

/**
 * The layers whose theory is drawn: those with a finite theory value, skipping a head whose theory and limit
 * are the same numbers at the same sizes as an earlier head's (a ridge row carrying the min-norm theory).
 */
function theoryLayers(layers: Layer[], per: (r: SummaryRow, v: number) => number): Layer[] {
  const seen = new Set<string>();
  return layers.filter((L) => {
    if (!L.rows.some((r) => Number.isFinite(L.q.theory(r)))) return false;
    const key = `${L.q.name}|${L.rows.map((r) => `${formatExact(r.gamma)}:${formatExact(per(r, L.q.theory(r)))}:${formatExact(per(r, L.q.limit(r)))}`).join(",")}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function drawPeak(
  s: HeadSeries,
  xs: Scale,
  ys: Scale,
  P: Panel,
  left: number,
  right: number,
  per: (r: SummaryRow, v: number) => number,
): string {
  const means = s.rows.map((r) => per(r, r.risk_mean));
  const i = argmaxFinite(means);
  if (i < 0) return "";
  const r = s.rows[i]!;
  const x = xs.at(r.gamma);
  const y = ys.at(means[i]!);
  const edge = i === 0 || i === s.rows.length - 1;
  const label = `${edge ? "largest (grid edge)" : "peak"}: g = ${formatCompact(r.gamma, 3)}, p = ${r.p}`;
  const toLeft = x > (left + right) / 2;
  return el(
    "g",
    [
      ["class", "peak"],
      ["data-head", s.head],
      ["data-p", formatExact(r.p)],
      ["data-gamma", formatExact(r.gamma)],
      ["data-mean", formatExact(means[i]!)],
    ],
    [
      line(x, P.top, x, P.bottom, INK, [
        ["stroke-dasharray", "5 3"],
        ["stroke-opacity", "0.6"],
      ]),
      el("circle", [
        ["cx", x],
        ["cy", y],
        ["r", 6.5],
        ["fill", "none"],
        ["stroke", INK],
        ["stroke-width", "1.2"],
      ]),
      text(toLeft ? x - 5 : x + 5, P.top + 13, label, [
        ["text-anchor", toLeft ? "end" : "start"],
        ["font-weight", "bold"],
      ]),
    ],
  );
}

function drawLegend(x: number, y0: number, series: HeadSeries[], panels: Panel[], theoryLabel: string, median: boolean): string {
  const out: string[] = [];
  let y = y0;
  const stroke = (color: string, dash: string, width = "1.5") =>
    line(x, y, x + 22, y, color, [
      ["stroke-width", width],
      ...(dash ? ([["stroke-dasharray", dash]] as [string, string][]) : []),
    ]);
  const entry = (swatch: string[], label: string) => {
    out.push(...swatch, text(x + 30, y + 3.5, label));
    y += 16;
  };
  const header = (label: string) => {
    out.push(text(x, y + 3.5, label, [["font-weight", "bold"]]));
    y += 16;
  };
  const [risk, bv] = panels as [Panel, Panel];
  header("risk (top)");
  for (const L of risk.layers) {
    entry(
      [
        el("rect", [
          ["x", x],
          ["y", y - 5],
          ["width", 22],
          ["height", 10],
          ["fill", L.color],
          ["fill-opacity", "0.15"],
        ]),
        marker(L.shape, x + 11, y, 3, L.color),
      ],
      headLabel(L.head),
    );
  }
  for (const L of risk.theory) {
    const limit = hasLimitLine(L);
    entry([stroke(L.color, "")], `${theoryLabel}${limit ? " at n" : ""}, ${headLabel(L.head)}`);
    if (limit) entry([stroke(L.color, "4 3", "0.9")], `its n → ∞ limit`);
  }
  if (series.length > 0) {
    entry([stroke("#777", "1 3")], "noise tr(Se)");
    entry([stroke(INK, "5 3")], "largest simulated mean");
  }
  y += 6;
  header("bias, variance (bottom)");
  const shown = bv.layers.filter((L) => bv.theory.includes(L) || L.rows.some((r) => Number.isFinite(L.q.mean(r))));
  for (const L of shown) {
    entry([stroke(L.color, ""), marker(L.shape, x + 11, y, 3, L.color)], `${L.q.name}, ${headLabel(L.head)}`);
  }
  y += 6;
  out.push(text(x, y + 3.5, "points: simulated mean ± 2 se", [["fill", "#555"]]));
  y += 14;
  if (panels.some((P) => P.theory.some(hasLimitLine))) {
    out.push(text(x, y + 3.5, `lines: ${theoryLabel} at n (solid),`, [["fill", "#555"]]));
    y += 14;
    out.push(text(x, y + 3.5, "its n → ∞ limit (dashed)", [["fill", "#555"]]));
  } else out.push(text(x, y + 3.5, `lines: ${theoryLabel}`, [["fill", "#555"]]));
  if (median) {
    y += 14;
    out.push(text(x, y + 3.5, "ticks: simulated median", [["fill", "#555"]]));
  }
  return el("g", [["class", "legend"]], out);
}
