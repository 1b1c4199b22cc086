/**
 * The timing protocol, the same here and in bench/peers/numpy_peer.py: warm-up calls until at least one
 * call and a quarter of the budget have passed; then timed calls until the budget has passed and at least
 * 3 calls were made (1 when the warm-up call took over 1 s), at most maxReps. Each call is timed alone, so
 * the untimed reset() of a trial can run between calls. Reports the median and the minimum with the count.
 */
import { median } from "../src/median.js";
import type { Trial } from "./suite.js";

export interface Timing {
  /** Seconds. */
  median: number;
  min: number;
  count: number;
}

export interface TimingOptions {
  /** Seconds of timed calls to aim for. */
  budget: number;
  maxReps: number;
}

const SLOW_CALL_SECONDS = 1;
const MIN_REPS = 3;

/** Seconds of one call of trial.run(), after its untimed reset(). */
export function timedCall(trial: Trial): number {
  trial.reset?.();
  const t0 = performance.now();
  trial.run();
  return (performance.now() - t0) / 1000;
}

/** Times trial.run() by the protocol above. */
export function measure(trial: Trial, { budget, maxReps }: TimingOptions): Timing {
  let warm = 0;
  let warmCalls = 0;
  let firstCall = 0;
  while (warmCalls === 0 || (warm < budget / 4 && warmCalls < maxReps)) {
    const t = timedCall(trial);
    if (warmCalls === 0) firstCall = t;
    warm += t;
    warmCalls++;
  }
  const minReps = firstCall > SLOW_CALL_SECONDS ? 1 : MIN_REPS;
  const times: number[] = [];
  let spent = 0;
  while ((times.length < minReps || spent < budget) && times.length < maxReps) {
    const t = timedCall(trial);
    times.push(t);
    spent += t;
  }
  return { median: median(times), min: Math.min(...times), count: times.length };
}
