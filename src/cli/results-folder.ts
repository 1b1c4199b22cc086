/**
 * The results folder of a sweep: replicates.csv, summary.csv, plot.svg (log y), plot-linear.svg and config.json for a whole sweep;
 * records.jsonl and config.json for a shard (merged later); checkpoint.jsonl while the sweep runs (a map's
 * files are in map-folder.ts). Every file
 * is written atomically, and the temporary files of a run killed mid-write are deleted by the next run.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { ArgumentError } from "../errors.js";
import { readRecordsFile, formatRecordsFile, type RecordsFile } from "../io/records-file.js";
import { removeTemporaries, writeFileAtomic } from "../io/atomic.js";
import { plotSvg, replicatesCsv, summaryCsv, worldPlotOptions } from "../report/index.js";
import { MAP_AXES, type MapAxis } from "../map/axis.js";
import type { MapSpec } from "../map/hash.js";
import type { SweepResult } from "../sweep/run.js";
import { parseSweepConfig, type SweepConfig } from "../sweep/schema.js";
import { showValue } from "../validate.js";
import type { Shard } from "../sweep/tasks.js";
import { VERSION } from "./version.js";

export const SHARD_RECORDS = "records.jsonl";
export const CHECKPOINT = "checkpoint.jsonl";
// plot.svg has a log y axis, which shows both descents beside a peak that is orders of magnitude higher.
const RESULTS = ["replicates.csv", "summary.csv", "plot.svg", "plot-linear.svg", "config.json"] as const;

/**
 * Deletes the temporary files that a run killed mid-write (SIGKILL) left in dir; a run owns its folder.
 * @returns their names
 * @throws the file system's error when dir cannot be listed or a file cannot be deleted
 */
export function removeLeftovers(dir: string): string[] {
  return removeTemporaries(dir, [...RESULTS, "map.csv", "map.svg", SHARD_RECORDS, CHECKPOINT]);
}

/** How the results came about, for config.json. */
export interface RunInfo {
  configHash: string;
  /** Workers used (0: in the main thread; null for a merge). */
  workers: number | null;
  elapsedSeconds: number;
  /** Tasks taken from a checkpoint. */
  resumed: number;
  /** The shard folders a merge read. */
  mergedFrom?: string[];
}

type Content = Pick<SweepResult, "config" | "sizes" | "dropped" | "records" | "summary" | "shard">;

/**
 * Writes replicates.csv, summary.csv, plot.svg (log y), plot-linear.svg and config.json into dir (created if needed).
 * @returns the file names written
 * @throws the file system's error when a file cannot be written (those already written stay whole)
 */
export function writeResults(dir: string, result: Content, info: RunInfo): string[] {
  const { config } = result;
  const title = `headtune ${config.preset ?? "custom"}: ${config.world === "tokens" ? "token world, " : ""}${config.scaling} scaling, n = ${config.n}, ${config.replicates} replicates`;
  const plotOptions = worldPlotOptions(config);
  const texts: Record<(typeof RESULTS)[number], string> = {
    "replicates.csv": replicatesCsv(result.records, config.world),
    "summary.csv": summaryCsv(result.summary, config.world),
    "plot.svg": plotSvg(result.summary, { title, logY: true, ...plotOptions }),
    "plot-linear.svg": plotSvg(result.summary, { title, ...plotOptions }),
    "config.json": metadataJson(result, info),
  };
  for (const name of RESULTS) writeFileAtomic(join(dir, name), texts[name]);
  return [...RESULTS];
}

/**
 * Writes a shard's records.jsonl (its tasks in canonical order, numbers exact) and config.json into dir.
 * @returns the file names written
 */
export function writeShard(dir: string, result: Content & { shard: Shard }, info: RunInfo, tasks: RecordsFile["tasks"]): string[] {
  const header = { format: "headtune-records", version: 1, kind: "shard", configHash: info.configHash, shard: result.shard, tasks: tasks.length } as const;
  writeFileAtomic(join(dir, SHARD_RECORDS), formatRecordsFile(header, tasks));
  writeFileAtomic(join(dir, "config.json"), metadataJson(result, info));
  return [SHARD_RECORDS, "config.json"];
}

/**
 * A shard folder's configuration and records, and the map it is a share of (undefined for a sweep's shard).
 * @throws ArgumentError when dir holds no shard output, or its files are not headtune's, or its map is malformed
 * @throws ConfigError when its config.json does not hold a valid configuration
 */
export function readShard(dir: string): { config: SweepConfig; file: RecordsFile; map?: MapSpec } {
  const file = readRecordsFile(join(dir, SHARD_RECORDS), false);
  if (!file || file.header.kind !== "shard" || !file.header.shard) {
    throw new ArgumentError(`${dir} holds no shard output (${SHARD_RECORDS}): run "headtune sweep --shard I/N --out ${dir}" first.`, { dir });
  }
  const metaPath = join(dir, "config.json");
  let meta: { config?: unknown; map?: unknown };
  try {
    meta = JSON.parse(readFileSync(metaPath, "utf8")) as { config?: unknown; map?: unknown };
  } catch (err) {
    throw new ArgumentError(`${metaPath} cannot be read: ${(err as Error).message}.`, { path: metaPath });
  }
  const config = parseSweepConfig(meta.config, metaPath);
  return meta.map === undefined ? { config, file } : { config, file, map: mapSpecOf(meta.map, metaPath) };
}

/** The "map" of a map shard's config.json. @throws ArgumentError when it is not { axis, values, log } */
function mapSpecOf(value: unknown, path: string): MapSpec {
  const spec = value as Partial<MapSpec> | null;
  const valid =
    typeof spec === "object" && spec !== null && MAP_AXES.includes(spec.axis as MapAxis) && typeof spec.log === "boolean" &&
    Array.isArray(spec.values) && spec.values.length > 0 && spec.values.every((v) => Number.isFinite(v));
  if (!valid) throw new ArgumentError(`${path}: "map" must be { axis, values, log }. Value: ${showValue(value)}.`, { path });
  return spec as MapSpec;
}

function metadataJson(result: Content, info: RunInfo): string {
  const meta = {
    headtune: VERSION,
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: availableParallelism(),
    workers: info.workers,
    elapsedSeconds: Number(info.elapsedSeconds.toFixed(3)),
    finishedAt: new Date().toISOString(),
    configHash: info.configHash,
    ...(result.shard ? { shard: result.shard } : {}),
    ...(info.mergedFrom ? { mergedFrom: info.mergedFrom } : {}),
    resumedTasks: info.resumed,
    tasks: new Set(result.records.map((r) => `${r.p}/${r.replicate}`)).size,
    sizes: result.sizes,
    dropped: result.dropped,
    config: result.config,
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}
