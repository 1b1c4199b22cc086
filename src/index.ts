/** headtune's public API (bundled as dist/index.js): sweeps, their configuration and results, and the errors. */
export { runSweep, experimentSettings } from "./sweep/run.js";
export type { Checkpoint, SweepOptions, SweepProgress, SweepResult, TaskResult } from "./sweep/run.js";
export { parseSweepConfig, PRESET_NAMES, CONFIG_FIELDS } from "./sweep/schema.js";
export type { Grid, PresetName, SweepConfig, SweepOverrides } from "./sweep/schema.js";
export { presetConfig } from "./sweep/presets.js";
export { composeConfig, type ConfigLayer } from "./sweep/config.js";
export { resolveSizes, type DroppedSize, type Sizes } from "./sweep/grid.js";
export { summarize, type SummaryRow } from "./sweep/aggregate.js";
export { listTasks, shardTasks, type Shard, type Task } from "./sweep/tasks.js";
export { ConfigError } from "./sweep/config-error.js";
export { browserWorkerFactory } from "./sweep/browser-workers.js";
export type { WorkerFactory, WorkerHandle } from "./sweep/workers.js";
export { prepareSize, runReplicate, headLabel } from "./experiment/size.js";
export type { ExperimentSettings, HeadSpec, ReplicateResult, SizeContext } from "./experiment/size.js";
export { plotSvg, replicatesCsv, summaryCsv, summaryTable, verdict } from "./report/index.js";
export * from "./errors.js";
export { init } from "./wasm/core.js";
