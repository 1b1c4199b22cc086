/**
 * A Monte Carlo map: for each value of the second setting, a sweep of the configuration at that value
 * (runSweep: one task per size and replicate, in the worker pool), its summary turned into map cells
 * labelled "<head> (simulation)" so that they sit beside the theory's.
 */
import type { ReplicateResult } from "../experiment/size.js";
import { hiddenDim } from "../hmm/config.js";
import { summarize, type SummaryRow } from "../sweep/aggregate.js";
import { runSweep, type SweepOptions } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import { configAt, type MapAxis } from "./axis.js";
import type { MapCell } from "./theory-map.js";

/** How simulated cells are named: the head's label and this suffix. */
export const SIMULATION_SUFFIX = " (simulation)";

/** What monteCarloMap takes besides the map: the pool of each sweep, and live reports. */
export interface MonteCarloMapOptions extends Pick<SweepOptions, "workers" | "signal" | "workerFactory"> {
  /** After each value, with the number of values done and their total. */
  onValue?: (done: number, total: number) => void;
  /**
   * As soon as every replicate of one (value, size) has finished, with its cells (one per head), equal to
   * those the returned list holds for it (the same summary of the same records).
   */
  onCells?: (cells: MapCell[]) => void;
}

/** The cells of one value's summary rows (the configuration at that value gives d). */
function simulatedCells(rows: SummaryRow[], at: SweepConfig, axis: MapAxis, value: number): MapCell[] {
  return rows.map((row) => ({
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
    riskSe: row.risk_se,
  }));
}

/**
 * Simulated cells: the mean oracle risk (and its parts: bias_X, var_X for min-norm) over the configuration's
 * replicates, per head, value and size, with the risk's standard error; lambda is the mean lambda the head used.
 * @param config the base configuration (its replicates are used)
 * @param axis the second setting
 * @param values its values
 * @param options workers, workerFactory and signal of each sweep (see runSweep); onValue after each value,
 *   onCells after each (value, size)
 * @returns the cells by value, then head, then size
 * @throws whatever runSweep throws (an aborted signal rejects with its reason)
 * @example await monteCarloMap(presetConfig("quick"), "sEps", [0.25, 1], { workers: 2 })
 */
export async function monteCarloMap(config: SweepConfig, axis: MapAxis, values: number[], options: MonteCarloMapOptions = {}): Promise<MapCell[]> {
  const { onCells, onValue, ...pool } = options;
  const cells: MapCell[] = [];
  for (const [i, value] of values.entries()) {
    const at = configAt(config, axis, value);
    // Each size's records and finished tasks, until its last replicate is in.
    const bySize = new Map<number, { records: ReplicateResult[]; tasks: number }>();
    const onRecords = ({ p, records }: { p: number; records: ReplicateResult[] }) => {
      const size = bySize.get(p) ?? { records: [], tasks: 0 };
      bySize.set(p, size);
      size.records.push(...records);
      size.tasks += 1;
      if (size.tasks === at.replicates) onCells?.(simulatedCells(summarize(size.records, at.n), at, axis, value));
    };
    const { summary } = await runSweep(at, { ...pool, ...(onCells ? { onRecords } : {}) });
    cells.push(...simulatedCells(summary, at, axis, value));
    onValue?.(i + 1, values.length);
  }
  return cells;
}
