import { describe, expect, it } from "vitest";
import { getCore, init } from "../src/wasm/core.js";
import { hasWasmSimd } from "../src/wasm/probe.js";
import { TooLargeError } from "../src/errors.js";

describe("core loading", () => {
  it("probes SIMD on this engine", () => {
    expect(hasWasmSimd()).toBe(true);
  });

  it("instantiates once per thread, synchronously or not", async () => {
    const a = getCore();
    const b = await init();
    expect(a).toBe(b);
    expect(a.arena.base).toBeGreaterThan(0);
  });
});

describe("arena", () => {
  it("rebuilds views after memory growth and keeps the data", () => {
    const { arena } = getCore();
    arena.scope(() => {
      const p = arena.allocFrom(new Float64Array([1, 2, 3]));
      const before = arena.f64;
      arena.alloc(8 * 1024 * 1024); // 64 MiB: forces growth
      expect(before.buffer.byteLength === 0 || before.buffer !== arena.f64.buffer).toBe(true);
      expect(Array.from(arena.read(p, 3))).toEqual([1, 2, 3]);
    });
  });

  it("aligns every allocation to 16 bytes and releases in scope order", () => {
    const { arena } = getCore();
    const mark = arena.mark();
    const p1 = arena.alloc(3);
    const p2 = arena.alloc(1);
    expect(p1 % 16).toBe(0);
    expect(p2 % 16).toBe(0);
    expect(p2 - p1).toBe(32);
    arena.release(mark);
    expect(arena.mark()).toBe(mark);
  });

  it("refuses a request past the memory limit before allocating, naming the limit", () => {
    const { arena } = getCore();
    const mark = arena.mark();
    expect(() => arena.alloc(2 ** 30, "X")).toThrow(TooLargeError);
    expect(() => arena.alloc(2 ** 30, "X")).toThrow(/X needs 1073741824 f64 \(8\.00 GiB\).*limit 4\.00 GiB/);
    expect(arena.mark()).toBe(mark);
  });
});
