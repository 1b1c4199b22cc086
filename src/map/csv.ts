/**
 * A map as a long-format CSV: one line per (head, axis value, size), risks per output and in total: the
 * theory's limit (or the simulated mean), then the theory at the map's n (finite_*: min-norm's finite-n form,
 * ridge's limit again; nan on simulated lines). In the token world that theory is the Gaussian-equivalent
 * approximation (SPEC 10d), and its columns say so: gaussian_theory_finite_* for finite_*.
 */
import { csvLine } from "../report/csvcodec.js";
import type { WorldName } from "../experiment/settings.js";
import { formatExact } from "../report/format.js";
import type { FiniteParts, MapCell } from "./theory-map.js";

const RISKS = ["noise", "bias", "variance", "excess", "risk"] as const;
const FINITE = ["bias", "variance", "excess", "risk"] as const satisfies readonly (keyof FiniteParts)[];

/**
 * The columns of mapCsv in a world, after head and the axis column.
 * @param world "gaussian" (the default) or "tokens" (the finite-n theory named gaussian_theory_finite_*)
 * @example mapColumns("tokens").at(-1) // "gaussian_theory_finite_risk_total"
 */
export function mapColumns(world: WorldName = "gaussian"): string[] {
  const finite = world === "tokens" ? "gaussian_theory_finite" : "finite";
  return [
    "p",
    "gamma",
    "d",
    "k",
    "lambda",
    ...RISKS,
    ...RISKS.map((r) => `${r}_total`),
    ...FINITE.map((r) => `${finite}_${r}`),
    ...FINITE.map((r) => `${finite}_${r}_total`),
  ];
}

/**
 * The CSV text of a map; numbers exact (shortest round-trip form), "inf" for a diverging part.
 * @param cells the map's cells
 * @param axis the second setting's name (the name of its column)
 * @param world the map's world ("gaussian" when absent; see mapColumns)
 * @example mapCsv(cells, "alpha").split("\n")[0] // "head,alpha,p,gamma,d,k,lambda,noise,..."
 */
export function mapCsv(cells: MapCell[], axis: string, world: WorldName = "gaussian"): string {
  let out = csvLine(["head", axis, ...mapColumns(world)]);
  for (const c of cells) {
    const fields = [c.head, formatExact(c.value), ...[c.p, c.gamma, c.d, c.k, c.lambda].map(formatExact)];
    const finite = FINITE.map((r) => (c.finite === undefined ? NaN : c.finite[r]));
    out += csvLine([
      ...fields,
      ...RISKS.map((r) => formatExact(c[r] / c.k)),
      ...RISKS.map((r) => formatExact(c[r])),
      ...finite.map((v) => formatExact(v / c.k)),
      ...finite.map(formatExact),
    ]);
  }
  return out;
}
