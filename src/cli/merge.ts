/** headtune merge: the shard outputs of one sweep, or of one simulated map, combined into exactly the result of a single run. */
import { basename, dirname, relative, resolve } from "node:path";
import { ArgumentError } from "../errors.js";
import { configHash } from "../io/hash.js";
import { summaryTable, verdict } from "../report/index.js";
import { summarize } from "../sweep/aggregate.js";
import { resolveSizes } from "../sweep/grid.js";
import { mapVerdict } from "../map/best.js";
import { mapHash, type MapSpec } from "../map/hash.js";
import { mapSteps, simulationCells } from "../map/monte-carlo-map.js";
import { theoryMap } from "../map/theory-map.js";
import { taskKey, type TaskResult } from "../sweep/run.js";
import { listTasks, type Task } from "../sweep/tasks.js";
import { parseFlags } from "./args.js";
import type { CommandContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { writeMap } from "./map-folder.js";
import { readShard, removeLeftovers, writeResults } from "./results-folder.js";
import { UsageError } from "./usage-error.js";

const MERGE_HELP = `Usage: headtune merge DIR... [--out DIR]

Combines the outputs of "headtune sweep --shard I/N" (one folder per shard, each with records.jsonl and
config.json) into replicates.csv, summary.csv, plot.svg (log y), plot-linear.svg and config.json,
identical to those of a single run of the whole sweep. All N shards of one configuration are needed, each once.
The shards of "headtune map --replicates R --shard I/N" are merged the same way into map.csv, map.svg and
config.json (the theory is computed here), identical to those of a single "headtune map" run.

Options:
  --out DIR     results folder (default: the parent folder of the shard folders, when they are the
                shard-<I>-of-<N> folders "headtune sweep --shard" and "headtune map --shard" make by default)
  --quiet       print only the table and the verdict
  -h, --help    this text
`;

/**
 * Runs `headtune merge` with these arguments.
 * @returns the exit code (0)
 * @throws UsageError when no folder is given, or --out is needed and missing; ArgumentError when the shards do not belong together, miss a
 *   shard or a task, or repeat one; ConfigError when a shard's config.json is not a valid configuration
 */
export async function mergeCommand(argv: string[], { io, stderr }: CommandContext): Promise<number> {
  const { values, positionals: dirs } = parseFlags("merge", argv, { out: { type: "string" }, quiet: { type: "boolean" } }, true);
  if (values.help) {
    io.stdout(MERGE_HELP);
    return EXIT.OK;
  }
  if (dirs.length === 0) throw new UsageError('merge needs the shard folders: headtune merge DIR... (see "headtune merge --help").');
  const out = values.out ?? commonParent(dirs);
  if (out === undefined) {
    throw new UsageError("merge needs --out DIR: the shard folders are not all shard-<I>-of-<N> folders of one parent folder.");
  }
  const started = performance.now();
  const shards = dirs.map((dir) => ({ dir, ...readShard(dir) }));
  const first = shards[0]!;
  const { config, map } = first;
  // A map's shards are tied to its axis and values as well as to the configuration.
  const identity = (shard: (typeof shards)[number]) => (shard.map ? mapHash(shard.config, shard.map) : configHash(shard.config, resolveSizes(shard.config).sizes));
  const hash = identity(first);
  const count = first.file.header.shard!.count;
  const seen = new Map<number, string>();
  for (const shard of shards) {
    const { dir, file } = shard;
    const { index } = file.header.shard!;
    if (file.header.configHash !== hash || identity(shard) !== hash) {
      const what = map ? "map" : "configuration";
      throw new ArgumentError(`${dir} is a shard of another ${what} than ${first.dir} (${file.header.configHash}, not ${hash}).`, { dir });
    }
    if (file.header.shard!.count !== count) throw new ArgumentError(`${dir} is shard ${index}/${file.header.shard!.count}, but ${first.dir} is one of ${count} shards.`, { dir });
    const other = seen.get(index);
    if (other !== undefined) throw new ArgumentError(`${dir} and ${other} are the same shard ${index}/${count}.`, { dir });
    seen.set(index, dir);
    if (file.tasks.length !== file.header.tasks) {
      throw new ArgumentError(`${dir} holds ${file.tasks.length} tasks; its header promises ${file.header.tasks}.`, { dir });
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ArgumentError(`shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing: merge needs all ${count}.`, {});

  const byTask = new Map<string, TaskResult>();
  for (const { dir, file } of shards) {
    for (const task of file.tasks) {
      const key = taskKey(task);
      if (byTask.has(key)) throw new ArgumentError(`${dir} repeats task (${taskName(task, map)}).`, { dir });
      byTask.set(key, task);
    }
  }
  const mapStepList = map ? mapSteps(config, map.axis, map.values) : undefined;
  const steps = mapStepList ?? [{ step: undefined, tasks: listTasks(resolveSizes(config).sizes, config.replicates) }];
  const expected = steps.flatMap(({ step, tasks }) => tasks.map((task) => ({ ...task, step })));
  const absent = expected.find((task) => !byTask.has(taskKey(task)));
  if (absent || byTask.size !== expected.length) {
    const what = absent ? `task (${taskName(absent, map)}) is missing` : `the shards hold tasks outside the ${map ? "map" : "sweep"}`;
    throw new ArgumentError(`cannot merge: ${what}.`, {});
  }
  const recordsOf = (step: number | undefined, tasks: Task[]) => tasks.flatMap((task) => byTask.get(taskKey({ ...task, step }))!.records);
  removeLeftovers(out);
  const elapsed = () => (performance.now() - started) / 1000;
  if (map && mapStepList) {
    const summaries = mapStepList.map((s) => ({ ...s, summary: summarize(recordsOf(s.step, s.tasks), s.config.n) }));
    const cells = [...theoryMap(config, map.axis, map.values), ...simulationCells(map.axis, summaries)];
    const simulation = { tasks: expected.length, resumedTasks: 0, workers: null };
    const files = writeMap(out, cells, { config, spec: map, configHash: hash, elapsedSeconds: elapsed(), simulation, mergedFrom: dirs });
    io.stdout(`${mapVerdict(cells, map.axis)}\n`);
    if (!values.quiet) stderr.write(`headtune: merged ${count} shards: ${files.join(", ")} in ${out}\n`);
    return EXIT.OK;
  }
  const { sizes, dropped } = resolveSizes(config);
  const records = recordsOf(undefined, steps[0]!.tasks);
  const summary = summarize(records, config.n);
  const files = writeResults(out, { config, sizes, dropped, records, summary }, { configHash: hash, workers: null, elapsedSeconds: elapsed(), resumed: 0, mergedFrom: dirs });
  io.stdout(`${summaryTable(summary)}\n${verdict(summary, config.scaling)}\n`);
  if (!values.quiet) stderr.write(`headtune: merged ${count} shards: ${files.join(", ")} in ${out}\n`);
  return EXIT.OK;
}

/** A task as the messages name it: "p = 20, replicate 3", after "<axis> = <value>, " in a map. */
function taskName(task: { step?: number; p: number; replicate: number }, map: MapSpec | undefined): string {
  const value = map && task.step !== undefined ? `${map.axis} = ${map.values[task.step]}, ` : "";
  return `${value}p = ${task.p}, replicate ${task.replicate}`;
}

/** The folder holding all the shard-<I>-of-<N> folders given, or undefined when they are not that. */
function commonParent(dirs: string[]): string | undefined {
  const parents = new Set(dirs.map((dir) => dirname(resolve(dir))));
  const named = dirs.every((dir) => /^shard-\d+-of-\d+$/.test(basename(resolve(dir))));
  return named && parents.size === 1 ? relative(".", [...parents][0]!) || "." : undefined;
}
