/** The page's grid control: ratios g = p / n spaced evenly on a log scale, as the plot's x axis is. */

/**
 * g_i = from (to / from)^(i / (points - 1)), i = 0..points-1, each rounded to 4 significant digits
 * (so the configuration reads well; the ends are exact when they have at most 4 digits).
 * @param from first ratio, > 0
 * @param to last ratio, > 0 (below from gives a descending list)
 * @param points count, >= 1 (1 gives [from])
 * @example logSpaced(0.1, 10, 3) // [0.1, 1, 10]
 */
export function logSpaced(from: number, to: number, points: number): number[] {
  if (points === 1) return [round4(from)];
  const ratio = to / from;
  return Array.from({ length: points }, (_, i) => round4(from * ratio ** (i / (points - 1))));
}

function round4(x: number): number {
  return Number(x.toPrecision(4));
}
