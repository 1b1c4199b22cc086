/**
 * A run of tasks from the command line (a sweep or a simulated map) with its checkpoint in the results folder:
 * refuse an unfinished one without --resume, continue it with --resume, show progress, and after Ctrl-C say
 * how to finish.
 */
import { join } from "node:path";
import { FileCheckpoint, loadCheckpoint } from "../io/checkpoint.js";
import { probeFolder } from "../io/folder.js";
import type { RecordsHeader } from "../io/records-file.js";
import type { SweepProgress } from "../sweep/run.js";
import type { CommandContext } from "./context.js";
import { ProgressDisplay } from "./progress.js";
import { CHECKPOINT, removeLeftovers } from "./results-folder.js";
import { UsageError } from "./usage-error.js";

export interface CheckpointedRun {
  /** The results folder (created and probed). */
  out: string;
  /** The checkpoint's header: what the tasks belong to, and how many this run has. */
  header: RecordsHeader;
  resume: boolean;
  quiet: boolean;
  /** Writes what is about to run (called once the checkpoint is open, before the first task). */
  announce: () => void;
}

/**
 * Opens out's checkpoint (continuing an earlier one with resume), then runs `work` with it and a progress
 * display. The checkpoint is then closed (flushed to disk whole), not removed: the caller removes it once the
 * results are written.
 * @param run the folder, header and flags
 * @param context stderr and the stop signal
 * @param work the run itself, given the checkpoint and the progress callback
 * @returns work's value, and the closed checkpoint
 * @throws UsageError when out holds an unfinished checkpoint and resume is not set; ArgumentError when it belongs
 *   to another configuration or shard; a file error when out cannot be written; whatever work throws (after
 *   Ctrl-C, once the resume hint is printed; without Ctrl-C, once a checkpoint holding no finished task is removed)
 * @example const { value, checkpoint } = await checkpointed({ out, header, resume, quiet, announce }, context, (cp, onProgress) => runSweep(config, { checkpoint: cp, onProgress }))
 */
export async function checkpointed<T>(
  run: CheckpointedRun,
  { stderr, signal }: Pick<CommandContext, "stderr" | "signal">,
  work: (checkpoint: FileCheckpoint, onProgress: (progress: SweepProgress) => void) => Promise<T>,
): Promise<{ value: T; checkpoint: FileCheckpoint }> {
  probeFolder(run.out, "results folder");
  const path = join(run.out, CHECKPOINT);
  const loaded = loadCheckpoint(path, run.header);
  const earlier = loaded?.tasks;
  if (earlier && !run.resume) {
    throw new UsageError(`${path} holds ${earlier.length} finished tasks of a run that did not finish: add --resume to finish it, or delete the file to start over.`);
  }
  removeLeftovers(run.out);
  const checkpoint = new FileCheckpoint(path, run.header, earlier ?? []);
  run.announce();
  if (run.resume && !earlier) stderr.write(`headtune: no checkpoint in ${run.out}: starting from the beginning.\n`);
  if (loaded && loaded.dropped > 0) {
    const [lines, tasks] = loaded.dropped === 1 ? ["line was", "its task runs"] : [`${loaded.dropped} lines were`, "their tasks run"];
    stderr.write(`headtune: the checkpoint's last ${lines} cut short by the stop (a kill, a crash or a power loss while writing): dropped, ${tasks} again.\n`);
  }
  const display = run.quiet ? undefined : new ProgressDisplay(stderr);
  let finished = earlier?.length ?? 0;
  try {
    const value = await work(checkpoint, (progress) => {
      finished = progress.done;
      display?.update(progress);
    });
    // Every task is on disk before any result file is written.
    checkpoint.close();
    display?.finish();
    return { value, checkpoint };
  } catch (err) {
    // A run refused before any task finished (settings past a limit, say) leaves no checkpoint: it would
    // hold nothing to resume, and would make the same command ask for --resume.
    if (!signal.aborted && checkpoint.isEmpty()) checkpoint.remove();
    else checkpoint.close();
    display?.finish();
    if (signal.aborted) {
      stderr.write(`headtune: interrupted. ${finished} of ${run.header.tasks} tasks are saved in ${path}: run the same command with --resume to finish.\n`);
    }
    throw err;
  }
}
