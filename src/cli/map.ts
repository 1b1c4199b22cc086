/** headtune map: a theory map over g = p / n and a second setting; CSV, heatmap SVG and a verdict. */
import { join } from "node:path";
import type { FileCheckpoint } from "../io/checkpoint.js";
import { probeFolder, removeEmptyFolders } from "../io/folder.js";
import type { RecordsHeader } from "../io/records-file.js";
import { MAP_AXES, STEPS_RULE, WORLD_MAP_AXES, axisValues, type MapAxis } from "../map/axis.js";
import { mapVerdict } from "../map/best.js";
import { mapHash, type MapSpec } from "../map/hash.js";
import { mapSteps, simulateMap, simulationCells, type MapRun } from "../map/monte-carlo-map.js";
import { theoryMap, type MapCell } from "../map/theory-map.js";
import { taskResults } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import type { Shard } from "../sweep/tasks.js";
import type { NumberRule } from "../validate.js";
import { numberFlag, parseFlags, shardFlag } from "./args.js";
import { checkpointed } from "./checkpointed.js";
import type { CommandContext } from "./context.js";
import { EXIT } from "./exit-codes.js";
import { writeMap, writeMapShard, type MapInfo } from "./map-folder.js";
import { formatDuration, type ProgressStream } from "./progress.js";
import { configFromFlags, RUN_FLAGS, warnWorkers } from "./sweep.js";
import { UsageError } from "./usage-error.js";

const MAP_HELP = `Usage: headtune map --axis NAME --from A --to B [options] [--replicates R]

The theory of each head (min-norm, ridge at its lambda, ridge-opt at the best lambda; ridge-gcv needs a
sample and is left out) on a grid of model sizes g = p / n (the configuration's grid) times STEPS values of
a second setting. Writes map.csv (one line per head, value and size: risks per output and in total, the
lambda used), map.svg (heatmap of the risk per output per head, g = 1 dashed, the best size per value as
white dots) and config.json to the results folder; prints the verdict: where the best size sits, and over
which values the first descent is degenerate (the best size is the smallest). In the token world the theory
is the Gaussian-equivalent approximation (SPEC 10d): the panels and the verdict say so, and map.csv names
its finite_* columns gaussian_theory_finite_*.

Options:
  --axis NAME       the Gaussian world's ${WORLD_MAP_AXES.gaussian.join(", ")};
                    the token world's ${WORLD_MAP_AXES.tokens.join(", ")}
                    (alpha: the linear scaling d = round(alpha p) + d0, d0 = the configuration's d;
                    lambda: every fixed-lambda ridge head's penalty)
  --from A --to B   the range of the second setting
  --steps S         its number of values (default 11, at most 10,000)
  --log             space the values geometrically
  --preset NAME     base configuration (paper, features, quick, tokens, ...; default paper)
  --config FILE     a JSON object overriding configuration fields, as for headtune sweep
  --seed N          random seed of the models
  --replicates R    also simulate: a sweep of R replicates per value (the heads' cells "<head> (simulation)"
                    beside the theory's: mean oracle risk), one task per (value, size, replicate)
  --workers N       worker threads of the simulation (default: one per core); 0 runs in this thread
  --task-timeout S  a simulation task's time limit in seconds, as for headtune sweep (0: none)
  --out DIR         results folder (default results/map-<axis>-<seed>; a shard adds /shard-<I>-of-<N>)
  --shard I/N       simulate only share I of N (0 <= I < N) of the tasks, writing records.jsonl and
                    config.json; then "headtune merge DIR..." writes the map (needs --replicates)
  --resume          finish an interrupted simulation from DIR/checkpoint.jsonl (same map and configuration)
  --quiet           no progress display
  -h, --help        this text

While a simulation runs, finished tasks go to DIR/checkpoint.jsonl (flushed to disk within 0.2 s); after
Ctrl-C (exit 130), SIGTERM (exit 143), a kill or a crash, the same command with --resume finishes the map
with the same files as an uninterrupted run (a power loss costs at most the tasks of its last 0.2 s). The checkpoint and the shards are tied to the configuration, the axis and its
values (a hash of them): a resume or merge of another map is refused.
`;

