/** headtune merge: the shard outputs of one sweep, or of one simulated map, combined into exactly the result of a single run. */
import { basename, dirname, relative, resolve } from "node:path";
import { summaryTable, worldVerdict } from "../report/index.js";
import { summarize } from "../sweep/aggregate.js";
import { resolveSizes } from "../sweep/grid.js";
import { mapVerdict } from "../map/best.js";
import { mapSteps, simulationCells } from "../map/monte-carlo-map.js";
import { theoryMap } from "../map/theory-map.js";
import { listTasks } from "../sweep/tasks.js";
import { parseFlags } from "./args.js";
import type { CommandContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { writeMap } from "./map-folder.js";
import { removeLeftovers, writeResults } from "./results-folder.js";
import { readShardSet } from "./shard-set.js";
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
  const { config, map, hash, count, tasks, recordsOf } = readShardSet(dirs);
  removeLeftovers(out);
  const elapsed = () => (performance.now() - started) / 1000;
  if (map) {
    const summaries = mapSteps(config, map.axis, map.values).map((s) => ({ ...s, summary: summarize(recordsOf(s.step, s.tasks), s.config.n) }));
    const cells = [...theoryMap(config, map.axis, map.values), ...simulationCells(map.axis, summaries)];
    const simulation = { tasks, resumedTasks: 0, workers: null };
    const files = writeMap(out, cells, { config, spec: map, configHash: hash, elapsedSeconds: elapsed(), simulation, mergedFrom: dirs });
    io.stdout(`${mapVerdict(cells, map.axis, config.world)}\n`);
    if (!values.quiet) stderr.write(`headtune: merged ${count} shards: ${files.join(", ")} in ${out}\n`);
    return EXIT.OK;
  }
  const { sizes, dropped } = resolveSizes(config);
  const records = recordsOf(undefined, listTasks(sizes, config.replicates));
  const summary = summarize(records, config.n);
  const files = writeResults(out, { config, sizes, dropped, records, summary }, { configHash: hash, workers: null, elapsedSeconds: elapsed(), resumed: 0, mergedFrom: dirs });
  io.stdout(`${summaryTable(summary, config.world)}\n${worldVerdict(summary, config)}\n`);
  if (!values.quiet) stderr.write(`headtune: merged ${count} shards: ${files.join(", ")} in ${out}\n`);
  return EXIT.OK;
}

/** The folder holding all the shard-<I>-of-<N> folders given, or undefined when they are not that. */
function commonParent(dirs: string[]): string | undefined {
  const parents = new Set(dirs.map((dir) => dirname(resolve(dir))));
  const named = dirs.every((dir) => /^shard-\d+-of-\d+$/.test(basename(resolve(dir))));
  return named && parents.size === 1 ? relative(".", [...parents][0]!) || "." : undefined;
}
