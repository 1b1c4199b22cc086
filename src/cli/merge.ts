/** headtune merge: the shard outputs of one sweep combined into exactly the result of a single run. */
import { basename, dirname, relative, resolve } from "node:path";
import { ArgumentError } from "../errors.js";
import { configHash } from "../io/hash.js";
import { summaryTable, verdict } from "../report/index.js";
import { summarize } from "../sweep/aggregate.js";
import { resolveSizes } from "../sweep/grid.js";
import { listTasks } from "../sweep/tasks.js";
import { parseFlags } from "./args.js";
import type { CommandContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { readShard, removeLeftovers, writeResults } from "./results-folder.js";
import { UsageError } from "./usage-error.js";

const MERGE_HELP = `Usage: headtune merge DIR... [--out DIR]

Combines the outputs of "headtune sweep --shard I/N" (one folder per shard, each with records.jsonl and
config.json) into replicates.csv, summary.csv, plot.svg (log y), plot-linear.svg and config.json,
identical to those of a single run of the whole sweep. All N shards of one configuration are needed, each once.

Options:
  --out DIR     results folder (default: the parent folder of the shard folders, when they are the
                shard-<I>-of-<N> folders "headtune sweep --shard" makes by default)
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
  const { sizes, dropped } = resolveSizes(first.config);
  const hash = configHash(first.config, sizes);
  const count = first.file.header.shard!.count;
  const seen = new Map<number, string>();
  for (const { dir, config, file } of shards) {
    const shard = file.header.shard!;
    if (file.header.configHash !== hash || configHash(config, resolveSizes(config).sizes) !== hash) {
      throw new ArgumentError(`${dir} is a shard of another configuration than ${first.dir} (${file.header.configHash}, not ${hash}).`, { dir });
    }
    if (shard.count !== count) throw new ArgumentError(`${dir} is shard ${shard.index}/${shard.count}, but ${first.dir} is one of ${count} shards.`, { dir });
    const other = seen.get(shard.index);
    if (other !== undefined) throw new ArgumentError(`${dir} and ${other} are the same shard ${shard.index}/${count}.`, { dir });
    seen.set(shard.index, dir);
    if (file.tasks.length !== file.header.tasks) {
      throw new ArgumentError(`${dir} holds ${file.tasks.length} tasks; its header promises ${file.header.tasks}.`, { dir });
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new ArgumentError(`shard${missing.length > 1 ? "s" : ""} ${missing.map((i) => `${i}/${count}`).join(", ")} missing: merge needs all ${count}.`, {});

  const byTask = new Map<string, (typeof first.file.tasks)[number]>();
  for (const { dir, file } of shards) {
    for (const task of file.tasks) {
      const key = `${task.p}/${task.replicate}`;
      if (byTask.has(key)) throw new ArgumentError(`${dir} repeats task (p = ${task.p}, replicate ${task.replicate}).`, { dir });
      byTask.set(key, task);
    }
  }
  const expected = listTasks(sizes, first.config.replicates);
  const absent = expected.find((task) => !byTask.has(`${task.p}/${task.replicate}`));
  if (absent || byTask.size !== expected.length) {
    const what = absent ? `task (p = ${absent.p}, replicate ${absent.replicate}) is missing` : "the shards hold tasks outside the sweep";
    throw new ArgumentError(`cannot merge: ${what}.`, {});
  }

  const records = expected.flatMap((task) => byTask.get(`${task.p}/${task.replicate}`)!.records);
  const summary = summarize(records, first.config.n);
  const elapsedSeconds = (performance.now() - started) / 1000;
  removeLeftovers(out);
  const files = writeResults(
    out,
    { config: first.config, sizes, dropped, records, summary },
    { configHash: hash, workers: null, elapsedSeconds, resumed: 0, mergedFrom: dirs },
  );
  io.stdout(`${summaryTable(summary)}\n${verdict(summary, first.config.scaling)}\n`);
  if (!values.quiet) stderr.write(`headtune: merged ${count} shards: ${files.join(", ")} in ${out}\n`);
  return EXIT.OK;
}

/** The folder holding all the shard-<I>-of-<N> folders given, or undefined when they are not that. */
function commonParent(dirs: string[]): string | undefined {
  const parents = new Set(dirs.map((dir) => dirname(resolve(dir))));
  const named = dirs.every((dir) => /^shard-\d+-of-\d+$/.test(basename(resolve(dir))));
  return named && parents.size === 1 ? relative(".", [...parents][0]!) || "." : undefined;
}
