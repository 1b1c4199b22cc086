import { describe, expect, it } from "vitest";
import { theoryTracking, type TrackedSize } from "../../src/report/theory-tracking.js";

function size(p: number, mean: number, theory: number, se = 0.01): TrackedSize {
  return { p, gamma: p / 200, risk_mean: mean, risk_se: se, risk_median: mean * 0.9, theory_risk: theory, theory_risk_se: 0 };
}

describe("theoryTracking", () => {
  it("names the first size where the mean leaves both 10% and 3 se of the theory", () => {
    const text = theoryTracking([size(10, 1.05, 1), size(25, 0.95, 1), size(50, 1.2, 1), size(100, 7.9, 1.4)]);
    expect(text).toContain("up to g = 0.125 (p = 25) and stops at g = 0.25 (p = 50)");
    expect(text).toContain("simulated mean / theory = 5.64 (median / theory 5.08) at g = 0.5 (p = 100)");
  });

  it("counts a gap within 3 combined se as tracking, and says so when every size is tracked", () => {
    const text = theoryTracking([size(10, 1.2, 1, 0.1), size(20, 1.02, 1)]);
    expect(text).toContain("at every size");
    expect(text).toContain("at g = 0.05 (p = 10)");
  });

  it("says when the theory fails from the smallest size", () => {
    expect(theoryTracking([size(10, 2, 1), size(20, 1, 1)])).toContain("at no size and stops at g = 0.05 (p = 10)");
  });
});
