/**
 * Painting at a readable rate (src/elements/paint.ts), on a clock the test moves: requests within one interval
 * share one painting; nothing is painted, and no frame requested, while nothing changes; flush paints a pending
 * change at once and nothing otherwise.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { elapsedText, Painter } from "../../src/elements/paint.js";

/** Animation frames as the timers' next tick (counted: an idle painter must request none). */
let frames = 0;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
  frames = 0;
  vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => {
    frames += 1;
    return setTimeout(() => callback(performance.now()), 0) as unknown as number;
  });
  vi.stubGlobal("cancelAnimationFrame", (id: number) => clearTimeout(id));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("Painter", () => {
  it("paints at once the first time, then at most once per interval however many changes come", () => {
    let paintings = 0;
    const painter = new Painter(() => (paintings += 1), 1000);
    painter.request();
    vi.advanceTimersByTime(1);
    expect(paintings).toBe(1);
    for (let t = 0; t < 100; t++) {
      painter.request();
      vi.advanceTimersByTime(10);
    }
    // 1000 ms of requests after the first painting: one painting, 1000 ms after the first (in the next frame).
    expect(paintings).toBe(1);
    vi.advanceTimersByTime(1);
    expect(paintings).toBe(2);
    vi.advanceTimersByTime(5000);
    expect(paintings).toBe(2);
    expect(frames).toBe(2);
  });

  it("flushes a pending change at once, and does nothing when none is pending", () => {
    let paintings = 0;
    const painter = new Painter(() => (paintings += 1), 1000);
    painter.flush();
    expect(paintings).toBe(0);
    painter.request();
    painter.flush();
    expect(paintings).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(paintings).toBe(1);
    painter.request();
    painter.cancel();
    vi.advanceTimersByTime(2000);
    expect(paintings).toBe(1);
  });
});

describe("elapsedText", () => {
  it("shows whole seconds", () => {
    const started = performance.now();
    vi.advanceTimersByTime(2999);
    expect(elapsedText(started)).toBe("2 s");
    vi.advanceTimersByTime(1);
    expect(elapsedText(started)).toBe("3 s");
  });
});
