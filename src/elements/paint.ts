/**
 * Painting at a rate a person can read, so that a running sweep leaves the cores to its workers: a change is
 * painted in an animation frame no sooner than `intervalMs` after the last painting, and nothing is painted
 * (no frame even requested) while nothing changes. A timer waits out the interval, not a chain of animation
 * frames: a frame requested every 16 ms keeps the page's compositor busy for nothing.
 */

/** How often the elements repaint while they run: counts and bars twice a second, plots once a second. */
export const PAINT_INTERVAL_MS = { progress: 500, plot: 1000 } as const;

/** Coalesces requests to paint into at most one painting per interval. */
export class Painter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private last = -Infinity;

  /**
   * @param paint draws the latest state (called in an animation frame, or at once by flush)
   * @param intervalMs the least time between two paintings, milliseconds
   */
  constructor(
    private readonly paint: () => void,
    private readonly intervalMs: number,
  ) {}

  /** Something changed: paint it at the next allowed frame (requests before then share that painting). */
  request(): void {
    if (this.timer !== undefined || this.frame !== 0) return;
    const wait = Math.max(0, this.last + this.intervalMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.run();
      });
    }, wait);
  }

  /** Paints now if a painting is pending (at the end of a run, so that its last state shows at once). */
  flush(): void {
    if (this.timer === undefined && this.frame === 0) return;
    this.cancel();
    this.run();
  }

  /** Drops a pending painting. */
  cancel(): void {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.timer = undefined;
    this.frame = 0;
  }

  private run(): void {
    this.last = performance.now();
    this.paint();
  }
}

/**
 * Seconds since `started` as the elements show them while running: whole seconds (a tenth that changes ten
 * times a second cannot be read, and costs a paint each time).
 * @param started performance.now() at the start
 */
export function elapsedText(started: number): string {
  return `${Math.floor((performance.now() - started) / 1000)} s`;
}
