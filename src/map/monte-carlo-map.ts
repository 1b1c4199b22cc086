/**
 * A Monte Carlo map: a list of sweeps, one per value of the second setting (a "step"), each run by runSweep
 * in the worker pool. Its tasks are (step, p, r), in the canonical order step, then p, then r; a checkpoint
 * keeps them with their step, and a shard is every N-th task of that order (the sweep's shard of each step,
 * rotated by the tasks of the steps before it). Each task is a pure function of the configuration at its
 * value and (p, r), so the cells are the same bit for bit whatever the worker count, a resume or shards.
 */
import { HeadtuneError, ArgumentError } from "../errors.js";
import type { ReplicateResult } from "../experiment/world.js";
import { headLabel, hiddenSizeOf } from "../experiment/settings.js";
import { summarize, type SummaryRow } from "../sweep/aggregate.js";
import { taskWork } from "../sweep/cost.js";
import { resolveSizes } from "../sweep/grid.js";
import { assertTaskHeads, experimentSettings, runSweep, taskKey, type SweepOptions, type SweepResult, type TaskResult } from "../sweep/run.js";
import type { SweepConfig } from "../sweep/schema.js";
import { assertShard, listTasks, shardTasks, type Shard, type Task } from "../sweep/tasks.js";
import { configAt, type MapAxis } from "./axis.js";
import type { MapCell } from "./theory-map.js";

/** How simulated cells are named: the head's label and this suffix. */
export const SIMULATION_SUFFIX = " (simulation)";

/** One value of the second setting: its index, the configuration there, and all its sweep's tasks. */
export interface MapStep {
  step: number;
  value: number;
  config: SweepConfig;
  /** The value's sweep tasks (p, r) in canonical order. */
  tasks: Task[];
}

export interface MapRunOptions
  extends Pick<SweepOptions, "workers" | "signal" | "taskTimeout" | "workerFactory" | "checkpoint" | "shard" | "onProgress"> {
  /** Called after each value's sweep, with the values done and their number. */
  onValue?: (done: number, total: number) => void;
  /**
   * As soon as every task of this run at one (value, size) has finished, with its cells (one per head), equal
   * to those simulationCells gives for it (the same summary of the same records); tasks taken from the
   * checkpoint are not reported.
   */
  onCells?: (cells: MapCell[]) => void;
}

export interface MapRun {
  /** Per value: its step and the sweep result of the tasks run there (all, or the shard's). */
  steps: (MapStep & { result: SweepResult })[];
  /** Tasks of this run (the shard's, or all), and those taken from the checkpoint. */
  tasks: number;
  resumed: number;
  /** The most workers a value's sweep used. */
  workers: number;
}

/**
 * The steps of a map: the configuration at each value and its sweep's tasks.
 * @param config the base configuration
 * @param axis the second setting
 * @param values its values
 * @throws as configAt and resolveSizes
 * @example mapSteps(presetConfig("quick"), "sEps", [0.5, 1])[1].config.sEps // 1
 */
export function mapSteps(config: SweepConfig, axis: MapAxis, values: number[]): MapStep[] {
  return values.map((value, step) => {
    const at = configAt(config, axis, value);
    return { step, value, config: at, tasks: listTasks(resolveSizes(at).sizes, at.replicates) };
  });
}

/**
 * Runs the map's tasks (every one, or a shard's) as one sweep per value, with one progress count over the
 * whole map and one checkpoint whose tasks carry their step.
 * @param config the base configuration (its replicates are used)
 * @param axis the second setting
 * @param values its values
 * @param options as runSweep's (workers, signal, taskTimeout, workerFactory, checkpoint, shard, onProgress), and onValue
 * @returns each value's sweep result, the task count and how many came from the checkpoint
 * @throws ArgumentError when the shard is invalid or the checkpoint holds a task outside this map (or shard)
 * @throws whatever runSweep throws (an aborted signal rejects with its reason); a task's HeadtuneError has
 *   details.task = { p, replicate, axis, value }
 * @example const run = await simulateMap(presetConfig("quick"), "sEps", [0.5, 1], { workers: 2, shard: { index: 0, count: 2 } })
 */
