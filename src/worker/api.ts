/**
 * What a worker exposes: set the experiment once, then run tasks, results going back as a transferred buffer;
 * and a theory map (off a page's main thread, which it would block for as long as the map takes).
 */
import { transfer } from "comlink";
import type { ExperimentSettings } from "../experiment/settings.js";
import type { MapAxis } from "../map/axis.js";
import { theoryMap, type MapCell } from "../map/theory-map.js";
import { TaskRunner } from "../experiment/task-runner.js";
import type { SweepConfig } from "../sweep/schema.js";
import { init as initCore } from "../wasm/core.js";
import { packRecords, type PackedRecords } from "./pack.js";
import type { TaskWorker } from "./protocol.js";

let runner: TaskRunner | undefined;

/** The task calls of the pool (TaskWorker), and a theory map for a page. */
export interface WorkerApi extends TaskWorker {
  /** theoryMap(config, axis, values, onCell); onCell, when given, is a Comlink proxy. */
  theoryMap(config: SweepConfig, axis: MapAxis, values: number[], onCell?: (done: number, total: number) => void): Promise<MapCell[]>;
}

export const workerApi: WorkerApi = {
  async init(settings: ExperimentSettings): Promise<void> {
    await initCore();
    runner = new TaskRunner(settings);
  },
  runTask(p: number, replicate: number): PackedRecords {
    if (!runner) throw new Error("headtune worker: runTask called before init");
    const packed = packRecords(runner.run(p, replicate));
    return transfer(packed, [packed.values.buffer]);
  },
  async theoryMap(config: SweepConfig, axis: MapAxis, values: number[], onCell?: (done: number, total: number) => void): Promise<MapCell[]> {
    await initCore();
    return theoryMap(config, axis, values, onCell);
  },
};
