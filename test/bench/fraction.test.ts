import { describe, expect, it } from "vitest";
import { fractionOfPeak } from "../../bench/kernels.js";

describe("fractionOfPeak", () => {
  const work = 3e9;
  const peakFlops = 2e8;
  // A product at 85% of a 25 GFLOP/s peak: 0.1411... s per call, 8 ms per peak call at full clock.
  const product = work / (0.85 * 25e9);
  const peakCall = peakFlops / 25e9;

  it("is the fraction of the peak whatever the clock does from round to round, when both move alike", () => {
    const clock = [1, 1.3, 0.9, 1.7, 1.05];
    const f = fractionOfPeak(work, clock.map((s) => s * product), peakFlops, clock.map((s) => s * peakCall));
    expect(f).toBeCloseTo(0.85, 12);
  });

  it("is not decided by one lucky call on either side, as a ratio of the fastest calls would be", () => {
    const times = [1, 1, 1, 1, 0.8].map((s) => s * product);
    const peakTimes = [1, 0.7, 1, 1, 1].map((s) => s * peakCall);
    // The ratio of the fastest calls would read 0.85 x 0.7 / 0.8 = 0.74 here.
    expect(fractionOfPeak(work, times, peakFlops, peakTimes)).toBeCloseTo(0.85, 12);
  });
});
