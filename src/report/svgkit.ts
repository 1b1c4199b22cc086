/**
 * Building blocks of an SVG document as text: escaping, elements with ordered attributes, pixel numbers,
 * polyline paths that break at gaps, and point markers. Deterministic: the same input gives the same text.
 */

/** Text safe inside an XML element or a double-quoted attribute: & < > " ' escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`);
}

/** A pixel coordinate to two decimals, shortest form ("12.5", "0"; never "-0"). */
export function px(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? "0" : String(r);
}

export type Attrs = [name: string, value: string | number][];

/**
 * `<name a="v" ...>children</name>`, or self-closing without children; attribute values escaped,
 * numbers written as pixels (px). Children are already-built SVG text.
 */
export function el(name: string, attrs: Attrs, children: string[] = []): string {
  const a = attrs.map(([k, v]) => ` ${k}="${typeof v === "number" ? px(v) : escapeXml(v)}"`).join("");
  return children.length === 0 ? `<${name}${a}/>` : `<${name}${a}>${children.join("")}</${name}>`;
}

/** A text element; the text is escaped. */
export function text(x: number, y: number, content: string, attrs: Attrs = []): string {
  return el("text", [["x", x], ["y", y], ...attrs], [escapeXml(content)]);
}

/** A line element from (x1, y1) to (x2, y2) in colour stroke; further attributes follow in order. */
export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, attrs: Attrs = []): string {
  return el("line", [["x1", x1], ["x2", x2], ["y1", y1], ["y2", y2], ["stroke", stroke], ...attrs]);
}

/** A point in pixels. */
export type Pt = [x: number, y: number];

/**
 * Path data for polylines: "M x y L x y ..." per run; a run ends at a non-finite coordinate, and single
 * points are dropped, so the result never contains NaN or Infinity. Empty string when nothing is left.
 * @param runs runs of points; each run is split again at non-finite coordinates
 */
export function polylineD(runs: Pt[][]): string {
  const parts: string[] = [];
  for (const run of runs) {
    let current: Pt[] = [];
    const flush = () => {
      if (current.length >= 2)
        parts.push(current.map(([x, y], i) => `${i === 0 ? "M" : "L"}${px(x)} ${px(y)}`).join(" "));
      current = [];
    };
    for (const pt of run) {
      if (Number.isFinite(pt[0]) && Number.isFinite(pt[1])) current.push(pt);
      else flush();
    }
    flush();
  }
  return parts.join(" ");
}

/**
 * Path data for a band between an upper and a lower polyline over the same x: a closed polygon per run
 * (upper left to right, lower right to left); runs shorter than two points are dropped.
 * @param runs runs of [x, yUpper, yLower], all finite
 */
export function bandD(runs: [number, number, number][][]): string {
  return runs
    .filter((run) => run.length >= 2)
    .map((run) => {
      const upper = run.map(([x, u]) => `${px(x)} ${px(u)}`);
      const lower = [...run].reverse().map(([x, , l]) => `${px(x)} ${px(l)}`);
      return `M${upper.join(" L")} L${lower.join(" L")} Z`;
    })
    .join(" ");
}

export type Shape = "circle" | "square" | "diamond" | "triangle";

/** The shape of series i: one per head, in this order, repeating. */
export function shapeOf(i: number): Shape {
  return (["circle", "square", "diamond", "triangle"] as const)[i % 4]!;
}

/**
 * A filled marker of radius r centred at (x, y).
 * @param shape which marker
 * @param fill colour
 */
export function marker(shape: Shape, x: number, y: number, r: number, fill: string): string {
  switch (shape) {
    case "circle":
      return el("circle", [
        ["cx", x],
        ["cy", y],
        ["r", r],
        ["fill", fill],
      ]);
    case "square":
      return el("rect", [
        ["x", x - r],
        ["y", y - r],
        ["width", 2 * r],
        ["height", 2 * r],
        ["fill", fill],
      ]);
    case "diamond": {
      const d = r * 1.3;
      return el("path", [
        ["d", `M${px(x)} ${px(y - d)} L${px(x + d)} ${px(y)} L${px(x)} ${px(y + d)} L${px(x - d)} ${px(y)} Z`],
        ["fill", fill],
      ]);
    }
    case "triangle": {
      const d = r * 1.3;
      return el("path", [
        ["d", `M${px(x)} ${px(y - d)} L${px(x + d)} ${px(y + d * 0.8)} L${px(x - d)} ${px(y + d * 0.8)} Z`],
        ["fill", fill],
      ]);
    }
  }
}
