/**
 * Runs tasks in the calling thread (a worker, or the main thread with workers: 0). It keeps the prepared
 * size (model, population, theory) of the last p it saw: tasks of one size reuse it. A world's prepareSize is
 * a pure function of (settings, p), so the cache never changes results.
 */
import type { ExperimentSettings } from "../experiment/settings.js";
import type { ReplicateResult, World } from "../experiment/world.js";
import { worldOf, type AnySize } from "../experiment/worlds.js";

export class TaskRunner {
  private readonly settings: ExperimentSettings;
  private readonly world: World<AnySize>;
  private size: AnySize | undefined;

  /**
   * @param settings checked settings (runSweep parsed them, and checked that its largest size fits in memory):
   *   the tasks run on them without checking again
   */
  constructor(settings: ExperimentSettings) {
    this.settings = settings;
    this.world = worldOf(settings);
  }

  /**
   * The results of replicate r at size p, one per head: the world's runReplicate(settings, prepareSize(settings, p), r).
   * @param p model size, a size of the sweep's grid
   * @param replicate replicate index r >= 0
   * @throws whatever the world's prepareSize or runReplicate throws (HeadtuneError subclasses)
   */
  run(p: number, replicate: number): ReplicateResult[] {
    if (this.size?.p !== p) {
      this.size = undefined;
      this.size = this.world.prepareSize(this.settings, p);
    }
    return this.world.runReplicate(this.settings, this.size, replicate);
  }
}
