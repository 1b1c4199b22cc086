/**
 * A Monte Carlo map: for each value of the second setting, a sweep of the configuration at that value
 * (runSweep: one task per size and replicate, in the worker pool), its summary turned into map cells
 * labelled "<head> (simulation)" so that they sit beside the theory's.
 */
import { hiddenDim } from "../hmm/config.js";
import { runSweep, type SweepOptions } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import { configAt, type MapAxis } from "./axis.js";
import type { MapCell } from "./theory-map.js";

/** How simulated cells are named: the head's label and this suffix. */
export const SIMULATION_SUFFIX = " (simulation)";

/**
 * Simulated cells: the mean oracle risk (and its parts: bias_X, var_X for min-norm) over the configuration's
 * replicates, per head, value and size; lambda is the mean lambda the head used.
 * @param config the base configuration (its replicates are used)
 * @param axis the second setting
 * @param values its values
 * @param options workers and signal of each sweep (see runSweep); onValue after each value
 * @throws whatever runSweep throws (an aborted signal rejects with its reason)
 * @example await monteCarloMap(presetConfig("quick"), "sEps", [0.25, 1], { workers: 2 })
 */
export async function monteCarloMap(
  config: SweepConfig,
  axis: MapAxis,
  values: number[],
  options: Pick<SweepOptions, "workers" | "signal"> & { onValue?: (done: number, total: number) => void } = {},
): Promise<MapCell[]> {
  const cells: MapCell[] = [];
  for (const [i, value] of values.entries()) {
    const at = configAt(config, axis, value);
    const { summary } = await runSweep(at, { workers: options.workers, signal: options.signal });
    for (const row of summary) {
      cells.push({
        head: `${axis === "lambda" && row.head.startsWith("ridge(") ? "ridge" : row.head}${SIMULATION_SUFFIX}`,
        value,
        p: row.p,
        gamma: row.gamma,
        d: hiddenDim(at, row.p),
        k: row.k,
        lambda: row.lambda_mean,
        noise: row.noise,
        bias: row.bias_mean,
        variance: row.variance_mean,
        excess: row.excess_mean,
        risk: row.risk_mean,
      });
    }
    options.onValue?.(i + 1, values.length);
  }
  return cells;
}
