/** headtune sweep: the configuration from preset, file and flags; runSweep with progress and a checkpoint; results. */
import { availableParallelism } from "node:os";
import { basename, extname, join } from "node:path";
import { configHash } from "../io/hash.js";
import type { RecordsHeader } from "../io/records-file.js";
import { summaryTable, worldVerdict } from "../report/index.js";
import { modelWarnings } from "../hmm/model.js";
import { composeConfig, type ConfigLayer } from "../sweep/config.js";
import { ConfigError } from "../errors.js";
import { resolveSizes } from "../sweep/grid.js";
import { presetConfig } from "../sweep/presets.js";
import { runSweep, taskResults } from "../sweep/run.js";
import { CONFIG_FIELDS, NUMBER_FIELDS, type SweepConfig } from "../sweep/schema.js";
import { listTasks, shardTasks, type Shard } from "../sweep/tasks.js";
import { init } from "../wasm/core.js";
import { numberFlag, parseFlags, shardFlag } from "./args.js";
import { checkpointed } from "./checkpointed.js";
import type { CommandContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { formatDuration, type ProgressStream } from "./progress.js";
import { writeResults, writeShard } from "./results-folder.js";

const SWEEP_HELP = `Usage: headtune sweep [options]

Runs replicate r = 0..R-1 of every model size p of a grid (one task per (p, r)) in a pool of worker
threads, then writes replicates.csv, summary.csv, plot.svg (log y), plot-linear.svg and config.json to
the results folder and prints a table and a verdict. The results are the same bit for bit whatever the number of workers.
summary.csv holds per (head, p) the mean, standard error and median risks, theory_* (the n -> infinity
limit) and theory_finite_* (the theory at n); in the token world its theory is the Gaussian-equivalent
approximation (SPEC 10d) and those columns, in both CSV files, are named gaussian_theory_*.

Options:
  --preset NAME     paper (SPEC 7: width scaling, n = 200, 40 ratios g from 0.05 to 5, 20 replicates;
                    the default), features (the same with d = 20 fixed), quick (small: a second or two),
                    paper-large (the paper's grid at n = 2000, p up to 10,000: about 20 minutes),
                    tokens (the token world of SPEC 10: features scaling, H = 50, V = 32, T = 10) and
                    tokens-posterior (x = alpha_T itself, p = H)
  --config FILE     a JSON object overriding any configuration field (below); "preset" picks the base
  --seed N          random seed (overrides the preset and the file)
  --replicates N    replicates per size (overrides the preset and the file)
  --sampler KIND    spectral (the model in its eigenbasis, SPEC 8: exact in law and the fastest; the
                    presets' default), sequential (the HMM run token by token: the reference) or marginal
  --workers N       worker threads (default: one per core); 0 runs in this thread. More than the cores
                    is allowed (with a warning); more than the machine's memory holds is refused (exit 4)
  --task-timeout S  a task running longer than S seconds is taken for a stuck worker: the worker is
                    terminated and the task retried once on a fresh one (default: 10 times the cost
                    model's prediction for its size, at least 60; 0 disables the limit)
  --out DIR         results folder (default: results/<name>-<seed>, the name being the config file's or
                    the preset's; a shard adds /shard-<I>-of-<N>, and headtune merge writes to its parent)
  --shard I/N       run only share I of N (0 <= I < N) of the tasks; then: headtune merge DIR...
  --resume          finish an interrupted run from DIR/checkpoint.jsonl (same configuration)
  --quiet           no progress display
  -h, --help        this text

Configuration fields: ${CONFIG_FIELDS.join(", ")}.
  heads: [{"kind": "minnorm"}, {"kind": "ridge", "lambda": 0.1}]; grid: {"p": [...]} or {"gamma": [...]}
  (ratios g = p/n, rounded to integer p; sizes within 0.02 of g = 1 are dropped).

While it runs, finished tasks go to DIR/checkpoint.jsonl (flushed to disk within 0.2 s); after Ctrl-C
(exit 130), SIGTERM (exit 143), a kill or a crash, the same command with --resume finishes the sweep with
the same result as an uninterrupted run (a power loss costs at most the tasks of its last 0.2 s). A task whose worker thread dies, fails on an internal error or runs past
its time limit is run once more on a fresh worker; if that fails too, the sweep stops naming the task (exit 70).
`;

/** The flags of a run from a configuration, shared by sweep and map. */
export const RUN_FLAGS = {
  preset: { type: "string" },
  config: { type: "string" },
  seed: { type: "string" },
  replicates: { type: "string" },
  sampler: { type: "string" },
  workers: { type: "string" },
  "task-timeout": { type: "string" },
  out: { type: "string" },
  quiet: { type: "boolean" },
} as const;

const FLAGS = { ...RUN_FLAGS, shard: { type: "string" }, resume: { type: "boolean" } } as const;

/**
 * Runs `headtune sweep` with these arguments.
 * @returns the exit code (0; an interrupted sweep rejects with the abort reason instead)
 * @throws UsageError, ConfigError for a bad command line, configuration or checkpoint; whatever runSweep throws
 */
export async function sweepCommand(argv: string[], { io, stderr, signal }: CommandContext): Promise<number> {
  const { values } = parseFlags("sweep", argv, FLAGS);
  if (values.help) {
    io.stdout(SWEEP_HELP);
    return EXIT.OK;
  }
  const config = configFromFlags(values, io.readFile);
  const workers = values.workers !== undefined ? numberFlag("workers", values.workers, { integer: true, min: 0 }) : undefined;
  const taskTimeout = values["task-timeout"] !== undefined ? numberFlag("task-timeout", values["task-timeout"], { integer: false, min: 0 }) : undefined;
  const shard = values.shard !== undefined ? shardFlag(values.shard) : undefined;
  // The core of this thread (and its product kernel: a bad HEADTUNE_KERNEL fails here, before any output).
  await init();

  const { sizes } = resolveSizes(config);
  const all = listTasks(sizes, config.replicates);
  const tasks = shard ? shardTasks(all, shard).length : all.length;
  const name = values.config !== undefined ? basename(values.config, extname(values.config)) : (config.preset ?? "paper");
  const out = values.out ?? defaultFolder(name, config.seed, shard);
  const header: RecordsHeader = {
    format: "headtune-records",
    version: 1,
    kind: "checkpoint",
    configHash: configHash(config, sizes),
    shard: shard ?? null,
    tasks,
  };
  const what = `${config.preset ?? "custom"} preset, ${sizes.length} sizes x ${config.replicates} replicates`;
  const share = shard ? `, shard ${shard.index}/${shard.count}: ${tasks} of ${all.length} tasks` : ` = ${tasks} tasks`;
  const announce = () => {
    stderr.write(`headtune sweep: ${what}${share} -> ${out}\n`);
    for (const warning of modelWarnings(config)) stderr.write(`headtune: warning: ${warning}\n`);
    warnWorkers(workers, stderr);
  };
  const started = performance.now();
  const { value: result, checkpoint } = await checkpointed(
    { out, header, resume: values.resume === true, quiet: values.quiet === true, announce },
    { stderr, signal },
    (cp, onProgress) => runSweep(config, { workers, taskTimeout, signal, shard, checkpoint: cp, onProgress }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const info = { configHash: header.configHash, workers: result.workers, elapsedSeconds, resumed: result.resumed };
  if (shard) {
    const files = writeShard(out, { ...result, shard }, info, taskResults(result));
    checkpoint.remove();
    stderr.write(`headtune: shard ${shard.index}/${shard.count} done in ${formatDuration(elapsedSeconds)}: ${files.join(", ")} in ${out}. Combine the shards with: headtune merge DIR...\n`);
    return EXIT.OK;
  }
  const files = writeResults(out, result, info);
  checkpoint.remove();
  io.stdout(`${summaryTable(result.summary, config.world)}\n${worldVerdict(result.summary, config)}\n`);
  stderr.write(`headtune: done in ${formatDuration(elapsedSeconds)} with ${result.workers} workers: ${files.join(", ")} in ${out}\n`);
  return EXIT.OK;
}

/** Warns on stderr when more workers than cores are asked for (they share the cores). */
export function warnWorkers(workers: number | undefined, stderr: ProgressStream): void {
  const cores = availableParallelism();
  if (workers !== undefined && workers > cores) {
    stderr.write(`headtune: warning: --workers ${workers} exceeds the ${cores} cores of this machine: the workers share them (no faster, and each holds its own memory).\n`);
  }
}

/** results/<name>-<seed>, and shard-<I>-of-<N> inside it for a shard (headtune merge writes to its parent). */
function defaultFolder(name: string, seed: number, shard?: Shard): string {
  const base = join("results", `${name}-${seed}`);
  return shard ? join(base, `shard-${shard.index}-of-${shard.count}`) : base;
}

/**
 * The configuration of --preset, --config FILE, --seed and --replicates (the file over the preset, the flags
 * over both).
 * @throws UsageError, ConfigError naming the bad flag or field
 */
export function configFromFlags(
  values: { preset?: string; config?: string; seed?: string; replicates?: string; sampler?: string },
  readFile: (path: string) => string,
): SweepConfig {
  const layers: ConfigLayer[] = [];
  if (values.config !== undefined) layers.push({ source: `config file ${values.config}`, values: readJson(values.config, readFile) });
  const flags: Record<string, unknown> = {};
  if (values.preset !== undefined) flags.preset = presetConfig(values.preset).preset;
  if (values.seed !== undefined) flags.seed = numberFlag("seed", values.seed, NUMBER_FIELDS.seed);
  if (values.replicates !== undefined) flags.replicates = numberFlag("replicates", values.replicates, NUMBER_FIELDS.replicates);
  if (values.sampler !== undefined) flags.sampler = values.sampler;
  layers.push({ source: "command line", values: flags });
  return composeConfig(layers);
}

/** A JSON file's value. @throws ConfigError when the text is not JSON */
function readJson(path: string, readFile: (path: string) => string): unknown {
  const text = readFile(path);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(err as Error).message}.`, "", path);
  }
}
