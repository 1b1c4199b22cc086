/**
 * The protocol between the sweep's pool of workers and a worker: what the pool calls (worker/api.ts implements
 * it), with the records packed for the trip (worker/pack.ts) and errors that keep their class (worker/transfer.ts).
 */
import type { ExperimentSettings } from "../experiment/settings.js";
import type { PackedRecords } from "./pack.js";

/** The calls a pool makes on a worker: set the experiment once, then run tasks. */
export interface TaskWorker {
  /** Compiles the core and keeps the settings (checked by the caller) for the tasks to come. */
  init(settings: ExperimentSettings): Promise<void>;
  /** The records of replicate r at size p, packed, their buffer transferred. */
  runTask(p: number, replicate: number): PackedRecords;
}
