/**
 * The progress of a sweep on stderr: a bar redrawn in place on a terminal (tasks done, rate, time left), plain
 * lines otherwise (at every tenth of the tasks, and every 30 s). The time left comes from the estimated work of the tasks (sizes
 * differ a lot in cost), not from their count.
 */
import type { SweepProgress } from "../sweep/run.js";

export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

const BAR = 24;
const REDRAW_MS = 100;
/** Without a terminal: a line per tenth of the tasks, and at least one every 30 s. */
const LINE_EVERY_MS = 30_000;

export class ProgressDisplay {
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly start: number;
  private lastDraw = -Infinity;
  private lastTenth = -1;
  private latest: SweepProgress | undefined;

  /**
   * @param stream where to write (process.stderr)
   * @param now clock in milliseconds (performance.now)
   */
  constructor(stream: ProgressStream, now: () => number = () => performance.now()) {
    this.stream = stream;
    this.now = now;
    this.start = now();
  }

  /** Takes a progress report (SweepOptions.onProgress). */
  update(progress: SweepProgress): void {
    this.latest = progress;
    const t = this.now();
    if (this.stream.isTTY) {
      if (t - this.lastDraw >= REDRAW_MS || progress.done === progress.total) {
        this.lastDraw = t;
        this.stream.write(`\r${this.line(progress, t)}\x1b[K`);
      }
      return;
    }
    const tenth = progress.total === 0 ? 10 : Math.floor((10 * progress.done) / progress.total);
    if (tenth > this.lastTenth || t - this.lastDraw >= LINE_EVERY_MS) {
      this.lastTenth = tenth;
      this.lastDraw = t;
      this.stream.write(`headtune: ${this.line(progress, t)}\n`);
    }
  }

  /** Ends the display (the terminal's line is finished so that later output starts on a fresh one). */
  finish(): void {
    if (this.stream.isTTY && this.latest) this.stream.write("\n");
  }

  private line(progress: SweepProgress, t: number): string {
    const { done, total, resumed, workDone, workTotal } = progress;
    const seconds = (t - this.start) / 1000;
    const ran = done - resumed;
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * BAR);
    const bar = this.stream.isTTY ? `[${"#".repeat(filled)}${"-".repeat(BAR - filled)}] ` : "";
    const rate = ran > 0 && seconds > 0 ? `, ${formatRate(ran / seconds)} tasks/s` : "";
    const left =
      done === total ? `, done in ${formatDuration(seconds)}` : workDone > 0 ? `, about ${formatDuration((seconds * (workTotal - workDone)) / workDone)} left` : "";
    const from = resumed > 0 ? ` (${resumed} from the checkpoint)` : "";
    return `${bar}${done}/${total} tasks${from} ${Math.floor(100 * fraction)}%${rate}${left}`;
  }
}

function formatRate(rate: number): string {
  return rate >= 10 ? rate.toFixed(0) : rate >= 1 ? rate.toFixed(1) : rate.toFixed(2);
}

/** 0.4s, 42s, 3m05s, 1h02m. */
export function formatDuration(seconds: number): string {
  if (seconds < 9.95) return `${Math.max(0, seconds).toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}
