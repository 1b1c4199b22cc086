/** The theory map computed in one Web Worker of the element's factory, so that the page stays responsive. */
import { proxy, wrap } from "comlink";
import type { MapAxis } from "../map/axis.js";
import type { MapCell } from "../map/theory-map.js";
import type { SweepConfig } from "../sweep/schema.js";
import type { WorkerFactory } from "../sweep/workers.js";
import type { WorkerApi } from "../worker/api.js";
import { registerErrorTransfer } from "../worker/transfer.js";

/**
 * theoryMap(config, axis, values) in a worker the factory starts (terminated when done, failed or aborted).
 * @param factory where the worker comes from
 * @param map the base configuration, the second setting and its values
 * @param signal aborting terminates the worker and rejects with the signal's reason
 * @param onCell progress: cells done and their total
 * @returns the theory map's cells, as theoryMap gives them
 * @throws the theory's errors (their classes kept across the trip), the worker's failure, or the signal's reason
 * @example await theoryInWorker(browserWorkerFactory(), { config, axis: "sEps", values: [0.5, 1] }, signal)
 */
export async function theoryInWorker(
  factory: WorkerFactory,
  map: { config: SweepConfig; axis: MapAxis; values: number[] },
  signal: AbortSignal,
  onCell?: (done: number, total: number) => void,
): Promise<MapCell[]> {
  registerErrorTransfer();
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  const handle = factory();
  try {
    const remote = wrap<WorkerApi>(handle.endpoint);
    return await Promise.race([remote.theoryMap(map.config, map.axis, map.values, onCell && proxy(onCell)), handle.failed, aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort!);
    await handle.terminate();
  }
}