export async function simulateMap(config: SweepConfig, axis: MapAxis, values: number[], options: MapRunOptions = {}): Promise<MapRun> {
  const { shard, signal, onProgress } = options;
  if (shard) assertShard(shard);
  const steps = mapSteps(config, axis, values);
  let offset = 0;
  const shares = steps.map((s) => {
    // Global modulo over the map's order: task j of this step is task offset + j of the map.
    const share = shard ? { index: (((shard.index - offset) % shard.count) + shard.count) % shard.count, count: shard.count } : undefined;
    offset += s.tasks.length;
    return { share, mine: share ? shardTasks(s.tasks, share) : s.tasks };
  });
  const earlier = checkpointBySteps(options.checkpoint?.done() ?? [], steps, shares.map((s) => s.mine), axis, shard);
  const tasks = shares.reduce((sum, s) => sum + s.mine.length, 0);
  const resumed = earlier.reduce((sum, e) => sum + e.length, 0);
  const work = (s: MapStep, p: number) => taskWork(experimentSettings(s.config), p, s.config.replicates);
  let workTotal = 0;
  steps.forEach((s, i) => {
    const done = new Set(earlier[i]!.map(taskKey));
    for (const task of shares[i]!.mine) if (!done.has(taskKey(task))) workTotal += work(s, task.p);
  });

  const run: MapRun = { steps: [], tasks, resumed, workers: 0 };
  let before = 0;
  let workDone = 0;
  for (const [i, s] of steps.entries()) {
    signal?.throwIfAborted();
    let result: SweepResult;
    try {
      result = await runSweep(s.config, {
        workers: options.workers,
        signal,
        taskTimeout: options.taskTimeout,
        workerFactory: options.workerFactory,
        shard: shares[i]!.share,
        checkpoint: { done: () => earlier[i]!, append: (t) => options.checkpoint?.append({ step: i, ...t }) },
        ...(options.onCells ? { onRecords: cellReporter(axis, s, shares[i]!.mine, options.onCells) } : {}),
        onProgress: (progress) => {
          if (progress.task) workDone += work(s, progress.task.p);
          onProgress?.({ done: before + progress.done, total: tasks, resumed, workDone, workTotal, task: progress.task });
        },
      });
    } catch (err) {
      if (err instanceof HeadtuneError && err.details.task) err.details.task = { ...err.details.task, axis, value: s.value };
      throw err;
    }
    before += shares[i]!.mine.length;
    run.workers = Math.max(run.workers, result.workers);
    run.steps.push({ ...s, result });
    options.onValue?.(i + 1, steps.length);
  }
  return run;
}

/**
 * The checkpoint's tasks sorted by step, each checked against its step's heads here, before any step runs: a
 * step's sweep that ran first would rewrite the checkpoint and drop what a later step would then refuse.
 * @throws ArgumentError when one is not a task of this map (or of this shard of it), or lacks its step's heads
 */
function checkpointBySteps(done: TaskResult[], steps: MapStep[], mine: Task[][], axis: MapAxis, shard?: Shard): TaskResult[][] {
  const keys = new Set(mine.flatMap((tasks, step) => tasks.map((task) => taskKey({ ...task, step }))));
  const bySteps = steps.map((): TaskResult[] => []);
  for (const task of done) {
    if (!keys.has(taskKey(task))) {
      const where = task.step !== undefined && steps[task.step] ? `${axis} = ${steps[task.step]!.value}, ` : `step ${String(task.step)}, `;
      throw new ArgumentError(
        `the checkpoint holds task (${where}p = ${task.p}, replicate ${task.replicate}), which is not part of this map${shard ? ` (shard ${shard.index}/${shard.count})` : ""}.`,
        { step: task.step, p: task.p, replicate: task.replicate },
      );
    }
    assertTaskHeads(task, steps[task.step!]!.config.heads.map(headLabel), "the checkpoint");
    bySteps[task.step!]!.push(task);
  }
  return bySteps;
}

/**
 * Simulated cells: the mean oracle risk (and its parts: bias_X, var_X for min-norm) over the configuration's
 * replicates, per head, value and size, with the risk's standard error; lambda is the mean lambda the head used.
 * @param axis the second setting
 * @param steps per value, its configuration and the summary of its sweep's records (summarize)
 * @example simulationCells("sEps", run.steps.map((s) => ({ ...s, summary: s.result.summary })))
 */
export function simulationCells(axis: MapAxis, steps: { value: number; config: SweepConfig; summary: SummaryRow[] }[]): MapCell[] {
  return steps.flatMap(({ value, config, summary }) =>
    summary.map((row) => ({
      head: `${axis === "lambda" && row.head.startsWith("ridge(") ? "ridge" : row.head}${SIMULATION_SUFFIX}`,
      value,
      p: row.p,
      gamma: row.gamma,
      d: hiddenSizeOf(config, row.p),
      k: row.k,
      lambda: row.lambda_mean,
      noise: row.noise,
      bias: row.bias_mean,
      variance: row.variance_mean,
      excess: row.excess_mean,
      risk: row.risk_mean,
      riskSe: row.risk_se,
    })),
  );
}

/** An onRecords for one value's sweep that calls onCells when the last of a size's tasks is in. */
function cellReporter(axis: MapAxis, s: MapStep, mine: Task[], onCells: (cells: MapCell[]) => void) {
  const expected = new Map<number, number>();
  for (const task of mine) expected.set(task.p, (expected.get(task.p) ?? 0) + 1);
  const bySize = new Map<number, { records: ReplicateResult[]; tasks: number }>();
  return ({ p, records }: { p: number; records: ReplicateResult[] }) => {
    const size = bySize.get(p) ?? { records: [], tasks: 0 };
    bySize.set(p, size);
    size.records.push(...records);
    size.tasks += 1;
    if (size.tasks === expected.get(p)) onCells(simulationCells(axis, [{ value: s.value, config: s.config, summary: summarize(size.records, s.config.n) }]));
  };
}

/**
 * The simulated cells of a whole map (simulateMap, then simulationCells).
 * @param config the base configuration (its replicates are used)
 * @param axis the second setting
 * @param values its values
 * @param options as simulateMap's
 * @throws whatever simulateMap throws
 * @example await monteCarloMap(presetConfig("quick"), "sEps", [0.25, 1], { workers: 2 })
 */
export async function monteCarloMap(config: SweepConfig, axis: MapAxis, values: number[], options: MapRunOptions = {}): Promise<MapCell[]> {
  const run = await simulateMap(config, axis, values, options);
  return simulationCells(axis, run.steps.map((s) => ({ ...s, summary: s.result.summary })));
}
