/**
 * Runs tasks in the calling thread (a worker, or the main thread with workers: 0). It keeps the prepared
 * size (model, population, theory) of the last p it saw: tasks of one size reuse it. prepareSize is a pure
 * function of (settings, p), so the cache never changes results.
 */
import { prepareSize, runReplicate, type ExperimentSettings, type ReplicateResult, type SizeContext } from "../experiment/size.js";

export class TaskRunner {
  private readonly settings: ExperimentSettings;
  private context: SizeContext | undefined;

  constructor(settings: ExperimentSettings) {
    this.settings = settings;
  }

  /**
   * The results of replicate r at size p, one per head: runReplicate(settings, prepareSize(settings, p), r).
   * @param p model size
   * @param replicate replicate index r >= 0
   * @throws whatever prepareSize or runReplicate throws (HeadtuneError subclasses)
   */
  run(p: number, replicate: number): ReplicateResult[] {
    if (this.context?.p !== p) {
      this.context = undefined;
      this.context = prepareSize(this.settings, p);
    }
    return runReplicate(this.settings, this.context, replicate);
  }
}