const FLAGS = {
  axis: { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  steps: { type: "string" },
  log: { type: "boolean" },
  ...RUN_FLAGS,
  shard: { type: "string" },
  resume: { type: "boolean" },
} as const;

/** Any finite number. */
const ANY_NUMBER: NumberRule = { integer: false, min: -Infinity };

/** A finite number flag; required. */
function requiredNumber(flag: string, text: string | undefined): number {
  if (text === undefined) throw new UsageError(`--${flag} must be a number. Value: missing.`, { name: flag, value: text });
  return numberFlag(flag, text, ANY_NUMBER);
}

/**
 * Runs `headtune map`.
 * @returns the exit code 0 (an interrupted simulation rejects with the abort reason instead)
 * @throws UsageError, ConfigError for a bad command line, configuration or checkpoint; the theory's errors;
 *   whatever simulateMap throws
 */
export async function mapCommand(argv: string[], context: CommandContext): Promise<number> {
  const { io, stderr } = context;
  const { values } = parseFlags("map", argv, FLAGS);
  if (values.help) {
    io.stdout(MAP_HELP);
    return EXIT.OK;
  }
  if (!MAP_AXES.includes(values.axis as MapAxis)) {
    throw new UsageError(`--axis must be one of ${MAP_AXES.join(", ")}. Value: ${values.axis === undefined ? "missing" : `"${values.axis}"`}.`, { name: "axis", value: values.axis });
  }
  const axis = values.axis as MapAxis;
  const steps = values.steps !== undefined ? numberFlag("steps", values.steps, STEPS_RULE) : 11;
  const spec: MapSpec = { axis, values: axisValues(requiredNumber("from", values.from), requiredNumber("to", values.to), steps, values.log === true), log: values.log === true };
  const config = configFromFlags(values, io.readFile);
  const simulate = values.replicates !== undefined;
  for (const flag of ["shard", "resume"] as const) {
    if (values[flag] !== undefined && !simulate) {
      throw new UsageError(`--${flag} needs --replicates R: only a simulated map has tasks to share out or resume. Value: --${flag} ${String(values[flag])}.`, { name: flag, value: values[flag] });
    }
  }
  const shard = values.shard !== undefined ? shardFlag(values.shard) : undefined;
  const base = join("results", `map-${axis}-${config.seed}`);
  const out = values.out ?? (shard ? join(base, `shard-${shard.index}-of-${shard.count}`) : base);
  const info = { config, spec, configHash: mapHash(config, spec) };
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  if (!simulate) {
    const created = probeFolder(out, "results folder");
    let cells: ReturnType<typeof theoryCells>;
    try {
      cells = theoryCells(config, spec, values.quiet === true, stderr);
    } catch (err) {
      // Refused before anything was written: the folders made for it go too.
      removeEmptyFolders(created);
      throw err;
    }
    return finish(out, cells, { ...info, elapsedSeconds: elapsed() }, context);
  }
  const { run, checkpoint } = await runSimulation(config, spec, out, info.configHash, shard, values, context);
  const simulation = { tasks: run.tasks, resumedTasks: run.resumed, workers: run.workers };
  if (shard) {
    const tasks = run.steps.flatMap((s) => taskResults(s.result).map((task) => ({ step: s.step, ...task })));
    const files = writeMapShard(out, tasks, { ...info, elapsedSeconds: elapsed(), simulation, shard });
    checkpoint.remove();
    stderr.write(`headtune: shard ${shard.index}/${shard.count} done in ${formatDuration(elapsed())}: ${files.join(", ")} in ${out}. Combine the shards with: headtune merge DIR...\n`);
    return EXIT.OK;
  }
  const cells = [...theoryCells(config, spec, values.quiet === true, stderr), ...simulationCells(axis, run.steps.map((s) => ({ ...s, summary: s.result.summary })))];
  const code = finish(out, cells, { ...info, elapsedSeconds: elapsed(), simulation }, context);
  checkpoint.remove();
  return code;
}

/** The theory map, with a progress line every 2 s on stderr unless quiet. */
function theoryCells(config: SweepConfig, { axis, values }: MapSpec, quiet: boolean, stderr: ProgressStream): MapCell[] {
  let lastShown = 0;
  return theoryMap(config, axis, values, (done, total) => {
    const now = performance.now();
    if (!quiet && (now - lastShown > 2000 || done === total)) {
      lastShown = now;
      stderr.write(`headtune map: ${done} of ${total} cells\n`);
    }
  });
}

/** Runs the map's simulation tasks (all, or a shard's) with a checkpoint in out. */
async function runSimulation(
  config: SweepConfig,
  spec: MapSpec,
  out: string,
  configHash: string,
  shard: Shard | undefined,
  values: { workers?: string; "task-timeout"?: string; resume?: boolean; quiet?: boolean },
  { stderr, signal }: CommandContext,
): Promise<{ run: MapRun; checkpoint: FileCheckpoint }> {
  const workers = values.workers !== undefined ? numberFlag("workers", values.workers, { integer: true, min: 0 }) : undefined;
  const taskTimeout = values["task-timeout"] !== undefined ? numberFlag("task-timeout", values["task-timeout"], { integer: false, min: 0 }) : undefined;
  const steps = mapSteps(config, spec.axis, spec.values);
  const all = steps.reduce((sum, s) => sum + s.tasks.length, 0);
  // A shard is every N-th task of the map's order, from the I-th.
  const tasks = shard ? Math.ceil((all - shard.index) / shard.count) : all;
  const header: RecordsHeader = { format: "headtune-records", version: 1, kind: "checkpoint", configHash, shard: shard ?? null, tasks };
  const share = shard ? `, shard ${shard.index}/${shard.count}: ${tasks} of ${all} tasks` : ` = ${tasks} tasks`;
  const announce = () => {
    stderr.write(`headtune map: simulating ${spec.axis} over ${spec.values.length} values, ${config.replicates} replicates per size${share} -> ${out}\n`);
    warnWorkers(workers, stderr);
  };
  const { value: run, checkpoint } = await checkpointed(
    { out, header, resume: values.resume === true, quiet: values.quiet === true, announce },
    { stderr, signal },
    (cp, onProgress) => simulateMap(config, spec.axis, spec.values, { workers, taskTimeout, signal, shard, checkpoint: cp, onProgress }),
  );
  return { run, checkpoint };
}

/** Writes the map's files and prints its verdict. */
function finish(out: string, cells: MapCell[], info: MapInfo, { io, stderr }: CommandContext): number {
  const files = writeMap(out, cells, info);
  io.stdout(`${mapVerdict(cells, info.spec.axis, info.config.world)}\n`);
  stderr.write(`headtune: map done in ${formatDuration(info.elapsedSeconds)}: ${files.join(", ")} in ${out}\n`);
  return EXIT.OK;
}
