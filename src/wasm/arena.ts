/**
 * The TypeScript side of WebAssembly memory: a bump allocator over the module's linear memory.
 * Allocations are released in stack order (mark / release, or scope()). Float64Array views are obtained
 * through `f64`, which rebuilds the view when growth detached the old buffer: never hold a view across a
 * call that may allocate.
 */
import { TooLargeError } from "../errors.js";
import { formatBytes } from "./memory.js";

const PAGE_BYTES = 65536;
/** Allocations are aligned to 16 bytes so that SIMD loads of f64 pairs are aligned. */
const ALIGN = 16;

export class Arena {
  readonly memory: WebAssembly.Memory;
  readonly base: number;
  /** Largest byte address the memory may reach (the module's maximum, at most 4 GiB). */
  readonly limitBytes: number;
  private top: number;
  private buffer: ArrayBuffer;
  private f64View: Float64Array;
  private u32View: Uint32Array;

  constructor(memory: WebAssembly.Memory, base: number, maxPages = 65536) {
    this.memory = memory;
    this.base = align(base);
    this.top = this.base;
    this.limitBytes = maxPages * PAGE_BYTES;
    this.buffer = memory.buffer;
    this.f64View = new Float64Array(this.buffer);
    this.u32View = new Uint32Array(this.buffer);
  }

  /** Reserves `count` f64 (uninitialized) and returns the byte pointer. `what` names it in errors. */
  alloc(count: number, what = "allocation"): number {
    const ptr = this.top;
    const end = ptr + align(count * 8);
    if (end > this.limitBytes) {
      throw new TooLargeError(
        `${what} needs ${count} f64 (${formatBytes(count * 8)}) but only ${formatBytes(this.limitBytes - ptr)} of WebAssembly memory is left (limit ${formatBytes(this.limitBytes)}).`,
        { what, count, limitBytes: this.limitBytes, availableBytes: this.limitBytes - ptr },
      );
    }
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE_BYTES);
      try {
        this.memory.grow(pages);
      } catch {
        throw new TooLargeError(
          `${what} needs ${formatBytes(count * 8)}: the engine refused to grow WebAssembly memory to ${formatBytes(have + pages * PAGE_BYTES)}.`,
          { what, count, limitBytes: this.limitBytes },
        );
      }
    }
    this.top = end;
    return ptr;
  }

  /** Reserves `count` f64 and copies `data` (length count) into them. */
  allocFrom(data: Float64Array, what?: string): number {
    const ptr = this.alloc(data.length, what);
    this.f64.set(data, ptr / 8);
    return ptr;
  }

  mark(): number {
    return this.top;
  }

  release(mark: number): void {
    this.top = mark;
  }

  /** Runs fn and releases everything it allocated, also when it throws. */
  scope<T>(fn: () => T): T {
    const mark = this.top;
    try {
      return fn();
    } finally {
      this.top = mark;
    }
  }

  /** The whole memory as f64 (index = byte pointer / 8); valid until the next allocation. */
  get f64(): Float64Array {
    this.refresh();
    return this.f64View;
  }

  /** The whole memory as u32 (index = byte pointer / 4); valid until the next allocation. */
  get u32(): Uint32Array {
    this.refresh();
    return this.u32View;
  }

  /** A view of `count` f64 at ptr; valid until the next allocation. */
  view(ptr: number, count: number): Float64Array {
    return this.f64.subarray(ptr / 8, ptr / 8 + count);
  }

  /** A copy of `count` f64 at ptr, safe to keep or transfer. */
  read(ptr: number, count: number): Float64Array {
    return this.f64.slice(ptr / 8, ptr / 8 + count);
  }

  write(ptr: number, data: ArrayLike<number>): void {
    this.f64.set(data, ptr / 8);
  }

  private refresh(): void {
    if (this.buffer !== this.memory.buffer) {
      this.buffer = this.memory.buffer;
      this.f64View = new Float64Array(this.buffer);
      this.u32View = new Uint32Array(this.buffer);
    }
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
