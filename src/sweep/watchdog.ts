/**
 * The time limit of a sweep task: a task still running past it is taken for a stuck worker (an endless loop),
 * which the pool terminates and retries once on a fresh worker. By default the limit is a generous multiple
 * of the cost model's prediction for the task's size, and never below a minute, so that a slow machine never
 * trips it while a stuck worker is still caught.
 */
import type { ExperimentSettings } from "../experiment/settings.js";
import { taskSeconds } from "./cost.js";

/** The default limit is never below this (seconds). */
export const MIN_TASK_LIMIT_SECONDS = 60;
/** The default limit is this multiple of the cost model's prediction (itself at a pessimistic rate). */
export const TASK_LIMIT_MULTIPLE = 10;

/**
 * The default time limit of a task of size p: max(60 s, 10 taskSeconds(settings, p)).
 * @param settings the experiment settings
 * @param p model size
 * @example defaultTaskLimitSeconds(experimentSettings(presetConfig("quick")), 120) // 60
 */
export function defaultTaskLimitSeconds(settings: ExperimentSettings, p: number): number {
  return Math.max(MIN_TASK_LIMIT_SECONDS, TASK_LIMIT_MULTIPLE * taskSeconds(settings, p));
}

/** The failure of a task attempt that ran past its limit (the pool then terminates its worker). */
export class TaskTimeoutError extends Error {
  /** The limit, in seconds. */
  readonly limitSeconds: number;

  constructor(limitSeconds: number) {
    super(`it ran past its time limit of ${formatSeconds(limitSeconds)} (the worker was terminated; --task-timeout SECONDS sets the limit, 0 disables it)`);
    this.name = "TaskTimeoutError";
    this.limitSeconds = limitSeconds;
  }
}

/** setTimeout's longest delay (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A promise that rejects with a TaskTimeoutError after limitSeconds (never for 0, or past 24.8 days), and its cancel.
 * @param limitSeconds the limit; 0 for none
 */
export function deadline(limitSeconds: number): { expired: Promise<never>; cancel: () => void } {
  if (limitSeconds === 0 || limitSeconds * 1000 > MAX_TIMER_MS) return { expired: new Promise<never>(() => undefined), cancel: () => undefined };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TaskTimeoutError(limitSeconds)), limitSeconds * 1000);
  });
  expired.catch(() => undefined);
  return { expired, cancel: () => clearTimeout(timer) };
}

function formatSeconds(seconds: number): string {
  return `${Number(seconds.toPrecision(3))} s`;
}
