/** What a worker exposes: set the experiment once, then run tasks; results go back as a transferred buffer. */
import { transfer } from "comlink";
import type { ExperimentSettings } from "../experiment/size.js";
import { packRecords, type PackedRecords } from "../sweep/pack.js";
import { TaskRunner } from "../sweep/runner.js";
import { init as initCore } from "../wasm/core.js";

let runner: TaskRunner | undefined;

export const workerApi = {
  async init(settings: ExperimentSettings): Promise<void> {
    await initCore();
    runner = new TaskRunner(settings);
  },
  runTask(p: number, replicate: number): PackedRecords {
    if (!runner) throw new Error("headtune worker: runTask called before init");
    const packed = packRecords(runner.run(p, replicate));
    return transfer(packed, [packed.values.buffer]);
  },
};

export type WorkerApi = typeof workerApi;
