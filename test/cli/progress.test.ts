import { describe, expect, it } from "vitest";
import { formatDuration, ProgressDisplay } from "../../src/cli/progress.js";
import type { SweepProgress } from "../../src/sweep/run.js";

/** A stream that records what is written, and a clock the test moves. */
function setup(isTTY: boolean) {
  const written: string[] = [];
  let now = 0;
  const display = new ProgressDisplay({ isTTY, write: (text: string) => written.push(text) }, () => now);
  return { written, display, at: (ms: number) => (now = ms) };
}

const step = (done: number, total = 20, resumed = 0): SweepProgress => ({
  done,
  total,
  resumed,
  workDone: done - resumed,
  workTotal: total - resumed,
});

describe("ProgressDisplay", () => {
  it("without a terminal: one plain line per tenth of the tasks, with the rate and the time left", () => {
    const { written, display, at } = setup(false);
    for (let done = 0; done <= 20; done++) {
      at(done * 1000);
      display.update(step(done));
    }
    display.finish();
    expect(written).toHaveLength(11);
    expect(written.every((line) => line.startsWith("headtune: ") && line.endsWith("\n"))).toBe(true);
    // After 4 of 20 equal tasks in 4 s: 1 task/s, 16 s left.
    expect(written[2]).toBe("headtune: 4/20 tasks 20%, 1.0 tasks/s, about 16s left\n");
    expect(written[10]).toBe("headtune: 20/20 tasks 100%, 1.0 tasks/s, done in 20s\n");
  });

  it("without a terminal: a line at least every 30 s when tasks are slow", () => {
    const { written, display, at } = setup(false);
    display.update(step(0, 1000));
    at(31_000);
    display.update(step(1, 1000));
    at(40_000);
    display.update(step(2, 1000));
    expect(written).toHaveLength(2);
    expect(written[1]).toMatch(/^headtune: 1\/1000 tasks 0%, 0\.03 tasks\/s, about 8h36m left\n$/);
  });

  it("on a terminal: a bar redrawn in place at most every 100 ms, always at the end, then a newline", () => {
    const { written, display, at } = setup(true);
    display.update(step(0));
    at(50);
    display.update(step(1));
    at(150);
    display.update(step(10));
    at(160);
    display.update(step(20));
    display.finish();
    expect(written).toHaveLength(4);
    expect(written[1]).toBe("\r[############------------] 10/20 tasks 50%, 67 tasks/s, about 0.1s left\x1b[K");
    expect(written[2]).toMatch(/^\r\[#{24}\] 20\/20 tasks 100%.*done in 0\.2s\x1b\[K$/);
    expect(written[3]).toBe("\n");
  });

  it("counts checkpoint tasks as done but not in the rate", () => {
    const { written, display, at } = setup(false);
    display.update(step(10, 20, 10));
    at(2000);
    display.update(step(12, 20, 10));
    expect(written[0]).toBe("headtune: 10/20 tasks (10 from the checkpoint) 50%\n");
    expect(written[1]).toBe("headtune: 12/20 tasks (10 from the checkpoint) 60%, 1.0 tasks/s, about 8.0s left\n");
  });
});

describe("formatDuration", () => {
  it.each([
    [0.04, "0.0s"],
    [4.26, "4.3s"],
    [42.4, "42s"],
    [185, "3m05s"],
    [3725, "1h02m"],
  ])("%d s -> %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
