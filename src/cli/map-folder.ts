/**
 * The results folder of a map: map.csv, map.svg and config.json for a whole map; records.jsonl and config.json
 * for a shard of a simulated map (merged later); checkpoint.jsonl while the simulation runs. A shard's
 * config.json names the map ("map": axis, values, log) beside the configuration, which is how headtune merge
 * tells a map's shards from a sweep's.
 */
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.js";
import { formatRecordsFile } from "../io/records-file.js";
import { mapCsv } from "../map/csv.js";
import type { MapSpec } from "../map/hash.js";
import { mapSvg } from "../map/svg.js";
import type { MapCell } from "../map/theory-map.js";
import type { TaskResult } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import type { Shard } from "../sweep/tasks.js";
import { SHARD_RECORDS } from "./results-folder.js";
import { VERSION } from "./version.js";

/** How a map came about, for config.json. */
export interface MapInfo {
  config: SweepConfig;
  spec: MapSpec;
  /** mapHash of config and spec. */
  configHash: string;
  elapsedSeconds: number;
  /** For a simulated map: its tasks (the shard's), those taken from a checkpoint, and the workers (null for a merge). */
  simulation?: { tasks: number; resumedTasks: number; workers: number | null };
  shard?: Shard;
  /** The shard folders a merge read. */
  mergedFrom?: string[];
}

/**
 * Writes map.csv, map.svg and config.json into dir (created if needed).
 * @param dir the results folder
 * @param cells the theory cells, then the simulated ones
 * @param info the configuration, the map and how it was made
 * @returns the file names written
 * @throws the file system's error when a file cannot be written (those already written stay whole)
 */
export function writeMap(dir: string, cells: MapCell[], info: MapInfo): string[] {
  const { world } = info.config;
  writeFileAtomic(join(dir, "map.csv"), mapCsv(cells, info.spec.axis, world));
  writeFileAtomic(join(dir, "map.svg"), mapSvg(cells, info.spec.axis, info.spec.log, world));
  writeFileAtomic(join(dir, "config.json"), mapMetadata(info));
  return ["map.csv", "map.svg", "config.json"];
}

/**
 * Writes a shard's records.jsonl (its tasks in the map's order: step, p, replicate) and config.json into dir.
 * @returns the file names written
 * @throws the file system's error when a file cannot be written
 */
export function writeMapShard(dir: string, tasks: TaskResult[], info: MapInfo & { shard: Shard }): string[] {
  const header = { format: "headtune-records", version: 1, kind: "shard", configHash: info.configHash, shard: info.shard, tasks: tasks.length } as const;
  writeFileAtomic(join(dir, SHARD_RECORDS), formatRecordsFile(header, tasks));
  writeFileAtomic(join(dir, "config.json"), mapMetadata(info));
  return [SHARD_RECORDS, "config.json"];
}

function mapMetadata(info: MapInfo): string {
  const meta = {
    headtune: VERSION,
    configHash: info.configHash,
    map: info.spec,
    ...(info.simulation ?? {}),
    ...(info.shard ? { shard: info.shard } : {}),
    ...(info.mergedFrom ? { mergedFrom: info.mergedFrom } : {}),
    elapsedSeconds: Number(info.elapsedSeconds.toFixed(3)),
    config: info.config,
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}
